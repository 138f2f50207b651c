import { getEnv } from './env.server'
import { singleton } from './singleton.server'

// A fixed-window counter per key. In memory: one node serves a jurisdiction today; a shared
// store is needed once the app scales out.
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

// Per address: slows credential stuffing; per account: slows guessing one person's password.
// Both count failed sign-ins only: an office whose staff sign in from one address must not
// lock itself out by signing in (issue 9).
export const loginLimiters = singleton('login-limiters', () => ({
  byAddress: new RateLimiter(getEnv().LOGIN_ATTEMPTS_PER_ADDRESS, 15 * 60_000),
  byAccount: new RateLimiter(5, 15 * 60_000),
}))

/**
 * The family-voice link (ADR 0038): every request through a link counts per client address,
 * so nobody tries tokens at scale; a contributor needs a handful.
 */
export const VOICE_LINK_REQUESTS_PER_ADDRESS = 30
export const voiceLinkLimiter = () => singleton('voice-link-limiter', () => new RateLimiter(VOICE_LINK_REQUESTS_PER_ADDRESS, 15 * 60_000))
