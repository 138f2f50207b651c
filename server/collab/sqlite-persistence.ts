/**
 * Collaboration persistence in the app's own SQLite database (tables from the Prisma schema:
 * CollabUpdate, an append-only log; CollabSnapshot, the log folded up to lastUpdateId).
 *
 * All SQLite work happens on one writer thread with its own better-sqlite3 connection. On the
 * event loop a commit took 0.06 ms typically but up to ~90 ms when a WAL checkpoint (fsync)
 * landed in it or the disk was busy, stalling every room's relaying; on its own thread it
 * stalls nothing, and the group-commit timer keeps ticking even when the event loop is busy.
 *
 * Ordering is what makes this safe: every request goes through one message channel, which is
 * FIFO, and the thread handles one message at a time. So appends are committed in order, and
 * load/compact/flush first commit every append sent before them.
 *
 * Durability: appends are written in one transaction every `commitIntervalMs` (group commit).
 * WAL with synchronous=NORMAL makes a committed transaction durable against a crash or kill of
 * the process (it is in the WAL file, in the OS page cache); a power loss can lose the last
 * commits. Pass synchronous 'FULL' if that matters more than an fsync per commit.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import type { CollabLogger, CollabPersistence } from './types'

export type SqlitePersistenceOptions = {
  /** The SQLite file; a Prisma-style `file:./data/scir.db` URL (relative to cwd) works too. */
  filename: string
  logger: CollabLogger
  /** Group-commit window. Appends are durable within this plus one transaction (< 50 ms). */
  commitIntervalMs?: number
  /** Create the tables when absent (tests, benchmarks); the app's migrations create them. */
  createTables?: boolean
  synchronous?: 'NORMAL' | 'FULL'
  /** How long a write waits for the app's own connection to release the database lock. */
  busyTimeoutMs?: number
  /** Told after each group commit: ms from the oldest append's send to its commit (metrics). */
  onCommit?: (lagMs: number, updates: number) => void
  /**
   * Other processes append to and compact the same documents (several nodes, ADR 0043): a
   * compaction then merges what is stored into the state it is given, because that state may
   * lack another node's latest updates (still on their way through Redis).
   */
  sharedWriters?: boolean
}

/** The migration's SQL, verbatim, for databases the migrations have not touched. */
const CREATE_TABLES = `
CREATE TABLE "CollabUpdate" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "docName" TEXT NOT NULL, "update" BLOB NOT NULL, "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE INDEX "CollabUpdate_docName_id_idx" ON "CollabUpdate"("docName", "id");
CREATE TABLE "CollabSnapshot" ("docName" TEXT NOT NULL PRIMARY KEY, "state" BLOB NOT NULL, "lastUpdateId" INTEGER NOT NULL, "updatedAt" DATETIME NOT NULL);
`

/** A log this long at load time (a crash before compaction) is folded right away. */
const FOLD_ON_LOAD_AFTER = 100

/**
 * The writer thread. Plain CommonJS evaluated by the Worker, so it needs no TypeScript loader
 * (the server runs under tsx, tests under vitest) and loads nothing but better-sqlite3.
 */
