import type { IncomingMessage } from 'node:http'

/** What an authenticated connection may do in one document. */
export type CollabAccess = {
  userId: string
  /** Observers receive the document and may show presence, but never change it. */
  readOnly: boolean
  /** The sign-in session, so signing out can close exactly that session's sockets. */
  sessionId?: string
  /** Shown in logs only; presence labels come from the client's awareness state. */
  label?: string
}

export type CollabRefusal = { refuse: 400 | 401 | 403 | 404 | 429 | 503; reason: string }

export interface CollabAuthenticator {
  /**
   * Called once per HTTP upgrade, before the WebSocket handshake, so a refusal is a plain HTTP
   * status the browser cannot mistake for a dropped connection. Checking the Origin header is
   * the authenticator's job (cookies ride along on cross-site WebSocket requests).
   */
  authorize(req: IncomingMessage, docName: string): Promise<CollabAccess | CollabRefusal>
  /**
   * Asked again for every open socket every `revalidateMs` with what `authorize` granted. A
   * refusal closes the socket (401: 4401, otherwise 4403); a different readOnly closes it with
   * 4100 so the provider reconnects with its new access.
   */
  revalidate?(access: CollabAccess, docName: string): Promise<CollabAccess | CollabRefusal>
}

/** Whether appends are being committed; `reason` is for logs and operators. */
export type CollabPersistenceHealth = { ok: true } | { ok: false; reason: string }

export interface CollabPersistence {
  /** Snapshot plus every later update, merged into one Yjs update; null if never written. */
  load(docName: string): Promise<Uint8Array | null>
  /**
   * Queues an update. It must be durable (against a process crash) within 50 ms while the
   * persistence is healthy; when it cannot be, the persistence keeps it, turns unhealthy and
   * writes it once it can (ADR 0032). It never drops an update silently.
   */
  append(docName: string, update: Uint8Array): void
  /**
   * Replaces what is stored for docName by `state`, which contains every update appended for
   * docName before this call (callers call it without yielding after their last append).
   */
  compact(docName: string, state: Uint8Array): Promise<void>
  /** Makes every queued append durable. */
  flush(): Promise<void>
  /** Unhealthy from a failed or overdue commit until a commit succeeds again. */
  health(): CollabPersistenceHealth
  /** Told on every change of health; returns the unsubscribe function. */
  onHealthChange(listener: (health: CollabPersistenceHealth) => void): () => void
  close(): Promise<void>
}

/** The subset of pino's API the collaboration server logs through. */
export interface CollabLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** What revocation predicates see of a live connection. */
export type CollabConnectionInfo = {
  readonly userId: string
  readonly sessionId: string | undefined
  readonly docName: string
  readonly readOnly: boolean
}

export type CollabStats = {
  rooms: number
  roomsLoading: number
  connections: number
  updatesApplied: number
  updatesRefusedReadOnly: number
  /** False while persistence is unhealthy: rooms refuse writers (ADR 0032). */
  saving: boolean
  /** Presence entries, and departed client IDs remembered, over all rooms (both bounded). */
  presenceEntries: number
  departedEntries: number
  upgradesRefused: Record<string, number>
  connectionsClosed: Record<string, number>
}

/**
 * Links the rooms of several server processes that serve the same documents (ADR 0043): the
 * host plugs one in beside the authenticator and the persistence; without one a room is the
 * only copy of its document in memory. Each node keeps its own Y.Doc per open document; what
 * one node accepts from its sockets is published and applied by the others.
 */
export interface CollabFanout {
  /** Called when a room is created, before it loads; the link lives until the room unloads. */
  open(docName: string, room: FanoutRoom): FanoutLink
}

/** What a link may do to its room when messages arrive from other nodes. */
export interface FanoutRoom {
  /** An update another node accepted: applied and relayed here, persisted there. */
  applyRemoteUpdate(update: Uint8Array): void
  /** An awareness message another node accepted: relayed to this node's sockets. */
  relayRemoteAwareness(message: Uint8Array): void
  /** Null until the stored state is loaded. */
  stateVector(): Uint8Array | null
  /** Null until the stored state is loaded (the room asks the other nodes itself then). */
  stateAsUpdate(stateVector: Uint8Array): Uint8Array | null
  /** This node's own presence entries as one awareness message (null: none). */
  localAwareness(): Uint8Array | null
}

export interface FanoutLink {
  /** The room has loaded its stored state: ask the other nodes for what it lacks. */
  loaded(stateVector: Uint8Array): void
  /** An update accepted on this node (from a socket or the host), already persisted here. */
  publishUpdate(update: Uint8Array): void
  publishAwareness(message: Uint8Array): void
  /** Presence entries of the other nodes' sockets, for greeting a socket here (null: none). */
  remoteAwareness(): Uint8Array | null
  close(): void
}
