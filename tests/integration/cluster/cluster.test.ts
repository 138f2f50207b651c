// Issue 13, the Redis half: two real server processes sharing one database and one real
// redis-server serve the same review at once (ADR 0043, 0044).
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { isPostgresUrl } from '~/utils/env.server'
import { prisma } from '~/utils/db.server'
import { cookieFor, makeJurisdiction, makeReview, makeUser } from '../../support/fixtures'
import { freePort, redisServerOrSkip, startRedis, type RedisInstance } from '../../support/redis'
import { waitFor } from '../collab/helpers'
import type { NodeCommand, NodeReport } from './fixtures/node'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../../..')
const redisBinary = redisServerOrSkip()
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

type AppNode = { child: ChildProcess; port: number; output: () => string; command(c: NodeCommand): Promise<NodeReport> }

function startNode(env: Record<string, string>): Promise<AppNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/node.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', SEED_DEMO: 'false', LOGIN_ATTEMPTS_PER_ADDRESS: '8', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('exit', code => reject(new Error(`node exited (${code}) before it was ready:\n${output}`)))
    child.on('message', (report: NodeReport) => {
      if (report.type !== 'ready') return
      resolve({
        child,
        port: report.port,
        output: () => output,
        command: command =>
          new Promise(done => {
            child.once('message', reply => done(reply as NodeReport))
            child.send(command)
          }),
      })
    })
  })
}

async function stopNode(node: AppNode | undefined): Promise<void> {
  if (!node || node.child.exitCode !== null || node.child.signalCode !== null) return
  const exited = new Promise(resolve => node.child.once('exit', resolve))
  node.child.kill('SIGTERM')
  await exited
}

/** A stock y-websocket client; `target` is the node a reverse proxy would send it to. */
function connect(cookie: string, docName: string, target: { port: number }) {
  class Routed extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      const url = new URL(address)
      url.host = `127.0.0.1:${target.port}`
      super(url.toString(), protocols, { headers: { cookie, origin: `http://127.0.0.1:${target.port}` } })
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${target.port}/collab`, docName, doc, {
    WebSocketPolyfill: Routed as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  })
  const closes: { code: number; at: number }[] = []
  provider.on('connection-close', event => {
    if (event) closes.push({ code: event.code, at: Date.now() })
  })
  return { doc, provider, closes, text: doc.getText('cluster'), target }
}

/** What the database alone holds for a document: snapshot plus later updates (SQLite or PostgreSQL). */
async function storedText(docName: string): Promise<string> {
  const snapshot = await prisma.collabSnapshot.findUnique({ where: { docName }, select: { state: true, lastUpdateId: true } })
  const tail = await prisma.collabUpdate.findMany({
    where: { docName, id: { gt: snapshot?.lastUpdateId ?? 0 } },
    orderBy: { id: 'asc' },
    select: { update: true },
  })
  const doc = new Y.Doc()
  if (snapshot) Y.applyUpdate(doc, snapshot.state)
  for (const row of tail) Y.applyUpdate(doc, row.update)
  return doc.getText('cluster').toString()
}

async function signInAttempt(port: number, email: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/login?_data=routes%2Flogin`, {
    method: 'POST',
    headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: 'not the password' }),
  })
  await response.arrayBuffer()
  return response.status
}

