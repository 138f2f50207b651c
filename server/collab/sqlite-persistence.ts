/**
 * Collaboration persistence in the app's own SQLite database (tables from the Prisma schema:
 * CollabUpdate, an append-only log; CollabSnapshot, the log folded up to lastUpdateId).
 *
 * better-sqlite3 is synchronous, which is what makes group commit simple and safe here:
 * appends are queued and written in one transaction every `commitIntervalMs`, and load and
 * compact first write the queue, so neither can interleave with a half-done commit.
 *
 * Durability: WAL with synchronous=NORMAL makes a commit durable against a crash or kill of
 * the process as soon as the transaction returns (it is in the WAL file, in the OS page cache).
 * A power loss can lose the last commits; pass synchronous 'FULL' if that matters more than
 * an fsync per commit.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import * as Y from 'yjs'
import type { CollabLogger, CollabPersistence } from './types'

/** The small part of better-sqlite3's API used here (the package ships no types). */
interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement
  exec(sql: string): void
  pragma(source: string): unknown
  transaction<Args extends unknown[]>(fn: (...args: Args) => void): (...args: Args) => void
  close(): void
}
type SqliteDatabaseConstructor = new (filename: string, options?: { timeout?: number }) => SqliteDatabase

const Database = createRequire(import.meta.url)('better-sqlite3') as SqliteDatabaseConstructor

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
}

/** The migration's SQL, verbatim, for databases the migrations have not touched. */
const CREATE_TABLES = `
CREATE TABLE "CollabUpdate" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "docName" TEXT NOT NULL, "update" BLOB NOT NULL, "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE INDEX "CollabUpdate_docName_id_idx" ON "CollabUpdate"("docName", "id");
CREATE TABLE "CollabSnapshot" ("docName" TEXT NOT NULL PRIMARY KEY, "state" BLOB NOT NULL, "lastUpdateId" INTEGER NOT NULL, "updatedAt" DATETIME NOT NULL);
`

/** Flush early when this much is queued, so a burst cannot grow the queue without bound. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024
const RETRY_DELAY_MS = 100
/** A log this long at load time (a crash before compaction) is folded right away. */
const FOLD_ON_LOAD_AFTER = 100

type QueuedUpdate = { docName: string; update: Buffer }

export function sqliteFilename(filenameOrUrl: string): string {
  const filename = filenameOrUrl.startsWith('file:') ? filenameOrUrl.slice('file:'.length) : filenameOrUrl
  return filename === ':memory:' ? filename : path.resolve(filename)
}

export function createSqlitePersistence(options: SqlitePersistenceOptions): CollabPersistence {
  const { logger } = options
  const commitIntervalMs = options.commitIntervalMs ?? 10
  const db = new Database(sqliteFilename(options.filename), { timeout: options.busyTimeoutMs ?? 5000 })
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`)
  if (options.createTables) {
    const existing = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'CollabUpdate'`).get()
    if (existing === undefined) db.exec(CREATE_TABLES)
  }

  const insertUpdate = db.prepare(`INSERT INTO "CollabUpdate" ("docName", "update", "createdAt") VALUES (?, ?, ?)`)
  const selectSnapshot = db.prepare(`SELECT "state", "lastUpdateId" FROM "CollabSnapshot" WHERE "docName" = ?`)
  const selectUpdatesAfter = db.prepare(
    `SELECT "update" FROM "CollabUpdate" WHERE "docName" = ? AND "id" > ? ORDER BY "id"`,
  )
  const selectLastUpdateId = db.prepare(`SELECT MAX("id") AS "id" FROM "CollabUpdate" WHERE "docName" = ?`)
  const upsertSnapshot = db.prepare(
    `INSERT INTO "CollabSnapshot" ("docName", "state", "lastUpdateId", "updatedAt") VALUES (?, ?, ?, ?)
     ON CONFLICT ("docName") DO UPDATE SET "state" = excluded."state", "lastUpdateId" = excluded."lastUpdateId", "updatedAt" = excluded."updatedAt"`,
  )
  const deleteFolded = db.prepare(`DELETE FROM "CollabUpdate" WHERE "docName" = ? AND "id" <= ?`)

  const insertBatch = db.transaction((batch: QueuedUpdate[], createdAt: string) => {
    for (const { docName, update } of batch) insertUpdate.run(docName, update, createdAt)
  })
  const foldIntoSnapshot = db.transaction((docName: string, state: Buffer, updatedAt: string) => {
    const previous = selectSnapshot.get(docName) as { lastUpdateId: number } | undefined
    const last = (selectLastUpdateId.get(docName) as { id: number | null }).id
    const lastUpdateId = Math.max(last ?? 0, previous?.lastUpdateId ?? 0)
    upsertSnapshot.run(docName, state, lastUpdateId, updatedAt)
    deleteFolded.run(docName, lastUpdateId)
  })

  let queue: QueuedUpdate[] = []
  let queuedBytes = 0
  let timer: NodeJS.Timeout | null = null
  let closed = false

  /** Writes the queue in one transaction; on failure keeps it and retries shortly. */
  function commit(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (queue.length === 0) return
    const batch = queue
    queue = []
    queuedBytes = 0
    try {
      insertBatch(batch, prismaTimestamp())
    } catch (error) {
      queue = batch.concat(queue)
      for (const { update } of batch) queuedBytes += update.byteLength
      logger.error({ err: error, queued: queue.length }, 'collab persistence commit failed; retrying')
      if (!closed) timer = setTimeout(commit, RETRY_DELAY_MS)
      throw error
    }
  }

  function commitFromTimer(): void {
    try {
      commit()
    } catch {
      // Logged and rescheduled by commit().
    }
  }

  return {
    async load(docName) {
      commit()
      const snapshot = selectSnapshot.get(docName) as { state: Buffer; lastUpdateId: number } | undefined
      const tail = selectUpdatesAfter.all(docName, snapshot?.lastUpdateId ?? 0) as { update: Buffer }[]
      const parts = [...(snapshot ? [snapshot.state] : []), ...tail.map((row) => row.update)]
      if (parts.length === 0) return null
      if (parts.length === 1) return new Uint8Array(parts[0]!)
      const merged = Y.mergeUpdates(parts)
      // Safe without the room: the queue is written and nothing can append for docName before
      // this returns, so `merged` covers every row of the document.
      if (tail.length >= FOLD_ON_LOAD_AFTER) foldIntoSnapshot(docName, Buffer.from(merged), prismaTimestamp())
      return merged
    },

    append(docName, update) {
      if (closed) throw new Error('collab persistence is closed')
      queue.push({ docName, update: Buffer.from(update.buffer, update.byteOffset, update.byteLength) })
      queuedBytes += update.byteLength
      if (queuedBytes >= MAX_QUEUED_BYTES) commitFromTimer()
      else timer ??= setTimeout(commitFromTimer, commitIntervalMs)
    },

    async compact(docName, state) {
      // The queue first: every update appended before this call must be in the log we fold.
      commit()
      foldIntoSnapshot(docName, Buffer.from(state.buffer, state.byteOffset, state.byteLength), prismaTimestamp())
    },

    async flush() {
      commit()
    },

    async close() {
      if (closed) return
      try {
        commit()
      } finally {
        closed = true
        if (timer !== null) clearTimeout(timer)
        db.close()
      }
    },
  }
}

/** DateTime as Prisma's SQLite adapter writes it, so the app can read these rows. */
function prismaTimestamp(): string {
  return new Date().toISOString().replace('Z', '+00:00')
}
