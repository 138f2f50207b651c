import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type * as Y from 'yjs'
import { Connection } from './connection'
import { CloseCode, defaultLimits, defaultTimings, type CollabLimits, type CollabTimings } from './limits'
import { COLLAB_PATH_PREFIX, docNameFromUrl, KEEPALIVE_MESSAGE } from './protocol'
import { Room, SERVER_ORIGIN, type DocChangedHook, type DocLoadedHook } from './room'
import type {
  CollabAccess,
  CollabAuthenticator,
  CollabConnectionInfo,
  CollabFanout,
  CollabLogger,
  CollabPersistence,
  CollabRefusal,
  CollabStats,
} from './types'

export type CollabServerOptions = {
  authenticator: CollabAuthenticator
  persistence: CollabPersistence
  logger: CollabLogger
  /**
   * The document names the host serves (e.g. `review:<id>`); any other name is refused with 400
   * before authorisation. Without the g or y flag (test() would keep state between calls).
   */
  docNamePattern: RegExp
  limits?: Partial<CollabLimits>
  timings?: Partial<CollabTimings>
  /** Debounced (see timings) after changes; the host keeps its relational projection with it. */
  onDocChanged?: DocChangedHook
  /** Runs when a room has loaded its stored state, before any client syncs. */
  onDocLoaded?: DocLoadedHook
  /** Links this node's rooms to other nodes serving the same documents (ADR 0043). */
  fanout?: CollabFanout
}

export type CollabServer = {
  /** For the host's `upgrade` event on URLs under /collab/. Never rejects. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>
  /**
   * Closes every live connection the predicate matches, at once (revocation: membership
   * removed, user deactivated, logout). The default code 4403 stops the stock provider from
   * reconnecting. Returns how many were closed.
   */
  closeConnections(predicate: (conn: CollabConnectionInfo) => boolean, reason: string, code?: number): number
  /**
   * Changes a document from the server side (seeding, imports); loads the room if needed.
   * Throws CollabNotSavingError while persistence is unhealthy: nothing is changed then.
   */
  updateDoc(docName: string, mutate: (doc: Y.Doc) => void): Promise<void>
  /** Reads a document as the room holds it (loads the room if needed); works while not saving. */
  readDoc<T>(docName: string, view: (doc: Y.Doc) => T): Promise<T>
  /** Closes all sockets (1001, clients reconnect to the next instance), compacts and flushes. */
  shutdown(): Promise<void>
  stats(): CollabStats
}

const SWEEP_INTERVAL_MS = 1000

/** A server-side change refused because it could not be saved (ADR 0032). */
export class CollabNotSavingError extends Error {
  override name = 'CollabNotSavingError'
}