// Runs in both suites: on one SQLite file (npm run test:unit) and on PostgreSQL (npm run test:pg).
describe.skipIf(redisBinary === null)(`two nodes sharing ${isPostgresUrl(process.env.DATABASE_URL ?? '') ? 'PostgreSQL' : 'SQLite'} and Redis`, () => {
  let redis: RedisInstance
  let node1: AppNode
  let node2: AppNode
  const clients: ReturnType<typeof connect>[] = []
  let world: { jurisdictionId: string; adminId: string; aliceId: string; bobId: string; danaId: string; reviewId: string }

  beforeAll(async () => {
    redis = await startRedis(redisBinary!)
    const jurisdiction = await makeJurisdiction()
    const [admin, alice, bob, dana] = await Promise.all([
      makeUser(jurisdiction.id, { isAdmin: true }),
      makeUser(jurisdiction.id),
      makeUser(jurisdiction.id),
      makeUser(jurisdiction.id),
    ])
    const review = await makeReview(jurisdiction.id, [
      { userId: alice.id, role: 'panel_member' },
      { userId: bob.id, role: 'panel_member' },
      { userId: dana.id, role: 'panel_member' },
    ])
    world = { jurisdictionId: jurisdiction.id, adminId: admin.id, aliceId: alice.id, bobId: bob.id, danaId: dana.id, reviewId: review.id }
    const env = { DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: redis.url }
    ;[node1, node2] = await Promise.all([startNode(env), startNode(env)])
  })

  afterAll(async () => {
    for (const client of clients) client.provider.destroy()
    await Promise.all([stopNode(node1), stopNode(node2)])
    await redis?.stop()
  })

  const docName = () => `review:${world.reviewId}`

  test('an unreachable Redis stops the start with its host and the error, no stack trace', async () => {
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: process.env.DATABASE_URL!,
        REDIS_URL: `redis://:secret-pw@127.0.0.1:${port}`,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise(resolve => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(output).toContain(`Cannot reach Redis at 127.0.0.1:${port}`)
    expect(output).toMatch(/ECONNREFUSED/)
    expect(output).not.toMatch(/\n\s+at /)
    expect(output).not.toContain('secret-pw')
  })

  test('/readyz checks Redis on both nodes', async () => {
    for (const node of [node1, node2]) {
      const response = await fetch(`http://127.0.0.1:${node.port}/readyz`)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('ready')
    }
  })

  test('clients on node 1 and node 2 edit one review and converge, presence included', async () => {
    const alice = connect((await cookieFor(world.aliceId)).cookie, docName(), { port: node1.port })
    const bob = connect((await cookieFor(world.bobId)).cookie, docName(), { port: node2.port })
    clients.push(alice, bob)
    await waitFor(() => alice.provider.synced && bob.provider.synced, 10_000)
    alice.text.insert(0, 'Alice on node 1. ')
    bob.text.insert(0, 'Bob on node 2. ')
    await waitFor(() => alice.text.toString() === bob.text.toString() && alice.text.length > 20, 5_000)
    expect(alice.text.toString()).toContain('Alice on node 1.')
    expect(alice.text.toString()).toContain('Bob on node 2.')

    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    await waitFor(() => bob.provider.awareness.getStates().get(alice.doc.clientID)?.user?.name === 'Alice', 5_000)
    // A client joining node 2 later is greeted with Alice's presence from node 1.
    const late = connect((await cookieFor(world.bobId)).cookie, docName(), { port: node2.port })
    clients.push(late)
    await waitFor(() => late.provider.awareness.getStates().get(alice.doc.clientID)?.user?.name === 'Alice', 5_000)
    await waitFor(() => late.text.toString() === alice.text.toString(), 5_000)
  })

  test('each change is projected once in the cluster, by the node that accepted it', async () => {
    const projections = async (node: AppNode) => {
      const text = await (await fetch(`http://127.0.0.1:${node.port}/metrics`)).text()
      return Number(/^scir_projection_lag_seconds_count (\d+)/m.exec(text)?.[1] ?? 0)
    }
    const [alice] = clients
    // Both nodes have projected once already (the first projection only starts the lag clock).
    const before = [await projections(node1), await projections(node2)]
    alice!.text.insert(0, 'One. ')
    await sleep(1_000)
    alice!.text.insert(0, 'Two. ')
    await sleep(1_200)
    const after = [await projections(node1), await projections(node2)]
    expect(after[0]! - before[0]!).toBeGreaterThanOrEqual(1)
    expect(after[1]).toBe(before[1])
  })

  test("revoking on node 1 closes the user's socket on node 2 within 1 s", async () => {
    const dana = connect((await cookieFor(world.danaId)).cookie, docName(), { port: node2.port })
    clients.push(dana)
    await waitFor(() => dana.provider.synced, 10_000)
    const started = Date.now()
    const reply = await node1.command({ type: 'deactivate', jurisdictionId: world.jurisdictionId, userId: world.danaId, actorId: world.adminId })
    expect(reply).toEqual({ type: 'done', ok: true })
    await waitFor(() => dana.closes.length > 0, 2_000)
    expect(dana.closes[0]!.code).toBe(4403)
    expect(dana.closes[0]!.at - started).toBeLessThan(1_000)
  })

  test('sign-in limits hold across both nodes', async () => {
    const email = `nobody-${Date.now()}@example.test`
    // Five failures for one account, spread over the two nodes: the sixth attempt is refused
    // on either node (each node alone has seen at most three).
    for (const port of [node1.port, node2.port, node1.port, node2.port, node1.port]) expect(await signInAttempt(port, email)).toBe(400)
    expect(await signInAttempt(node2.port, email)).toBe(429)
    expect(await signInAttempt(node1.port, email)).toBe(429)
    // Per address (8 here): three more failures with fresh emails reach it.
    for (const port of [node2.port, node1.port, node2.port]) expect(await signInAttempt(port, `other-${port}-${Math.random()}@example.test`)).toBe(400)
    expect(await signInAttempt(node1.port, `fresh-${Date.now()}@example.test`)).toBe(429)
  }, 60_000)

  test('kill -9 of node 1 mid-edit: its client moves to node 2, nothing older than 50 ms is lost, node 2 never notices', async () => {
    const reviewDoc = docName()
    const writer = connect((await cookieFor(world.aliceId)).cookie, reviewDoc, { port: node1.port })
    const watcher = connect((await cookieFor(world.bobId)).cookie, reviewDoc, { port: node2.port })
    clients.push(writer, watcher)
    await waitFor(() => writer.provider.synced && watcher.provider.synced, 10_000)

    const stamps: { mark: string; at: number }[] = []
    let seq = 0
    let typing = true
    const type = async () => {
      while (typing) {
        const mark = `<k${seq++}>`
        writer.text.insert(writer.text.length, mark)
        stamps.push({ mark, at: Date.now() })
        await sleep(5)
      }
    }
    const typed = type()
    await sleep(1_000)
    const exited = new Promise(resolve => node1.child.once('exit', resolve))
    node1.child.kill('SIGKILL')
    const killedAt = Date.now()
    typing = false
    await typed
    await exited

    // Before the writer reconnects anywhere: what the surviving cluster holds on its own.
    const old = stamps.filter(s => s.at < killedAt - 50)
    expect(old.length).toBeGreaterThan(20)
    await sleep(100)
    const stored = await storedText(reviewDoc)
    const atNode2 = watcher.text.toString()
    expect(old.filter(s => !stored.includes(s.mark)).map(s => s.mark)).toEqual([])
    expect(old.filter(s => !atNode2.includes(s.mark)).map(s => s.mark)).toEqual([])

    // The proxy now sends the writer to node 2; it carries on there.
    writer.target.port = node2.port
    await waitFor(() => writer.provider.wsconnected && writer.provider.synced, 10_000)
    writer.text.insert(writer.text.length, '<after>')
    await waitFor(() => watcher.text.toString() === writer.text.toString(), 5_000)
    for (const s of stamps) expect(watcher.text.toString()).toContain(s.mark)
    expect(watcher.text.toString()).toContain('<after>')
    expect(watcher.closes).toEqual([])
  }, 60_000)
})
