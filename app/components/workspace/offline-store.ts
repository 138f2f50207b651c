// The copy of a review document kept in this browser (y-indexeddb) so that edits made offline
// survive a reload or a closed tab and merge when the connection is back. A review's content
// is confidential, and browsers in an office are shared, so the copy is removed:
// - on sign-out (and whenever a page is shown to nobody signed in: an expired session);
// - when this user's access to the review ends (the socket closes for good);
// - when another person signs in in this browser;
// - when it has not been opened for STORE_MAX_AGE_DAYS.
// The workspace page kept for a reload without network (public/review-offline-sw.js, ADR 31),
// and edits rescued into localStorage as a page went away (unsaved-edits.ts, ADR 61), hold the
// same content and go at the same moments, with the copy they belong to.
// The decisions are pure functions (tested directly); the browser part only lists and deletes.

const PREFIX = 'scir-review:'
/** Where the last use of each copy is noted (names and dates only, never content). */
export const STORE_REGISTRY_KEY = 'scir-review-stores'
export const STORE_MAX_AGE_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000

/** One copy per person and review, so two people on one browser never share or mix copies. */
export function reviewStoreName(userId: string, reviewId: string): string {
  return `${PREFIX}${userId}:${reviewId}`
}

export function isReviewStore(name: string): boolean {
  return name.startsWith(PREFIX)
}

function ownerOf(name: string): string | null {
  if (!isReviewStore(name)) return null
  const rest = name.slice(PREFIX.length)
  const colon = rest.indexOf(':')
  return colon === -1 ? null : rest.slice(0, colon)
}

export type ClearReason =
  /** Signed out, or a page shown to nobody signed in. */
  | { kind: 'signed-out' }
  /** This user's access to one review ended. */
  | { kind: 'access-ended'; userId: string; reviewId: string }
  /** Someone is signed in: copies of anyone else, and copies unused for too long, go. */
  | { kind: 'signed-in'; userId: string; now: number; lastUsed: Readonly<Record<string, number>> }

/** Which of the browser's IndexedDB databases to delete. Other databases are never touched. */
export function storesToClear(databaseNames: readonly string[], reason: ClearReason): string[] {
  const stores = databaseNames.filter(isReviewStore)
  switch (reason.kind) {
    case 'signed-out':
      return stores
    case 'access-ended':
      return stores.filter(name => name === reviewStoreName(reason.userId, reason.reviewId))
    case 'signed-in':
      return stores.filter(name => {
        if (ownerOf(name) !== reason.userId) return true
        const used = reason.lastUsed[name]
        // A copy with no recorded use is young (the registry is written when a copy is opened).
        return used !== undefined && reason.now - used > STORE_MAX_AGE_DAYS * DAY_MS
      })
  }
}

const UNSAVED_PREFIX = 'scir-unsaved:'

/** Edits a page rescued into localStorage as it went away (unsaved-edits.ts); one key per page. */
export function unsavedEditsKey(storeName: string, pageId: string): string {
  return `${UNSAVED_PREFIX}${storeName}:${pageId}`
}

/** The copy a rescue key belongs to (page ids hold no colon). */
export function storeOfUnsavedEdits(key: string): string | null {
  if (!key.startsWith(UNSAVED_PREFIX)) return null
  const rest = key.slice(UNSAVED_PREFIX.length)
  const lastColon = rest.lastIndexOf(':')
  return lastColon <= 0 ? null : rest.slice(0, lastColon)
}

const PAGE_CACHE_PREFIX = 'scir-review-page:'
/** The scripts and stylesheets the kept pages need (no review content). */
export const OFFLINE_ASSET_CACHE = 'scir-review-assets'

/** The Cache Storage cache holding one person's workspace page of one review. */
export function reviewPageCacheName(userId: string, reviewId: string): string {
  return `${PAGE_CACHE_PREFIX}${userId}:${reviewId}`
}

/**
 * Which caches to delete: a review's page goes exactly when its copy would (same owner, same
 * last use), and the shared scripts once no page is left. Other caches are never touched.
 */
export function cachesToClear(cacheNames: readonly string[], reason: ClearReason): string[] {
  const pages = cacheNames.filter(name => name.startsWith(PAGE_CACHE_PREFIX))
  const doomed = pages.filter(name => storesToClear([PREFIX + name.slice(PAGE_CACHE_PREFIX.length)], reason).length > 0)
  const assets = doomed.length === pages.length ? cacheNames.filter(name => name === OFFLINE_ASSET_CACHE) : []
  return [...doomed, ...assets]
}

