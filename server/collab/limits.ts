/**
 * Limits protect the server and the other people in a room from one misbehaving connection.
 * Every breach closes that connection only.
 */
export type CollabLimits = {
  /**
   * The largest edit a client may send (a long pasted record fits; the editor refuses larger
   * pastes with a message). A larger message is refused with 4413, which the stock provider
   * does not reconnect on, so an oversized edit never becomes a reconnect loop. Frames over
   * twice this are cut off by ws itself (1009) before they are buffered.
   */
  maxMessageBytes: number
  /**
   * Cost budget per connection, in bytes: every frame received costs its size, and a sync
   * step 1 costs the size of the document it asks for (its reply). Sustained rate ...
   */
  bytesPerSecond: number
  /** ... and burst (a first sync of the largest document plus a large paste). */
  byteBurst: number
  /** Structs (the units Yjs integrates one by one) a connection may send per second ... */
  structsPerSecond: number
  /** ... and in a burst; one message declaring more is refused as too large (4413). */
  structBurst: number
  /** One user's sockets in one room (a few tabs); checked before the room cap. */
  maxConnectionsPerUserPerRoom: number
  /** One presence state (name, colour, cursor); larger is refused. */
  maxAwarenessStateBytes: number
  /** Client IDs one connection may ever claim (a stock provider keeps one per document). */
  maxAwarenessClaimsPerConnection: number
  /** Departed client IDs remembered per room (against stale echoes); the oldest go first. */
  maxDepartedPerRoom: number
  /** Token bucket per connection: sustained messages per second ... */
  messagesPerSecond: number
  /** ... and the burst allowed on top (a paste, a reconnect's catch-up). */
  messageBurst: number
  maxConnectionsPerRoom: number
  /** Messages that arrive while the room is still loading are held, up to these caps. */
  maxPendingMessages: number
  maxPendingBytes: number
  /** A stock provider controls one awareness client ID; a few more cover id changes. */
  maxAwarenessClientsPerConnection: number
  /** A peer that stops reading is dropped before its send buffer eats the server's memory. */
  maxBufferedBytes: number
}

export type CollabTimings = {
  /** An authenticator that has not answered by then gets the upgrade refused with 503. */
  authorizeTimeoutMs: number
  /** Ping interval; a peer that missed one pong is terminated on the next tick. */
  heartbeatMs: number
  /** How long an empty room stays in memory before it is compacted and unloaded. */
  roomIdleMs: number
  /** Compact a room after this many updates ... */
  compactAfterUpdates: number
  /** ... or this long after its first uncompacted update. */
  compactIntervalMs: number
  /** onDocChanged runs this long after the last change ... */
  docChangedDebounceMs: number
  /** ... but at least this often while changes keep coming. */
  docChangedMaxWaitMs: number
  /** Revoked or shut-down sockets that do not finish the close handshake are cut after this. */
  closeGraceMs: number
  /** Presence not renewed for this long is dropped (y-protocols' own outdated timeout). */
  awarenessTimeoutMs: number
  /**
   * Every open socket's session and access are checked again this often, so a session that
   * expired, or was ended or deactivated by another process (the CLI), closes within seconds.
   */
  revalidateMs: number
}

export const defaultLimits: CollabLimits = {
  maxMessageBytes: 4 * 1024 * 1024,
  bytesPerSecond: 1024 * 1024,
  byteBurst: 16 * 1024 * 1024,
  structsPerSecond: 20_000,
  structBurst: 200_000,
  messagesPerSecond: 200,
  messageBurst: 400,
  maxConnectionsPerRoom: 200,
  maxConnectionsPerUserPerRoom: 8,
  maxAwarenessStateBytes: 16 * 1024,
  maxAwarenessClaimsPerConnection: 16,
  maxDepartedPerRoom: 10_000,
  maxPendingMessages: 64,
  maxPendingBytes: 2 * 1024 * 1024,
  maxAwarenessClientsPerConnection: 4,
  maxBufferedBytes: 16 * 1024 * 1024,
}

export const defaultTimings: CollabTimings = {
  authorizeTimeoutMs: 10_000,
  heartbeatMs: 10_000,
  roomIdleMs: 10_000,
  compactAfterUpdates: 500,
  compactIntervalMs: 60_000,
  docChangedDebounceMs: 500,
  docChangedMaxWaitMs: 5_000,
  closeGraceMs: 500,
  awarenessTimeoutMs: 30_000,
  revalidateMs: 5_000,
}

/**
 * WebSocket close codes the server uses. The stock y-websocket provider reconnects on every
 * code except 4400-4499, so revocations use that range and everything else lets a
 * well-behaved client come back and resync.
 */
export const CloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
  /** Access changed (e.g. editor became observer): the provider reconnects and is re-authorised. */
  accessChanged: 4100,
  /** Signed out or session ended: the provider stops. */
  unauthorized: 4401,
  /** Membership removed or user deactivated: the provider stops. */
  forbidden: 4403,
  /** An edit larger than the documented limit: the provider stops instead of resending it. */
  tooLarge: 4413,
  /**
   * Changes cannot be saved right now (persistence unhealthy, ADR 0032). Outside 4400-4499, so
   * the provider keeps its edits and reconnects; the client shows "not saving".
   */
  notSaving: 4503,
} as const

/** Messages a client sends only to echo other clients' presence cost this fraction of a token. */
export const ECHO_COST = 0.1

export class TokenBucket {
  private tokens: number
  private refilledAt: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number = performance.now(),
  ) {
    this.tokens = burst
    this.refilledAt = now
  }

  /** Takes `cost` tokens if available; false means the caller is over its rate. */
  take(cost = 1, now: number = performance.now()): boolean {
    const elapsed = now - this.refilledAt
    if (elapsed > 0) {
      this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000)
      this.refilledAt = now
    }
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }
}
