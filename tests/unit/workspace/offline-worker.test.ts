// The service worker that keeps the workspace page for a reload without network
// (public/review-offline-sw.js, ADR 31), run in a bare script context with Cache Storage,
// fetch and messages played by the test, so that the order of a keep and a sign-out's
// clearing can be set step by step. The race under test: the page's own delete landing while
// the worker's write of a copy is under way brought the kept page back after sign-out.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { clearReviewStores } from '~/components/workspace/offline-store'

const WORKER_SOURCE = readFileSync(path.resolve(__dirname, '../../../public/review-offline-sw.js'), 'utf8')
const ORIGIN = 'https://scir.test'
const PAGE_CACHE = 'scir-review-page:user-1:review-1'
const WORKSPACE = `${ORIGIN}/reviews/review-1/workspace?view=analysis`

interface Deferred<T> {
  promise: Promise<T>
  resolve: (value: T) => void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  const promise = new Promise<T>(r => {
    resolve = r
  })
  return { promise, resolve }
}

/** Cache Storage as Chromium keeps it: a deleted cache's object still takes writes, unseen. */
class FakeCacheStorage {
  readonly stored = new Map<string, Map<string, Response>>()
  /** When set, the next `put` waits for it (a write under way). */
  holdPut: Deferred<void> | null = null
  putStarted = deferred<void>()

  keys = async () => [...this.stored.keys()]
  delete = async (name: string) => this.stored.delete(name)
  open = async (name: string) => {
    let entries = this.stored.get(name)
    if (!entries) {
      entries = new Map()
      this.stored.set(name, entries)
    }
    const target = entries
    return {
      match: async (request: string) => target.get(new URL(request, ORIGIN).href),
      put: async (request: string, response: Response) => {
        this.putStarted.resolve()
        const hold = this.holdPut
        this.holdPut = null
        if (hold) await hold.promise
        target.set(new URL(request, ORIGIN).href, response)
      },
    }
  }
  match = async () => undefined
}

interface MessageEvent {
  data: unknown
  ports: { postMessage: (message: unknown) => void }[]
  waitUntil: (work: Promise<unknown>) => void
}

function startWorker(fetchPage: () => Promise<Response>) {
  const listeners = new Map<string, (event: MessageEvent) => void>()
  const caches = new FakeCacheStorage()
  const timers: (() => void)[] = []
  const context = vm.createContext({
    self: {
      location: { origin: ORIGIN },
      addEventListener: (type: string, listener: (event: MessageEvent) => void) => listeners.set(type, listener),
      skipWaiting: () => Promise.resolve(),
    },
    caches,
    fetch: (url: string) => (new URL(url, ORIGIN).pathname.startsWith('/build/') ? Promise.resolve(new Response('asset')) : fetchPage()),
    Response,
    URL,
    // The worker's bounded wait is the only timer; the test fires it when it chooses.
    setTimeout: (run: () => void) => timers.push(run),
    clearTimeout: () => undefined,
  })
  vm.runInContext(WORKER_SOURCE, context)
  const waits: Promise<unknown>[] = []
  function deliver(data: unknown, ports: MessageEvent['ports']) {
    const message = listeners.get('message')
    if (!message) throw new Error('the worker listens for no message')
    message({ data, ports, waitUntil: work => waits.push(work) })
  }
  function post(data: unknown, reply?: (message: unknown) => void) {
    deliver(data, reply ? [{ postMessage: reply }] : [])
  }
  return {
    caches,
    post,
    /** The worker as the page's `registration.active` sees it. */
    asServiceWorker: { postMessage: (data: unknown, transfer: MessagePort[] = []) => deliver(data, transfer) },
    keep: () => post({ type: 'keep-workspace', url: WORKSPACE, cache: PAGE_CACHE }),
    /** The page's sign-out clearing; resolves with the worker's answer. */
    forget: (names: string[]) => new Promise<unknown>(resolve => post({ type: 'forget', caches: names }, resolve)),
    fireTimers: () => timers.splice(0).forEach(run => run()),
    settled: () => Promise.allSettled(waits),
  }
}

function workspacePage(): Response {
  return new Response('<html><script src="/build/entry.client-ABC.js"></script></html>', {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  })
}

const flush = () => new Promise(resolve => setImmediate(resolve))

