// Issue 12 / ADR 0032: the collaboration core fails closed. When the persistence writer dies or
// its commits fail, writers are disconnected (4503) and refused until saving works again, the
// host's /healthz answers 503, and nothing another client received or the store was given is
// lost: it is in the database once the writer is back, and the edits made meanwhile merge.
// Writers that connect meanwhile are let in only to be closed with the reason (4503).
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NOT_SAVING_CLOSE_CODE } from '~/components/workspace/use-collab-session'
import { getEnv } from '~/utils/env.server'
import { prisma } from '~/utils/db.server'
import { createHttpServer } from '../../../server/app'
import { CloseCode, CollabNotSavingError, createSqlitePersistence, type SqlitePersistence } from '../../../server/collab'
import { createLogger } from '../../../server/logger'
import { memoryLogger, openRaw, sleep, synced, tempDbFile, waitFor, type TestClient, type TestServer } from './helpers'
import { collabCleanup } from './hooks'

type Statement = { get(...args: unknown[]): unknown; all(...args: unknown[]): unknown[]; run(...args: unknown[]): unknown }
type Db = { prepare(sql: string): Statement; exec(sql: string): void; pragma(sql: string): unknown; close(): void }
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, o?: { readonly?: boolean; timeout?: number }) => Db

const closers: (() => void | Promise<void>)[] = []
const cleanup = collabCleanup(async () => {
  for (const close of closers.splice(0)) await close()
})

/** The document as the database holds it: snapshot plus every logged update, read directly. */
function storedText(file: string, docName: string): string {
  const db = new Database(file, { readonly: true })
  try {
    const snapshot = db.prepare(`SELECT "state" FROM "CollabSnapshot" WHERE "docName" = ?`).get(docName) as { state: Buffer } | undefined
    const rows = db.prepare(`SELECT "update" FROM "CollabUpdate" WHERE "docName" = ? ORDER BY "id"`).all(docName) as { update: Buffer }[]
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    for (const row of rows) Y.applyUpdate(doc, row.update)
    return doc.getText('body').toString()
  } finally {
    db.close()
  }
}

function closeCodes(client: TestClient): number[] {
  const codes: number[] = []
  client.provider.on('connection-close', event => {
    if (event) codes.push(event.code)
  })
  return codes
}

async function serverWith(persistence: SqlitePersistence): Promise<TestServer> {
  return cleanup.start({ persistence })
}

