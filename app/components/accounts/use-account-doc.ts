// The author's own document, in the browser only: one Y.Doc, kept on this device by
// y-indexeddb (so a draft survives going offline or closing the laptop) and synced with the
// server through the collaboration socket, which admits only the author. Both are created in
// an effect and destroyed on unmount (StrictMode mounts twice in development). Nothing is ever
// written into the document here: the editors only sync what the author types.
import { useEffect, useState } from 'react'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { watchUnsavedEdits } from '~/components/workspace/unsaved-edits'
import { NOT_SAVING_CLOSE_CODE } from '~/components/workspace/use-collab-session'

/** 'not-saving': the server cannot save right now (ADR 0032); shown until the next sync. */
export type AccountConnection = 'connecting' | 'saved' | 'reconnecting' | 'not-saving' | 'offline' | 'ended'

export type AccountDocState = {
  ydoc: Y.Doc | null
  /** The local copy is loaded (or the server synced): editors may bind without duplicating text. */
  ready: boolean
  connection: AccountConnection
}

function collabUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`
}

/** The local copy's name; one per account, so a shared browser never mixes two drafts. */
export function localStoreName(accountId: string): string {
  return `scir-account:${accountId}`
}

export function useAccountDoc(accountId: string, docName: string): AccountDocState {
  const [ydoc, setYdoc] = useState<Y.Doc | null>(null)
  const [ready, setReady] = useState(false)
  const [connection, setConnection] = useState<AccountConnection>('connecting')

  useEffect(() => {
    const doc = new Y.Doc()
    let disposed = false
    let ended = false
    let notSaving = false
    const markReady = () => {
      if (!disposed) setReady(true)
    }

    let local: IndexeddbPersistence | null = null
    try {
      local = new IndexeddbPersistence(localStoreName(accountId), doc)
      void local.whenSynced.then(() => {
        if (!disposed) unsaved?.restore()
        markReady()
      }, markReady)
    } catch {
      // No IndexedDB (private mode in some browsers): the server copy is the only one.
    }
    const provider = new WebsocketProvider(collabUrl(window.location), docName, doc, { disableBc: true, maxBackoffTime: 5000 })
    // Typed just before a reload or a closed tab, not yet in the local copy (ADR 61).
    const unsaved = local ? watchUnsavedEdits(doc, local, localStoreName(accountId), provider) : null

    const onStatus = ({ status }: { status: string }) => {
      if (ended) return
      if (status === 'connected') {
        if (provider.synced) setConnection('saved')
        return
      }
      setConnection(!navigator.onLine ? 'offline' : notSaving ? 'not-saving' : 'reconnecting')
    }
    const onSync = (synced: boolean) => {
      if (ended || !synced) return
      notSaving = false
      markReady()
      setConnection('saved')
    }
    const onClosed = () => {
      ended = true
      provider.disconnect()
      setConnection('ended')
    }
    const onConnectionClose = (event: { code: number } | null) => {
      if (event?.code !== NOT_SAVING_CLOSE_CODE) return
      notSaving = true
      if (!ended && navigator.onLine) setConnection('not-saving')
    }
    const onOffline = () => {
      if (!ended) setConnection('offline')
    }
    const onOnline = () => {
      if (!ended) setConnection(provider.wsconnected && provider.synced ? 'saved' : notSaving ? 'not-saving' : 'reconnecting')
    }
    // Subscribed and unsubscribed as one set, so the cleanup cannot miss one.
    const listen = (on: boolean) => {
      const method = on ? 'on' : 'off'
      provider[method]('status', onStatus)
      provider[method]('sync', onSync)
      provider[method]('closed', onClosed)
      provider[method]('connection-close', onConnectionClose)
      const windowMethod = on ? 'addEventListener' : 'removeEventListener'
      window[windowMethod]('offline', onOffline)
      window[windowMethod]('online', onOnline)
    }
    listen(true)
    if (!local) markReady()
    setYdoc(doc)
    setConnection(navigator.onLine ? 'connecting' : 'offline')

    return () => {
      disposed = true
      listen(false)
      unsaved?.detach()
      provider.destroy()
      void local?.destroy()
      doc.destroy()
      setYdoc(null)
      setReady(false)
    }
  }, [accountId, docName])

  return { ydoc, ready, connection }
}