describe('the offline page worker and sign-out', () => {
  test('a copy whose write is under way when the clearing starts does not survive it', async () => {
    const worker = startWorker(async () => workspacePage())
    const write = deferred<void>()
    worker.caches.holdPut = write
    worker.keep()
    await worker.caches.putStarted.promise

    let answered = false
    const answer = worker.forget([PAGE_CACHE]).then(message => {
      answered = true
      return message
    })
    await flush()
    // The page deleted at once too: the write still lands in the cache it opened before.
    await worker.caches.delete(PAGE_CACHE)
    expect(answered).toBe(false)

    write.resolve()
    expect(await answer).toEqual({ type: 'forgotten' })
    expect(await worker.caches.keys()).not.toContain(PAGE_CACHE)
    await worker.settled()
    expect(await worker.caches.keys()).not.toContain(PAGE_CACHE)
  })

  test('a copy still being fetched when the clearing starts is never written', async () => {
    const page = deferred<Response>()
    const worker = startWorker(() => page.promise)
    worker.keep()
    let answered = false
    const answer = worker.forget([PAGE_CACHE]).then(message => {
      answered = true
      return message
    })
    await flush()
    expect(answered).toBe(false)
    page.resolve(workspacePage())
    expect(await answer).toEqual({ type: 'forgotten' })
    await worker.settled()
    expect(await worker.caches.keys()).not.toContain(PAGE_CACHE)
  })

  test('with nothing under way the worker deletes the named caches at once, and only ours', async () => {
    const worker = startWorker(async () => workspacePage())
    worker.keep()
    await worker.settled()
    expect(await worker.caches.keys()).toEqual(expect.arrayContaining([PAGE_CACHE, 'scir-review-assets']))
    await (await worker.caches.open('someone-elses-cache')).put('/x', new Response('x'))

    expect(await worker.forget([PAGE_CACHE, 'scir-review-assets', 'someone-elses-cache'])).toEqual({ type: 'forgotten' })
    expect(await worker.caches.keys()).toEqual(['someone-elses-cache'])
  })

  test('a copy that never settles holds the clearing back only until the bounded wait', async () => {
    const worker = startWorker(() => new Promise<Response>(() => undefined))
    await (await worker.caches.open(PAGE_CACHE)).put(WORKSPACE, workspacePage())
    worker.keep()
    const answer = worker.forget([PAGE_CACHE])
    await flush()
    worker.fireTimers()
    expect(await answer).toEqual({ type: 'forgotten' })
    expect(await worker.caches.keys()).not.toContain(PAGE_CACHE)
  })

  test('malformed messages neither clear nor keep anything', async () => {
    const worker = startWorker(async () => workspacePage())
    await (await worker.caches.open(PAGE_CACHE)).put(WORKSPACE, workspacePage())
    const malformed = [
      null,
      'forget',
      { type: 'forget' },
      { type: 'forget', caches: 'all' },
      { type: 'keep-workspace', url: 42 },
      { type: 'keep-workspace', url: WORKSPACE, cache: 'other' },
    ]
    for (const data of malformed) expect(() => worker.post(data)).not.toThrow()
    await worker.settled()
    expect(await worker.caches.keys()).toEqual([PAGE_CACHE])
  })

  test('signing out while the first copy of a page is on its way leaves no page behind', async () => {
    const page = deferred<Response>()
    const worker = startWorker(() => page.promise)
    worker.keep()
    const previous = (globalThis as { window?: unknown }).window
    ;(globalThis as { window?: unknown }).window = {
      caches: worker.caches,
      navigator: { serviceWorker: { getRegistration: async () => ({ active: worker.asServiceWorker }) } },
      setTimeout,
      clearTimeout,
      localStorage: { getItem: () => null, setItem: () => undefined },
    }
    try {
      let cleared = false
      const clearing = clearReviewStores({ kind: 'signed-out' }).then(() => {
        cleared = true
      })
      await flush()
      expect(await worker.caches.keys()).toEqual([])
      expect(cleared).toBe(false)
      // The copy fetched before the sign-out arrives and is written: it is in no list yet.
      page.resolve(workspacePage())
      await clearing
      expect(await worker.caches.keys()).toEqual([])
    } finally {
      ;(globalThis as { window?: unknown }).window = previous
    }
  })
})
