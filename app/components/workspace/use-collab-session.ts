// The browser's side of a review's live document: one Y.Doc and one WebsocketProvider per
// mounted workspace, created in an effect (never on the server) and destroyed on unmount, so
// React StrictMode's double mount never leaves two providers in one room. The document is
// never seeded here: the server seeded it once when the review was created; clients only sync.
import { useEffect, useState } from 'react'
import { IndexeddbPersistence } from 'y-indexeddb'
import { removeAwarenessStates } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { pickDistinctColour } from './colour'
import { listenToConnection } from './connection-listeners'
import { clearReviewStores, noteStoreUsed, type ClearReason } from './offline-store'
import { watchUnsavedEdits } from './unsaved-edits'
import { applyServerStateAsReceived } from './server-state-as-received'

export type ConnectionState =
  /** First connection, not synced yet. */
  | 'connecting'
  /** Open and synced with the server. */
  | 'connected'
  /** Lost the connection (or not synced again yet); the provider retries by itself. */
  | 'reconnecting'
  /**
   * The server closed the socket because it cannot save changes (4503, ADR 0032); edits stay
   * in this browser and merge once it saves again. Shown until the next sync.
   */
  | 'not-saving'
  /** The browser says there is no network. */
  | 'offline'
  /** Ended for good: the session is gone. */
  | 'signed-out'
  /** Ended for good: access to this review was revoked or changed. */
  | 'revoked'

/** The server's close code for "cannot save right now" (server/collab/limits.ts, CloseCode.notSaving). */
export const NOT_SAVING_CLOSE_CODE = 4503

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
  /** True once this browser's own copy (if any) is loaded: offline work can go on after a reload. */
  localLoaded: boolean
  /** This user's presence colour in the room: their own unless someone else here shows it. */
  color: string
}

/** Our presence is renewed this often, so the others can tell a silent peer from a present one. */
export const PRESENCE_RENEW_MS = 4_000
/** A peer not heard from for this long is no longer shown (the server usually says so sooner). */
export const PRESENCE_STALE_MS = 10_000

/** The browser's copy of the document: which one, and whose (for clearing it when access ends). */
export type LocalStore = { name: string; userId: string; reviewId: string }

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

