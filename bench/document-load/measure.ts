// Step (a) of bench:workspace and the whole of bench:document-load: the server's load of a
// review document (stored snapshot + updates -> Y.Doc) and its validated read, timed apart.
// Imported lazily by both benches, after they have pointed DATABASE_URL at their own database.

/** Milliseconds per run (after one warm-up run: first query, JIT) of the load, the read and both. */
export async function timeServerLoad(reviewId: string, events: number, runs: number) {
  const { loadStoredDoc } = await import('~/utils/review-doc-gateway.server')
  const { readReviewDoc } = await import('~/domain/review-doc')
  const { reviewDocName } = await import('~/models/review-doc.server')
  const docName = reviewDocName(reviewId)
  const loadMs: number[] = []
  const readMs: number[] = []
  const totalMs: number[] = []
  let eventsRead = 0
  for (let run = 0; run <= runs; run++) {
    const t0 = performance.now()
    const doc = await loadStoredDoc(docName)
    const t1 = performance.now()
    const { doc: read } = readReviewDoc(doc)
    const t2 = performance.now()
    eventsRead = read.events.length
    doc.destroy()
    if (run === 0) continue
    loadMs.push(t1 - t0)
    readMs.push(t2 - t1)
    totalMs.push(t2 - t0)
  }
  if (eventsRead !== events) throw new Error(`the server read ${eventsRead} events, expected ${events}`)
  return { loadMs, readMs, totalMs }
}
