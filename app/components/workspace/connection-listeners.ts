// What a live document's page listens to: the provider's connection events and the browser's
// offline/online. Added and removed from one table, so a handler added later cannot be left
// registered after the page unmounts (a leaked handler would set state on a destroyed session).
import type { WebsocketProvider } from 'y-websocket'

type ProviderHandlers = {
  status?: (event: { status: 'connected' | 'disconnected' | 'connecting' }) => void
  sync?: (isSynced: boolean) => void
  closed?: (event: { code: number }) => void
  'connection-close'?: (event: { code: number } | null) => void
}
type WindowHandlers = { offline?: () => void; online?: () => void }

/** Registers the handlers; the returned function removes every one of them. */
export function listenToConnection(provider: WebsocketProvider, handlers: ProviderHandlers, browser: WindowHandlers): () => void {
  // The provider's on/off are typed per event name; the table above holds each with its own type.
  const emitter = provider as unknown as { on(name: string, f: unknown): void; off(name: string, f: unknown): void }
  const providerEntries = Object.entries(handlers).filter(([, f]) => f !== undefined)
  const windowEntries = Object.entries(browser).filter((entry): entry is [string, () => void] => entry[1] !== undefined)
  for (const [name, f] of providerEntries) emitter.on(name, f)
  for (const [name, f] of windowEntries) window.addEventListener(name, f)
  return () => {
    for (const [name, f] of windowEntries) window.removeEventListener(name, f)
    for (const [name, f] of providerEntries) emitter.off(name, f)
  }
}
