// Request bodies are bounded at the edge, before Remix or any route reads them (issue 10,
// point 2): by the bytes actually received, so a chunked upload without Content-Length is cut
// off too, and per route. Non-GET requests from someone not signed in are answered before a
// byte of their body is read, except on the few routes that are meant for them.
import type { NextFunction, Request, Response } from 'express'

/** Room for multipart boundaries and the other fields next to an uploaded file. */
const MULTIPART_OVERHEAD = 256 * 1024

/** The limits, documented in the README ("Limits"). */
export const BODY_LIMITS = {
  /** Every ordinary form: a long summary or finding fits many times over. */
  form: 512 * 1024,
  /** Case-file import (JSON or CSV files). */
  import: 20 * 1024 * 1024 + MULTIPART_OVERHEAD, // MAX_IMPORT_BYTES in case-file-import.server.ts
  /** Shared exports uploaded to the trends page. */
  trends: 20 * 1024 * 1024 + MULTIPART_OVERHEAD,
  /** Jurisdiction settings JSON. */
  settings: 2 * 1024 * 1024 + MULTIPART_OVERHEAD,
} as const

export function bodyLimitFor(path: string): number {
  if (/^\/reviews\/[^/]+\/import\/?$/.test(path)) return BODY_LIMITS.import
  if (/^\/trends\/?$/.test(path)) return BODY_LIMITS.trends
  if (/^\/admin\/settings\/?$/.test(path)) return BODY_LIMITS.settings
  return BODY_LIMITS.form
}

/** Routes that take a form from someone who is not signed in. */
export function anonymousAllowed(path: string): boolean {
  // The family-voice link (ADR 0038) is used by people who have no account at all.
  return /^\/(login|logout|set-language)\/?$/.test(path) || /^\/set-password\/[^/]+\/?$/.test(path) || /^\/voice\/[^/]+\/?$/.test(path)
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function bodyGate(options: { isSignedIn(cookie: string | undefined): Promise<boolean> }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (BODYLESS.has(req.method)) return next()
    const limit = bodyLimitFor(req.path)
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) return refuseUnread(req, res, 413, 'Request body too large')
    if (!anonymousAllowed(req.path)) {
      let signedIn = false
      try {
        signedIn = await options.isSignedIn(req.headers.cookie)
      } catch (error) {
        return next(error)
      }
      if (!signedIn) return toSignIn(req, res)
    }
    countBytes(req, res, limit)
    next()
  }
}

/**
 * Counts the bytes as the HTTP parser hands them over (every reader, Remix's included, gets
 * them through push), and stops the request once it passes the limit: the client gets 413
 * and the consumer an error, never a truncated body it could mistake for a whole one.
 */
function countBytes(req: Request, res: Response, limit: number): void {
  let received = 0
  let refused = false
  const push = req.push.bind(req)
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (refused) return false
    if (chunk !== null && chunk !== undefined) received += (chunk as Buffer).length
    if (received > limit) {
      refused = true
      if (!res.headersSent) {
        res.status(413).set('Connection', 'close').type('text/plain').send('Request body too large')
        res.once('finish', () => req.destroy(new Error('request body too large')))
      } else {
        req.destroy(new Error('request body too large'))
      }
      return false
    }
    return push(chunk, encoding)
  }
}

function refuseUnread(req: Request, res: Response, status: number, message: string): void {
  res.status(status).set('Connection', 'close').type('text/plain').send(message)
  // The body is never read; closing is cheaper than draining it.
  res.once('finish', () => req.destroy())
}

/** Like requireUser would answer, but before the body is read. */
function toSignIn(req: Request, res: Response): void {
  const target = `/login?${new URLSearchParams({ redirectTo: req.path })}`
  res.set('Connection', 'close')
  // Remix's fetch of an action (?_data=) follows a redirect given in this header.
  if (typeof req.query._data === 'string') {
    res.status(204).set({ 'X-Remix-Redirect': target, 'X-Remix-Status': '303' }).end()
  } else {
    res.redirect(303, target)
  }
  res.once('finish', () => req.destroy())
}
