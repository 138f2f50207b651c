import type { AppLoadContext } from '@remix-run/node'

/** The client's address as the server saw it (set by server/ in the load context). */
export function clientAddress(request: Request, context: AppLoadContext | undefined) {
  const fromContext = context && typeof context.clientAddress === 'string' ? context.clientAddress : null
  return fromContext ?? 'unknown'
}
