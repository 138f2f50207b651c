// The browser's side of a review's live document: one Y.Doc and one WebsocketProvider per
// mounted workspace, created in an effect (never on the server) and destroyed on unmount, so
// React StrictMode's double mount never leaves two providers in one room. The document is
// never seeded here: the server seeded it once when the review was created; clients only sync.
import { useEffect, useState } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export type ConnectionState =
  /** First connection, not synced yet. */
  | 'connecting'
  /** Open and synced with the server. */
  | 'connected'
  /** Lost the connection (or not synced again yet); the provider retries by itself. */
  | 'reconnecting'
  /** The browser says there is no network. */
  | 'offline'
  /** Ended for good: the session is gone. */
  | 'signed-out'
  /** Ended for good: access to this review was revoked or changed. */
  | 'revoked'

export const isTerminal = (state: ConnectionState) => state === 'signed-out' || state === 'revoked'

export type PresenceUser = { name: string; color: string }

export type CollabSession = {
  ydoc: Y.Doc
  provider: WebsocketProvider
}

export type CollabSessionState = {
  session: CollabSession | null
  connection: ConnectionState
  /** True once the document has synced with the server at least once. */
  synced: boolean
}

/** Where the socket lives: same origin as the page (the session cookie and Origin check apply). */
export function collabServerUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`
}

/**
 * A refused upgrade (expired session, removed member) reaches the browser as a bare failed
 * connection, indistinguishable from a network problem. After a few failures in a row we ask
 * the workspace's own loader: a redirect to sign-in or a 403/404 means "stop".
 */
async function probeAccess(probeUrl: string): Promise<'ok' | 'signed-out' | 'revoked' | 'unknown'> {
  try {
    const response = await fetch(probeUrl, { credentials: 'same-origin', redirect: 'manual', headers: { accept: 'application/json' } })
    const redirect = response.headers.get('x-remix-redirect')
    if (response.type === 'opaqueredirect' || (redirect !== null && redirect.startsWith('/login'))) return 'signed-out'
    if (response.status === 401) return 'signed-out'
    if (response.status === 403 || response.status === 404) return 'revoked'
    return response.ok ? 'ok' : 'unknown'
  } catch {
    return 'unknown'
  }
}

export function useCollabSession(options: { docName: string; user: PresenceUser; probeUrl: string }): CollabSessionState {
  const { docName, probeUrl } = options
  const { name, color } = options.user
  const [session, setSession] = useState<CollabSession | null>(null)
  const [connection, setConnection] = useState<ConnectionState>('connecting')
  const [synced, setSynced] = useState(false)

  useEffect(() => {
    const ydoc = new Y.Doc()
    const provider = new WebsocketProvider(collabServerUrl(window.location), docName, ydoc, {
      // Tabs of one browser may belong to different sign-ins over time; the server is the only
      // channel, so its permission checks apply to every change.
      disableBc: true,
      maxBackoffTime: 5000,
    })
    provider.awareness.setLocalStateField('user', { name, color })

    let disposed = false
    let everConnected = false
    let ended = false
    let lastProbe = 0

    const stop = (state: 'signed-out' | 'revoked') => {
      if (ended) return
      ended = true
      provider.disconnect()
      setConnection(state)
    }
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (ended) return
      if (status === 'connected') {
        everConnected = true
        // "connected" only once the document is synced: see onSync.
        if (provider.synced) setConnection('connected')
        return
      }
      if (!navigator.onLine) setConnection('offline')
      else setConnection(everConnected ? 'reconnecting' : 'connecting')
    }
    const onSync = (isSynced: boolean) => {
      if (ended) return
      if (isSynced) {
        setSynced(true)
        setConnection('connected')
      }
    }
    const onClosed = (event: { code: number }) => {
      // 4401: signed out; 4403 and the rest of 44xx: access revoked or changed.
      stop(event.code === 4401 ? 'signed-out' : 'revoked')
    }
    const onConnectionClose = () => {
      if (ended || provider.wsUnsuccessfulReconnects < 2 || !navigator.onLine) return
      const now = Date.now()
      if (now - lastProbe < 10_000) return
      lastProbe = now
      void probeAccess(probeUrl).then(verdict => {
        if (disposed) return
        if (verdict === 'signed-out' || verdict === 'revoked') stop(verdict)
      })
    }
    const onOffline = () => {
      if (!ended) setConnection('offline')
    }
    const onOnline = () => {
      if (ended) return
      setConnection(provider.wsconnected && provider.synced ? 'connected' : 'reconnecting')
    }

    provider.on('status', onStatus)
    provider.on('sync', onSync)
    provider.on('closed', onClosed)
    provider.on('connection-close', onConnectionClose)
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)
    setSession({ ydoc, provider })
    setConnection(navigator.onLine ? 'connecting' : 'offline')
    setSynced(false)

    return () => {
      disposed = true
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
      provider.off('status', onStatus)
      provider.off('sync', onSync)
      provider.off('closed', onClosed)
      provider.off('connection-close', onConnectionClose)
      // destroy() disconnects and removes our presence from the room.
      provider.destroy()
      ydoc.destroy()
      setSession(null)
    }
  }, [docName, probeUrl, name, color])

  return { session, connection, synced }
}
