import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { z } from 'zod'
import { singleton } from './singleton.server'

const DEFAULT_DATABASE_URL = 'file:./data/scir.db'

/** postgresql:// (or postgres://) selects PostgreSQL; file: keeps the embedded SQLite (ADR 0041). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

function validPostgresUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.hostname.length > 0 && u.pathname.length > 1
  } catch {
    return false
  }
}

const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  PORT: z.coerce
    .number({ invalid_type_error: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine(v => (v.startsWith('file:') && v.length > 'file:'.length) || (isPostgresUrl(v) && validPostgresUrl(v)), {
      message:
        'DATABASE_URL must be a SQLite file URL such as file:./data/scir.db or a PostgreSQL URL with a host and a database such as postgresql://scir:secret@db.example.org:5432/scir',
    }),
  // Where the generated session secret is kept when DATABASE_URL is PostgreSQL (with SQLite it
  // is the database file's folder). Several nodes must share SESSION_SECRET instead.
  DATA_DIR: z.string().min(1, 'DATA_DIR must be a folder').optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  // Comma-separated origins allowed to POST and open collaboration sockets, e.g.
  // https://scir.example.org. Empty means: the origin the request was addressed to.
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform(v =>
      v
        .split(',')
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url('ALLOWED_ORIGINS must be a comma-separated list of URLs'))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Secure cookies need TLS; behind a TLS-terminating proxy keep the default.
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  // `true` = one reverse proxy in front; a number = that many (the client address is the one
  // the outermost trusted proxy saw, never what the client wrote in X-Forwarded-For).
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9])$/, 'TRUST_PROXY must be true, false or the number of proxies in front (0-9)')
    .default('false'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  // The demo review's incident date (YYYY-MM-DD); by default 30 days ago, its chronology moved
  // with it, so a newcomer sees a review in progress. The end-to-end suite pins it.
  DEMO_INCIDENT_DATE: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'DEMO_INCIDENT_DATE must be a date written YYYY-MM-DD')
    .optional(),
  // Sign-in attempts allowed per client address in 15 minutes (a whole agency behind one NAT
  // may need more; the end-to-end suite signs in from one address many times).
  LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1, 'LOGIN_ATTEMPTS_PER_ADDRESS must be at least 1').max(100_000).default(20),
  // Client addresses allowed to read /metrics without a token (exact IPv4/IPv6 addresses, as
  // the app sees them: behind a proxy set TRUST_PROXY, or every request looks local).
  METRICS_ALLOW: z
    .string()
    .default('127.0.0.1,::1')
    .transform(v =>
      v
        .split(',')
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().ip({ message: 'METRICS_ALLOW must be a comma-separated list of IP addresses' }))),
  // A bearer token that opens /metrics from anywhere (for a scraper outside the allow-list).
  METRICS_TOKEN: z.string().min(32, 'METRICS_TOKEN must be at least 32 characters').optional(),
  // Several app nodes serving the same reviews (README, "Scaling out"): collaboration, access
  // revocation and sign-in limits go through this Redis 7. Unset: one node, all in process.
  REDIS_URL: z.preprocess(
    v => (v === '' ? undefined : v),
    z
      .string()
      .url('REDIS_URL must be a URL such as redis://localhost:6379')
      .refine(v => /^rediss?:\/\/[^/]/.test(v), { message: 'REDIS_URL must start with redis:// or rediss:// and name a host' })
      .optional(),
  ),
})

export type Env = z.infer<typeof envSchema> & { SESSION_SECRET: string; dataDir: string }

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): z.infer<typeof envSchema> {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map(i => `  - ${i.path.join('.')}: ${i.message}`)
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`)
  }
  return result.data
}

export function sqliteFilePath(databaseUrl: string) {
  return path.resolve(databaseUrl.slice('file:'.length))
}

// Without a configured secret a generated one is kept beside the database, so sessions
// survive restarts and nobody has to invent a secret for the embedded setup.
function loadOrCreateSecret(dataDir: string) {
  const file = path.join(dataDir, 'session-secret')
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch {
    // No secret yet (or unreadable): a new one is written below.
  }
  fs.mkdirSync(dataDir, { recursive: true })
  const secret = crypto.randomBytes(32).toString('hex')
  fs.writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

export function getEnv(): Env {
  return singleton('env', () => {
    const parsed = parseEnv(process.env)
    const dataDir = isPostgresUrl(parsed.DATABASE_URL) ? path.resolve(parsed.DATA_DIR ?? 'data') : path.dirname(sqliteFilePath(parsed.DATABASE_URL))
    return {
      ...parsed,
      dataDir,
      SESSION_SECRET: parsed.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    }
  })
}
