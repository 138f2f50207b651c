/**
 * Workspace benchmark on a synthetic 2,000-event review (server/large-review.ts), against the
 * production build: run `npx remix build` first.
 *
 *   npx tsx bench/workspace/run.ts     (env: BENCH_EVENTS=2000, BENCH_RUNS=5 browser runs,
 *                                       BENCH_LOAD_RUNS=20 server loads, BENCH_PORT=3291,
 *                                       BENCH_LARGE_EVENTS=10000 (0: skip), BENCH_LARGE_RUNS=3,
 *                                       CHROMIUM_PATH=/usr/bin/chromium,
 *                                       BENCH_PROFILE=<dir>: CPU profiles of the first opening
 *                                       and quick add of each size,
 *                                       BENCH_BLOCK_SW=1: no service worker, so no offline copy of
 *                                       the page is fetched (a diagnosis aid, not a figure to quote))
 *
 * Measures (a) loading the review's Y.Doc on the server (stored snapshot + updates, then
 * readReviewDoc), (b) opening the workspace in Chromium, from navigation start until every event
 * is in the list, and (c) switching to the chronology until every marker is drawn; plus a quick
 * add and a zoom step at that size; then (d) a second, larger review (10,000 events): open time,
 * JS heap, longest task, and frame times while scrolling the whole list and typing in an event.
 * Ends with exactly one JSON line holding every figure.
 *
 * "All listed" means: the live document has synced, the list holds every event (data-total, read
 * from the live list, not the server's preview) and the quick add is enabled. The list is
 * windowed, so only the rows on screen are in the DOM; the scroll pass walks the whole list
 * and checks that the last event is reached.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback)
const EVENTS = env('BENCH_EVENTS', 2000)
const RUNS = env('BENCH_RUNS', 5)
const LARGE_EVENTS = env('BENCH_LARGE_EVENTS', 10000)
const LARGE_RUNS = env('BENCH_LARGE_RUNS', 3)
/** A directory: the first run of each size writes a CPU profile of the page while it opens. */
const PROFILE_DIR = process.env.BENCH_PROFILE ?? ''
const LOAD_RUNS = env('BENCH_LOAD_RUNS', 20)
const BLOCK_SW = process.env.BENCH_BLOCK_SW === '1'
const PORT = env('BENCH_PORT', 3291)
const BASE = `http://localhost:${PORT}`
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const PASSWORD = 'demo-review-2026'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
const round = (value: number) => Math.round(value * 10) / 10

/** One empty list of samples per name. */
const sampleLists = <K extends string>(...names: K[]) => Object.fromEntries(names.map(name => [name, [] as number[]])) as Record<K, number[]>

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
  return { median: round(median), min: round(sorted[0] ?? NaN), max: round(sorted.at(-1) ?? NaN), runs: sorted.length }
}

function startServer(databaseUrl: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT), NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  })
  return child
}

