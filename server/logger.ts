import { pino, type DestinationStream } from 'pino'

export function createLogger(level: string, destination?: DestinationStream) {
  const options = {
    level,
    // Request logs must never carry credentials or session ids.
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
  }
  return destination ? pino(options, destination) : pino(options)
}
export type Logger = ReturnType<typeof createLogger>

// Paths whose last segment is a capability: whoever reads it can act with it (a family-voice link,
// ADR 0038; a one-time set-password link). Their tokens never reach a log.
const capabilityPaths = [/^\/voice\/[^/]+/, /^\/set-password\/[^/]+/]

/** The request path as logged: no query string (it can carry tokens), capability tokens replaced. */
export function loggedPath(url: string): string {
  const path = url.split('?')[0]!
  for (const pattern of capabilityPaths) {
    const match = pattern.exec(path)
    if (match) return match[0].slice(0, match[0].lastIndexOf('/')) + '/:token' + path.slice(match[0].length)
  }
  return path
}
