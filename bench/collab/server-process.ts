/**
 * One collaboration server under test, in its own process so its CPU and memory are its own.
 * `tsx server-process.ts ours|reference [database file] [redis URL]`; talks to run.ts over IPC.
 * With a Redis URL it is one node of several sharing that database and Redis (ADR 0043).
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { WebSocketServer } from 'ws'
import { createCollabServer, createSqlitePersistence, docNameFromUrl, type CollabFanout, type CollabLogger } from '../../server/collab'
import { createRedisFanout } from '../../server/cluster'
import { connectRedis } from '../../server/redis'
import { DOC_NAME_PATTERN } from '../../server/collab-doc-names'
import { applyMigrations } from '../../server/migrate'
import type { ServerCommand, ServerReport, Target } from './ipc'

const target = process.argv[2] as Target
const sharedDatabase = process.argv[3]
const redisUrl = process.argv[4]
const TOKEN = 'bench-token'
const send = (report: ServerReport): void => void process.send?.(report)

const silent: CollabLogger = { info() {}, warn() {}, error() {} }
const httpServer = http.createServer((_req, res) => res.writeHead(404).end())
let shutdown: () => Promise<void> = async () => {}

if (target === 'ours') {
  const dir = sharedDatabase ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'collab-bench-'))
  const filename = sharedDatabase ?? path.join(dir!, 'bench.db')
  // The tables are the migrations' (no copy of their DDL here).
  await applyMigrations({ databaseUrl: `file:${filename}` })
  let fanout: CollabFanout | undefined
  let redisClients: { quit(): Promise<unknown> }[] = []
  if (redisUrl) {
    const pub = await connectRedis(redisUrl, { logger: silent, name: 'bench-pub' })
    const sub = await connectRedis(redisUrl, { logger: silent, name: 'bench-sub' })
    redisClients = [pub, sub]
    fanout = createRedisFanout({ pub, sub, logger: silent })
  }
  // As server/collab-host.ts: compactions merge what other writers (the CLI, other nodes) stored.
  const persistence = createSqlitePersistence({ filename, logger: silent, sharedWriters: true })
  const collab = createCollabServer({
    authenticator: {
      async authorize(req) {
        const params = new URL(req.url ?? '/', 'http://bench').searchParams
        const user = params.get('user')
        if (params.get('token') !== TOKEN || user === null) return { refuse: 401, reason: 'bad token' }
        return { userId: `bench-${user}`, readOnly: false }
      },
    },
    persistence,
    logger: silent,
    docNamePattern: DOC_NAME_PATTERN,
    limits: { maxConnectionsPerRoom: 256 },
    fanout,
  })
  httpServer.on('upgrade', (req, socket, head) => void collab.handleUpgrade(req, socket, head))
  shutdown = async () => {
    await collab.shutdown()
    await persistence.close()
    await Promise.allSettled(redisClients.map(c => c.quit()))
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  }
} else {
  // The reference server, hosted the way its own bin/server.js does, in memory.
  delete process.env.YPERSISTENCE
  const { setupWSConnection } = await import('@y/websocket-server/utils')
  const wss = new WebSocketServer({ noServer: true })
  httpServer.on('upgrade', (req, socket, head) => {
    const docName = docNameFromUrl(req.url, DOC_NAME_PATTERN)
    if (docName === null) return void socket.destroy()
    wss.handleUpgrade(req, socket, head, ws => setupWSConnection(ws, req, { docName }))
  })
}

let rssMax = 0
const sampler = setInterval(() => {
  rssMax = Math.max(rssMax, process.memoryUsage.rss())
}, 100)
const LOOP_SAMPLE_MS = 5
// The histogram records whole intervals between its timer's ticks; figures below subtract it.
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS })
const beyondSampling = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_SAMPLE_MS)
loopDelay.enable()
let cpuStart = process.cpuUsage()
let wallStart = performance.now()

process.on('message', (command: ServerCommand) => {
  switch (command.type) {
    case 'measure-start':
      cpuStart = process.cpuUsage()
      wallStart = performance.now()
      rssMax = process.memoryUsage.rss()
      loopDelay.reset()
      return
    case 'measure-stop': {
      const cpu = process.cpuUsage(cpuStart)
      const wallMs = performance.now() - wallStart
      const rss = process.memoryUsage.rss()
      const cpuMs = (cpu.user + cpu.system) / 1000
      send({
        type: 'measured',
        cpuPercent: (cpuMs / wallMs) * 100,
        cpuMs,
        rssMaxMb: Math.max(rssMax, rss) / 2 ** 20,
        rssEndMb: rss / 2 ** 20,
        loopDelayP50Ms: beyondSampling(loopDelay.percentile(50)),
        loopDelayP99Ms: beyondSampling(loopDelay.percentile(99)),
      })
      return
    }
    case 'shutdown':
      clearInterval(sampler)
      void shutdown().finally(() => process.exit(0))
      return
  }
})

httpServer.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (httpServer.address() as AddressInfo).port }))
