import { useEffect } from 'react'
import { clearReviewStores, STORE_REGISTRY_KEY } from './offline-store'

/**
 * Removes review copies kept in this browser that nobody should find there: all of them once
 * nobody is signed in (after sign-out, or an expired session), and, while someone is signed
 * in, other people's copies and copies unused for too long.
 */
export function useOfflineStoreCleanup(userId: string | null): void {
  useEffect(() => {
    if (userId === null) {
      void clearReviewStores({ kind: 'signed-out' })
      return
    }
    let lastUsed: Record<string, number> = {}
    try {
      lastUsed = JSON.parse(window.localStorage.getItem(STORE_REGISTRY_KEY) ?? '{}') as Record<string, number>
    } catch {
      lastUsed = {}
    }
    void clearReviewStores({ kind: 'signed-in', userId, now: Date.now(), lastUsed })
  }, [userId])
}
