import type { IncomingMessage } from 'node:http'

/**
 * Browsers attach cookies to cross-site WebSocket handshakes and the same-origin policy does
 * not apply to them, so an authenticator that trusts the session cookie must also check the
 * Origin header (cross-site WebSocket hijacking). A missing Origin is refused: every browser
 * sends one, and non-browser clients can send it too.
 */
export function hasAllowedOrigin(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin
  return origin !== undefined && allowedOrigins.includes(origin)
}
