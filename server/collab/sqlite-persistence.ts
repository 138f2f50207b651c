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
 *
 * Health (ADR 0032): every append is kept here, on the event loop, until the thread says it is
 * committed. A failed commit (the thread keeps its batch and retries), a commit that takes
 * longer than `stallMs`, or a dead thread makes the persistence unhealthy; a dead thread is
 * started again and sent every append it had not committed. It is healthy again once a commit
 * succeeds, so nothing appended while the process lives is dropped.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import type { CollabLogger, CollabPersistence, CollabPersistenceHealth } from './types'

export type SqlitePersistenceOptions = {
  /** The SQLite file; a Prisma-style `file:./data/scir.db` URL (relative to cwd) works too. */
  filename: string
  logger: CollabLogger
  /** Group-commit window. Appends are durable within this plus one transaction (< 50 ms). */
  commitIntervalMs?: number
  synchronous?: 'NORMAL' | 'FULL'
  /** How long a write waits for the app's own connection to release the database lock. */
  busyTimeoutMs?: number
  /** Told after each group commit: ms from the oldest append's send to its commit (metrics). */
  onCommit?: (lagMs: number, updates: number) => void
  /**
   * Other processes append to and compact the same documents (several nodes, ADR 0043): a
   * compaction then merges what is stored into the state it is given, because that state may
   * lack another node's latest updates (still on their way through Redis). Only when the
   * stored log holds something this process did not write or load: otherwise the state already
   * holds all of it.
   */
  sharedWriters?: boolean
  /** Told after each compaction whether it merged what another process had stored. */
  onCompacted?: (docName: string, outcome: { merged: boolean }) => void
  /** An append not committed after this long (default 5 s, the busy timeout's order) makes the persistence unhealthy: a hung writer. */
  stallMs?: number
  /** First wait before a dead writer thread is started again; doubles up to 5 s while it keeps dying. */
  restartDelayMs?: number
}

/** What tests (and the writer-killed test above all) can do to the real writer. */
export type SqlitePersistence = CollabPersistence & {
  /** Ends the writer thread as a crash would; the persistence notices and recovers by itself. */
  killWriter(): Promise<void>
}

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
    selectSnapshot: db.prepare('SELECT "state", "lastUpdateId", "updatedAt" FROM "CollabSnapshot" WHERE "docName" = ?'),
    selectTail: db.prepare('SELECT "id", "update" FROM "CollabUpdate" WHERE "docName" = ? AND "id" > ? ORDER BY "id"'),
    selectTailIds: db.prepare('SELECT "id" FROM "CollabUpdate" WHERE "docName" = ? AND "id" > ?'),
    selectLastUpdateId: db.prepare('SELECT MAX("id") AS "id" FROM "CollabUpdate" WHERE "docName" = ?'),
    upsertSnapshot: db.prepare('INSERT INTO "CollabSnapshot" ("docName", "state", "lastUpdateId", "updatedAt") VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT ("docName") DO UPDATE SET "state" = excluded."state", "lastUpdateId" = excluded."lastUpdateId", "updatedAt" = excluded."updatedAt"'),
    deleteFolded: db.prepare('DELETE FROM "CollabUpdate" WHERE "docName" = ? AND "id" <= ?'),
  }
} catch (error) {
  parentPort.postMessage({ type: 'fatal', error: String((error && error.stack) || error) })
  process.exit(1)
}
parentPort.postMessage({ type: 'ready' })

// What the state of each document loaded here is known to hold: the snapshot and rows it was
// loaded from, then its own folds and the rows appended here. A fold merges what is stored only
// when something else is there (another process appended or folded): merging re-decodes the
// whole document, and with no other writer it only gives back the state (ADR 0060).
const held = new Map()
const snapshotStamp = (row) => (row ? row.lastUpdateId + '@' + row.updatedAt : '')

const insertBatch = db.transaction((batch, createdAt) => {
  const inserted = []
  for (const [, docName, update] of batch) {
    inserted.push([docName, Number(statements.insertUpdate.run(docName, update, createdAt).lastInsertRowid)])
  }
  return inserted
})

