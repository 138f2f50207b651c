import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import { TokenBucket, type CollabLimits } from './limits'
import type { PresenceOwner } from './presence'
import type { CollabAccess, CollabConnectionInfo } from './types'

let nextConnectionId = 1

/**
 * The first frame for a peer in a turn of the event loop is written at once, as ws (and the
 * reference server) would; any further frames for that peer in the same turn are corked and
 * leave together in one write after the I/O phase. Under load, when several updates and cursor
 * moves for the same peer arrive together, this saves syscalls (writev was the largest item in
 * the server's profile) and TCP segments on both ends, without holding back the first frame
 * until the rest of the turn's messages are handled (ADR 0029).
 */
const written = new Set<Duplex>()
const corked = new Set<Duplex>()
function endTurn(): void {
  for (const socket of corked) socket.uncork()
  corked.clear()
  written.clear()
}
function beforeWrite(socket: Duplex): void {
  if (written.size === 0) setImmediate(endTurn)
  if (!written.has(socket)) {
    written.add(socket)
    return
  }
  if (corked.has(socket)) return
  socket.cork()
  corked.add(socket)
}

/** One participant's socket in one room, plus the bookkeeping the limits need. */
export class Connection implements CollabConnectionInfo, PresenceOwner {
  readonly id = nextConnectionId++
  readonly ownedClientIDs = new Set<number>()
  readonly rate: TokenBucket
  /** Cost in bytes: what the peer sends, and what its sync requests make us send (issue 10). */
  readonly bytes: TokenBucket
  readonly structs: TokenBucket
  /** Client IDs this connection has ever claimed (bounded, so claim-then-release cannot grow state). */
  claims = 0
  /** A full-state reply still on its way to the peer; a second request is not answered meanwhile. */
  replyOutstanding = false
  droppedSyncRequests = 0
  /** Messages held while the room loads. */
  pending: Uint8Array[] = []
  pendingBytes = 0
  /**
   * Set by a pong only (not by other frames: a peer that floods requests but never reads our
   * replies must not stay alive by sending); cleared by each heartbeat tick.
   */
  alive = true
  /** When the peer was last sent anything (see KEEPALIVE_MESSAGE). */
  lastSentAt = Date.now()
  /** Misbehaviour that is tolerated is logged once per connection, not once per keystroke. */
  private readonly warned = new Set<string>()
  closed = false

  constructor(
    readonly socket: WebSocket,
    /** The TCP socket under `socket`, for corking. */
    private readonly transport: Duplex,
    readonly docName: string,
    readonly access: CollabAccess,
    private readonly limits: CollabLimits,
    /** Called when the peer's unread data passes the cap; the server closes the connection. */
    private readonly onOverflow: (conn: Connection) => void,
  ) {
    this.rate = new TokenBucket(limits.messagesPerSecond, limits.messageBurst)
    this.bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst)
    this.structs = new TokenBucket(limits.structsPerSecond, limits.structBurst)
  }

  get userId(): string {
    return this.access.userId
  }

  get sessionId(): string | undefined {
    return this.access.sessionId
  }

  get readOnly(): boolean {
    return this.access.readOnly
  }

  get label(): string | undefined {
    return this.access.label
  }

  /**
   * Sends unless the socket is closing. Every message, whatever its kind, counts against the
   * send-buffer cap: a peer whose unread data passes it is closed. `done` runs once the
   * message has left for the network (or could not be sent).
   */
  send(message: Uint8Array, done?: () => void): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) {
      done?.()
      return
    }
    beforeWrite(this.transport)
    this.socket.send(message, done === undefined ? undefined : () => done())
    this.lastSentAt = Date.now()
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) this.onOverflow(this)
  }

  /**
   * Writes a frame made by `websocketFrame` straight to the socket, as ws itself would: safe
   * because the server turns permessage-deflate off and never sends blobs, so ws never holds
   * frames back in a queue that this write could overtake. Same checks and cap as `send`.
   */
  sendFrame(frame: Buffer): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    beforeWrite(this.transport)
    this.transport.write(frame)
    this.lastSentAt = Date.now()
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) this.onOverflow(this)
  }

  /**
   * Starts the close handshake and stops all further traffic at once; a peer that does not
   * answer the handshake is cut off after `graceMs`.
   */
  close(code: number, reason: string, graceMs: number): void {
    if (this.closed) return
    this.closed = true
    this.pending = []
    try {
      this.socket.close(code, truncateReason(reason))
    } catch {
      this.socket.terminate()
      return
    }
    const timer = setTimeout(() => this.socket.terminate(), graceMs)
    timer.unref()
    this.socket.once('close', () => clearTimeout(timer))
  }

  /** True the first time it is called with `what`. */
  firstWarning(what: string): boolean {
    if (this.warned.has(what)) return false
    this.warned.add(what)
    return true
  }

  info(): Record<string, unknown> {
    return { connectionId: this.id, docName: this.docName, userId: this.userId, readOnly: this.readOnly, label: this.label }
  }
}

/** Close reasons are limited to 123 bytes of UTF-8 by RFC 6455. */
function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason)
  return bytes.length <= 123 ? reason : bytes.subarray(0, 120).toString('utf8')
}