const WRITER_THREAD = String.raw`
const { parentPort, workerData: config } = require('node:worker_threads')
const Database = require(config.driver)
const Y = config.yjs ? require(config.yjs) : null

// DateTime as Prisma's SQLite adapter writes it, so the app can read these rows.
const timestamp = () => new Date().toISOString().replace('Z', '+00:00')
const asBuffer = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

let db
let statements
try {
  db = new Database(config.filename, { timeout: config.busyTimeoutMs })
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = ' + config.synchronous)
  statements = {
    insertUpdate: db.prepare('INSERT INTO "CollabUpdate" ("docName", "update", "createdAt") VALUES (?, ?, ?)'),
    selectSnapshot: db.prepare('SELECT "state", "lastUpdateId" FROM "CollabSnapshot" WHERE "docName" = ?'),
    selectTail: db.prepare('SELECT "update" FROM "CollabUpdate" WHERE "docName" = ? AND "id" > ? ORDER BY "id"'),
    selectLastUpdateId: db.prepare('SELECT MAX("id") AS "id" FROM "CollabUpdate" WHERE "docName" = ?'),
    upsertSnapshot: db.prepare('INSERT INTO "CollabSnapshot" ("docName", "state", "lastUpdateId", "updatedAt") VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT ("docName") DO UPDATE SET "state" = excluded."state", "lastUpdateId" = excluded."lastUpdateId", "updatedAt" = excluded."updatedAt"'),
    deleteFolded: db.prepare('DELETE FROM "CollabUpdate" WHERE "docName" = ? AND "id" <= ?'),
  }
} catch (error) {
  parentPort.postMessage({ type: 'fatal', error: String((error && error.stack) || error) })
  process.exit(1)
}

const insertBatch = db.transaction((batch, createdAt) => {
  for (const [docName, update] of batch) statements.insertUpdate.run(docName, update, createdAt)
})
// Every row of docName is in state: the queue was committed first and the channel is FIFO.
const fold = db.transaction((docName, state) => {
  const previous = statements.selectSnapshot.get(docName)
  const last = statements.selectLastUpdateId.get(docName).id
  const lastUpdateId = Math.max(last ?? 0, previous ? previous.lastUpdateId : 0)
  if (Y !== null) {
    const stored = statements.selectTail.all(docName, previous ? previous.lastUpdateId : 0).map((row) => row.update)
    if (previous) stored.unshift(previous.state)
    if (stored.length > 0) state = asBuffer(Y.mergeUpdates([state, ...stored]))
  }
  statements.upsertSnapshot.run(docName, state, lastUpdateId, timestamp())
  statements.deleteFolded.run(docName, lastUpdateId)
})

let queue = []
let timer = null
let oldestSentAt = null

function commit() {
  if (timer !== null) clearTimeout(timer)
  timer = null
  if (queue.length === 0) return
  const batch = queue
  queue = []
  try {
    insertBatch(batch, timestamp())
  } catch (error) {
    queue = batch.concat(queue)
    timer = setTimeout(commitQuietly, 100)
    throw error
  }
  if (config.reportCommits && oldestSentAt !== null) parentPort.postMessage({ type: 'committed', lagMs: Date.now() - oldestSentAt, updates: batch.length })
  oldestSentAt = null
}

function commitQuietly() {
  try {
    commit()
  } catch (error) {
    parentPort.postMessage({ type: 'commit-failed', error: String(error), queued: queue.length })
  }
}

const handlers = {
  load({ docName }) {
    commit()
    const snapshot = statements.selectSnapshot.get(docName)
    const tail = statements.selectTail.all(docName, snapshot ? snapshot.lastUpdateId : 0).map((row) => row.update)
    return { snapshot: snapshot ? snapshot.state : null, tail }
  },
  compact({ docName, state }) {
    commit()
    fold(docName, asBuffer(state))
  },
  flush() {
    commit()
  },
  close() {
    commit()
    db.close()
  },
}

parentPort.on('message', (message) => {
  if (message.type === 'append') {
    for (const [docName, update] of message.updates) queue.push([docName, asBuffer(update)])
    if (oldestSentAt === null && message.sentAt !== undefined) oldestSentAt = message.sentAt
    if (timer === null) timer = setTimeout(commitQuietly, config.commitIntervalMs)
    return
  }
  let reply
  try {
    reply = { id: message.id, result: handlers[message.type](message) }
  } catch (error) {
    reply = { id: message.id, error: String((error && error.stack) || error) }
  }
  parentPort.postMessage(reply)
  if (message.type === 'close') process.exit(0)
})
`

type StoredParts = { snapshot: Uint8Array | null; tail: Uint8Array[] }
type Reply = { id: number; result?: unknown; error?: string }
type ThreadEvent =
  | { type: 'fatal'; error: string }
  | { type: 'commit-failed'; error: string; queued: number }
  | { type: 'committed'; lagMs: number; updates: number }

/** The part of better-sqlite3's API the start-up check uses (the package ships no types). */
type SqliteDatabase = {
  pragma(source: string): unknown
  prepare(sql: string): { get(...params: unknown[]): unknown }
  exec(sql: string): void
  close(): void
}

