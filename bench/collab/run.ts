/**
 * Collaboration server benchmark: the same workload against our server (SQLite persistence on
 * a temp file, stub auth) and the reference @y/websocket-server 0.1.1 (in memory), on
 * loopback. Latency is send -> receipt by every other client in the room, measured on
 * timestamps embedded in the inserted text; the warm-up is discarded.
 *
 * Next to latency: the server's CPU time per 1,000 delivered updates (an update received by
 * one client counts once; awareness traffic is part of the cost, not of the count) and the
 * event-loop delay of the server and of the busiest load generator. On a shared 2-core machine
 * latency alone does not say whose process was waiting; a load generator whose loop stalls
 * measures itself, so each scenario is sized to keep the generators' delay low.
 *
 *   npx tsx bench/collab/run.ts        (env: BENCH_MEASURE_MS, BENCH_WARMUP_MS, BENCH_LOADGENS,
 *                                       BENCH_SCENARIOS=comma-separated scenario ids,
 *                                       BENCH_PROFILE=dir for server CPU profiles)
 *
 * Two nodes (issue 13): the 50-editor room again, its clients split over two of our servers
 * that share one SQLite file and a real redis-server (ADR 0043), beside the same workload on one
 * node, run back to back. Skipped (null in the JSON) when redis-server is not installed.
 *
 * Ends with exactly one JSON line holding every figure and the ratios ours/reference.
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { findRedisServer, startRedis, type RedisInstance } from '../../tests/support/redis'
import { preciseNow, type ClientAssignment, type LoadCommand, type LoadReport, type ServerCommand, type ServerReport, type Target } from './ipc'

type Scenario = {
  id: string
  label: string
  rooms: number
  perRoom: number
  typistsPerRoom: number
  /** Per typist. */
  insertsPerSecond: number
  /** Cursor moves per typist per second; every other client in the room echoes each one back. */
  awarenessHz: number
  /** Multiplies BENCH_MEASURE_MS. */
  measureFactor: number
}

const scenarios: Scenario[] = [
  // Two people typing briskly for three times as long: ~1,000 samples, so p99 is the 10th
  // worst reading rather than one of the three worst of 80.
  { id: 'room-2', label: '2 editors in one room', rooms: 1, perRoom: 2, typistsPerRoom: 2, insertsPerSecond: 20, awarenessHz: 10, measureFactor: 3 },
  { id: 'room-50', label: '50 editors in one room', rooms: 1, perRoom: 50, typistsPerRoom: 3, insertsPerSecond: 5, awarenessHz: 10, measureFactor: 1 },
  { id: 'room-200', label: '200 editors in one room', rooms: 1, perRoom: 200, typistsPerRoom: 3, insertsPerSecond: 5, awarenessHz: 10, measureFactor: 1 },
  // 2,000 stock providers in two processes: at 5 inserts and 10 cursor moves per second per
  // room the generators' own event loops stalled for 270 ms (issue 18), so the figure measured
  // them. One typist per room at 2 inserts and 2 cursor moves per second still sends 400
  // updates a second through the server, delivered 3,600 times.
  {
    id: 'rooms-200x10',
    label: '200 rooms x 10 connections',
    rooms: 200,
    perRoom: 10,
    typistsPerRoom: 1,
    insertsPerSecond: 2,
    awarenessHz: 2,
    measureFactor: 1,
  },
]

// Generator i talks to node i % 2, so with the default two generators the clients of the room
// (assigned round-robin) are split evenly, typists on both nodes.
const twoNodeScenario: Scenario = {
  id: 'room-50-2nodes',
  label: '50 editors in one room, split over two nodes (Redis between them)',
  rooms: 1,
  perRoom: 50,
  typistsPerRoom: 3,
  insertsPerSecond: 5,
  awarenessHz: 10,
  measureFactor: 1,
}

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback)
const WARMUP_MS = env('BENCH_WARMUP_MS', 2000)
const MEASURE_MS = env('BENCH_MEASURE_MS', 8000)
const QUIESCE_MS = 1500
const LOADGENS = env('BENCH_LOADGENS', 2)
const TOKEN = 'bench-token'

const here = path.dirname(fileURLToPath(import.meta.url))
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

type Figures = {
  samples: number
  p50: number
  p95: number
  p99: number
  max: number
  drops: number
  converged: boolean
  reconnects: number
  connectMs: number
  cpuPercent: number
  /** Updates received by clients in the measured window (one per receiving client). */
  delivered: number
  /** Server CPU time (user + system) per 1,000 delivered updates. */
  cpuMsPer1000Updates: number
  rssMaxMb: number
  /** The server's event-loop delay beyond its 5 ms sampling: high means the server itself was the bottleneck. */
  loopDelayP50Ms: number
  loopDelayP99Ms: number
  /** The same for the busiest load generator: high means the clients were the bottleneck. */
  loadgenLoopDelayP99Ms: number
}

