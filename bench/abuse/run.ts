/**
 * Abuse benchmark (issue 10): the amplification, presence and big-allocation attacks from the
 * security report, each against a freshly started server process (our collaboration core on
 * a free port, SQLite persistence, a /healthz), while a witness room keeps editing.
 * Prints, per attack and for before / during / after: the witness's edit latency (one editor's
 * change seen by the other, p50/p99), /healthz latency (max) and the server's RSS.
 *
 *   npm run bench:abuse          (env: ABUSE_ATTACK_MS=6000, ABUSE_PHASE_MS=3000, ABUSE_DOC_BYTES=1000000)
 *
 * Ends with exactly one JSON line.
 */
import { fork, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const ATTACK_MS = Number(process.env.ABUSE_ATTACK_MS ?? 6000)
const PHASE_MS = Number(process.env.ABUSE_PHASE_MS ?? 3000)
const DOC_BYTES = Number(process.env.ABUSE_DOC_BYTES ?? 1_000_000)
const WITNESS_EDIT_MS = 20
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

function child(script: string, args: string[] = []): ChildProcess {
  return fork(path.join(here, script), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
}

function next<T>(proc: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${type}: child exited (${code})`))
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return
      proc.off('message', onMessage)
      proc.off('exit', onExit)
      resolve(message as T)
    }
    proc.on('message', onMessage)
    proc.once('exit', onExit)
  })
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1))
}

function witness(port: number, token: string, doc: Y.Doc): WebsocketProvider {
  class WithCookie extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie: `token=${token}` } })
    }
  }
  return new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, 'review:witness', doc, {
    WebSocketPolyfill: WithCookie as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  })
}

function healthz(port: number): Promise<number> {
  const started = performance.now()
  return new Promise(resolve => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 30_000 }, res => {
      res.resume()
      res.on('end', () => resolve(performance.now() - started))
    })
    req.on('error', () => resolve(Infinity))
    req.on('timeout', () => req.destroy())
  })
}

type Phase = { witnessP50Ms: number; witnessP99Ms: number; witnessSamples: number; healthzMaxMs: number; rssMb: number }

async function runAttack(attack: string) {
  const server = child('server-process.ts')
  const { port } = await next<{ port: number }>(server, 'ready')
  server.send({ type: 'seed', bytes: DOC_BYTES })
  await next(server, 'seeded')
  const rss = async () => {
    server.send({ type: 'rss' })
    return (await next<{ rss: number }>(server, 'rss')).rss / 1024 / 1024
  }

  const docA = new Y.Doc()
  const docB = new Y.Doc()
  const a = witness(port, 'witness1', docA)
  const b = witness(port, 'witness2', docB)
  while (!a.synced || !b.synced) await sleep(20)
  let latencies: number[] = []
  docB.getMap('clock').observe(() => {
    const sent = docB.getMap('clock').get('t') as number
    latencies.push(performance.now() - sent)
  })
  const editing = setInterval(() => docA.getMap('clock').set('t', performance.now()), WITNESS_EDIT_MS)
  let health: number[] = []
  let polling = true
  const poller = (async () => {
    while (polling) {
      health.push(await healthz(port))
      await sleep(100)
    }
  })()
  let rssSamples: number[] = []
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      rssSamples.push(await rss())
      await sleep(250)
    }
  })()

  const phase = async (ms: number, during?: Promise<unknown>): Promise<Phase> => {
    latencies = []
    health = []
    rssSamples = []
    await Promise.all([sleep(ms), during])
    return {
      witnessP50Ms: percentile(latencies, 50),
      witnessP99Ms: percentile(latencies, 99),
      witnessSamples: latencies.length,
      healthzMaxMs: Number(Math.max(...health, 0).toFixed(1)),
      rssMb: Number(Math.max(...rssSamples, 0).toFixed(1)),
    }
  }

  await sleep(500)
  const before = await phase(PHASE_MS)
  const attacker = child('attacker.ts', [attack, String(port), String(ATTACK_MS)])
  const report = next<{ frames: number; connections: number; refused: number; closes: Record<string, number> }>(attacker, 'done')
  const during = await phase(ATTACK_MS, report)
  const after = await phase(PHASE_MS)
  const { frames, connections, refused, closes } = await report

  clearInterval(editing)
  polling = false
  sampling = false
  await Promise.all([poller, sampler])
  a.destroy()
  b.destroy()
  server.send({ type: 'stop' })
  await new Promise(resolve => server.once('exit', resolve))
  return { before, during, after, attacker: { frames, connections, refused, closes } }
}

const results: Record<string, Awaited<ReturnType<typeof runAttack>>> = {}
for (const attack of ['amplification', 'presence', 'allocation']) {
  const result = await runAttack(attack)
  results[attack] = result
  console.log(
    `\n${attack} (attacker: ${result.attacker.frames} frames over ${result.attacker.connections} connections, ${result.attacker.refused} refused, closes ${JSON.stringify(result.attacker.closes)})`,
  )
  console.log('  phase    witness p50   p99    /healthz max   server RSS')
  for (const name of ['before', 'during', 'after'] as const) {
    const p = result[name]
    console.log(
      `  ${name.padEnd(7)}  ${String(p.witnessP50Ms).padStart(8)} ms ${String(p.witnessP99Ms).padStart(6)} ms ${String(p.healthzMaxMs).padStart(9)} ms ${String(p.rssMb).padStart(9)} MB`,
    )
  }
}
console.log(JSON.stringify({ bench: 'abuse', attackMs: ATTACK_MS, docBytes: DOC_BYTES, results }))
process.exit(0)
