// Edits typed just before a reload or a closed tab, not yet stored by the browser's copy, are
// rescued into localStorage as the page goes away and merged back at the next opening (ADR 61);
// the rescue goes with the copy at sign-out. The copy's confirmation is played by the test.
import * as Y from 'yjs'
import { clearReviewStores, reviewStoreName, STORE_REGISTRY_KEY, unsavedEditsKey } from '~/components/workspace/offline-store'
import { RESCUED, UnsavedEdits } from '~/components/workspace/unsaved-edits'

class MapStorage {
  readonly items = new Map<string, string>()
  get length() {
    return this.items.size
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null
  }
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.items.set(key, value)
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
}

/** The copy's confirmations, settled when the test says. */
class Confirmations {
  private waiting: { resolve: () => void; reject: (error: Error) => void }[] = []
  whenStored = () =>
    new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject })
    })
  async storeAll() {
    for (const waiter of this.waiting.splice(0)) waiter.resolve()
    await flush()
  }
  async failAll() {
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('quota'))
    await flush()
  }
}

const flush = () => new Promise(resolve => setImmediate(resolve))
const STORE = reviewStoreName('user-1', 'review-1')
const COPY = Symbol('the local copy')
const SERVER = Symbol('the server')

function page(doc: Y.Doc, storage: MapStorage, confirmations: Confirmations, pageId: string) {
  return new UnsavedEdits(doc, { storeName: STORE, storedElsewhere: [COPY, SERVER], whenStored: confirmations.whenStored, storage, pageId })
}

/** A page with its own document, storage and copy. */
function onePage() {
  const storage = new MapStorage()
  const confirmations = new Confirmations()
  const doc = new Y.Doc()
  return { storage, confirmations, doc, edits: page(doc, storage, confirmations, 'p') }
}

function gap(doc: Y.Doc) {
  return doc.getText('gap')
}