function spawnChild(script: string, args: string[] = []): ChildProcess {
  // BENCH_PROFILE=<dir> writes a V8 CPU profile of each server process there.
  const profile = process.env.BENCH_PROFILE && script === 'server-process.ts' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []
  return fork(path.join(here, script), args, { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
}

function next<T extends { type: string }>(child: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T): void => {
      if (message.type !== type) return
      child.off('message', onMessage)
      child.off('exit', onExit)
      resolve(message)
    }
    const onExit = (code: number | null): void => reject(new Error(`child exited (${code}) before '${type}'`))
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function assignments(scenario: Scenario): ClientAssignment[] {
  const all: ClientAssignment[] = []
  for (let r = 0; r < scenario.rooms; r++) {
    for (let c = 0; c < scenario.perRoom; c++) {
      all.push({ room: `review:bench-${r}`, key: `r${r}c${c}`, typist: c < scenario.typistsPerRoom })
    }
  }
  return all
}

async function runScenario(scenario: Scenario, target: Target, nodes: 1 | 2 = 1): Promise<Figures> {
  const servers: ChildProcess[] = []
  const urls: string[] = []
  let redis: RedisInstance | null = null
  let sharedDir: string | null = null
  if (nodes === 1) {
    servers.push(spawnChild('server-process.ts', [target]))
  } else {
    redis = await startRedis(findRedisServer()!)
    sharedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'collab-bench-shared-'))
    const database = path.join(sharedDir, 'bench.db')
    // One after the other: the first creates the tables.
    servers.push(spawnChild('server-process.ts', [target, database, redis.url]))
    await next<Extract<ServerReport, { type: 'ready' }>>(servers[0]!, 'ready').then(({ port }) => urls.push(`ws://127.0.0.1:${port}/collab`))
    servers.push(spawnChild('server-process.ts', [target, database, redis.url]))
  }
  for (const server of servers.slice(urls.length)) {
    const { port } = await next<Extract<ServerReport, { type: 'ready' }>>(server, 'ready')
    urls.push(`ws://127.0.0.1:${port}/collab`)
  }
  const generators = Array.from({ length: LOADGENS }, () => spawnChild('loadgen.ts'))
  const clients = assignments(scenario)
  const command = (child: ChildProcess, message: LoadCommand | ServerCommand): void => void child.send(message)
  try {
    const connected = generators.map(g => next<Extract<LoadReport, { type: 'connected' }>>(g, 'connected'))
    // Round-robin, so the clients of a room sit in different processes.
    generators.forEach((g, i) =>
      command(g, { type: 'connect', url: urls[i % urls.length]!, token: TOKEN, clients: clients.filter((_, c) => c % LOADGENS === i) }),
    )
    // A refused client (429, 503) reconnects forever and would hang the run: fail it instead.
    let timer: NodeJS.Timeout | undefined
    const refused = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${scenario.id} (${target}): clients not connected after 120 s`)), 120_000)
    })
    const connectMs = Math.max(...(await Promise.race([Promise.all(connected), refused])).map(c => c.ms))
    clearTimeout(timer)

    const measureStart = preciseNow() + WARMUP_MS
    const measureMs = MEASURE_MS * scenario.measureFactor
    const measureEnd = measureStart + measureMs
    const { insertsPerSecond, awarenessHz } = scenario
    for (const g of generators) command(g, { type: 'start', measureStart, measureEnd, insertsPerSecond, awarenessHz })
    await sleep(measureStart - preciseNow())
    for (const server of servers) command(server, { type: 'measure-start' })
    await sleep(measureEnd - preciseNow())
    const measured = servers.map(server => next<Extract<ServerReport, { type: 'measured' }>>(server, 'measured'))
    for (const server of servers) command(server, { type: 'measure-stop' })
    // Several nodes: CPU summed (the cluster's cost), memory and loop delay of the worst node.
    const each = await Promise.all(measured)
    const cpuPercent = each.reduce((n, m) => n + m.cpuPercent, 0)
    const cpuMs = each.reduce((n, m) => n + m.cpuMs, 0)
    const rssMaxMb = Math.max(...each.map(m => m.rssMaxMb))
    const loopDelayP50Ms = Math.max(...each.map(m => m.loopDelayP50Ms))
    const loopDelayP99Ms = Math.max(...each.map(m => m.loopDelayP99Ms))
    await sleep(QUIESCE_MS)

    const reports = await Promise.all(
      generators.map(g => {
        const report = next<Extract<LoadReport, { type: 'report' }>>(g, 'report')
        command(g, { type: 'report' })
        return report
      }),
    )
    return summarise(scenario, reports, { connectMs, cpuPercent, cpuMs, rssMaxMb, loopDelayP50Ms, loopDelayP99Ms })
  } finally {
    for (const g of generators) command(g, { type: 'exit' })
    for (const server of servers) command(server, { type: 'shutdown' })
    await Promise.all([...servers, ...generators].map(c => (c.exitCode !== null ? null : new Promise(r => c.once('exit', r)))))
    await redis?.stop()
    if (sharedDir) fs.rmSync(sharedDir, { recursive: true, force: true })
  }
}

function summarise(
  scenario: Scenario,
  reports: Extract<LoadReport, { type: 'report' }>[],
  { cpuMs, ...server }: { connectMs: number; cpuPercent: number; cpuMs: number; rssMaxMb: number; loopDelayP50Ms: number; loopDelayP99Ms: number },
): Figures {
  const sorted = Float64Array.from(reports.flatMap(r => r.latencies)).sort()
  const sum = (pick: (r: (typeof reports)[number]) => Record<string, number>): Map<string, number> => {
    const total = new Map<string, number>()
    for (const r of reports) for (const [k, v] of Object.entries(pick(r))) total.set(k, (total.get(k) ?? 0) + v)
    return total
  }
  const sentMeasured = sum(r => r.sentMeasured)
  const sentTotal = sum(r => r.sentTotal)
  const received = sum(r => r.receivedMeasured)
  let delivered = 0
  for (const n of received.values()) delivered += n
  let drops = 0
  for (const [writer, sent] of sentMeasured) drops += sent * (scenario.perRoom - 1) - (received.get(writer) ?? 0)

  // Converged: in every room all clients hold identical text containing every token sent.
  const roomOf = (writer: string): string => `review:bench-${writer.slice(1, writer.indexOf('c'))}`
  const expectedTokens = new Map<string, number>()
  for (const [writer, sent] of sentTotal) expectedTokens.set(roomOf(writer), (expectedTokens.get(roomOf(writer)) ?? 0) + sent)
  const hashes = new Map<string, Set<number>>()
  let converged = true
  for (const digest of reports.flatMap(r => r.digests)) {
    if (digest.tokens !== (expectedTokens.get(digest.room) ?? 0)) converged = false
    hashes.set(digest.room, (hashes.get(digest.room) ?? new Set()).add(digest.hash))
  }
  for (const set of hashes.values()) if (set.size !== 1) converged = false

  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : NaN,
    drops,
    converged,
    reconnects: reports.reduce((n, r) => n + r.reconnects, 0),
    delivered,
    cpuMsPer1000Updates: delivered > 0 ? (cpuMs / delivered) * 1000 : NaN,
    loadgenLoopDelayP99Ms: Math.max(...reports.map(r => r.loopDelayP99Ms)),
    ...server,
  }
}

/** Linux PSI: share of time some runnable task waited for a CPU (null elsewhere). */
function cpuPressure(): number | null {
  try {
    const match = /^some .*avg60=([\d.]+)/m.exec(fs.readFileSync('/proc/pressure/cpu', 'utf8'))
    return match ? Number(match[1]) : null
  } catch {
    return null
  }
}

const round = (n: number, digits = 2): number => Number(n.toFixed(digits))
const ratio = (ours: number, reference: number): number => round(ours / reference, 3)

const selected = process.env.BENCH_SCENARIOS?.split(',')
type Ratios = { p50: number; p95: number; p99: number; max: number; cpu: number; cpuPer1000Updates: number; rss: number }
type Result = {
  id: string
  label: string
  insertsPerSecond: number
  awarenessHz: number
  measureMs: number
  /** 1-minute load average when the scenario started and ended (2 cores: above 2 the machine was busy). */
  loadAverage1m: [number, number]
  ours: Figures
  reference: Figures
  ratio: Ratios
}
const results: Result[] = []
const startedAt = performance.now()
const loadBefore = os.loadavg()
for (const [index, scenario] of scenarios.filter(s => !selected || selected.includes(s.id)).entries()) {
  // Alternate who goes first, so a drift in background load does not always favour one side.
  let ours: Figures
  let reference: Figures
  const loadAtStart = os.loadavg()[0]!
  if (index % 2 === 0) {
    ours = await runScenario(scenario, 'ours')
    reference = await runScenario(scenario, 'reference')
  } else {
    reference = await runScenario(scenario, 'reference')
    ours = await runScenario(scenario, 'ours')
  }
  const result: Result = {
    id: scenario.id,
    label: scenario.label,
    insertsPerSecond: scenario.insertsPerSecond,
    awarenessHz: scenario.awarenessHz,
    measureMs: MEASURE_MS * scenario.measureFactor,
    loadAverage1m: [round(loadAtStart), round(os.loadavg()[0]!)],
    ours,
    reference,
    ratio: {
      p50: ratio(ours.p50, reference.p50),
      p95: ratio(ours.p95, reference.p95),
      p99: ratio(ours.p99, reference.p99),
      max: ratio(ours.max, reference.max),
      cpu: ratio(ours.cpuPercent, reference.cpuPercent),
      cpuPer1000Updates: ratio(ours.cpuMsPer1000Updates, reference.cpuMsPer1000Updates),
      rss: ratio(ours.rssMaxMb, reference.rssMaxMb),
    },
  }
  results.push(result)
  console.log(`\n${scenario.label} (${scenario.rooms * scenario.perRoom} connections, latency ms)`)
  console.table(
    Object.fromEntries(
      (['ours', 'reference'] as const).map(t => [t, Object.fromEntries(Object.entries(result[t]).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]))]),
    ),
  )
  console.log('ours/reference:', result.ratio)
}

type TwoNodes = { id: string; label: string; loadAverage1m: [number, number]; oneNode: Figures; twoNodes: Figures; ratio: { p50: number; p99: number } }
let twoNodes: TwoNodes | null = null
if (!selected || selected.includes(twoNodeScenario.id)) {
  if (findRedisServer() === null) {
    console.log(`\n${twoNodeScenario.label}: skipped, redis-server not found (apt-get install -y redis-server)`)
  } else {
    const loadAtStart = os.loadavg()[0]!
    const oneNode = await runScenario(twoNodeScenario, 'ours', 1)
    const split = await runScenario(twoNodeScenario, 'ours', 2)
    twoNodes = {
      id: twoNodeScenario.id,
      label: twoNodeScenario.label,
      loadAverage1m: [round(loadAtStart), round(os.loadavg()[0]!)],
      oneNode,
      twoNodes: split,
      ratio: { p50: ratio(split.p50, oneNode.p50), p99: ratio(split.p99, oneNode.p99) },
    }
    console.log(`\n${twoNodeScenario.label} (latency ms; CPU summed over the nodes)`)
    console.table(
      Object.fromEntries(
        (['oneNode', 'twoNodes'] as const).map(t => [
          t,
          Object.fromEntries(Object.entries(twoNodes![t]).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])),
        ]),
      ),
    )
    console.log('two nodes/one node:', twoNodes.ratio)
  }
}

const big = results.find(r => r.id === 'rooms-200x10')
const summary = {
  bench: 'collab',
  warmupMs: WARMUP_MS,
  measureMs: MEASURE_MS,
  loadGenerators: LOADGENS,
  durationS: round((performance.now() - startedAt) / 1000, 1),
  cpus: os.cpus().length,
  // Other processes on the machine distort loopback latency; judge the figures with these.
  loadAverage1mBefore: round(loadBefore[0]!),
  loadAverage1mAfter: round(os.loadavg()[0]!),
  cpuPressureAvg60After: cpuPressure(),
  scenarios: results.map(r => ({
    ...r,
    ours: Object.fromEntries(Object.entries(r.ours).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v])),
    reference: Object.fromEntries(Object.entries(r.reference).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v])),
  })),
  twoNodes: twoNodes && {
    ...twoNodes,
    oneNode: Object.fromEntries(Object.entries(twoNodes.oneNode).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v])),
    twoNodes: Object.fromEntries(Object.entries(twoNodes.twoNodes).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v])),
  },
  targets: {
    ratioP50AtMost1: results.every(r => r.ratio.p50 <= 1),
    ratioP99AtMost1: results.every(r => r.ratio.p99 <= 1),
    // The goal covers the 2, 50 and 200-editor rooms; 200 x 10 has its own targets.
    roomsRatioP50AtMost1: results.filter(r => r.id.startsWith('room-')).every(r => r.ratio.p50 <= 1),
    roomsRatioP99AtMost1: results.filter(r => r.id.startsWith('room-')).every(r => r.ratio.p99 <= 1),
    loadGeneratorsLoopDelayP99Under20ms: results.every(r => Math.max(r.ours.loadgenLoopDelayP99Ms, r.reference.loadgenLoopDelayP99Ms) < 20),
    rooms200x10P99Under50ms: big ? big.ours.p99 < 50 : null,
    rooms200x10RssUnder1GiB: big ? big.ours.rssMaxMb < 1024 : null,
    twoNodesConverged: twoNodes ? twoNodes.twoNodes.converged && twoNodes.twoNodes.drops === 0 : null,
  },
}
console.log(JSON.stringify(summary))
