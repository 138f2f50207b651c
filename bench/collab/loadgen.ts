/**
 * A load generator process: many stock y-websocket providers (as browsers would run them).
 * Typists insert tokens `<writer:seq:phase:sentAt>` at the end of the shared text and move
 * their cursor (awareness); every other client in the room timestamps each token's arrival.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { preciseNow, type ClientAssignment, type ClientDigest, type LoadCommand, type LoadReport } from './ipc'

// Every provider adds an exit listener; hundreds per process are expected here.
process.setMaxListeners(0)

type Client = {
  assignment: ClientAssignment
  doc: Y.Doc
  text: Y.Text
  provider: WebsocketProvider
  sentMeasured: number
  sentTotal: number
}

const TOKEN = /<([a-z0-9]+):(\d+):([mw]):([\d.]+)>/g
const clients: Client[] = []
const latencies: number[] = []
const receivedMeasured: Record<string, number> = {}
const timers: NodeJS.Timeout[] = []
let reconnects = 0
const LOOP_SAMPLE_MS = 5
// The histogram records whole intervals between its timer's ticks; figures below subtract it.
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS })
const beyondSampling = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_SAMPLE_MS)

const send = (report: LoadReport): void => void process.send?.(report)

function connect(url: string, token: string, assignments: ClientAssignment[]): Promise<void> {
  for (const assignment of assignments) {
    const doc = new Y.Doc()
    const text = doc.getText('bench')
    text.observe(event => {
      if (event.transaction.local) return
      const arrivedAt = preciseNow()
      for (const change of event.changes.delta) {
        if (typeof change.insert !== 'string') continue
        for (const [, writer, , phase, sentAt] of change.insert.matchAll(TOKEN)) {
          if (phase !== 'm') continue
          latencies.push(arrivedAt - Number(sentAt))
          receivedMeasured[writer!] = (receivedMeasured[writer!] ?? 0) + 1
        }
      }
    })
    const provider = new WebsocketProvider(url, assignment.room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      // One user per client, as in a real room (the server allows 8 sockets per user per room).
      params: { token, user: assignment.key },
      disableBc: true,
      connect: false,
    })
    provider.awareness.setLocalState({ user: { name: assignment.key } })
    provider.on('status', ({ status }) => {
      if (status === 'disconnected') reconnects++
    })
    clients.push({ assignment, doc, text, provider, sentMeasured: 0, sentTotal: 0 })
  }
  return new Promise(resolve => {
    // Connect in small batches: thousands of simultaneous handshakes overflow the listen backlog.
    let next = 0
    const batch = setInterval(() => {
      for (const client of clients.slice(next, next + 25)) client.provider.connect()
      next += 25
      if (next < clients.length) return
      clearInterval(batch)
      const check = setInterval(() => {
        if (!clients.every(c => c.provider.synced)) return
        clearInterval(check)
        resolve()
      }, 20)
    }, 10)
  })
}

function start(measureStart: number, measureEnd: number, insertsPerSecond: number, awarenessHz: number): void {
  setTimeout(() => loopDelay.enable(), measureStart - preciseNow())
  setTimeout(() => loopDelay.disable(), measureEnd - preciseNow())
  for (const client of clients) {
    if (!client.assignment.typist) continue
    let seq = 0
    const type = (): void => {
      const now = preciseNow()
      if (now >= measureEnd) return
      const phase = now >= measureStart ? 'm' : 'w'
      client.text.insert(client.text.length, `<${client.assignment.key}:${seq++}:${phase}:${now.toFixed(3)}>`)
      client.sentTotal++
      if (phase === 'm') client.sentMeasured++
      // +-20 % jitter so typists across the process do not fire in lockstep.
      timers.push(setTimeout(type, (1000 / insertsPerSecond) * (0.8 + Math.random() * 0.4)))
    }
    const moveCursor = (): void => {
      if (preciseNow() >= measureEnd) return
      client.provider.awareness.setLocalStateField('cursor', { index: client.text.length })
      timers.push(setTimeout(moveCursor, 1000 / awarenessHz))
    }
    timers.push(setTimeout(type, Math.random() * (1000 / insertsPerSecond)))
    timers.push(setTimeout(moveCursor, Math.random() * (1000 / awarenessHz)))
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

function report(): LoadReport {
  const sentMeasured: Record<string, number> = {}
  const sentTotal: Record<string, number> = {}
  const digests: ClientDigest[] = []
  for (const client of clients) {
    const content = client.text.toString()
    digests.push({ room: client.assignment.room, hash: fnv1a(content), tokens: content.match(TOKEN)?.length ?? 0 })
    if (!client.assignment.typist) continue
    sentMeasured[client.assignment.key] = client.sentMeasured
    sentTotal[client.assignment.key] = client.sentTotal
  }
  const loopDelayP99Ms = loopDelay.count > 0 ? beyondSampling(loopDelay.percentile(99)) : 0
  return { type: 'report', latencies, sentMeasured, sentTotal, receivedMeasured, digests, reconnects, loopDelayP99Ms }
}

process.on('message', (command: LoadCommand) => {
  switch (command.type) {
    case 'connect': {
      const started = performance.now()
      void connect(command.url, command.token, command.clients).then(() => send({ type: 'connected', ms: performance.now() - started }))
      return
    }
    case 'start':
      start(command.measureStart, command.measureEnd, command.insertsPerSecond, command.awarenessHz)
      return
    case 'report':
      send(report())
      return
    case 'exit':
      for (const timer of timers) clearTimeout(timer)
      for (const client of clients) client.provider.destroy()
      process.exit(0)
  }
})
