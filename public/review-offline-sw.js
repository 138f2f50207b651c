// Keeps the review workspace page and the scripts it needs so that a panel member can reload it
// with no network and keep working on the copy of the review in this browser (ADR 31).
// Registered only by the workspace, for the /reviews/ scope. The page it keeps holds review
// content: it is cached only when the workspace asks (for the signed-in member who may edit,
// in a cache named after them and the review) and deleted with the review's offline copy
// (app/components/workspace/offline-store.ts). Nothing else is cached: no other page, no loader
// data, no socket.
const PAGE_CACHE_PREFIX = 'scir-review-page:'
const ASSET_CACHE = 'scir-review-assets'
const WORKSPACE_PATH = /^\/reviews\/([^/]+)\/workspace\/?$/
// A reload's own answer, so that the page's asset list below finds every script and stylesheet.
// Route modules carry `$` and `_` in their names (routes/reviews.$reviewId_.workspace-X.js).
const BUILD_ASSET = /\/build\/[^"'\s<>\\]+?\.(?:js|css)(?=["'\s<>\\])/g

/** When each cache was last cleared: a copy fetched before that is not written back. */
const forgotten = new Map()
/** Page copies being fetched and written: a clearing waits for them, then deletes. */
const keeping = new Set()
/** How long a clearing waits for copies under way before it deletes anyway. */
const FORGET_WAIT_MS = 10_000

self.addEventListener('install', () => {
  void self.skipWaiting()
})

self.addEventListener('fetch', event => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (url.pathname.startsWith('/build/')) {
    // Fingerprinted file names: a cached one never changes.
    event.respondWith(assetFirstFromCache(request))
    return
  }
  const workspace = WORKSPACE_PATH.exec(url.pathname)
  if (request.mode === 'navigate' && workspace) {
    event.respondWith(workspaceFromNetworkFirst(request, url, decodeURIComponent(workspace[1])))
    return
  }
  if (url.pathname === '/__manifest') event.respondWith(manifestOrLater(request))
})

self.addEventListener('message', event => {
  const data = event.data
  if (typeof data !== 'object' || data === null) return
  if (data.type === 'keep-workspace' && typeof data.url === 'string' && typeof data.cache === 'string') {
    const kept = keepWorkspace(data.url, data.cache).catch(() => undefined)
    keeping.add(kept)
    void kept.finally(() => keeping.delete(kept))
    event.waitUntil(kept)
  } else if (data.type === 'forget' && Array.isArray(data.caches)) {
    const names = data.caches.filter(name => typeof name === 'string' && (name.startsWith(PAGE_CACHE_PREFIX) || name === ASSET_CACHE))
    const reply = event.ports && event.ports[0]
    const done = forget(names).then(
      () => reply && reply.postMessage({ type: 'forgotten' }),
      () => reply && reply.postMessage({ type: 'forget-failed' }),
    )
    event.waitUntil(done)
  }
})

// The page deletes only after this answers: a copy already past its last check, its write
// under way, would otherwise land after the page's delete and bring the cache back.
async function forget(names) {
  const now = Date.now()
  for (const name of names) forgotten.set(name, now)
  let timer
  const waited = new Promise(resolve => {
    timer = setTimeout(resolve, FORGET_WAIT_MS)
  })
  await Promise.race([Promise.allSettled([...keeping]), waited])
  clearTimeout(timer)
  await Promise.all(names.map(name => caches.delete(name)))
}

async function assetFirstFromCache(request) {
  const cached = await caches.match(request, { cacheName: ASSET_CACHE, ignoreVary: true })
  return cached ?? fetch(request)
}

async function reviewPageCaches(reviewId) {
  const suffix = `:${reviewId}`
  return (await caches.keys()).filter(name => name.startsWith(PAGE_CACHE_PREFIX) && name.endsWith(suffix))
}

async function workspaceFromNetworkFirst(request, url, reviewId) {
  let response
  try {
    response = await fetch(request)
  } catch (error) {
    // No network: the copy kept at the last visit with a connection, for this very view if
    // there is one. No session cookie is needed (nor sent); the document syncs once back online.
    for (const name of await reviewPageCaches(reviewId)) {
      const cache = await caches.open(name)
      const kept = (await cache.match(url.href, { ignoreVary: true })) ?? (await cache.match(url.href, { ignoreVary: true, ignoreSearch: true }))
      if (kept) return kept
    }
    throw error
  }
  // The server answered that this person may not see the review (any more): its page goes.
  if ([401, 403, 404, 410].includes(response.status)) {
    for (const name of await reviewPageCaches(reviewId)) await caches.delete(name)
  }
  return response
}

// Remix asks for route manifests of the links on the page; offline, "reload the document when
// you get there" (a warning, not an error) instead of a failed request.
async function manifestOrLater(request) {
  try {
    return await fetch(request)
  } catch {
    return new Response(null, { status: 204, headers: { 'X-Remix-Reload-Document': 'true' } })
  }
}

async function keepWorkspace(href, cacheName) {
  const url = new URL(href, self.location.origin)
  const workspace = WORKSPACE_PATH.exec(url.pathname)
  if (url.origin !== self.location.origin || !workspace) return
  if (!cacheName.startsWith(PAGE_CACHE_PREFIX) || !cacheName.endsWith(`:${decodeURIComponent(workspace[1])}`)) return
  const started = Date.now()
  const response = await fetch(url.href, { credentials: 'same-origin', redirect: 'error', cache: 'no-store' })
  if (response.status !== 200 || !(response.headers.get('Content-Type') ?? '').includes('text/html')) return
  const html = await response.clone().text()
  const assets = await caches.open(ASSET_CACHE)
  await Promise.all(
    [...new Set(html.match(BUILD_ASSET) ?? [])].map(async path => {
      if (await assets.match(path)) return
      const asset = await fetch(path)
      if (asset.ok) await assets.put(path, asset)
    }),
  )
  // Signed out or access ended while this was on its way: the page is not written back.
  if ((forgotten.get(cacheName) ?? 0) >= started) return
  await (await caches.open(cacheName)).put(url.href, response)
}
