import * as Y from 'yjs'
import type { Connection } from './connection'
import { CloseCode, ECHO_COST, type CollabLimits, type CollabTimings } from './limits'
import { Presence } from './presence'
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  inspectUpdate,
  ProtocolError,
  updateFrame,
  websocketFrame,
  type IncomingAwareness,
  type IncomingMessage,
} from './protocol'
import type { CollabFanout, CollabLogger, CollabPersistence, FanoutLink, FanoutRoom } from './types'

export type DocChangedHook = (docName: string, doc: Y.Doc) => void | Promise<void>
/** Runs once the stored state is in, before any client syncs (e.g. schema migrations). */
export type DocLoadedHook = (docName: string, doc: Y.Doc, origin: unknown) => void

/** What a room needs from the server that owns it. */
export type RoomContext = {
  persistence: CollabPersistence
  logger: CollabLogger
  limits: CollabLimits
  timings: CollabTimings
  counters: { updatesApplied: number; updatesRefusedReadOnly: number }
  onDocChanged: DocChangedHook | undefined
  onDocLoaded?: DocLoadedHook | undefined
  /** Other nodes serving the same documents (ADR 0043); absent on a single node. */
  fanout?: CollabFanout | undefined
  /** False while persistence is unhealthy: updates are refused, not applied (ADR 0032). */
  isSaving(): boolean
  /** Closes a connection for cause (counted and logged by the server). */
  disconnect(conn: Connection, code: number, reason: string): void
  /** The room is gone from memory; the server must forget it. */
  onUnloaded(room: Room): void
}

/** Sync requests dropped (previous reply unsent) before the connection is closed. */
const MAX_DROPPED_SYNC_REQUESTS = 8

/** Transaction origin for changes made by the host (seeding, imports), not by a connection. */
export const SERVER_ORIGIN = Symbol('collab-server')

/**
 * Transaction origin for updates another node accepted (ADR 0043). That node persisted them
 * and runs onDocChanged for them; here they are only applied and relayed.
 */
export const REMOTE_ORIGIN = Symbol('collab-remote')