async function waitForHealth(child: ChildProcess) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`)
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return
    } catch {
      // Not listening yet.
    }
    await sleep(250)
  }
  throw new Error('the server did not answer /healthz within 2 minutes')
}

async function signedInState(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE })
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('Email').fill('facilitator@northwind.example')
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { level: 1, name: 'My reviews' }).waitFor()
  const state = await context.storageState()
  await context.close()
  return state
}

/** Long main-thread tasks (> 50 ms) seen by the page, for "does it stay smooth". */
function collectLongTasks() {
  const tasks: number[] = []
  ;(window as unknown as { __longTasks: number[] }).__longTasks = tasks
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) tasks.push(entry.duration)
  }).observe({ type: 'longtask', buffered: true })
}

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice())

/**
 * Resolves with the page's performance.now() at the first frame where the probe holds. The probes
 * are O(1) (a child count, an attribute): a querySelectorAll over 40,000 nodes every frame would
 * slow down the very page being measured.
 * - 'rows': at least n rows are in the list (server-rendered preview rows count: they are what
 *   the user sees first);
 * - 'listed': the live list holds at least n events and the quick add is enabled;
 * - 'markers': the chronology has drawn at least n markers.
 */
function when(page: Page, probe: 'rows' | 'listed' | 'markers', n: number, timeout = 120_000): Promise<number> {
  return page
    .waitForFunction(
      ([kind, min]) => {
        const list = document.querySelector('ol.event-list')
        let ok: boolean
        if (kind === 'rows') ok = (list?.childElementCount ?? 0) >= (min as number)
        else if (kind === 'listed')
          ok =
            list?.getAttribute('data-live') === 'true' &&
            Number(list.getAttribute('data-total')) >= (min as number) &&
            list.childElementCount >= Math.min(min as number, 1) &&
            document.querySelector('.quick-add input[type="text"]:not([disabled])') !== null
        else ok = Number(document.querySelector('svg.chrono-chart')?.getAttribute('data-marker-count') ?? 0) >= (min as number)
        return ok ? performance.now() : false
      },
      [probe, n] as const,
      { polling: 'raf', timeout },
    )
    .then(handle => handle.jsonValue() as Promise<number>)
}

/** The number of events the live list holds (rows off screen are not in the DOM). */
/** When the server's answer started and ended (ms from navigation start): the server's share. */
const navigationTiming = (page: Page) =>
  page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
    const paint = performance.getEntriesByName('first-contentful-paint')[0]
    return { responseStart: entry?.responseStart ?? NaN, responseEnd: entry?.responseEnd ?? NaN, firstContentfulPaint: paint?.startTime ?? NaN }
  })

const listTotal = (page: Page) => page.evaluate(() => Number(document.querySelector('ol.event-list')?.getAttribute('data-total') ?? 0))

/** Records the time between animation frames until stopped: the page's frame times. */
async function startFrames(page: Page) {
  // A string: tsx would wrap a named inner function in a helper the page does not have.
  await page.evaluate(`(() => {
    const w = window
    w.__frames = []
    w.__framesOn = true
    let last = performance.now()
    const tick = now => {
      w.__frames.push(now - last)
      last = now
      if (w.__framesOn) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
}

async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean }
    w.__framesOn = false
    return w.__frames.slice(1)
  })
}

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b)
  return round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN)
}

/** Scrolls the window from the list's top to its bottom in steps; checks the last event is shown. */
async function scrollWholeList(page: Page, lastEventId: string) {
  await startFrames(page)
  const steps = await page.evaluate(async () => {
    const list = document.querySelector('ol.event-list') as HTMLElement
    const top = list.getBoundingClientRect().top + window.scrollY
    window.scrollTo(0, top)
    let count = 0
    // About a screen every two frames: a fast, continuous scroll with the wheel.
    while (window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 2) {
      window.scrollBy(0, window.innerHeight / 2)
      await new Promise(resolve => requestAnimationFrame(resolve))
      count++
      if (count > 100_000) break
    }
    for (let i = 0; i < 10; i++) await new Promise(resolve => requestAnimationFrame(resolve))
    return count
  })
  const frames = await stopFrames(page)
  const reachedLast = await page.evaluate(id => document.getElementById(`event-${id}`) !== null, lastEventId)
  if (!reachedLast) throw new Error('scrolled to the bottom but the last event is not shown')
  await page.evaluate(() => window.scrollTo(0, 0))
  return { steps, frames }
}

/** Opens the first event and types in its description: frame times while the document changes. */
async function typeInFirstEvent(page: Page) {
  await page.evaluate(() => window.scrollTo(0, 0))
  const row = page.locator('.event-list > li').first()
  await row.locator('.event-actions button').click()
  const editor = row.locator('.ProseMirror')
  await editor.waitFor()
  await editor.click()
  await page.keyboard.press('End')
  await startFrames(page)
  await page.keyboard.type(' typed while measuring frames', { delay: 30 })
  await page.evaluate(() => new Promise(resolve => setTimeout(resolve, 300)))
  return stopFrames(page)
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Starts the page's CPU profiler (CDP); the returned function stops it and prints the top costs. */
async function profilePage(page: Page, label: string) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
    await cdp.detach()
    fs.mkdirSync(PROFILE_DIR, { recursive: true })
    const file = path.join(PROFILE_DIR, `${label}.cpuprofile`)
    fs.writeFileSync(file, JSON.stringify(profile))
    // Self time per function (by name and file), the ten largest.
    const byId = new Map(profile.nodes.map(node => [node.id, node]))
    const self = new Map<string, number>()
    profile.samples.forEach((id, index) => {
      const frame = byId.get(id)?.callFrame
      if (!frame) return
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').at(-1) ?? ''}:${frame.lineNumber}`
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000)
    })
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)
    console.log(`  profile ${file}; self time, ms:`)
    for (const [name, ms] of top) console.log(`    ${round(ms).toString().padStart(8)}  ${name}`)
  }
}

