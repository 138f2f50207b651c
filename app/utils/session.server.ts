import { createCookieSessionStorage } from '@remix-run/node'
import { getEnv } from './env.server'
import { singleton } from './singleton.server'

export function cookieSecure() {
  const env = getEnv()
  if (env.COOKIE_SECURE === 'auto') return env.NODE_ENV === 'production'
  return env.COOKIE_SECURE === 'true'
}

// The cookie holds only the id of a Session row; the row is the truth (revocable).
export const sessionStorage = singleton('session-storage', () =>
  createCookieSessionStorage<{ sessionId: string }, { toast: string }>({
    cookie: {
      name: 'scir_session',
      sameSite: 'lax',
      path: '/',
      httpOnly: true,
      secrets: [getEnv().SESSION_SECRET],
      secure: cookieSecure(),
    },
  }),
)