/**
 * One document in memory and the connections editing or watching it. The Y.Doc here is the
 * single authority for the document's content: it is loaded from persistence once, every
 * accepted update is appended to persistence and relayed, and it is compacted when idle.
 * With a fan-out (ADR 0043) each node's room is that authority for what its own sockets send,
 * and applies and relays what the other nodes' rooms accepted.
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly connections = new Set<Connection>()
  state: 'loading' | 'ready' | 'failed' | 'unloaded' = 'loading'
  readonly loaded: Promise<void>
  private readonly presence: Presence
  private holds = 0
  private idleTimer: NodeJS.Timeout | null = null
  private updatesSinceCompaction = 0
  private firstUncompactedAt: number | null = null
  private compacting: Promise<void> | null = null
  private docChangedTimer: NodeJS.Timeout | null = null
  private docChangedFirstAt: number | null = null
  private docChangedRun: Promise<void> | null = null
  private docChangedAgain = false
  /**
   * The whole document as a sync step 2, kept until the next change: most step 1s (every
   * fresh client) ask for all of it, and answering them all with one shared buffer costs one
   * encoding instead of one per request (issue 10, point 1).
   */
  private fullState: Buffer | null = null
  /** Size of the last full state, the price of a step 1 whose reply is not encoded yet. */
  private fullStateBytes = 0
  private readonly link: FanoutLink | null

  constructor(
    readonly docName: string,
    private readonly ctx: RoomContext,
  ) {
    this.presence = new Presence({
      maxClientsPerOwner: ctx.limits.maxAwarenessClientsPerConnection,
      maxClaimsPerOwner: ctx.limits.maxAwarenessClaimsPerConnection,
      maxStateBytes: ctx.limits.maxAwarenessStateBytes,
      maxDeparted: ctx.limits.maxDepartedPerRoom,
    })
    // Subscribed before loading, so nothing another node accepts meanwhile is missed.
    this.link = ctx.fanout?.open(docName, this.fanoutRoom()) ?? null
    this.loaded = this.load()
  }

  private fanoutRoom(): FanoutRoom {
    return {
      applyRemoteUpdate: update => {
        if (this.state === 'unloaded' || this.state === 'failed') return
        try {
          Y.applyUpdate(this.doc, update, REMOTE_ORIGIN)
        } catch (error) {
          this.ctx.logger.error({ err: error, docName: this.docName }, 'collab update from another node could not be applied')
        }
      },
      relayRemoteAwareness: message => this.broadcast(message, null),
      stateVector: () => (this.state === 'ready' ? Y.encodeStateVector(this.doc) : null),
      stateAsUpdate: stateVector => (this.state === 'ready' ? Y.encodeStateAsUpdate(this.doc, stateVector) : null),
      localAwareness: () => (this.presence.size > 0 ? encodeAwareness(this.presence.all()) : null),
    }
  }

  get presenceCounts(): { entries: number; departed: number } {
    return { entries: this.presence.size, departed: this.presence.departedSize }
  }

  get loading(): boolean {
    return this.state === 'loading'
  }

  private get idle(): boolean {
    return this.connections.size === 0 && this.holds === 0
  }

  private async load(): Promise<void> {
    try {
      const stored = await this.ctx.persistence.load(this.docName)
      if (stored !== null) Y.applyUpdate(this.doc, stored, SERVER_ORIGIN)
      this.fullStateBytes = stored?.byteLength ?? 0
    } catch (error) {
      this.state = 'failed'
      this.ctx.logger.error({ err: error, docName: this.docName }, 'collab room failed to load')
      for (const conn of [...this.connections]) this.ctx.disconnect(conn, CloseCode.internalError, 'document unavailable')
      this.destroy()
      return
    }
    // Registered after loading so the stored state is not appended to persistence again.
    this.doc.on('update', this.onUpdate)
    // After registering, so what the hook writes (a migration) is persisted like any change.
    try {
      this.ctx.onDocLoaded?.(this.docName, this.doc, SERVER_ORIGIN)
    } catch (error) {
      this.ctx.logger.error({ err: error, docName: this.docName }, 'collab onDocLoaded failed')
    }
    this.state = 'ready'
    this.link?.loaded(Y.encodeStateVector(this.doc))
    // Everyone gets the server's state vector before anyone's held messages are applied.
    for (const conn of this.connections) this.greet(conn)
    for (const conn of [...this.connections]) this.drainPending(conn)
    if (this.idle) this.scheduleUnload()
  }

  join(conn: Connection): void {
    this.connections.add(conn)
    this.cancelUnload()
    if (this.state === 'ready') this.greet(conn)
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    const removals = this.presence.removeOwner(conn)
    if (removals.length > 0) this.shareAwareness(encodeAwareness(removals), null)
    if (this.idle) this.scheduleUnload()
  }

  /** Keeps the room loaded without a connection (host-side edits). */
  hold(): void {
    this.holds++
    this.cancelUnload()
  }

  release(): void {
    this.holds--
    if (this.idle) this.scheduleUnload()
  }

  /** A binary frame from `conn`: held while loading, handled once the document is there. */
  deliver(conn: Connection, data: Uint8Array): void {
    if (this.state === 'loading') {
      conn.pending.push(data)
      conn.pendingBytes += data.byteLength
      const { maxPendingMessages, maxPendingBytes } = this.ctx.limits
      if (conn.pending.length > maxPendingMessages || conn.pendingBytes > maxPendingBytes) {
        this.ctx.disconnect(conn, CloseCode.policyViolation, 'too many messages before the document was ready')
      }
      return
    }
    if (this.state === 'ready') this.receive(conn, data)
  }

  private greet(conn: Connection): void {
    conn.send(encodeSyncStep1(this.doc))
    if (this.presence.size > 0) conn.send(encodeAwareness(this.presence.all()))
    const remote = this.link?.remoteAwareness()
    if (remote) conn.send(remote)
  }

  private drainPending(conn: Connection): void {
    const pending = conn.pending
    conn.pending = []
    conn.pendingBytes = 0
    for (const data of pending) {
      if (conn.closed) return
      this.receive(conn, data)
    }
  }

  private receive(conn: Connection, data: Uint8Array): void {
    let message: IncomingMessage
    if (!this.chargeBytes(conn, data.byteLength)) return
    try {
      message = decodeMessage(data)
      this.handle(conn, message, data)
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.ctx.disconnect(conn, CloseCode.unsupportedData, error.message)
        return
      }
      // A bug of ours must not take the room or the process down with it.
      this.ctx.logger.error({ ...conn.info(), err: error }, 'collab message handling failed')
      this.ctx.disconnect(conn, CloseCode.internalError, 'internal error')
    }
  }

  private handle(conn: Connection, message: IncomingMessage, data: Uint8Array): void {
    if (message.type === 'awareness') {
      this.receiveAwareness(conn, message, data)
      return
    }
    if (!this.charge(conn, 1)) return
    switch (message.type) {
      case 'sync-step1':
        this.answerStep1(conn, message.stateVector)
        return
      case 'sync-step2':
      case 'update':
        this.receiveUpdate(conn, message.update)
        return
      case 'query-awareness': {
        conn.send(encodeAwareness(this.presence.all()))
        const remote = this.link?.remoteAwareness()
        if (remote) conn.send(remote)
        return
      }
    }
  }

  private charge(conn: Connection, cost: number): boolean {
    if (conn.rate.take(cost)) return true
    this.ctx.disconnect(conn, CloseCode.policyViolation, 'message rate limit exceeded')
    return false
  }

  private chargeBytes(conn: Connection, bytes: number): boolean {
    if (bytes > this.ctx.limits.maxMessageBytes) {
      this.ctx.disconnect(conn, CloseCode.tooLarge, 'edit too large')
      return false
    }
    if (conn.bytes.take(bytes)) return true
    this.ctx.disconnect(conn, CloseCode.policyViolation, 'data rate limit exceeded')
    return false
  }

  /**
   * A sync step 1 is 4 bytes but asks for up to the whole document, so it is charged by its
   * reply, and a connection gets one reply at a time: a request that arrives while the last
   * reply has not left for the network yet is dropped (a stock provider sends one per connect).
   */
  private answerStep1(conn: Connection, stateVector: Uint8Array): void {
    if (conn.replyOutstanding) {
      // A stock provider sends one per connection; a stream of them while the last reply
      // sits unread is the amplification attack, not a slow reader.
      if (++conn.droppedSyncRequests > MAX_DROPPED_SYNC_REQUESTS) {
        this.ctx.disconnect(conn, CloseCode.policyViolation, 'sync requests while the previous reply is unread')
      } else if (conn.firstWarning('step1 while reply outstanding')) {
        this.ctx.logger.warn(conn.info(), 'collab sync request while the previous reply is unsent; dropped')
      }
      return
    }
    const fresh = Y.decodeStateVector(stateVector).size === 0
    const price = fresh && this.fullState !== null ? this.fullState.byteLength : this.fullStateBytes
    if (!conn.bytes.take(price)) {
      this.ctx.disconnect(conn, CloseCode.policyViolation, 'sync request rate limit exceeded')
      return
    }
    let reply: Uint8Array
    if (fresh) {
      if (this.fullState === null) {
        const encoded = encodeSyncStep2(this.doc, stateVector)
        this.fullState = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength)
        this.fullStateBytes = encoded.byteLength
      }
      reply = this.fullState
    } else {
      reply = encodeSyncStep2(this.doc, stateVector)
      this.fullStateBytes = Math.max(this.fullStateBytes, reply.byteLength)
    }
    conn.replyOutstanding = true
    conn.send(reply, () => {
      conn.replyOutstanding = false
    })
  }

  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    // Before Yjs sees it: Yjs allocates what the update declares (issue 10, point 3).
    const shape = inspectUpdate(update)
    if (shape.structs + shape.deletes > this.ctx.limits.structBurst) {
      this.ctx.disconnect(conn, CloseCode.tooLarge, 'edit too large')
      return
    }
    if (!conn.structs.take(shape.structs + shape.deletes)) {
      this.ctx.disconnect(conn, CloseCode.policyViolation, 'edit rate limit exceeded')
      return
    }
    if (conn.readOnly) {
      this.refuseReadOnlyUpdate(conn, update)
      return
    }
    if (!this.ctx.isSaving()) {
      // Neither applied nor relayed: the client keeps it and sends it again after reconnecting.
      this.ctx.disconnect(conn, CloseCode.notSaving, 'not saving - reconnecting')
      return
    }
    try {
      // Origin = the connection, so the update handler relays to everyone else.
      Y.applyUpdate(this.doc, update, conn)
    } catch (error) {
      throw new ProtocolError(`malformed update: ${(error as Error).message}`)
    }
  }

  /**
   * Observers' sync step 2 and updates are dropped, not answered with a close: the stock
   * provider sends step 2 on every connect and would reconnect in a loop. Only an attempt to
   * add content the room lacks is counted and logged (once per connection).
   */
  private refuseReadOnlyUpdate(conn: Connection, update: Uint8Array): void {
    let attempted = false
    try {
      const offered = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))
      for (const [client, clock] of offered) {
        if (clock > Y.getState(this.doc.store, client)) attempted = true
      }
    } catch (error) {
      throw new ProtocolError(`malformed update: ${(error as Error).message}`)
    }
    if (!attempted) return
    this.ctx.counters.updatesRefusedReadOnly++
    if (conn.firstWarning('read-only edit')) {
      this.ctx.logger.warn(conn.info(), 'collab read-only connection tried to edit; update dropped')
    }
  }

  private receiveAwareness(conn: Connection, message: IncomingAwareness, data: Uint8Array): void {
    const echoOnly = this.presence.isEchoOnly(conn, message)
    if (!this.charge(conn, echoOnly ? ECHO_COST : 1)) return
    // An echo changes nothing (apply would skip every entry): stop here.
    if (echoOnly) return
    const verdict = this.presence.apply(conn, message, Date.now())
    if (verdict.overClaimed && conn.firstWarning('awareness claims')) {
      this.ctx.logger.warn(conn.info(), 'collab connection claimed too many awareness client ids')
    }
    if (verdict.accepted.length === 0) return
    this.shareAwareness(verdict.accepted.length === message.entries.length ? data : encodeAwareness(verdict.accepted), conn)
  }

  /** Presence changes of this node's sockets go to this room and to the other nodes' rooms. */
  private shareAwareness(message: Uint8Array, except: unknown): void {
    this.broadcast(message, except)
    this.link?.publishAwareness(message)
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullState = null
    this.fullStateBytes += update.byteLength
    // Relayed first, and persistence hands its batch to the writer thread only after the
    // turn's frames have left, so waking that thread never delays a delivery.
    if (this.hasRecipients(origin)) this.broadcastFrame(updateFrame(update), origin)
    const remote = origin === REMOTE_ORIGIN
    // One node persists each update and projects it: the one that accepted it (ADR 0043).
    if (!remote) {
      this.link?.publishUpdate(update)
      this.ctx.persistence.append(this.docName, update)
    }
    this.ctx.counters.updatesApplied++
    // Remote updates still count towards compaction: if their node dies before its group
    // commit, this node's next snapshot stores them.
    this.updatesSinceCompaction++
    this.firstUncompactedAt ??= Date.now()
    if (this.updatesSinceCompaction >= this.ctx.timings.compactAfterUpdates) void this.compact()
    if (!remote) this.scheduleDocChanged()
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    if (this.hasRecipients(except)) this.broadcastFrame(websocketFrame(message), except)
  }

  private hasRecipients(except: unknown): boolean {
    const n = this.connections.size
    return n > 1 || (n === 1 && !this.connections.has(except as Connection))
  }

  /** One frame for the whole room: encoded once, the same bytes written to every socket. */
  private broadcastFrame(frame: Buffer, except: unknown): void {
    for (const conn of this.connections) {
      if (conn === except) continue
      conn.sendFrame(frame)
    }
  }

  /** Called about once a second by the server. */
  tick(now: number): void {
    if (this.state !== 'ready') return
    if (this.firstUncompactedAt !== null && now - this.firstUncompactedAt >= this.ctx.timings.compactIntervalMs) {
      void this.compact()
    }
    const expired = this.presence.expire(now, this.ctx.timings.awarenessTimeoutMs)
    if (expired.length > 0) this.shareAwareness(encodeAwareness(expired), null)
  }

  /**
   * Folds the appended updates into one snapshot; a failure leaves them to the next try.
   * `force` writes the state even with nothing appended since the last fold (after a failure).
   */
  compact(options: { force?: boolean } = {}): Promise<void> {
    if (this.compacting !== null) {
      if (!options.force) return this.compacting
      return this.compacting.then(() => this.compact(options))
    }
    if ((this.updatesSinceCompaction === 0 && !options.force) || this.state !== 'ready') return Promise.resolve()
    const folded = this.updatesSinceCompaction
    this.updatesSinceCompaction = 0
    this.firstUncompactedAt = null
    // No await between encoding and the call: the state covers every update appended so far.
    const state = Y.encodeStateAsUpdate(this.doc)
    this.compacting = this.ctx.persistence
      .compact(this.docName, state)
      .catch((error: unknown) => {
        this.updatesSinceCompaction += folded
        this.firstUncompactedAt ??= Date.now()
        this.ctx.logger.error({ err: error, docName: this.docName }, 'collab compaction failed')
      })
      .finally(() => {
        this.compacting = null
      })
    return this.compacting
  }

  private scheduleDocChanged(): void {
    if (this.ctx.onDocChanged === undefined) return
    const now = Date.now()
    this.docChangedFirstAt ??= now
    const { docChangedDebounceMs, docChangedMaxWaitMs } = this.ctx.timings
    const wait = Math.min(docChangedDebounceMs, Math.max(0, this.docChangedFirstAt + docChangedMaxWaitMs - now))
    if (this.docChangedTimer !== null) clearTimeout(this.docChangedTimer)
    this.docChangedTimer = setTimeout(() => void this.runDocChanged(), wait)
  }

  private async runDocChanged(): Promise<void> {
    const hook = this.ctx.onDocChanged
    if (hook === undefined) return
    if (this.docChangedTimer !== null) clearTimeout(this.docChangedTimer)
    this.docChangedTimer = null
    this.docChangedFirstAt = null
    if (this.docChangedRun !== null) {
      // Never run the hook twice at once for a doc; run again once the current run is done.
      this.docChangedAgain = true
      return this.docChangedRun
    }
    this.docChangedRun = (async () => {
      try {
        await hook(this.docName, this.doc)
      } catch (error) {
        this.ctx.logger.error({ err: error, docName: this.docName }, 'collab onDocChanged failed')
      }
    })()
    await this.docChangedRun
    this.docChangedRun = null
    if (this.docChangedAgain) {
      this.docChangedAgain = false
      this.scheduleDocChanged()
    }
  }

  /** Runs a pending onDocChanged now instead of after the debounce. */
  private async flushDocChanged(): Promise<void> {
    if (this.docChangedTimer !== null || this.docChangedAgain) {
      this.docChangedAgain = false
      await this.runDocChanged()
    }
    if (this.docChangedRun !== null) await this.docChangedRun
  }

  private scheduleUnload(): void {
    if (this.idleTimer !== null || this.state !== 'ready') return
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      void this.unloadIfIdle()
    }, this.ctx.timings.roomIdleMs)
    this.idleTimer.unref()
  }

  private cancelUnload(): void {
    if (this.idleTimer === null) return
    clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  /** Waits for a compaction in flight, then folds what arrived meanwhile. */
  private async compactAll(): Promise<void> {
    await this.compact()
    if (this.updatesSinceCompaction > 0) await this.compact()
  }

  private async unloadIfIdle(): Promise<void> {
    if (!this.idle || this.state !== 'ready') return
    await this.flushDocChanged()
    await this.compactAll()
    // Someone may have joined while we were writing; then the room simply stays.
    if (!this.idle || this.state !== 'ready') return
    this.destroy()
  }

  /** For shutdown: the last onDocChanged and a final compaction, then gone. */
  async close(): Promise<void> {
    await this.loaded
    if (this.state !== 'ready') return
    this.cancelUnload()
    await this.flushDocChanged()
    await this.compactAll()
    this.destroy()
  }

  private destroy(): void {
    if (this.state === 'unloaded') return
    if (this.state !== 'failed') this.state = 'unloaded'
    this.cancelUnload()
    if (this.docChangedTimer !== null) clearTimeout(this.docChangedTimer)
    this.doc.off('update', this.onUpdate)
    this.link?.close()
    this.doc.destroy()
    this.ctx.onUnloaded(this)
  }
}
