/**
 * What several app nodes share through Redis (REDIS_URL): the collaboration fan-out (ADR 0043),
 * the access-event bus and the sign-in limits (ADR 0044). Without REDIS_URL none of this
 * runs and every node-local default stays as it is.
 */
import crypto from 'node:crypto'
import type { Redis } from 'ioredis'
import { z } from 'zod'
import { receiveAccessChange, setAccessEventRelay, type AccessEvent } from '~/utils/access-events.server'
import { shareLoginLimiters, type LimiterSpec, type SignInLimiter } from '~/utils/rate-limit.server'
import type { CollabFanout, FanoutLink, FanoutRoom } from './collab'
import { awarenessStateOf, decodeMessage, encodeAwareness, REMOVED_STATE, type AwarenessEntry } from './collab/protocol'
import type { Logger } from './logger'
import { connectRedis, RedisUnavailable } from './redis'

const ACCESS_CHANNEL = 'scir:access'
const DOC_CHANNEL_PREFIX = 'scir:collab:'

/** First byte of a collaboration message on a document's channel. */
const Kind = { update: 1, awareness: 2, syncRequest: 3, syncReply: 4 } as const
const NODE_ID_BYTES = 16
/** kind, sender, addressee (zeros: every node). */
const HEADER_BYTES = 1 + 2 * NODE_ID_BYTES
const EVERYONE = Buffer.alloc(NODE_ID_BYTES)
/** Presence entries of other nodes' sockets kept per document (a node may die without removing them). */
const MAX_REMOTE_PRESENCE = 2_000

const accessEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session-ended'), sessionId: z.string(), userId: z.string() }),
  z.object({ type: z.literal('user-deactivated'), userId: z.string() }),
  z.object({ type: z.literal('membership-changed'), reviewId: z.string(), userId: z.string() }),
  z.object({ type: z.literal('account-closed'), accountId: z.string() }),
])
const accessMessageSchema = z.object({ from: z.string(), event: accessEventSchema })

export type Cluster = {
  nodeId: string
  fanout: CollabFanout
  /** Resolves when Redis answers a PING within 2 s (readiness). */
  check(): Promise<void>
  close(): Promise<void>
}

type RemotePresence = { clock: number; state: string; at: number }
type LinkState = { room: FanoutRoom; remote: Map<number, RemotePresence>; subscribed: Promise<void>; closed: boolean }

export async function startCluster(options: { url: string; logger: Logger; awarenessTimeoutMs?: number }): Promise<Cluster> {
  const logger = options.logger.child({ component: 'cluster' })
  const pub = await connectRedis(options.url, { logger, name: 'pub' })
  let sub: Redis
  try {
    sub = await connectRedis(options.url, { logger, name: 'sub' })
  } catch (error) {
    pub.disconnect()
    throw error
  }
  const nodeId = crypto.randomBytes(NODE_ID_BYTES).toString('hex')
  const publish = publisher(pub, logger)

  // --- Access events (ADR 0044): announced here at once, and to the other nodes through Redis.
  setAccessEventRelay((event: AccessEvent) => publish(ACCESS_CHANNEL, JSON.stringify({ from: nodeId, event })))
  await sub.subscribe(ACCESS_CHANNEL)
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    if (channel.toString('utf8') !== ACCESS_CHANNEL) return
    let parsed: z.infer<typeof accessMessageSchema>
    try {
      parsed = accessMessageSchema.parse(JSON.parse(message.toString('utf8')))
    } catch {
      logger.warn({}, 'malformed access event on redis; ignored')
      return
    }
    if (parsed.from !== nodeId) receiveAccessChange(parsed.event)
  })

  // --- Sign-in limits (ADR 0044): one fixed-window counter per key in Redis.
  shareLoginLimiters(spec => redisLimiter(pub, spec))

  const fanout = createRedisFanout({ pub, sub, logger, awarenessTimeoutMs: options.awarenessTimeoutMs })

  return {
    nodeId,
    fanout,
    async check() {
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          pub.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('redis did not answer within 2 s')), 2_000)
          }),
        ])
      } finally {
        clearTimeout(timer)
      }
    },
    async close() {
      setAccessEventRelay(null)
      await Promise.allSettled([sub.quit(), pub.quit()])
    },
  }
}

type ClusterLogger = { error(obj: object, msg: string): void; warn(obj: object, msg: string): void; info(obj: object, msg: string): void }

function publisher(pub: Redis, logger: ClusterLogger): (channel: string, message: Buffer | string) => void {
  let lastError = 0
  return (channel, message) => {
    pub.publish(channel, message).catch((error: Error) => {
      // A Redis outage must not flood the log: one line per 10 s.
      const now = Date.now()
      if (now - lastError < 10_000) return
      lastError = now
      logger.error({ err: error.message, channel: channel.split(':').slice(0, 2).join(':') }, 'redis publish failed')
    })
  }
}

/**
 * The collaboration fan-out (ADR 0043) over two connections, `pub` for commands and `sub` in
 * subscriber mode: one channel per open document, to which every node that has it open is
 * subscribed.
 */