function writtenElsewhere(docName, previous) {
  const known = held.get(docName)
  if (known === undefined || known.snapshot !== snapshotStamp(previous)) return true
  return statements.selectTailIds.all(docName, previous ? previous.lastUpdateId : 0).some((row) => row.id > known.upTo && !known.own.has(row.id))
}

// Every row of docName appended here is in state: the queue was committed first and the channel is FIFO.
const fold = db.transaction((docName, state) => {
  const previous = statements.selectSnapshot.get(docName)
  const last = statements.selectLastUpdateId.get(docName).id
  const lastUpdateId = Math.max(last ?? 0, previous ? previous.lastUpdateId : 0)
  let merged = false
  if (Y !== null && writtenElsewhere(docName, previous)) {
    const stored = statements.selectTail.all(docName, previous ? previous.lastUpdateId : 0).map((row) => row.update)
    if (previous) stored.unshift(previous.state)
    if (stored.length > 0) {
      state = asBuffer(Y.mergeUpdates([state, ...stored]))
      merged = true
    }
  }
  const updatedAt = timestamp()
  statements.upsertSnapshot.run(docName, state, lastUpdateId, updatedAt)
  statements.deleteFolded.run(docName, lastUpdateId)
  return { merged, lastUpdateId, updatedAt }
})

// After the fold has committed (a rolled-back one changes nothing here).
function noteFolded(docName, { merged, lastUpdateId, updatedAt }) {
  const known = held.get(docName)
  if (known === undefined) return
  // A merged snapshot holds what the state lacks (the room does not see another process's
  // rows), so every later fold of this state merges again.
  known.snapshot = merged ? 'merged' : snapshotStamp({ lastUpdateId, updatedAt })
  known.upTo = Math.max(known.upTo, lastUpdateId)
  for (const id of known.own) if (id <= lastUpdateId) known.own.delete(id)
}

// Entries are [seq, docName, update]; the main thread forgets an append once told its seq.
let queue = []
let timer = null
let oldestSentAt = null
let retryMs = 100

function commit() {
  if (timer !== null) clearTimeout(timer)
  timer = null
  if (queue.length === 0) return
  const batch = queue
  queue = []
  let inserted
  try {
    inserted = insertBatch(batch, timestamp())
  } catch (error) {
    queue = batch.concat(queue)
    timer = setTimeout(commitQuietly, retryMs)
    retryMs = Math.min(1000, retryMs * 2)
    parentPort.postMessage({ type: 'commit-failed', error: String(error), queued: queue.length })
    throw error
  }
  // Only once committed: a rolled-back insert's id may go to another process's row next.
  for (const [docName, id] of inserted) held.get(docName)?.own.add(id)
  retryMs = 100
  const lagMs = oldestSentAt === null ? null : Date.now() - oldestSentAt
  parentPort.postMessage({ type: 'committed', upTo: batch[batch.length - 1][0], lagMs, updates: batch.length })
  oldestSentAt = null
}

function commitQuietly() {
  try {
    commit()
  } catch {
    // Reported by commit(); the batch stays queued for the retry it scheduled.
  }
}