describe('edits rescued as the page goes away', () => {
  test('what the copy has not confirmed is rescued, and comes back at the next opening', async () => {
    const storage = new MapStorage()
    const confirmations = new Confirmations()
    const before = new Y.Doc()
    const edits = page(before, storage, confirmations, 'first')
    gap(before).insert(0, 'Written offline.')
    await confirmations.storeAll()
    expect(edits.unconfirmed).toBe(0)
    // What the copy holds now, as the next page will load it.
    const stored = Y.encodeStateAsUpdate(before)

    gap(before).insert(gap(before).length, ' And after a reload.')
    expect(edits.unconfirmed).toBe(1)
    edits.saveNow()
    expect([...storage.items.keys()]).toEqual([unsavedEditsKey(STORE, 'first')])

    const after = new Y.Doc()
    Y.applyUpdate(after, stored, COPY)
    expect(gap(after).toString()).toBe('Written offline.')
    const nextConfirmations = new Confirmations()
    const reopened = page(after, storage, nextConfirmations, 'second')
    expect(reopened.restore()).toBe(1)
    expect(gap(after).toString()).toBe('Written offline. And after a reload.')
    // The rescue stays until the copy has stored what it held.
    expect(storage.items.size).toBe(1)
    await nextConfirmations.storeAll()
    expect(storage.items.size).toBe(0)
  })

  test('nothing is written when everything is stored, nor for the copy’s or the server’s own updates', async () => {
    const { storage, confirmations, doc, edits } = onePage()
    const elsewhere = new Y.Doc()
    gap(elsewhere).insert(0, 'From the server.')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(elsewhere), SERVER)
    gap(elsewhere).insert(0, 'From the copy. ')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(elsewhere), COPY)
    expect(edits.unconfirmed).toBe(0)
    gap(doc).insert(0, 'Typed. ')
    await confirmations.storeAll()
    edits.saveNow()
    expect(storage.items.size).toBe(0)
  })

  test('edits the copy failed to store stay rescued; a rescue written while hidden goes once all is stored', async () => {
    const { storage, confirmations, doc, edits } = onePage()
    gap(doc).insert(0, 'One.')
    await confirmations.failAll()
    gap(doc).insert(4, ' Two.')
    expect(edits.unconfirmed).toBe(2)
    // The tab is hidden (not closed): both are written.
    edits.saveNow()
    const rescued = new Y.Doc()
    Y.applyUpdate(rescued, Buffer.from(storage.getItem(unsavedEditsKey(STORE, 'p')) ?? '', 'base64'))
    expect(gap(rescued).toString()).toBe('One. Two.')
    // Back, and the copy works again: the confirmation asked for with the second edit covers
    // both, and the rescue goes.
    await confirmations.storeAll()
    expect(edits.unconfirmed).toBe(0)
    expect(storage.items.size).toBe(0)
  })

  test('every page’s rescue of this copy comes back; other copies’ stay, unreadable ones go', async () => {
    const storage = new MapStorage()
    const tabs: [string, string][] = [
      ['tab-a', 'From tab A.'],
      ['tab-b', 'From tab B.'],
    ]
    for (const [pageId, words] of tabs) {
      const tab = new Y.Doc()
      const edits = page(tab, storage, new Confirmations(), pageId)
      gap(tab).insert(0, words)
      edits.saveNow()
    }
    const otherKey = unsavedEditsKey(reviewStoreName('user-2', 'review-1'), 'x')
    storage.setItem(otherKey, Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64'))
    storage.setItem(unsavedEditsKey(STORE, 'broken'), '%%% not base64 %%%')

    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
    const confirmations = new Confirmations()
    const edits = page(doc, storage, confirmations, 'now')
    expect(edits.restore()).toBe(2)
    expect(gap(doc).toString()).toMatch(/From tab A\./)
    expect(gap(doc).toString()).toMatch(/From tab B\./)
    expect(origins.every(origin => origin === RESCUED)).toBe(true)
    expect(storage.getItem(unsavedEditsKey(STORE, 'broken'))).toBeNull()
    await confirmations.storeAll()
    expect([...storage.items.keys()]).toEqual([otherKey])
  })

  test('a stopped page writes nothing', () => {
    const { storage, doc, edits } = onePage()
    gap(doc).insert(0, 'Typed.')
    edits.stop()
    edits.saveNow()
    expect(storage.items.size).toBe(0)
  })
})

/** What is left in localStorage, apart from the last-use notes (names and dates only). */
function rescueKeysAndOthers(storage: MapStorage): string[] {
  return [...storage.items.keys()].filter(key => key !== STORE_REGISTRY_KEY).sort()
}

describe('rescued edits go with their copy', () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window
  })

  test('signing out removes every review rescue, even one whose database is gone; staff drafts stay', async () => {
    const storage = new MapStorage()
    const review = unsavedEditsKey(STORE, 'a')
    const otherPerson = unsavedEditsKey(reviewStoreName('user-2', 'review-9'), 'b')
    const draft = unsavedEditsKey('scir-account:acc-1', 'c')
    for (const key of [review, otherPerson, draft]) storage.setItem(key, 'AAA=')
    storage.setItem('unrelated', 'kept')
    ;(globalThis as { window?: unknown }).window = { localStorage: storage, indexedDB: { databases: async () => [] } }
    expect(await clearReviewStores({ kind: 'signed-out' })).toEqual(expect.arrayContaining([STORE, reviewStoreName('user-2', 'review-9')]))
    expect(rescueKeysAndOthers(storage)).toEqual([draft, 'unrelated'].sort())
  })

  test('another person signing in removes the previous person’s rescue and keeps their own', async () => {
    const storage = new MapStorage()
    const mine = unsavedEditsKey(reviewStoreName('user-2', 'review-1'), 'a')
    const theirs = unsavedEditsKey(STORE, 'b')
    for (const key of [mine, theirs]) storage.setItem(key, 'AAA=')
    ;(globalThis as { window?: unknown }).window = { localStorage: storage }
    await clearReviewStores({ kind: 'signed-in', userId: 'user-2', now: Date.now(), lastUsed: {} })
    expect(rescueKeysAndOthers(storage)).toEqual([mine])
  })
})
