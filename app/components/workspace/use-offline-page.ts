import { useEffect } from 'react'

/** Served from public/ at the site root, so that it may take the /reviews/ scope. */
const OFFLINE_WORKER_URL = '/review-offline-sw.js'
const OFFLINE_WORKER_SCOPE = '/reviews/'
/** Kept even if the page never goes idle, this long after the sync. */
const IDLE_WAIT_MS = 2_000

/**
 * Keeps this workspace page (the view shown, as of now) for a reload without network: see
 * public/review-offline-sw.js and ADR 31. Only for members who keep an offline copy of the
 * review (`cacheName` is null for the others), and only here: no other page registers the worker.
 * Whatever fails just means no page is kept; the live document works as before.
 *
 * Keeping the page makes the worker fetch it again: only once the document has synced (`ready`)
 * and the browser is idle, so that this second request does not compete with the opening.
 */
export function useOfflinePage(cacheName: string | null, href: string, ready: boolean): void {
  useEffect(() => {
    if (!ready || cacheName === null || typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !window.isSecureContext) return
    // Offline the page cannot be fetched; the copy from the last visit online stays as it is.
    if (!navigator.onLine) return
    let cancelled = false
    const keep = () => {
      // Not `serviceWorker.ready`: it follows the URL this document was first loaded at (often
      // /login or /reviews, outside the scope), so it would never settle here.
      navigator.serviceWorker
        .register(OFFLINE_WORKER_URL, { scope: OFFLINE_WORKER_SCOPE })
        .then(registration => activated(registration))
        .then(worker => {
          if (!cancelled) worker.postMessage({ type: 'keep-workspace', url: new URL(href, window.location.origin).href, cache: cacheName })
        })
        .catch(() => undefined)
    }
    const idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(keep, { timeout: IDLE_WAIT_MS }) : null
    const timer = idle === null ? window.setTimeout(keep, 0) : null
    return () => {
      cancelled = true
      if (idle !== null) window.cancelIdleCallback(idle)
      if (timer !== null) window.clearTimeout(timer)
    }
  }, [cacheName, href, ready])
}

function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorker> {
  const worker = registration.active ?? registration.waiting ?? registration.installing
  if (worker === null) return Promise.reject(new Error('no service worker'))
  if (worker.state === 'activated') return Promise.resolve(worker)
  return new Promise((resolve, reject) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve(worker)
      else if (worker.state === 'redundant') reject(new Error('service worker replaced'))
    })
  })
}
