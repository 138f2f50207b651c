import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createSqlitePersistence, type CollabPersistence } from '../../../server/collab'
import { memoryLogger, openRaw, removeDbFile, sleep, synced, tempDbFile, updateMessage, waitFor } from './helpers'
import { collabCleanup } from './hooks'

type Db = { prepare(sql: string): { get(...args: unknown[]): unknown; all(...args: unknown[]): unknown[] }; close(): void }
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, o?: { readonly?: boolean }) => Db

const children: ChildProcess[] = []
const persistences: CollabPersistence[] = []
const dbFiles: string[] = []

const cleanup = collabCleanup(async () => {
  for (const p of persistences.splice(0)) await p.close()
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const file of dbFiles.splice(0)) removeDbFile(file)
})

function newDbFile(): string {
  const file = tempDbFile()
  dbFiles.push(file)
  return file
}

function persistence(filename: string): CollabPersistence {
  const p = createSqlitePersistence({ filename, logger: memoryLogger() })
  persistences.push(p)
  return p
}

function textOf(update: Uint8Array | null): string {
  const doc = new Y.Doc()
  if (update) Y.applyUpdate(doc, update)
  return doc.getText('body').toString()
}

function count(file: string, sql: string, ...args: unknown[]): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(sql).get(...args) as { n: number }).n
  } finally {
    db.close()
  }
}

describe('sqlite persistence', () => {
  it('makes an append durable within 50 ms without an explicit flush', async () => {
    const file = newDbFile()
    const store = persistence(file)
    // As in the server, where a room's load (answered by the writer thread) precedes appends.
    expect(await store.load('review:durable')).toBeNull()
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => store.append('review:durable', update))
    doc.getText('body').insert(0, 'hello')
    await sleep(50)
    expect(count(file, `SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE "docName" = ?`, 'review:durable')).toBe(1)
  })

  it('folds the log into a snapshot and loads snapshot plus tail', async () => {
    const file = newDbFile()
    const store = persistence(file)
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => store.append('review:fold', update))
    const other = new Y.Doc()
    other.on('update', (update: Uint8Array) => store.append('review:other', update))
    const text = doc.getText('body')
    for (let i = 0; i < 5; i++) text.insert(text.length, `${i}`)
    other.getText('body').insert(0, 'untouched')
    // Compaction right after appends that are still queued must include them.
    await store.compact('review:fold', Y.encodeStateAsUpdate(doc))
    expect(count(file, `SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE "docName" = ?`, 'review:fold')).toBe(0)
    expect(count(file, `SELECT COUNT(*) AS n FROM "CollabSnapshot" WHERE "docName" = ?`, 'review:fold')).toBe(1)
    expect(count(file, `SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE "docName" = ?`, 'review:other')).toBe(1)

    text.insert(text.length, '-tail')
    expect(textOf(await store.load('review:fold'))).toBe('01234-tail')
    expect(textOf(await store.load('review:other'))).toBe('untouched')
    expect(await store.load('review:never')).toBeNull()

    // A second process opening the same file sees the same state.
    await store.flush()
    expect(textOf(await persistence(file).load('review:fold'))).toBe('01234-tail')
  })

  it('folds a long log left by a crash when the document is loaded', async () => {
    const file = newDbFile()
    const store = persistence(file)
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => store.append('review:crashed', update))
    for (let i = 0; i < 150; i++) doc.getText('body').insert(i, 'x')
    expect(textOf(await store.load('review:crashed'))).toBe('x'.repeat(150))
    expect(count(file, `SELECT COUNT(*) AS n FROM "CollabUpdate"`)).toBe(0)
    expect(textOf(await store.load('review:crashed'))).toBe('x'.repeat(150))
  })
})