export function createRedisFanout(options: { pub: Redis; sub: Redis; logger: ClusterLogger; awarenessTimeoutMs?: number }): CollabFanout {
  const { sub, logger } = options
  const awarenessTimeoutMs = options.awarenessTimeoutMs ?? 30_000
  const nodeIdBytes = crypto.randomBytes(NODE_ID_BYTES)
  const links = new Map<string, LinkState>()
  const publish = publisher(options.pub, logger)

  function publishDoc(docName: string, kind: number, to: Buffer, payload: Uint8Array): void {
    const header = Buffer.allocUnsafe(HEADER_BYTES)
    header[0] = kind
    nodeIdBytes.copy(header, 1)
    to.copy(header, 1 + NODE_ID_BYTES)
    publish(DOC_CHANNEL_PREFIX + docName, Buffer.concat([header, payload]))
  }

  function remember(link: LinkState, message: Uint8Array): void {
    const decoded = decodeMessage(message)
    if (decoded.type !== 'awareness') return
    const now = Date.now()
    for (const entry of decoded.entries) {
      const state = awarenessStateOf(decoded.payload, entry)
      const known = link.remote.get(entry.clientID)
      if (known && known.clock > entry.clock) continue
      if (state === REMOVED_STATE) link.remote.delete(entry.clientID)
      else if (known || link.remote.size < MAX_REMOTE_PRESENCE) link.remote.set(entry.clientID, { clock: entry.clock, state, at: now })
    }
  }

  function onDocMessage(docName: string, message: Buffer): void {
    const link = links.get(docName)
    if (link === undefined || link.closed || message.byteLength < HEADER_BYTES) return
    const from = message.subarray(1, 1 + NODE_ID_BYTES)
    if (from.equals(nodeIdBytes)) return
    const to = message.subarray(1 + NODE_ID_BYTES, HEADER_BYTES)
    const payload = message.subarray(HEADER_BYTES)
    try {
      switch (message[0]) {
        case Kind.update:
          link.room.applyRemoteUpdate(payload)
          return
        case Kind.awareness:
          remember(link, payload)
          link.room.relayRemoteAwareness(payload)
          return
        case Kind.syncRequest: {
          // A node has just loaded the document: it gets what it lacks from each node that has
          // it open (updates not yet committed there included), and who is present here.
          const diff = link.room.stateAsUpdate(payload)
          if (diff !== null && diff.byteLength > 2) publishDoc(docName, Kind.syncReply, Buffer.from(from), diff)
          const presence = link.room.localAwareness()
          if (presence !== null) publishDoc(docName, Kind.awareness, EVERYONE, presence)
          return
        }
        case Kind.syncReply:
          if (to.equals(nodeIdBytes)) link.room.applyRemoteUpdate(payload)
          return
      }
    } catch (error) {
      logger.error({ err: error, docName }, 'collab message from another node could not be handled')
    }
  }

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const name = channel.toString('utf8')
    if (name.startsWith(DOC_CHANNEL_PREFIX)) onDocMessage(name.slice(DOC_CHANNEL_PREFIX.length), message)
  })

  function requestSync(docName: string, link: LinkState, stateVector: Uint8Array): void {
    void link.subscribed.then(() => {
      if (!link.closed) publishDoc(docName, Kind.syncRequest, EVERYONE, stateVector)
    })
  }

  // Messages published while the subscriber was reconnecting are lost (pub/sub keeps
  // nothing): every open document asks the other nodes again once it is back.
  let subscriberReady = true
  sub.on('close', () => {
    subscriberReady = false
  })
  sub.on('ready', () => {
    if (subscriberReady) return
    subscriberReady = true
    logger.info({}, 'redis subscriber reconnected; resynchronising open documents')
    setTimeout(() => {
      for (const [docName, link] of links) {
        const stateVector = link.room.stateVector()
        if (stateVector !== null) requestSync(docName, link, stateVector)
      }
    }, 100).unref()
  })

  return {
    open(docName, room): FanoutLink {
      const channel = DOC_CHANNEL_PREFIX + docName
      const link: LinkState = {
        room,
        remote: new Map(),
        closed: false,
        subscribed: sub.subscribe(channel).then(
          () => undefined,
          (error: Error) => logger.error({ err: error.message, docName }, 'redis subscribe failed'),
        ),
      }
      links.set(docName, link)
      return {
        loaded: stateVector => requestSync(docName, link, stateVector),
        publishUpdate: update => publishDoc(docName, Kind.update, EVERYONE, update),
        publishAwareness: message => publishDoc(docName, Kind.awareness, EVERYONE, message),
        remoteAwareness() {
          const now = Date.now()
          const entries: AwarenessEntry[] = []
          for (const [clientID, entry] of link.remote) {
            if (now - entry.at > awarenessTimeoutMs) link.remote.delete(clientID)
            else entries.push({ clientID, clock: entry.clock, state: entry.state })
          }
          return entries.length > 0 ? encodeAwareness(entries) : null
        },
        close() {
          link.closed = true
          if (links.get(docName) !== link) return
          links.delete(docName)
          sub.unsubscribe(channel).catch(() => {})
        },
      }
    },
  }
}

const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`

/**
 * Same semantics as the in-memory RateLimiter (a fixed window opened by the first attempt),
 * one Redis key per limited key. Keys are hashed: Redis never holds an email address.
 */
function redisLimiter(client: Redis, spec: LimiterSpec): SignInLimiter {
  const keyOf = (key: string) => `scir:signin:${spec.name}:${crypto.createHash('sha256').update(key).digest('hex')}`
  return {
    async hit(key) {
      const [count, ttl] = (await client.eval(HIT_SCRIPT, 1, keyOf(key), spec.windowMs)) as [number, number]
      if (count > spec.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) }
      return { allowed: true }
    },
    async blocked(key) {
      const k = keyOf(key)
      const results = await client.multi().get(k).pttl(k).exec()
      const count = Number(results?.[0]?.[1] ?? 0)
      const ttl = Number(results?.[1]?.[1] ?? -2)
      if (!count || count < spec.limit || ttl <= 0) return null
      return { retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) }
    },
    async reset(key) {
      await client.del(keyOf(key))
    },
  }
}

export { RedisUnavailable }
