/**
 * Server document load on synthetic reviews (server/large-review.ts), in-process, without a
 * browser: the same step (a) as bench:workspace — loadStoredDoc (stored snapshot + updates ->
 * Y.Doc) then readReviewDoc (Y.Doc -> validated review) — timed on its own so it can be run
 * often and profiled (`node --cpu-prof --import tsx bench/document-load/run.ts`).
 *
 *   npm run bench:document-load   (env: BENCH_EVENTS=2000,10000 sizes, BENCH_LOAD_RUNS=20)
 *
 * Ends with exactly one JSON line holding every figure.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const SIZES = (process.env.BENCH_EVENTS ?? '2000,10000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 20)
const round = (value: number) => Math.round(value * 10) / 10

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
  return { median: round(median), min: round(sorted[0] ?? NaN), max: round(sorted.at(-1) ?? NaN), runs: sorted.length }
}

async function main() {
  const loadAtStart = os.loadavg()[0] ?? NaN
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'document-load-bench-'))
  process.env.DATABASE_URL = `file:${path.join(dir, 'scir.db')}`
  process.env.LOG_LEVEL ??= 'warn'
  try {
    const { applyMigrations } = await import('../../server/migrate')
    await applyMigrations({ databaseUrl: process.env.DATABASE_URL })
    const { prisma } = await import('~/utils/db.server')
    const { seedDemo } = await import('../../server/demo-seed')
    await seedDemo(prisma, { enabled: true })
    const { createLargeReview } = await import('../../server/large-review')
    const { timeServerLoad } = await import('./measure')

    const results: Record<string, unknown> = {}
    for (const events of SIZES) {
      const reviewId = await createLargeReview(prisma, { events, jurisdictionCode: 'NW-DEMO' })
      const { loadMs, readMs, totalMs } = await timeServerLoad(reviewId, events, RUNS)
      const figures = { loadStored: stats(loadMs), readReviewDoc: stats(readMs), total: stats(totalMs) }
      console.log(
        `${events} events, ${RUNS} runs: median ${figures.total.median} ms (stored state ${figures.loadStored.median} ms + readReviewDoc ${figures.readReviewDoc.median} ms), min ${figures.total.min}, max ${figures.total.max}`,
      )
      results[String(events)] = figures
    }
    await prisma.$disconnect()
    console.log(
      JSON.stringify({
        bench: 'document-load',
        runs: RUNS,
        serverLoadMs: results,
        loadAverage1m: { start: round(loadAtStart), end: round(os.loadavg()[0] ?? NaN) },
      }),
    )
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
