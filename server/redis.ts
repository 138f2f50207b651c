// The Redis connections of a node that runs beside others (REDIS_URL, ADR 0043/0044).
import { Redis } from 'ioredis'
/** Only errors are logged here (the caller reports a failed start itself). */
type ErrorLogger = { error(obj: object, msg: string): void }

/** Redis could not be reached at start-up; the message names the host, never the password. */
export class RedisUnavailable extends Error {}

/** host:port of a Redis URL, without credentials, for messages and logs. */
export function redisHost(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname}:${parsed.port || '6379'}`
  } catch {
    return '(unparseable URL)'
  }
}

/**
 * One connection, checked with a PING before it is handed out: an unreachable or refusing
 * Redis stops the start with the host and the reason instead of retrying in the background.
 * Once up, the connection reconnects by itself; commands issued while it is down fail after
 * a couple of retries rather than hanging a request.
 */
export async function connectRedis(url: string, options: { logger: ErrorLogger; name: string; timeoutMs?: number }): Promise<Redis> {
  const { logger, name } = options
  const host = redisHost(url)
  let started = false
  let lastLogged = 0
  // ioredis reports the cause (ECONNREFUSED, ENOTFOUND, WRONGPASS...) as an event and then
  // rejects connect() with a bare "Connection is closed"; the operator needs the cause.
  let cause: Error | null = null
  const client = new Redis(url, {
    lazyConnect: true,
    connectionName: `scir-${name}`,
    connectTimeout: options.timeoutMs ?? 5_000,
    maxRetriesPerRequest: 2,
    // At start-up a failure is final (the caller reports it); later, back off up to 2 s.
    retryStrategy: attempt => (started ? Math.min(attempt * 100, 2_000) : null),
  })
  client.on('error', (error: Error) => {
    if (!started) {
      cause ??= error
      return
    }
    // A Redis outage must not flood the log: one line per 10 s per connection.
    const now = Date.now()
    if (now - lastLogged < 10_000) return
    lastLogged = now
    logger.error({ redis: host, connection: name, err: error.message }, 'redis connection error')
  })
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    client.disconnect()
    const reason = cause ?? (error as Error)
    throw new RedisUnavailable(`Cannot reach Redis at ${host} (REDIS_URL): ${reason.message || String(reason)}`)
  }
  started = true
  return client
}