/**
 * A new context: cold HTTP cache and a fresh page, as when someone opens the review; navigation
 * started (profiled when `profile` names the file).
 */
async function openFresh(browser: Browser, storageState: Awaited<ReturnType<BrowserContext['storageState']>>, url: string, profile: string | null) {
  const context = await browser.newContext({
    baseURL: BASE,
    storageState,
    viewport: { width: 1280, height: 900 },
    ...(BLOCK_SW ? { serviceWorkers: 'block' as const } : {}),
  })
  const page = await context.newPage()
  await page.addInitScript(collectLongTasks)
  const stopProfile = PROFILE_DIR && profile ? await profilePage(page, profile) : null
  await page.goto(url, { waitUntil: 'commit' })
  return { context, page, stopProfile }
}

async function heapMb(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize, totalSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number }
  await cdp.detach()
  return { usedMb: round(usedSize / 1048576), totalMb: round(totalSize / 1048576) }
}

async function measureServerLoad(reviewId: string, events: number, runs: number) {
  const { timeServerLoad } = await import('../document-load/measure')
  const { loadMs, readMs, totalMs } = await timeServerLoad(reviewId, events, runs)
  return { loadStored: stats(loadMs), readReviewDoc: stats(readMs), total: stats(totalMs) }
}

async function main() {
  if (!fs.existsSync(path.join(root, 'build', 'index.js'))) throw new Error('no production build: run `npx remix build` first')
  const loadAtStart = os.loadavg()[0] ?? NaN
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-bench-'))
  const databaseUrl = `file:${path.join(dir, 'scir.db')}`
  // The in-process reads below use the same database as the server.
  process.env.DATABASE_URL = databaseUrl
  let server: ChildProcess | null = null
  let browser: Browser | null = null
  try {
    console.log(`Starting the production server on port ${PORT} (fresh database in ${dir})…`)
    server = startServer(databaseUrl)
    await waitForHealth(server)

    // The server has migrated and seeded the demo jurisdiction; add the large review beside it.
    const { prisma } = await import('~/utils/db.server')
    const { createLargeReview } = await import('../../server/large-review')
    const started = performance.now()
    const reviewId = await createLargeReview(prisma, { events: EVENTS, jurisdictionCode: 'NW-DEMO' })
    const createMs = performance.now() - started
    console.log(`Created a synthetic review with ${EVENTS} events in ${round(createMs)} ms: ${reviewId}`)

    // (a) Server: stored snapshot + updates -> Y.Doc -> validated read model.
    const serverLoad = await measureServerLoad(reviewId, EVENTS, LOAD_RUNS)
    console.log(
      `(a) server load of the Y.Doc, ${LOAD_RUNS} runs: median ${serverLoad.total.median} ms (stored state ${serverLoad.loadStored.median} ms + readReviewDoc ${serverLoad.readReviewDoc.median} ms), max ${serverLoad.total.max} ms`,
    )

    // (b), (c) Browser.
    browser = await chromium.launch({
      executablePath: EXECUTABLE,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    const storageState = await signedInState(browser)
    const url = `/reviews/${reviewId}/workspace`
    const open = sampleLists('firstRowMs', 'allListedMs', 'longestTaskMs', 'htmlStartMs', 'htmlEndMs', 'fcpMs')
    const chronology = { switchMs: [] as number[], longestTaskMs: [] as number[] }
    const quickAdd: number[] = []
    const zoom: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const { context, page, stopProfile } = await openFresh(browser, storageState, url, run === 0 ? `open-${EVENTS}` : null)
      // Each run's quick add stays in the review: the list then holds EVENTS + run events.
      const expected = EVENTS + run
      const firstRow = await when(page, 'rows', 1)
      const allListed = await when(page, 'listed', expected)
      await stopProfile?.()
      const timing = await navigationTiming(page)
      open.htmlStartMs.push(timing.responseStart)
      open.htmlEndMs.push(timing.responseEnd)
      open.fcpMs.push(timing.firstContentfulPaint)
      open.firstRowMs.push(firstRow)
      open.allListedMs.push(allListed)
      open.longestTaskMs.push(Math.max(0, ...(await longTasks(page))))
      const listed = await listTotal(page)
      if (listed !== expected) throw new Error(`listed ${listed} events, expected ${expected}`)

      // A quick add at this size: Enter -> the new row is in the list. CSS locators and the
      // keyboard: label lookups scan every label of the page, which is slow at this size.
      await page.locator('.quick-add input[type="date"]').fill('2026-09-29')
      await page.locator('.quick-add input[type="text"]').fill(`Bench quick add ${run}`)
      const stopAddProfile = PROFILE_DIR && run === 0 ? await profilePage(page, `quick-add-${EVENTS}`) : null
      const beforeAdd = await page.evaluate(() => performance.now())
      await page.keyboard.press('Enter')
      const added = await when(page, 'listed', expected + 1)
      quickAdd.push(added - beforeAdd)
      await stopAddProfile?.()

      // (c) Switch to the chronology: click -> every marker drawn.
      await page.evaluate(() => {
        ;(window as unknown as { __longTasks: number[] }).__longTasks.length = 0
      })
      // Keyboard activation: a locator click adds Playwright's own checks to the time.
      await page.locator('.workspace-tabs a[href$="view=chronology"]').focus()
      const beforeSwitch = await page.evaluate(() => performance.now())
      await page.keyboard.press('Enter')
      const drawn = await when(page, 'markers', expected + 1)
      chronology.switchMs.push(drawn - beforeSwitch)
      chronology.longestTaskMs.push(Math.max(0, ...(await longTasks(page))))

      // One zoom step: click -> the wider chart is laid out.
      const width = Number(await page.locator('svg.chrono-chart').getAttribute('width'))
      await page.locator('.chrono-zoom button').nth(1).focus()
      const beforeZoom = await page.evaluate(() => performance.now())
      await page.keyboard.press('Enter')
      const zoomed = await page
        .waitForFunction(w => Number(document.querySelector('svg.chrono-chart')?.getAttribute('width')) > (w as number) && performance.now(), width, {
          polling: 'raf',
        })
        .then(handle => handle.jsonValue() as Promise<number>)
      zoom.push(zoomed - beforeZoom)
      await context.close()
      console.log(
        `  run ${run + 1}: HTML ${round(timing.responseStart)}-${round(timing.responseEnd)} ms, first paint ${round(timing.firstContentfulPaint)} ms, first row ${round(firstRow)} ms, all ${EVENTS} listed ${round(allListed)} ms, quick add ${round(added - beforeAdd)} ms, chronology ${round(drawn - beforeSwitch)} ms, zoom ${round(zoomed - beforeZoom)} ms`,
      )
    }

    // (d) A 10,000-event review: open, heap, scrolling the whole (windowed) list, typing, quick add.
    let large: Record<string, unknown> | null = null
    if (LARGE_EVENTS > 0) {
      const t0 = performance.now()
      const largeId = await createLargeReview(prisma, { events: LARGE_EVENTS, jurisdictionCode: 'NW-DEMO' })
      const largeCreateMs = performance.now() - t0
      const last = await prisma.projectedEvent.findFirst({ where: { reviewId: largeId }, orderBy: { position: 'desc' } })
      if (!last) throw new Error('the large review has no projected events')
      const largeLoad = await measureServerLoad(largeId, LARGE_EVENTS, Math.min(LOAD_RUNS, 5))
      const m = sampleLists('firstRow', 'open', 'longestTask', 'heapUsedMb', 'quickAdd', 'htmlFirstByte')
      const scrollFrames: number[] = []
      const typingFrames: number[] = []
      for (let run = 0; run < LARGE_RUNS; run++) {
        const { context, page, stopProfile } = await openFresh(
          browser,
          storageState,
          `/reviews/${largeId}/workspace`,
          run === 0 ? `open-${LARGE_EVENTS}` : null,
        )
        const expected = LARGE_EVENTS + run
        m.firstRow.push(await when(page, 'rows', 1))
        m.open.push(await when(page, 'listed', expected))
        await stopProfile?.()
        m.htmlFirstByte.push((await navigationTiming(page)).responseStart)
        // Let the first idle work finish before reading the longest task and the heap.
        await page.evaluate(() => new Promise(resolve => setTimeout(resolve, 500)))
        m.longestTask.push(Math.max(0, ...(await longTasks(page))))
        if ((await listTotal(page)) !== expected) throw new Error(`listed ${await listTotal(page)} events, expected ${expected}`)
        m.heapUsedMb.push((await heapMb(page)).usedMb)
        const scrolled = await scrollWholeList(page, last.id)
        scrollFrames.push(...scrolled.frames)
        await page.locator('.quick-add input[type="date"]').fill('2026-09-30')
        await page.locator('.quick-add input[type="text"]').fill(`Large bench quick add ${run}`)
        const beforeAdd = await page.evaluate(() => performance.now())
        await page.keyboard.press('Enter')
        m.quickAdd.push((await when(page, 'listed', expected + 1)) - beforeAdd)
        typingFrames.push(...(await typeInFirstEvent(page)))
        await context.close()
        console.log(
          `  large run ${run + 1}: first row ${round(m.firstRow.at(-1) ?? NaN)} ms, open ${round(m.open.at(-1) ?? NaN)} ms, heap ${m.heapUsedMb.at(-1)} MB, scroll ${scrolled.steps} steps (worst frame ${round(Math.max(...scrolled.frames))} ms), quick add ${round(m.quickAdd.at(-1) ?? NaN)} ms`,
        )
      }
      large = {
        events: LARGE_EVENTS,
        serverLoadMs: largeLoad,
        openWorkspaceMs: { firstRow: stats(m.firstRow), allListed: stats(m.open), longestTask: stats(m.longestTask), htmlFirstByte: stats(m.htmlFirstByte) },
        jsHeapUsedMb: stats(m.heapUsedMb),
        scrollFrameMs: {
          median: percentile(scrollFrames, 0.5),
          p95: percentile(scrollFrames, 0.95),
          max: round(Math.max(...scrollFrames)),
          frames: scrollFrames.length,
        },
        typingFrameMs: {
          median: percentile(typingFrames, 0.5),
          p95: percentile(typingFrames, 0.95),
          max: round(Math.max(...typingFrames)),
          frames: typingFrames.length,
        },
        quickAddMs: stats(m.quickAdd),
        createReviewMs: round(largeCreateMs),
      }
      console.log(`(d) ${LARGE_EVENTS} events: ${JSON.stringify(large)}`)
    }

    const figures = {
      bench: 'workspace',
      events: EVENTS,
      serverLoadMs: serverLoad,
      openWorkspaceMs: {
        firstRow: stats(open.firstRowMs),
        allListed: stats(open.allListedMs),
        longestTask: stats(open.longestTaskMs),
        // The page's HTML (with the first rows) from the server: first byte, last byte.
        htmlFirstByte: stats(open.htmlStartMs),
        htmlLastByte: stats(open.htmlEndMs),
        // The browser's first contentful paint: with the first row, it tells painting from polling.
        firstContentfulPaint: stats(open.fcpMs),
      },
      switchToChronologyMs: { allDrawn: stats(chronology.switchMs), longestTask: stats(chronology.longestTaskMs) },
      quickAddMs: stats(quickAdd),
      zoomStepMs: stats(zoom),
      createReviewMs: round(createMs),
      large,
      node: process.version,
      cpus: os.cpus().length,
      // Other work on the machine inflates every figure: read them with this in mind.
      loadAverage1m: { start: round(loadAtStart), end: round(os.loadavg()[0] ?? NaN) },
    }
    console.log(
      `(b) open the workspace, ${RUNS} runs: all ${EVENTS} events listed median ${figures.openWorkspaceMs.allListed.median} ms, max ${figures.openWorkspaceMs.allListed.max} ms (first row median ${figures.openWorkspaceMs.firstRow.median} ms; longest main-thread task median ${figures.openWorkspaceMs.longestTask.median} ms)`,
    )
    console.log(
      `(c) switch to the chronology: median ${figures.switchToChronologyMs.allDrawn.median} ms, max ${figures.switchToChronologyMs.allDrawn.max} ms (longest task median ${figures.switchToChronologyMs.longestTask.median} ms)`,
    )
    console.log(`    quick add at ${EVENTS} events: median ${figures.quickAddMs.median} ms; one zoom step: median ${figures.zoomStepMs.median} ms`)
    await prisma.$disconnect()
    console.log(JSON.stringify(figures))
  } finally {
    await browser?.close()
    if (server && server.exitCode === null) {
      const exited = new Promise(resolve => server?.once('exit', resolve))
      server.kill('SIGTERM')
      await Promise.race([exited, sleep(15_000)])
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error instanceof Error ? error.stack : error)
    process.exit(1)
  },
)