// ------------------------------------------------------------------------------ the browser

function readRegistry(): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORE_REGISTRY_KEY) ?? '{}')
    if (typeof parsed !== 'object' || parsed === null) return {}
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'))
  } catch {
    return {}
  }
}

function writeRegistry(registry: Record<string, number>): void {
  try {
    window.localStorage.setItem(STORE_REGISTRY_KEY, JSON.stringify(registry))
  } catch {
    // Storage full or disabled: copies then only go on sign-out, not by age.
  }
}

export function noteStoreUsed(name: string): void {
  writeRegistry({ ...readRegistry(), [name]: Date.now() })
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise(resolve => {
    try {
      const request = window.indexedDB.deleteDatabase(name)
      request.onsuccess = () => resolve()
      request.onerror = () => resolve()
      // Blocked: an open tab still holds it; the deletion completes once that tab lets go.
      request.onblocked = () => resolve()
    } catch {
      resolve()
    }
  })
}

/** How long to wait for the worker's answer (it may have been stopped, or be an older one). */
const WORKER_FORGET_WAIT_MS = 12_000

function workerForgets(worker: ServiceWorker, caches: readonly string[]): Promise<void> {
  return new Promise(resolve => {
    const channel = new MessageChannel()
    const timer = window.setTimeout(done, WORKER_FORGET_WAIT_MS)
    function done() {
      window.clearTimeout(timer)
      channel.port1.close()
      resolve()
    }
    channel.port1.onmessage = done
    try {
      worker.postMessage({ type: 'forget', caches }, [channel.port2])
    } catch {
      done()
    }
  })
}

/** Deletes the kept workspace pages the reason calls for; never throws (no Cache Storage: none kept). */
async function clearReviewPages(reason: ClearReason): Promise<void> {
  if (typeof window === 'undefined' || !('caches' in window)) return
  try {
    const doomed = cachesToClear(await window.caches.keys(), reason)
    // At once: there may be no worker, or an older one that does not answer.
    await Promise.all(doomed.map(name => window.caches.delete(name)))
    const worker = (await window.navigator.serviceWorker?.getRegistration('/reviews/'))?.active
    if (!worker) return
    // A copy the worker is fetching or writing now would land after those deletes, and a first
    // copy is in no cache yet: the worker answers once every copy under way is written or
    // dropped, and the caches are listed again.
    await workerForgets(worker, doomed)
    await Promise.all(cachesToClear(await window.caches.keys(), reason).map(name => window.caches.delete(name)))
  } catch {
    // Cache Storage refused (some private modes): nothing could have been kept there either.
  }
}

/** Deletes the copies (and kept pages) the reason calls for; never throws (no IndexedDB: nothing was kept). */
export async function clearReviewStores(reason: ClearReason): Promise<string[]> {
  const pages = clearReviewPages(reason)
  const stores = await clearStores(reason)
  await pages
  return stores
}

/** Rescued edits in localStorage, by key, with the copy each belongs to. */
function rescuedEdits(): [key: string, store: string][] {
  const found: [string, string][] = []
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i)
      const store = key === null ? null : storeOfUnsavedEdits(key)
      if (key !== null && store !== null) found.push([key, store])
    }
  } catch {
    // Storage disabled: nothing was rescued there.
  }
  return found
}

async function clearStores(reason: ClearReason): Promise<string[]> {
  if (typeof window === 'undefined') return []
  const rescued = rescuedEdits()
  let names: string[] = []
  if (window.indexedDB) {
    try {
      names = (await window.indexedDB.databases()).flatMap(info => (info.name ? [info.name] : []))
    } catch {
      // indexedDB.databases() is missing in older browsers: fall back to the copies we noted.
      names = Object.keys(readRegistry())
    }
  }
  // A rescue outlives its database if that was deleted first: it goes by the same rule.
  const doomed = storesToClear([...new Set([...names, ...rescued.map(([, store]) => store)])], reason)
  for (const [key, store] of rescued) {
    if (doomed.includes(store)) window.localStorage.removeItem(key)
  }
  if (window.indexedDB) await Promise.all(doomed.map(deleteDatabase))
  if (doomed.length > 0) {
    const registry = readRegistry()
    for (const name of doomed) delete registry[name]
    writeRegistry(registry)
  }
  return doomed
}
