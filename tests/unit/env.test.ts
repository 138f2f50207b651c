import { expect, test } from 'vitest'
import { EnvError, isPostgresUrl, parseEnv } from '~/utils/env.server'

test('defaults', () => {
  const env = parseEnv({})
  expect(env).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', DATABASE_URL: 'file:./data/scir.db', ALLOWED_ORIGINS: [], SEED_DEMO: 'true' })
})

test('bad values are all reported, by name, with a clear message', () => {
  let message = ''
  try {
    parseEnv({ PORT: 'eighty', DATABASE_URL: 'postgres://x', SESSION_SECRET: 'short', ALLOWED_ORIGINS: 'not a url', LOG_LEVEL: 'loud' })
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError)
    message = (error as Error).message
  }
  expect(message).toContain('PORT: PORT must be a number')
  expect(message).toContain('DATABASE_URL: DATABASE_URL must be a SQLite file URL')
  expect(message).toContain('SESSION_SECRET: SESSION_SECRET must be at least 32 characters')
  expect(message).toContain('ALLOWED_ORIGINS')
  expect(message).toContain('LOG_LEVEL')
})

test('ports out of range are refused', () => {
  expect(() => parseEnv({ PORT: '70000' })).toThrow(/between 0 and 65535/)
})

test('allowed origins are a list', () => {
  expect(parseEnv({ ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).ALLOWED_ORIGINS).toEqual(['https://a.example', 'https://b.example'])
})

test('TRUST_PROXY is true, false or a number of proxies', () => {
  expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe('true')
  expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe('2')
  expect(() => parseEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY must be true, false or the number of proxies/)
})

test('metrics access: loopback by default, a list of addresses, a long enough token', () => {
  expect(parseEnv({}).METRICS_ALLOW).toEqual(['127.0.0.1', '::1'])
  expect(parseEnv({}).METRICS_TOKEN).toBeUndefined()
  expect(parseEnv({ METRICS_ALLOW: '10.0.0.5, fd00::1' }).METRICS_ALLOW).toEqual(['10.0.0.5', 'fd00::1'])
  expect(() => parseEnv({ METRICS_ALLOW: 'prometheus.internal' })).toThrow(/METRICS_ALLOW must be a comma-separated list of IP addresses/)
  expect(() => parseEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 32 characters/)
})

test('DATABASE_URL: a PostgreSQL URL needs a host and a database; file: URLs stay SQLite (ADR 0041)', () => {
  expect(parseEnv({ DATABASE_URL: 'postgresql://scir:secret@db.example.org:5432/scir' }).DATABASE_URL).toBe('postgresql://scir:secret@db.example.org:5432/scir')
  expect(parseEnv({ DATABASE_URL: 'postgres://db/scir' }).DATABASE_URL).toBe('postgres://db/scir')
  expect(isPostgresUrl('postgresql://db/scir')).toBe(true)
  expect(isPostgresUrl('file:./data/scir.db')).toBe(false)
  for (const bad of ['postgresql://db.example.org', 'postgresql:///scir', 'mysql://db/scir', 'file:']) {
    expect(() => parseEnv({ DATABASE_URL: bad }), bad).toThrow(/DATABASE_URL must be a SQLite file URL .* or a PostgreSQL URL with a host and a database/)
  }
})

test('REDIS_URL: unset or empty means one node; otherwise a redis:// or rediss:// URL', () => {
  expect(parseEnv({}).REDIS_URL).toBeUndefined()
  expect(parseEnv({ REDIS_URL: '' }).REDIS_URL).toBeUndefined()
  expect(parseEnv({ REDIS_URL: 'redis://cache.internal:6379' }).REDIS_URL).toBe('redis://cache.internal:6379')
  expect(parseEnv({ REDIS_URL: 'rediss://:pw@cache.internal:6380/2' }).REDIS_URL).toBe('rediss://:pw@cache.internal:6380/2')
  expect(() => parseEnv({ REDIS_URL: 'localhost 6379' })).toThrow(/REDIS_URL must be a URL such as redis:\/\/localhost:6379/)
  expect(() => parseEnv({ REDIS_URL: 'http://cache.internal' })).toThrow(/REDIS_URL must start with redis:\/\/ or rediss:\/\//)
})