async function healthz(persistence: SqlitePersistence): Promise<() => Promise<number>> {
  const http = createHttpServer({
    env: getEnv(),
    logger: createLogger('silent'),
    prisma,
    build: async () => {
      throw new Error('no Remix build in this test')
    },
    publicDir: '/nonexistent',
    collabHealth: () => persistence.health(),
  })
  await new Promise<void>(resolve => http.server.listen(0, '127.0.0.1', resolve))
  closers.push(() => void http.server.close())
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}/healthz`
  return async () => (await fetch(url)).status
}

describe('collab fails closed', () => {
  it('tells clients with the close code their connection indicator knows', () => {
    expect(CloseCode.notSaving).toBe(NOT_SAVING_CLOSE_CODE)
    // Outside 4400-4499, which the stock provider treats as final: it reconnects.
    expect(NOT_SAVING_CLOSE_CODE >= 4400 && NOT_SAVING_CLOSE_CODE < 4500).toBe(false)
  })

  it('kills the writer mid-session: what others received is stored after recovery, and the edits made meanwhile merge', async () => {
    const file = tempDbFile()
    // A long group-commit window: when the writer dies, what was typed is relayed but not committed.
    const persistence = createSqlitePersistence({ filename: file, logger: memoryLogger(), commitIntervalMs: 2_000, stallMs: 60_000, restartDelayMs: 300 })
    const server = await serverWith(persistence)
    const status = await healthz(persistence)
    expect(await status()).toBe(200)

    const alice = cleanup.connect(server.url, 'review:killed', 'alice-token')
    const bob = cleanup.connect(server.url, 'review:killed', 'bob-token')
    const aliceCloses = closeCodes(alice)
    await Promise.all([synced(alice), synced(bob)])

    alice.text.insert(0, 'acknowledged:')
    for (let i = 0; i < 10; i++) alice.text.insert(alice.text.length, ` ${i}`)
    await waitFor(() => bob.text.toString() === alice.text.toString(), 5000, 'bob received every update')
    const received = bob.text.toString()
    expect(storedText(file, 'review:killed')).toBe('')

    await persistence.killWriter()
    await waitFor(() => !server.collab.stats().saving, 2000, 'server stops saving')
    expect(persistence.health().ok).toBe(false)
    expect(await status()).toBe(503)
    await waitFor(() => aliceCloses.includes(CloseCode.notSaving), 2000, 'alice told "not saving"')
    await expect(server.collab.updateDoc('review:killed', doc => doc.getText('body').insert(0, 'host '))).rejects.toBeInstanceOf(CollabNotSavingError)

    // Typed while not saving: kept by alice's provider, neither applied nor relayed.
    alice.text.insert(alice.text.length, ' | typed while not saving')
    await sleep(100)
    expect(bob.text.toString()).toBe(received)

    // The writer is started again by itself: the updates it lost are written, writers come back.
    await waitFor(() => server.collab.stats().saving, 5000, 'saving again')
    expect(await status()).toBe(200)
    await waitFor(() => bob.text.toString() === `${received} | typed while not saving`, 5000, 'alice merged on return')
    await persistence.flush()
    await waitFor(() => storedText(file, 'review:killed') === bob.text.toString(), 5000, 'everything stored')

    // And it stays there across a restart of the whole server.
    await server.stop()
    const again = createSqlitePersistence({ filename: file, logger: memoryLogger() })
    closers.push(() => again.close())
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, (await again.load('review:killed'))!)
    expect(reloaded.getText('body').toString()).toBe(`${received} | typed while not saving`)
  })

  it('the persistence itself writes every append a dead writer had not committed, once it is running again', async () => {
    const file = tempDbFile()
    const persistence = createSqlitePersistence({ filename: file, logger: memoryLogger(), commitIntervalMs: 2_000, stallMs: 60_000, restartDelayMs: 100 })
    closers.push(() => persistence.close())
    const health: boolean[] = []
    persistence.onHealthChange(h => health.push(h.ok))
    expect(await persistence.load('review:log')).toBeNull()
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => persistence.append('review:log', update))
    for (let i = 0; i < 5; i++) doc.getText('body').insert(i, `${i}`)
    await sleep(20)
    await persistence.killWriter()
    // Appended while the writer is down: kept for the next one.
    doc.getText('body').insert(5, '5')
    await waitFor(() => health.length === 2, 5000, 'down and up again')
    expect(health).toEqual([false, true])
    await persistence.flush()
    expect(storedText(file, 'review:log')).toBe('012345')
  })

  it('a commit that fails (database locked) stops writers and /healthz until the database is free again', async () => {
    const file = tempDbFile()
    const persistence = createSqlitePersistence({ filename: file, logger: memoryLogger(), busyTimeoutMs: 50, stallMs: 60_000 })
    const server = await serverWith(persistence)
    const status = await healthz(persistence)

    const alice = cleanup.connect(server.url, 'review:locked', 'alice-token')
    const olga = cleanup.connect(server.url, 'review:locked', 'olga-token')
    const aliceCloses = closeCodes(alice)
    const olgaCloses = closeCodes(olga)
    await Promise.all([synced(alice), synced(olga)])
    alice.text.insert(0, 'saved')
    await waitFor(() => olga.text.toString() === 'saved', 5000, 'olga sees it')
    await persistence.flush()

    // Another connection holds the write lock: the writer's commits fail with SQLITE_BUSY.
    const locker = new Database(file)
    closers.push(() => locker.close())
    locker.exec('BEGIN EXCLUSIVE')
    let locked = true
    closers.unshift(() => {
      if (locked) locker.exec('ROLLBACK')
    })
    alice.text.insert(alice.text.length, ' + in the failed commit')
    await waitFor(() => !server.collab.stats().saving, 3000, 'server stops saving')
    expect(await status()).toBe(503)
    await waitFor(() => aliceCloses.includes(CloseCode.notSaving), 2000, 'alice told "not saving"')
    // An observer writes nothing and stays; a writer cannot come in.
    expect(olgaCloses).toEqual([])
    const bob = await openRaw(server.url, 'review:locked', 'bob-token')
    expect((await bob.closed).code).toBe(CloseCode.notSaving)
    alice.text.insert(alice.text.length, ' + offline')

    locker.exec('COMMIT')
    locked = false
    await waitFor(() => server.collab.stats().saving, 5000, 'saving again')
    expect(await status()).toBe(200)
    await waitFor(() => olga.text.toString() === 'saved + in the failed commit + offline', 5000, 'alice merged on return')
    await persistence.flush()
    await waitFor(() => storedText(file, 'review:locked') === 'saved + in the failed commit + offline', 5000, 'everything stored')
  })

  it('an overdue commit (a hung writer) counts as a failure too', async () => {
    const file = tempDbFile()
    // The lock is held longer than stallMs, inside a single long busy wait of the writer.
    const persistence = createSqlitePersistence({ filename: file, logger: memoryLogger(), busyTimeoutMs: 3_000, stallMs: 300 })
    const server = await serverWith(persistence)
    const alice = cleanup.connect(server.url, 'review:hung', 'alice-token')
    await synced(alice)
    const locker = new Database(file)
    closers.push(() => locker.close())
    locker.exec('BEGIN EXCLUSIVE')
    alice.text.insert(0, 'waiting')
    await waitFor(() => !server.collab.stats().saving, 2000, 'server stops saving')
    locker.exec('COMMIT')
    await waitFor(() => server.collab.stats().saving, 6000, 'saving again')
    await waitFor(() => storedText(file, 'review:hung') === 'waiting', 5000, 'stored')
  })
})
