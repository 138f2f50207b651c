import { useEffect, useState } from 'react'

/**
 * True once React runs in the browser. Charts render only then: recharts measures text and
 * numbers its clip paths at render time, which would not match the server's HTML, and the
 * table next to each chart already carries every count without JavaScript.
 */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}