describe('collab server persistence', () => {
  it('refuses to start on a database without the collaboration tables', async () => {
    expect(() => createSqlitePersistence({ filename: tempDbFile({ empty: true }), logger: memoryLogger() })).toThrow(/no such table: CollabSnapshot/)
  })

  it('closes connections with 1011 when a document cannot be loaded, and the server goes on', async () => {
    const inner = persistence(newDbFile())
    const failing: CollabPersistence = {
      ...inner,
      async load(docName) {
        if (docName === 'review:broken') throw new Error('disk on fire')
        return inner.load(docName)
      },
    }
    const server = await cleanup.start({ persistence: failing })
    const raw = await openRaw(server.url, 'review:broken', 'alice-token')
    expect((await raw.closed).code).toBe(1011)
    expect(server.logger.entries.some(e => e.msg === 'collab room failed to load')).toBe(true)
    const alice = cleanup.connect(server.url, 'review:fine', 'alice-token')
    await synced(alice)
  })

  it('keeps documents across a server restart, and merges edits made while it was down', async () => {
    const dbFile = newDbFile()
    const first = await cleanup.start({ dbFile })
    const alice = cleanup.connect(first.url, 'review:restart', 'alice-token')
    await synced(alice)
    alice.text.insert(0, 'before restart')
    await waitFor(() => first.collab.stats().updatesApplied === 1)
    alice.provider.disconnect()
    await first.stop()
    // Shutdown compacted: one snapshot, no loose updates.
    expect(count(dbFile, `SELECT COUNT(*) AS n FROM "CollabUpdate"`)).toBe(0)
    expect(count(dbFile, `SELECT COUNT(*) AS n FROM "CollabSnapshot"`)).toBe(1)

    alice.text.insert(alice.text.length, ' + offline')
    const second = await cleanup.start({ dbFile })
    const bob = cleanup.connect(second.url, 'review:restart', 'bob-token')
    await synced(bob)
    expect(bob.text.toString()).toBe('before restart')
    // Alice's provider reconnects to the new server with her offline edit.
    cleanup.connect(second.url, 'review:restart', 'alice-token', { doc: alice.doc })
    await waitFor(() => bob.text.toString() === 'before restart + offline', 5000, 'offline edit merged')
  })

  it('compacts periodically while a room is busy', async () => {
    const dbFile = newDbFile()
    const server = await cleanup.start({ dbFile, timings: { compactAfterUpdates: 5 } })
    const alice = cleanup.connect(server.url, 'review:busy', 'alice-token')
    await synced(alice)
    for (let i = 0; i < 12; i++) {
      alice.text.insert(alice.text.length, `${i},`)
      await sleep(5)
    }
    await waitFor(() => server.collab.stats().updatesApplied === 12)
    await server.persistence.flush()
    expect(count(dbFile, `SELECT COUNT(*) AS n FROM "CollabSnapshot" WHERE "docName" = ?`, 'review:busy')).toBe(1)
    expect(count(dbFile, `SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE "docName" = ?`, 'review:busy')).toBeLessThan(5)
    expect(textOf(await server.persistence.load('review:busy'))).toBe(alice.text.toString())
  })

  it('survives kill -9: every update received more than 50 ms before the kill is on disk', async () => {
    const dbFile = newDbFile()
    const here = path.dirname(fileURLToPath(import.meta.url))
    const start = async (): Promise<{ child: ChildProcess; port: number }> => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/persisting-server.ts'), dbFile], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      children.push(child)
      const port = await new Promise<number>((resolve, reject) => {
        let out = ''
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = /READY (\d+)/.exec(out)
          if (match) resolve(Number(match[1]))
        })
        child.once('exit', code => reject(new Error(`server exited early (${code})`)))
      })
      return { child, port }
    }

    const { child, port } = await start()
    const writer = await openRaw(`ws://127.0.0.1:${port}/collab`, 'review:kill', 'alice-token')
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => writer.ws.send(updateMessage(update)))
    const sentAt: number[] = []
    const text = doc.getText('body')
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
    let killedAt = Infinity
    // Keep typing through the kill, so some updates are in flight when it lands.
    const typing = (async () => {
      for (let seq = 0; performance.now() < killedAt + 20; seq++) {
        sentAt.push(performance.now())
        text.insert(text.length, `<${seq}>`)
        await sleep(2)
      }
    })()
    // Long enough for plenty of updates to be older than 50 ms, however slow the machine.
    const typingSince = performance.now()
    await waitFor(() => sentAt.filter(t => t < performance.now() - 100).length >= 100 && performance.now() - typingSince > 300, 20_000, 'updates sent')
    killedAt = performance.now()
    child.kill('SIGKILL')
    await exited
    await typing

    const restarted = await start()
    const reader = cleanup.connect(`ws://127.0.0.1:${restarted.port}/collab`, 'review:kill', 'bob-token')
    await synced(reader)
    const stored = new Set([...reader.text.toString().matchAll(/<(\d+)>/g)].map(m => Number(m[1])))
    const mustHave = sentAt.flatMap((t, seq) => (t <= killedAt - 50 ? [seq] : []))
    expect(mustHave.length).toBeGreaterThanOrEqual(100)
    expect(mustHave.filter(seq => !stored.has(seq))).toEqual([])
  }, 60_000)
})