const handlers = {
  load({ docName }) {
    commit()
    const snapshot = statements.selectSnapshot.get(docName)
    const rows = statements.selectTail.all(docName, snapshot ? snapshot.lastUpdateId : 0)
    const upTo = rows.reduce((max, row) => Math.max(max, row.id), snapshot ? snapshot.lastUpdateId : 0)
    held.set(docName, { snapshot: snapshotStamp(snapshot), upTo, own: new Set() })
    return { snapshot: snapshot ? snapshot.state : null, tail: rows.map((row) => row.update) }
  },
  compact({ docName, state }) {
    commit()
    const folded = fold(docName, asBuffer(state))
    noteFolded(docName, folded)
    return { merged: folded.merged }
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
    for (const [seq, docName, update] of message.updates) queue.push([seq, docName, asBuffer(update)])
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
  | { type: 'ready' }
  | { type: 'fatal'; error: string }
  | { type: 'commit-failed'; error: string; queued: number }
  | { type: 'committed'; upTo: number; lagMs: number | null; updates: number }

/** The part of better-sqlite3's API the start-up check uses (the package ships no types). */
type SqliteDatabase = {
  pragma(source: string): unknown
  prepare(sql: string): { get(...params: unknown[]): unknown }
  close(): void
}

function checkDatabase(filename: string, busyTimeoutMs: number): void {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (filename: string, options: { timeout: number }) => SqliteDatabase
  const db = new Database(filename, { timeout: busyTimeoutMs })
  try {
    // Persistent for the file; the writer thread then finds WAL already on.
    db.pragma('journal_mode = WAL')
    // Throws "no such table" when the migrations have not run (the migrations own the tables).
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

type Unconfirmed = { seq: number; docName: string; update: Uint8Array; sentAt: number }

/**
 * Opens the database once on the calling thread to check it, so a misconfiguration throws
 * here, at start-up, not at the first document someone opens. No append can precede the
 * thread's start: a room appends only after its load, which is answered by the thread.
 */
export function createSqlitePersistence(options: SqlitePersistenceOptions): SqlitePersistence {
  const { logger } = options
  const filename = sqliteFilename(options.filename)
  if (filename === ':memory:') throw new Error('collab persistence needs a database file (the writer thread opens its own connection)')
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000
  const stallMs = options.stallMs ?? 5000
  const firstRestartDelayMs = options.restartDelayMs ?? 250
  checkDatabase(filename, busyTimeoutMs)

  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  let nextId = 1
  let closing: Promise<void> | null = null
  /** Appends made during one turn of the event loop travel to the thread as one message. */
  let outbox: [number, string, Uint8Array][] = []
  /** Every append the thread has not confirmed, oldest first: resent to a restarted thread. */
  const unconfirmed: Unconfirmed[] = []
  let nextSeq = 1

  // Health: the thread is up (null) or why not; its last commit failed; an append waits too long.
  let down: Error | null = null
  let commitFailure: string | null = null
  let stalled = false
  let reported: CollabPersistenceHealth = { ok: true }
  const listeners = new Set<(health: CollabPersistenceHealth) => void>()
  let restartDelayMs = firstRestartDelayMs
  let restartTimer: NodeJS.Timeout | null = null

  function currentHealth(): CollabPersistenceHealth {
    if (down !== null) return { ok: false, reason: `writer thread down: ${down.message}` }
    if (commitFailure !== null) return { ok: false, reason: `commit failed: ${commitFailure}` }
    if (stalled) return { ok: false, reason: `no commit for ${stallMs} ms` }
    return { ok: true }
  }

  function updateHealth(): void {
    const next = currentHealth()
    if (next.ok === reported.ok) return
    reported = next
    if (next.ok) logger.info({ filename }, 'collab persistence healthy again')
    else logger.error({ filename, reason: next.reason, unconfirmed: unconfirmed.length }, 'collab persistence unhealthy')
    for (const listener of [...listeners]) {
      try {
        listener(next)
      } catch (error) {
        logger.error({ err: error }, 'collab persistence health listener failed')
      }
    }
  }

  function rejectWaiting(error: Error): void {
    for (const { reject } of waiting.values()) reject(error)
    waiting.clear()
  }

  function startThread(): Worker {
    const worker = new Worker(WRITER_THREAD, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        filename,
        synchronous: options.synchronous ?? 'NORMAL',
        busyTimeoutMs,
        commitIntervalMs: options.commitIntervalMs ?? 10,
        yjs: options.sharedWriters ? createRequire(import.meta.url).resolve('yjs') : null,
      },
    })
    // Like a socket, the thread does not keep the process alive: the host calls close().
    worker.unref()
    worker.on('message', (message: Reply | ThreadEvent) => onMessage(worker, message))
    worker.on('error', error => {
      logger.error({ err: error }, 'collab persistence thread crashed')
    })
    worker.on('exit', code => onExit(worker, code))
    return worker
  }

  let thread = startThread()

  function onMessage(from: Worker, message: Reply | ThreadEvent): void {
    if (from !== thread) return
    if ('type' in message) {
      switch (message.type) {
        case 'committed':
          confirm(message.upTo)
          if (message.lagMs !== null) options.onCommit?.(message.lagMs, message.updates)
          commitFailure = null
          restartDelayMs = firstRestartDelayMs
          checkStall()
          updateHealth()
          return
        case 'commit-failed':
          if (commitFailure === null) logger.error({ err: message.error, queued: message.queued }, 'collab persistence commit failed; retrying')
          commitFailure = message.error
          updateHealth()
          return
        case 'fatal':
          logger.error({ err: message.error, filename }, 'collab persistence could not open the database')
          return
        case 'ready':
          if (down === null) return
          // A restarted thread: everything the dead one had not committed goes first.
          down = null
          outbox = []
          if (unconfirmed.length > 0) {
            thread.postMessage({ type: 'append', updates: unconfirmed.map(u => [u.seq, u.docName, u.update]), sentAt: unconfirmed[0]!.sentAt })
            logger.info({ resent: unconfirmed.length }, 'collab persistence thread restarted; uncommitted updates resent')
          }
          checkStall()
          updateHealth()
          return
      }
    }
    const request = waiting.get(message.id)
    if (request === undefined) return
    waiting.delete(message.id)
    if (message.error !== undefined) request.reject(new Error(message.error))
    else request.resolve(message.result)
  }

  function onExit(from: Worker, code: number): void {
    if (from !== thread || closing !== null) return
    down = new Error(`collab persistence thread exited (${code})`)
    logger.error({ code, unconfirmed: unconfirmed.length }, 'collab persistence thread exited; restarting it')
    rejectWaiting(down)
    commitFailure = null
    updateHealth()
    restartTimer = setTimeout(() => {
      restartTimer = null
      if (closing !== null) return
      thread = startThread()
    }, restartDelayMs)
    restartTimer.unref()
    restartDelayMs = Math.min(5000, restartDelayMs * 2)
  }

  function confirm(upTo: number): void {
    let n = 0
    while (n < unconfirmed.length && unconfirmed[n]!.seq <= upTo) n++
    if (n > 0) unconfirmed.splice(0, n)
  }

  function checkStall(now = Date.now()): void {
    stalled = unconfirmed.length > 0 && now - unconfirmed[0]!.sentAt > stallMs
  }

  const watchdog = setInterval(
    () => {
      checkStall()
      updateHealth()
    },
    Math.max(50, Math.floor(stallMs / 4)),
  )
  watchdog.unref()

  function sendOutbox(): void {
    if (outbox.length === 0) return
    if (down === null) thread.postMessage({ type: 'append', updates: outbox, sentAt: Date.now() })
    // With the thread down the appends wait in `unconfirmed` for the restarted one.
    outbox = []
  }

  function request<T>(type: string, payload: object = {}): Promise<T> {
    if (down !== null) return Promise.reject(down)
    // Appends queued before this request must reach the thread before it.
    sendOutbox()
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
      thread.postMessage({ type, id, ...payload })
    })
  }

  async function compact(docName: string, state: Uint8Array): Promise<void> {
    const outcome = await request<{ merged: boolean }>('compact', { docName, state })
    options.onCompacted?.(docName, outcome)
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
      const seq = nextSeq++
      unconfirmed.push({ seq, docName, update, sentAt: Date.now() })
      // After the I/O phase (setImmediate, not a microtask): the frames rooms relay in this
      // turn leave first (corked ones in an earlier immediate), then the thread is woken.
      // Well inside the 50 ms promise; load/compact/flush still send the outbox first.
      if (outbox.length === 0) setImmediate(sendOutbox)
      outbox.push([seq, docName, update])
    },

    compact,

    async flush() {
      await request('flush')
    },

    health() {
      return reported
    },

    onHealthChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    async killWriter() {
      const exited = new Promise(resolve => thread.once('exit', resolve))
      await thread.terminate()
      await exited
    },

    close() {
      closing ??= (async () => {
        clearInterval(watchdog)
        if (restartTimer !== null) clearTimeout(restartTimer)
        listeners.clear()
        if (down === null) {
          try {
            const exited = new Promise(resolve => thread.once('exit', resolve))
            await request('close')
            await exited
            return
          } catch (error) {
            logger.error({ err: error }, 'collab persistence could not close cleanly')
          }
        }
        if (unconfirmed.length > 0) logger.error({ unconfirmed: unconfirmed.length }, 'collab persistence closed with uncommitted updates')
        rejectWaiting(new Error('collab persistence is closed'))
        await thread.terminate()
      })()
      return closing
    },
  }
}