function checkDatabase(filename: string, createTables: boolean, busyTimeoutMs: number): void {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (
    filename: string,
    options: { timeout: number },
  ) => SqliteDatabase
  const db = new Database(filename, { timeout: busyTimeoutMs })
  try {
    // Persistent for the file; the writer thread then finds WAL already on.
    db.pragma('journal_mode = WAL')
    const existing = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'CollabUpdate'`).get()
    if (existing === undefined && createTables) db.exec(CREATE_TABLES)
    // Throws "no such table" when the migrations have not run.
    db.prepare(`SELECT "docName", "state", "lastUpdateId" FROM "CollabSnapshot" LIMIT 0`).get()
    db.prepare(`SELECT "id", "docName", "update", "createdAt" FROM "CollabUpdate" LIMIT 0`).get()
  } finally {
    db.close()
  }
}

export function sqliteFilename(filenameOrUrl: string): string {
  const filename = filenameOrUrl.startsWith('file:') ? filenameOrUrl.slice('file:'.length) : filenameOrUrl
  return filename === ':memory:' ? filename : path.resolve(filename)
}

/**
 * Opens the database once on the calling thread to check it (and create the tables if asked),
 * so a misconfiguration throws here, at start-up, not at the first document someone opens.
 * No append can precede the thread's start: a room appends only after its load, which is
 * answered by the thread.
 */
export function createSqlitePersistence(options: SqlitePersistenceOptions): CollabPersistence {
  const { logger } = options
  const filename = sqliteFilename(options.filename)
  if (filename === ':memory:') throw new Error('collab persistence needs a database file (the writer thread opens its own connection)')
  checkDatabase(filename, options.createTables ?? false, options.busyTimeoutMs ?? 5000)
  const thread = new Worker(WRITER_THREAD, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      filename,
      synchronous: options.synchronous ?? 'NORMAL',
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      commitIntervalMs: options.commitIntervalMs ?? 10,
      reportCommits: options.onCommit !== undefined,
      yjs: options.sharedWriters ? createRequire(import.meta.url).resolve('yjs') : null,
    },
  })
  // Like a socket, the thread does not keep the process alive: the host calls close().
  thread.unref()

  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  let nextId = 1
  let failure: Error | null = null
  let closing: Promise<void> | null = null
  /** Appends made during one turn of the event loop travel to the thread as one message. */
  let outbox: [string, Uint8Array][] = []

  function fail(error: Error): void {
    failure ??= error
    for (const { reject } of waiting.values()) reject(error)
    waiting.clear()
  }

  thread.on('message', (message: Reply | ThreadEvent) => {
    if ('type' in message) {
      if (message.type === 'committed') {
        options.onCommit?.(message.lagMs, message.updates)
      } else if (message.type === 'fatal') {
        logger.error({ err: message.error, filename }, 'collab persistence could not open the database')
        fail(new Error(`collab persistence failed: ${message.error}`))
      } else {
        logger.error({ err: message.error, queued: message.queued }, 'collab persistence commit failed; retrying')
      }
      return
    }
    const request = waiting.get(message.id)
    if (request === undefined) return
    waiting.delete(message.id)
    if (message.error !== undefined) request.reject(new Error(message.error))
    else request.resolve(message.result)
  })
  thread.on('error', (error) => {
    logger.error({ err: error }, 'collab persistence thread crashed')
    fail(error)
  })
  thread.on('exit', (code) => {
    if (closing === null) {
      logger.error({ code }, 'collab persistence thread exited')
      fail(new Error(`collab persistence thread exited (${code})`))
    }
  })

  function sendOutbox(): void {
    if (outbox.length === 0) return
    thread.postMessage({ type: 'append', updates: outbox, sentAt: Date.now() })
    outbox = []
  }

  function request<T>(type: string, payload: object = {}): Promise<T> {
    if (failure !== null) return Promise.reject(failure)
    // Appends queued before this request must reach the thread before it.
    sendOutbox()
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
      thread.postMessage({ type, id, ...payload })
    })
  }

  async function compact(docName: string, state: Uint8Array): Promise<void> {
    await request('compact', { docName, state })
  }

  return {
    async load(docName) {
      const { snapshot, tail } = await request<StoredParts>('load', { docName })
      const parts = snapshot === null ? tail : [snapshot, ...tail]
      if (parts.length === 0) return null
      if (parts.length === 1) return parts[0]!
      const merged = Y.mergeUpdates(parts)
      // Nothing can append for docName until its room has loaded, so merged covers every row.
      if (tail.length >= FOLD_ON_LOAD_AFTER) await compact(docName, merged)
      return merged
    },

    append(docName, update) {
      if (closing !== null) throw new Error('collab persistence is closed')
      if (failure !== null) {
        logger.error({ docName, err: failure.message }, 'collab update not persisted')
        return
      }
      // After the I/O phase (setImmediate, not a microtask): the frames rooms relay in this
      // turn leave first (corked ones in an earlier immediate), then the thread is woken.
      // Well inside the 50 ms promise; load/compact/flush still send the outbox first.
      if (outbox.length === 0) setImmediate(sendOutbox)
      outbox.push([docName, update])
    },

    compact,

    async flush() {
      await request('flush')
    },

    close() {
      closing ??= (async () => {
        if (failure !== null) {
          await thread.terminate()
          return
        }
        const exited = new Promise((resolve) => thread.once('exit', resolve))
        await request('close')
        await exited
      })()
      return closing
    },
  }
}