export function useCollabSession(options: { docName: string; user: PresenceUser; probeUrl: string; localStore?: LocalStore | null }): CollabSessionState {
  const { docName, probeUrl } = options
  const { name, color } = options.user
  const localName = options.localStore?.name ?? null
  const localUser = options.localStore?.userId ?? null
  const localReview = options.localStore?.reviewId ?? null
  const [session, setSession] = useState<CollabSession | null>(null)
  const [connection, setConnection] = useState<ConnectionState>('connecting')
  const [synced, setSynced] = useState(false)
  const [localLoaded, setLocalLoaded] = useState(false)
  const [shownColor, setShownColor] = useState(color)

  useEffect(() => {
    const ydoc = new Y.Doc()
    let disposed = false
    let everConnected = false
    let ended = false
    let lastProbe = 0
    let notSaving = false

    // The local copy first: what was typed offline before a reload is back before anything else.
    let local: IndexeddbPersistence | null = null
    let unsaved: ReturnType<typeof watchUnsavedEdits> | null = null
    if (localName !== null) {
      try {
        local = new IndexeddbPersistence(localName, ydoc)
        noteStoreUsed(localName)
        const loaded = () => {
          if (disposed) return
          // Typed just before the last reload or close, after the copy had stored: back first.
          unsaved?.restore()
          setLocalLoaded(true)
        }
        void local.whenSynced.then(loaded, loaded)
      } catch {
        // No IndexedDB (some private modes): the page's memory and the server are the only copies.
      }
    }

    const provider = new WebsocketProvider(collabServerUrl(window.location), docName, ydoc, {
      // Tabs of one browser may belong to different sign-ins over time; the server is the only
      // channel, so its permission checks apply to every change.
      disableBc: true,
      maxBackoffTime: 5000,
      // Opened with no network (a reload from the kept page): no doomed socket, and no console
      // error for it; the 'online' handler below connects.
      connect: navigator.onLine,
    })
    if (local !== null && localName !== null) unsaved = watchUnsavedEdits(ydoc, local, localName, provider)
    // The server's state reaches the local copy as received, not encoded a second time.
    const stopApplyingAsReceived = applyServerStateAsReceived(provider, ydoc)
    const awareness = provider.awareness
    let current = color
    awareness.setLocalStateField('user', { name, color: current })
    setShownColor(current)

    // Presence colours distinct in the room: see pickDistinctColour.
    const settleColour = () => {
      const others: { clientId: number; name: string; color: string }[] = []
      for (const [clientId, state] of awareness.getStates()) {
        const user = (state as { user?: { name?: unknown; color?: unknown } }).user
        if (clientId !== awareness.clientID && typeof user?.name === 'string' && typeof user.color === 'string') {
          others.push({ clientId, name: user.name, color: user.color })
        }
      }
      const next = pickDistinctColour({ clientId: awareness.clientID, name, preferred: color, current }, others)
      if (next === current) return
      current = next
      awareness.setLocalStateField('user', { name, color: next })
      setShownColor(next)
    }
    awareness.on('change', settleColour)

    // Renew our presence often, and forget peers we have not heard from: someone whose network
    // went away leaves the list within seconds even if no close ever reaches us.
    const renew = setInterval(() => {
      const state = awareness.getLocalState()
      if (state !== null && provider.wsconnected) awareness.setLocalState(state)
      const now = Date.now()
      const stale: number[] = []
      for (const [clientId, meta] of awareness.meta) {
        if (clientId !== awareness.clientID && awareness.states.has(clientId) && now - meta.lastUpdated > PRESENCE_STALE_MS) stale.push(clientId)
      }
      if (stale.length > 0) removeAwarenessStates(awareness, stale, 'stale')
    }, PRESENCE_RENEW_MS)

    const forget = (reason: ClearReason) => {
      // The copy is confidential review content: it goes as soon as this user may no longer read it.
      unsaved?.detach()
      unsaved = null
      void (local ? local.clearData() : Promise.resolve()).finally(() => void clearReviewStores(reason))
      local = null
    }

    const stop = (state: 'signed-out' | 'revoked') => {
      if (ended) return
      ended = true
      provider.disconnect()
      setConnection(state)
      if (state === 'signed-out') forget({ kind: 'signed-out' })
      else if (localUser !== null && localReview !== null) forget({ kind: 'access-ended', userId: localUser, reviewId: localReview })
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
      else if (notSaving) setConnection('not-saving')
      else setConnection(everConnected ? 'reconnecting' : 'connecting')
    }
    const onSync = (isSynced: boolean) => {
      if (ended) return
      if (isSynced) {
        notSaving = false
        setSynced(true)
        setConnection('connected')
      }
    }
    const onClosed = (event: { code: number }) => {
      // 4401: signed out; 4403 and the rest of 44xx: access revoked or changed.
      stop(event.code === 4401 ? 'signed-out' : 'revoked')
    }
    const onConnectionClose = (event: { code: number } | null) => {
      if (event?.code === NOT_SAVING_CLOSE_CODE) {
        notSaving = true
        if (!ended && navigator.onLine) setConnection('not-saving')
      }
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
      if (ended) return
      setConnection('offline')
      // Close the socket now rather than wait for it to time out: the others see us leave, and
      // we stop showing them as present (the provider drops remote presence when it closes).
      provider.disconnect()
    }
    const onOnline = () => {
      if (ended) return
      provider.connect()
      setConnection(provider.wsconnected && provider.synced ? 'connected' : notSaving ? 'not-saving' : 'reconnecting')
    }

    const stopListening = listenToConnection(
      provider,
      { status: onStatus, sync: onSync, closed: onClosed, 'connection-close': onConnectionClose },
      { offline: onOffline, online: onOnline },
    )
    setSession({ ydoc, provider })
    setConnection(navigator.onLine ? 'connecting' : 'offline')
    setSynced(false)

    return () => {
      disposed = true
      clearInterval(renew)
      awareness.off('change', settleColour)
      unsaved?.detach()
      void local?.destroy()
      stopListening()
      stopApplyingAsReceived()
      // destroy() disconnects and removes our presence from the room.
      provider.destroy()
      ydoc.destroy()
      setSession(null)
      setLocalLoaded(false)
    }
  }, [docName, probeUrl, name, color, localName, localUser, localReview])

  return { session, connection, synced, localLoaded, color: shownColor }
}