export function createCollabServer(options: CollabServerOptions): CollabServer {
  const { authenticator, persistence, logger, docNamePattern } = options
  if (docNamePattern.global || docNamePattern.sticky) throw new Error('docNamePattern must not have the g or y flag')
  const limits: CollabLimits = { ...defaultLimits, ...options.limits }
  const timings: CollabTimings = { ...defaultTimings, ...options.timings }
  const rooms = new Map<string, Room>()
  const connections = new Map<Connection, Room>()
  const counters = {
    updatesApplied: 0,
    updatesRefusedReadOnly: 0,
    upgradesRefused: {} as Record<string, number>,
    connectionsClosed: {} as Record<string, number>,
  }
  let shuttingDown = false

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // Between maxMessageBytes and this, the room refuses with 4413 (terminal for the stock
    // provider); beyond it ws cuts the frame off (1009) without buffering it.
    maxPayload: 2 * limits.maxMessageBytes,
    // Also what lets rooms write pre-framed broadcasts under ws (Connection.sendFrame, ADR 0029):
    // with compression ws would queue frames that such a write could overtake.
    perMessageDeflate: false,
  })

  const roomContext = {
    persistence,
    logger,
    limits,
    timings,
    counters,
    onDocChanged: options.onDocChanged,
    onDocLoaded: options.onDocLoaded,
    fanout: options.fanout,
    isSaving: () => saving,
    disconnect,
    onUnloaded(room: Room) {
      if (rooms.get(room.docName) === room) rooms.delete(room.docName)
    },
  }

  /**
   * Fails closed (ADR 0032): while persistence cannot commit, no writer stays connected and no
   * new one is let in, so no client is told an edit was taken that might not be kept. Their
   * providers keep the edits and reconnect; once persistence is healthy they sync them back.
   */
  let saving = persistence.health().ok
  const stopWatchingHealth = persistence.onHealthChange(health => {
    if (health.ok === saving) return
    saving = health.ok
    if (!health.ok) {
      logger.error({ reason: health.reason }, 'collab not saving: writers disconnected until persistence recovers')
      for (const conn of [...connections.keys()]) {
        if (!conn.readOnly) disconnect(conn, CloseCode.notSaving, 'not saving - reconnecting')
      }
      return
    }
    logger.info({}, 'collab saving again: writers accepted')
    // Each room writes its whole state once: whatever a failure may have cost the log, the
    // store again holds everything the room holds.
    for (const room of rooms.values()) {
      if (room.state === 'ready') void room.compact({ force: true })
    }
  })

  function roomFor(docName: string): Room {
    let room = rooms.get(docName)
    if (room === undefined) {
      room = new Room(docName, roomContext)
      // A room that failed to load has already removed itself; do not resurrect it.
      if (room.state !== 'failed') rooms.set(docName, room)
    }
    return room
  }

  function count(bucket: Record<string, number>, key: number | string): void {
    bucket[key] = (bucket[key] ?? 0) + 1
  }

  function refuse(socket: Duplex, status: number, reason: string, req: IncomingMessage, docName?: string): void {
    count(counters.upgradesRefused, status)
    logger.info({ status, reason, docName, url: redactedUrl(req.url) }, 'collab upgrade refused')
    if (!socket.writable) {
      socket.destroy()
      return
    }
    socket.once('finish', () => socket.destroy())
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
    )
  }

  async function authorizeInTime(req: IncomingMessage, docName: string): Promise<CollabAccess | CollabRefusal | 'timeout'> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>(resolve => {
      timer = setTimeout(() => resolve('timeout'), timings.authorizeTimeoutMs)
    })
    try {
      return await Promise.race([authenticator.authorize(req, docName), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // Until ws owns the socket, a reset by the peer must not become an uncaught error.
    const ignoreSocketError = (): void => {}
    socket.on('error', ignoreSocketError)
    try {
      if (shuttingDown) return refuse(socket, 503, 'server shutting down', req)
      if (!req.url?.startsWith(COLLAB_PATH_PREFIX)) return refuse(socket, 404, 'not a collaboration endpoint', req)
      const docName = docNameFromUrl(req.url, docNamePattern)
      if (docName === null) return refuse(socket, 400, 'invalid document name', req)

      const verdict = await authorizeInTime(req, docName)
      if (socket.destroyed) return
      if (verdict === 'timeout') return refuse(socket, 503, 'authorization timed out', req, docName)
      if ('refuse' in verdict) return refuse(socket, verdict.refuse, verdict.reason, req, docName)
      if (shuttingDown) return refuse(socket, 503, 'server shutting down', req, docName)
      const present = rooms.get(docName)?.connections ?? new Set<Connection>()
      let mine = 0
      for (const conn of present) if (conn.userId === verdict.userId) mine++
      // Before the room cap, so one member cannot fill a room (issue 10, point 6).
      if (mine >= limits.maxConnectionsPerUserPerRoom) return refuse(socket, 429, 'too many connections to this document', req, docName)
      if (present.size >= limits.maxConnectionsPerRoom) return refuse(socket, 503, 'room is full', req, docName)

      // Synchronous when the handshake is valid; on an invalid one ws answers 400 itself.
      wss.handleUpgrade(req, socket, head, ws => {
        socket.off('error', ignoreSocketError)
        if (!saving && !verdict.readOnly) {
          // Opened only to be closed with the reason: a refused handshake would reach the
          // browser as a bare failure (and a console error) on every retry, and the person
          // would not learn why their edits are not being sent.
          count(counters.connectionsClosed, CloseCode.notSaving)
          ws.on('error', () => {})
          ws.close(CloseCode.notSaving, 'not saving - reconnecting')
          return
        }
        accept(ws, socket, docName, verdict)
      })
    } catch (error) {
      logger.error({ err: error, url: redactedUrl(req.url) }, 'collab upgrade failed')
      refuse(socket, 500, 'internal error', req)
    }
  }

  function accept(ws: WebSocket, socket: Duplex, docName: string, access: CollabAccess): void {
    const room = roomFor(docName)
    const conn = new Connection(ws, socket, docName, access, limits, slow => disconnect(slow, CloseCode.tryAgainLater, 'connection too slow to keep up'))
    connections.set(conn, room)
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (conn.closed) return
      if (!isBinary) return disconnect(conn, CloseCode.unsupportedData, 'text frames are not part of the protocol')
      room.deliver(conn, toBytes(data))
    })
    ws.on('pong', () => {
      conn.alive = true
    })
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself after this (1009 for oversized frames, 1002 for bad frames).
      logger.warn({ ...conn.info(), code: error.code, err: error.message }, 'collab connection error')
    })
    ws.on('close', (code: number) => {
      connections.delete(conn)
      room.leave(conn)
      if (!conn.closed) {
        conn.closed = true
        count(counters.connectionsClosed, code)
        logger.info({ ...conn.info(), code }, 'collab connection closed by peer')
      }
    })
    logger.info(conn.info(), 'collab connection opened')
    room.join(conn)
    if (room.state === 'failed') disconnect(conn, CloseCode.internalError, 'document unavailable')
  }

  function disconnect(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return
    count(counters.connectionsClosed, code)
    const log = code === CloseCode.unsupportedData || code === CloseCode.policyViolation ? logger.warn : logger.info
    log.call(logger, { ...conn.info(), code, reason }, 'collab connection closed')
    conn.close(code, reason, timings.closeGraceMs)
    const room = connections.get(conn)
    connections.delete(conn)
    room?.leave(conn)
  }

  const heartbeat = setInterval(() => {
    const now = Date.now()
    for (const [conn, room] of connections) {
      if (!conn.alive) {
        logger.info(conn.info(), 'collab connection missed a heartbeat; terminating')
        count(counters.connectionsClosed, 'heartbeat')
        conn.closed = true
        connections.delete(conn)
        room.leave(conn)
        conn.socket.terminate()
        continue
      }
      conn.alive = false
      conn.socket.ping()
      if (now - conn.lastSentAt >= timings.heartbeatMs) conn.send(KEEPALIVE_MESSAGE)
    }
  }, timings.heartbeatMs)
  heartbeat.unref()

  /**
   * Access can end without an event in this process: a session expires, or the CLI or another
   * node deactivates a user or ends a session. So every socket is asked about again on a short
   * interval (issue 10, point 8), once per session and document.
   */
  let revalidating = false
  async function revalidate(): Promise<void> {
    const check = authenticator.revalidate?.bind(authenticator)
    if (check === undefined || revalidating || shuttingDown) return
    revalidating = true
    try {
      const groups = new Map<string, Connection[]>()
      for (const conn of connections.keys()) {
        const key = `${conn.sessionId ?? ''}\u0000${conn.userId}\u0000${conn.docName}`
        const group = groups.get(key)
        if (group) group.push(conn)
        else groups.set(key, [conn])
      }
      for (const group of groups.values()) {
        const first = group[0]!
        let verdict: CollabAccess | CollabRefusal
        try {
          verdict = await check(first.access, first.docName)
        } catch (error) {
          logger.error({ err: error, ...first.info() }, 'collab revalidation failed; connection kept')
          continue
        }
        for (const conn of group) {
          if (conn.closed) continue
          if ('refuse' in verdict) {
            disconnect(conn, verdict.refuse === 401 ? CloseCode.unauthorized : CloseCode.forbidden, verdict.reason)
          } else if (verdict.readOnly !== conn.readOnly || verdict.userId !== conn.userId) {
            disconnect(conn, CloseCode.accessChanged, 'access changed')
          }
        }
      }
    } finally {
      revalidating = false
    }
  }
  const revalidation = setInterval(() => void revalidate(), timings.revalidateMs)
  revalidation.unref()

  const sweep = setInterval(() => {
    const now = Date.now()
    for (const room of rooms.values()) room.tick(now)
  }, SWEEP_INTERVAL_MS)
  sweep.unref()

  function closeConnections(predicate: (conn: CollabConnectionInfo) => boolean, reason: string, code: number = CloseCode.forbidden): number {
    let closed = 0
    for (const conn of [...connections.keys()]) {
      const info = { userId: conn.userId, sessionId: conn.sessionId, docName: conn.docName, readOnly: conn.readOnly }
      if (!predicate(info)) continue
      disconnect(conn, code, reason)
      closed++
    }
    return closed
  }

  async function withRoom<T>(docName: string, use: (room: Room) => T): Promise<T> {
    if (!docNamePattern.test(docName)) throw new Error(`invalid collab document name: ${docName}`)
    if (shuttingDown) throw new Error('collab server is shutting down')
    const room = roomFor(docName)
    room.hold()
    try {
      await room.loaded
      if (room.state !== 'ready') throw new Error(`collab document ${docName} is unavailable`)
      return use(room)
    } finally {
      room.release()
    }
  }

  async function updateDoc(docName: string, mutate: (doc: Y.Doc) => void): Promise<void> {
    if (!saving) throw new CollabNotSavingError('document changes cannot be saved right now')
    await withRoom(docName, room => {
      // Checked again after the load: health may have changed while it ran.
      if (!saving) throw new CollabNotSavingError('document changes cannot be saved right now')
      room.doc.transact(() => mutate(room.doc), SERVER_ORIGIN)
    })
  }

  function readDoc<T>(docName: string, view: (doc: Y.Doc) => T): Promise<T> {
    return withRoom(docName, room => view(room.doc))
  }

  async function shutdown(): Promise<void> {
    if (shuttingDown) return
    shuttingDown = true
    stopWatchingHealth()
    clearInterval(heartbeat)
    clearInterval(sweep)
    clearInterval(revalidation)
    const socketsClosed = [...connections.keys()].map(
      conn =>
        new Promise<void>(resolve => {
          if (conn.socket.readyState === conn.socket.CLOSED) resolve()
          else conn.socket.once('close', () => resolve())
        }),
    )
    for (const conn of [...connections.keys()]) disconnect(conn, CloseCode.goingAway, 'server shutting down')
    await Promise.all([...rooms.values()].map(room => room.close()))
    try {
      await persistence.flush()
    } catch (error) {
      // Still finish shutting down; what could not be written is in the log.
      logger.error({ err: error }, 'collab persistence flush failed at shutdown')
    }
    await Promise.all(socketsClosed)
    wss.close()
    logger.info({}, 'collab server shut down')
  }

  function stats(): CollabStats {
    let roomsLoading = 0
    let presenceEntries = 0
    let departedEntries = 0
    for (const room of rooms.values()) {
      if (room.loading) roomsLoading++
      presenceEntries += room.presenceCounts.entries
      departedEntries += room.presenceCounts.departed
    }
    return {
      rooms: rooms.size,
      roomsLoading,
      connections: connections.size,
      updatesApplied: counters.updatesApplied,
      updatesRefusedReadOnly: counters.updatesRefusedReadOnly,
      saving,
      presenceEntries,
      departedEntries,
      upgradesRefused: { ...counters.upgradesRefused },
      connectionsClosed: { ...counters.connectionsClosed },
    }
  }

  return { handleUpgrade, closeConnections, updateDoc, readDoc, shutdown, stats }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}

/** Query strings may carry tokens; logs get the path only. */
function redactedUrl(url: string | undefined): string | undefined {
  return url?.split('?')[0]
}
