import crypto from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = crypto.randomBytes(16).toString('hex')
  next()
}

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        // Only scripts carrying this response's nonce run, and what they load.
        'script-src': ["'strict-dynamic'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        // Tiptap and the caret extension set inline style attributes.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        // The workspace's offline worker (public/review-offline-sw.js); 'strict-dynamic' above
        // would otherwise refuse it, as it ignores 'self'.
        'worker-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  })
}

/** The origins a browser request may come from: configured ones, else the one it addressed. */
export function allowedOrigins(configured: string[], req: IncomingMessage, protocol: string) {
  if (configured.length) return configured.map(o => new URL(o).origin)
  const host = req.headers.host
  return host ? [`${protocol}://${host}`] : []
}

export function requestOrigin(req: IncomingMessage) {
  const origin = req.headers.origin
  if (origin && origin !== 'null') return origin
  const referer = req.headers.referer
  if (!referer) return null
  try {
    return new URL(referer).origin
  } catch {
    return null
  }
}

// SameSite=Lax already keeps the session cookie off cross-site POSTs; checking the Origin
// as well closes the gaps (sibling subdomains, old browsers) for every state change.
export function originCheck(configured: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    const origin = requestOrigin(req)
    if (origin && allowedOrigins(configured, req, req.protocol).includes(origin)) return next()
    res.status(403).type('text/plain').send('Cross-origin request refused')
  }
}

/** TRUST_PROXY: `false` (0), `true` (one proxy in front), or the number of proxies in front. */
export function trustedProxyHops(env: { TRUST_PROXY: string }): number {
  if (env.TRUST_PROXY === 'true') return 1
  const hops = Number(env.TRUST_PROXY)
  return Number.isInteger(hops) && hops > 0 ? hops : 0
}

/** The entry `hops` from the right of a comma-separated forwarded header (what our proxies wrote). */
export function forwardedByTrusted(header: string | string[] | undefined, hops: number): string | undefined {
  if (hops === 0 || header === undefined) return undefined
  const entries = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
  return entries[entries.length - hops] ?? entries[0]
}
