import { getEnv } from './env.server'
import { singleton } from './singleton.server'

// A fixed-window counter per key, in memory: the embedded default. With several nodes the
// sign-in limits live in Redis instead (ADR 0044), behind the same SignInLimiter interface.
export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>()
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; returns how many seconds to wait if over the limit. */
  hit(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const entry = this.hits.get(key)
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs })
      this.sweep(now)
      return { allowed: true }
    }
    entry.count++
    if (entry.count > this.limit) return { allowed: false, retryAfterSeconds: Math.ceil((entry.resetAt - now) / 1000) }
    return { allowed: true }
  }

  /** Whether `key` is over its limit now, without counting an attempt. */
  blocked(key: string, now = Date.now()): { retryAfterSeconds: number } | null {
    const entry = this.hits.get(key)
    if (!entry || entry.resetAt <= now || entry.count < this.limit) return null
    return { retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) }
  }

  reset(key: string) {
    this.hits.delete(key)
  }

  private sweep(now: number) {
    if (this.hits.size < 10_000) return
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key)
  }
}

export type HitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** A limiter the sign-in route can share with other nodes (asynchronous for that reason). */
export interface SignInLimiter {
  hit(key: string): Promise<HitResult>
  blocked(key: string): Promise<{ retryAfterSeconds: number } | null>
  reset(key: string): Promise<void>
}

export type LimiterSpec = { name: 'address' | 'account'; limit: number; windowMs: number }

function inMemory(spec: LimiterSpec): SignInLimiter {
  const limiter = new RateLimiter(spec.limit, spec.windowMs)
  return {
    async hit(key) {
      return limiter.hit(key)
    },
    async blocked(key) {
      return limiter.blocked(key)
    },
    async reset(key) {
      limiter.reset(key)
    },
  }
}

// Per address: slows credential stuffing; per account: slows guessing one person's password.
// Both count failed sign-ins only: an office whose staff sign in from one address must not
// lock itself out by signing in (issue 9).
const specs = (): { byAddress: LimiterSpec; byAccount: LimiterSpec } => ({
  byAddress: { name: 'address', limit: getEnv().LOGIN_ATTEMPTS_PER_ADDRESS, windowMs: 15 * 60_000 },
  byAccount: { name: 'account', limit: 5, windowMs: 15 * 60_000 },
})

export const loginLimiters = singleton('login-limiters', () => {
  const { byAddress, byAccount } = specs()
  return { byAddress: inMemory(byAddress), byAccount: inMemory(byAccount) }
})

/** Several nodes: the server replaces the in-memory limiters with shared ones at boot. */
export function shareLoginLimiters(create: (spec: LimiterSpec) => SignInLimiter) {
  const { byAddress, byAccount } = specs()
  loginLimiters.byAddress = create(byAddress)
  loginLimiters.byAccount = create(byAccount)
}
/**
 * The family-voice link (ADR 0038): every request through a link counts per client address,
 * so nobody tries tokens at scale; a contributor needs a handful.
 */
export const VOICE_LINK_REQUESTS_PER_ADDRESS = 30
export const voiceLinkLimiter = () => singleton('voice-link-limiter', () => new RateLimiter(VOICE_LINK_REQUESTS_PER_ADDRESS, 15 * 60_000))
