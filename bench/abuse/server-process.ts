/**
 * The server under attack: our collaboration core on a temp SQLite file, with stub sessions
 * (editor, observer, witness) and a /healthz that touches the database, on a free port.
 * Answers { type: 'rss' } with its memory; prints nothing but errors.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCollabServer, createSqlitePersistence, type CollabAuthenticator } from '../../server/collab'
import { DOC_NAME_PATTERN } from '../../server/collab-doc-names'
import { applyMigrations } from '../../server/migrate'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-abuse-'))
const filename = path.join(dir, 'abuse.db')
const logger = { info() {}, warn() {}, error: (obj: object, msg: string) => console.error(msg, obj) }
// The tables are the migrations' (no copy of their DDL here).
await applyMigrations({ databaseUrl: `file:${filename}` })
const persistence = createSqlitePersistence({ filename, logger })
const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string) => { prepare(sql: string): { get(): unknown } }
const health = new Database(filename)

const users: Record<string, { userId: string; readOnly: boolean }> = {
  editor: { userId: 'editor', readOnly: false },
  observer: { userId: 'observer', readOnly: true },
  witness1: { userId: 'witness1', readOnly: false },
  witness2: { userId: 'witness2', readOnly: false },
}
const authenticator: CollabAuthenticator = {
  async authorize(req) {
    const token = /token=([a-z0-9]+)/.exec(req.headers.cookie ?? '')?.[1]
    const user = token ? users[token] : undefined
    return user ? { ...user, sessionId: token } : { refuse: 401, reason: 'not signed in' }
  },
}
const collab = createCollabServer({ authenticator, persistence, logger, docNamePattern: DOC_NAME_PATTERN })
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    health.prepare('SELECT 1').get()
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
  } else res.writeHead(404).end()
})
server.on('upgrade', (req, socket, head) => void collab.handleUpgrade(req, socket, head))

process.on('message', async (message: { type: string; bytes?: number }) => {
  if (message.type === 'rss') process.send!({ type: 'rss', rss: process.memoryUsage().rss })
  if (message.type === 'seed') {
    // About the size of the 2,000-event review from the report, written as many small runs.
    await collab.updateDoc('review:big', doc => {
      const events = doc.getArray<unknown>('events')
      for (let i = 0; i < (message.bytes ?? 1_000_000) / 500; i++) {
        events.push([{ id: `e${i}`, date: '2024-01-01', text: `Synthetic event ${i} `.padEnd(440, 'lorem ipsum ') }])
      }
    })
    process.send!({ type: 'seeded' })
  }
  if (message.type === 'stop') {
    await collab.shutdown()
    await persistence.close()
    fs.rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  }
})

server.listen(0, '127.0.0.1', () => process.send!({ type: 'ready', port: (server.address() as AddressInfo).port }))
