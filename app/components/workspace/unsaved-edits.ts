// Edits the browser's copy (y-indexeddb) has not stored yet, written synchronously to
// localStorage when the page goes away, and merged back into the copy at the next opening.
// y-indexeddb writes each update in its own IndexedDB transaction, which commits only after a
// round trip to the page; a reload or a closed tab right after typing aborts those still on
// their way, and offline that copy is the only one (a CI run under load lost all but the first
// letter of a sentence typed just before a reload). ADR 61.
// The rescued edits are review content: they go with the copy they belong to
// (offline-store.ts clears them at the same moments).
import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import { storeOfUnsavedEdits, unsavedEditsKey } from './offline-store'

/** Beyond this the local copy is failing outright (quota): the rescue would fail too. */
const MAX_RESCUE_CHARS = 2_000_000

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>

export interface UnsavedEditsOptions {
  storeName: string
  /** Origins of updates that need no rescue: the copy's own loading, and the server's (it has them). */
  storedElsewhere: readonly unknown[]
  /** Settles once every write the local copy has started so far is stored (rejects if not). */
  whenStored: () => Promise<void>
  storage: KeyValueStorage
  pageId?: string
}

/** The origin of rescued edits applied at opening (stored by the local copy like any update). */
export const RESCUED = Symbol('rescued unsaved edits')

export class UnsavedEdits {
  readonly key: string
  private readonly pending: { seq: number; update: Uint8Array }[] = []
  private seq = 0
  private confirming = false
  private written = false
  private stopped = false

  constructor(
    private readonly doc: Y.Doc,
    private readonly options: UnsavedEditsOptions,
  ) {
    this.key = unsavedEditsKey(options.storeName, options.pageId ?? Math.random().toString(36).slice(2, 12))
    doc.on('update', this.onUpdate)
  }

  /** Edits not yet confirmed stored (for tests and the status line). */
  get unconfirmed(): number {
    return this.pending.length
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.stopped || this.options.storedElsewhere.includes(origin)) return
    this.pending.push({ seq: ++this.seq, update })
    this.confirm()
  }

  private confirm() {
    if (this.confirming || this.pending.length === 0) return
    this.confirming = true
    const upTo = this.seq
    this.options.whenStored().then(
      () => {
        this.confirming = false
        if (this.stopped) return
        while ((this.pending[0]?.seq ?? Infinity) <= upTo) this.pending.shift()
        if (this.pending.length === 0) this.forgetWritten()
        else this.confirm()
      },
      () => {
        // Not stored (the copy failed): keep them, for the rescue at page hide.
        this.confirming = false
      },
    )
  }

  /** Writes what is not confirmed yet; synchronous, for `pagehide` and a hidden tab. */
  saveNow(): void {
    if (this.stopped || this.pending.length === 0) return
    try {
      const text = toBase64(Y.mergeUpdates(this.pending.map(entry => entry.update)))
      if (text.length > MAX_RESCUE_CHARS) return
      this.options.storage.setItem(this.key, text)
      this.written = true
    } catch {
      // Storage full or disabled: the local copy's own writes are all there is.
    }
  }

  /**
   * Merges every page's rescued edits for this copy into the document, once the copy is
   * loaded; each key goes once what it held is stored in the copy. Unreadable keys just go.
   */
  restore(): number {
    const keys: string[] = []
    for (let i = 0; i < this.options.storage.length; i++) {
      const key = this.options.storage.key(i)
      if (key !== null && key !== this.key && storeOfUnsavedEdits(key) === this.options.storeName) keys.push(key)
    }
    let restored = 0
    for (const key of keys) {
      const text = this.options.storage.getItem(key)
      try {
        if (text !== null) Y.applyUpdate(this.doc, fromBase64(text), RESCUED)
        restored++
      } catch {
        this.options.storage.removeItem(key)
        continue
      }
      this.options.whenStored().then(
        () => this.options.storage.removeItem(key),
        () => undefined,
      )
    }
    return restored
  }

  /** No more tracking or writing (the page left the review, or the copy is being deleted). */
  stop(): void {
    this.stopped = true
    this.doc.off('update', this.onUpdate)
  }

  private forgetWritten() {
    if (!this.written) return
    this.written = false
    try {
      this.options.storage.removeItem(this.key)
    } catch {
      // Storage disabled since: nothing was left there.
    }
  }
}

// ------------------------------------------------------------------------------ the browser

const noStorage: KeyValueStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined, key: () => null, length: 0 }

/** The part of y-indexeddb's persistence this needs. */
interface LocalCopy {
  whenSynced: Promise<unknown>
  db: IDBDatabase | null
}

/**
 * A read-only transaction on the updates store starts only after every read-write one
 * started before it has finished, so its completion confirms the copy's writes so far.
 */
function whenCopyStored(copy: LocalCopy): () => Promise<void> {
  return () =>
    copy.whenSynced.then(
      () =>
        new Promise<void>((resolve, reject) => {
          const db = copy.db
          if (db === null) return reject(new Error('the local copy is closed'))
          const transaction = db.transaction(['updates'], 'readonly')
          transaction.oncomplete = () => resolve()
          transaction.onabort = () => reject(transaction.error ?? new Error('aborted'))
        }),
    )
}

/**
 * Tracks the document's edits until the local copy has stored them, and writes those still
 * on their way when the page is hidden or goes away. Call `restore()` once the copy is loaded.
 */
export function watchUnsavedEdits(doc: Y.Doc, copy: LocalCopy, storeName: string, server: unknown): UnsavedEdits & { detach(): void } {
  let storage: KeyValueStorage = noStorage
  try {
    storage = window.localStorage
  } catch {
    // Storage disabled: nothing can be rescued, the copy's own writes are all there is.
  }
  const edits = new UnsavedEdits(doc, { storeName, storedElsewhere: [copy, server], whenStored: whenCopyStored(copy), storage })
  const save = () => edits.saveNow()
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') edits.saveNow()
  }
  window.addEventListener('pagehide', save)
  document.addEventListener('visibilitychange', onVisibility)
  return Object.assign(edits, {
    detach() {
      window.removeEventListener('pagehide', save)
      document.removeEventListener('visibilitychange', onVisibility)
      edits.stop()
    },
  })
}
