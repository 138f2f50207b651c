/**
 * Collaboration persistence in PostgreSQL (ADR 0042): the same tables and the same contract as
 * sqlite-persistence.ts (CollabUpdate, an append-only log; CollabSnapshot, the log folded up to
 * lastUpdateId), through a small pg pool of its own.
 *
 * No writer thread here: pg's I/O never blocks the event loop (the server does the fsync), so a
 * commit costs a round trip, not a stall.
 *
 * Ordering: one commit at a time, chained; load/compact/flush first wait for every append made
 * before them to be committed. Appends within `commitIntervalMs` go out as one multi-row INSERT
 * (one statement, so one transaction): group commit. A committed INSERT is durable when the
 * server's synchronous_commit is on (its default), so updates are durable within the interval
 * plus one round trip (< 50 ms on a sane network).
 */
import pg from 'pg'
import * as Y from 'yjs'
import type { CollabLogger, CollabPersistence, CollabPersistenceHealth } from './types'

export type PostgresPersistenceOptions = {
  connectionString: string
  logger: CollabLogger
  /** Group-commit window. Appends are durable within this plus one round trip (< 50 ms). */
  commitIntervalMs?: number
  /** Connections of its own (commits are serial; loads of different documents run beside them). */
  poolSize?: number
  /** Told after each group commit: ms from the oldest append to its commit (metrics). */
  onCommit?: (lagMs: number, updates: number) => void
  /**
   * Several processes write the same documents (nodes sharing Redis, ADR 0043): a snapshot
   * folds in what is already stored, so one node's compaction never deletes another node's
   * newer update that its own copy has not seen yet.
   */
  sharedWriters?: boolean
  /** An append not committed after this long makes the persistence unhealthy (ADR 0032). */
  stallMs?: number
}

/** A log this long at load time (a crash before compaction) is folded right away. */
const FOLD_ON_LOAD_AFTER = 100
/** Rows per INSERT: far below PostgreSQL's 65535 parameters. */
const MAX_ROWS_PER_INSERT = 1000
const RETRY_MS = 100

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export function createPostgresPersistence(options: PostgresPersistenceOptions): CollabPersistence {
  const { logger } = options
  const commitIntervalMs = options.commitIntervalMs ?? 10
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 4 })
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', error => logger.error({ err: error }, 'collab persistence connection lost'))

  // Fails at the first load rather than silently never persisting when the migrations have not run.
  const ready = pool
    .query('SELECT "docName", "state", "lastUpdateId" FROM "CollabSnapshot" LIMIT 0; SELECT "id", "docName", "update" FROM "CollabUpdate" LIMIT 0')
    .then(() => undefined)
  ready.catch((error: unknown) => logger.error({ err: error }, 'collab persistence cannot use the database'))

  let queue: [string, Buffer][] = []
  let oldestAt: number | null = null
  let timer: NodeJS.Timeout | null = null
  /** The chain of commits; each link settles after the previous one. */
  let committing: Promise<void> = Promise.resolve()
  let closing: Promise<void> | null = null

  // Health (ADR 0032): unhealthy from a failed or overdue commit until a commit succeeds again.
  const stallMs = options.stallMs ?? 5000
  let health: CollabPersistenceHealth = { ok: true }
  const listeners = new Set<(health: CollabPersistenceHealth) => void>()
  function setHealth(next: CollabPersistenceHealth): void {
    if (next.ok === health.ok) return
    health = next
    if (next.ok) logger.info({}, 'collab persistence is saving again')
    else logger.error({ reason: next.reason }, 'collab persistence is not saving')
    for (const listener of listeners) listener(next)
  }
  const stallWatch = setInterval(
    () => {
      if (oldestAt !== null && Date.now() - oldestAt > stallMs) setHealth({ ok: false, reason: `an update has waited more than ${stallMs} ms to be committed` })
    },
    Math.min(1000, stallMs),
  )
  stallWatch.unref()

  async function inTransaction(task: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await task(client)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }

  async function insertRows(db: pg.Pool | pg.PoolClient, rows: [string, Buffer][]): Promise<void> {
    const values = rows.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')
    await db.query(
      `INSERT INTO "CollabUpdate" ("docName", "update") VALUES ${values}`,
      rows.flatMap(([docName, update]) => [docName, update]),
    )
  }

  async function insertBatch(batch: [string, Buffer][]): Promise<void> {
    if (batch.length <= MAX_ROWS_PER_INSERT) return insertRows(pool, batch)
    // Rare (more than a thousand updates in one window): still all or nothing, in one transaction.
    await inTransaction(async client => {
      for (let start = 0; start < batch.length; start += MAX_ROWS_PER_INSERT) await insertRows(client, batch.slice(start, start + MAX_ROWS_PER_INSERT))
    })
  }

  /**
   * Commits, after every earlier commit, everything queued by the time that one is done (so
   * appends made while a commit is in flight ride along); rejects if this batch failed.
   */
  function commit(): Promise<void> {
    if (timer !== null) clearTimeout(timer)
    timer = null
    const link = committing.then(async () => {
      const batch = queue
      const since = oldestAt
      queue = []
      oldestAt = null
      if (batch.length === 0) return
      try {
        await insertBatch(batch)
      } catch (error) {
        // Kept, in order, ahead of anything appended since; retried until it goes through.
        queue = batch.concat(queue)
        oldestAt = since ?? oldestAt
        timer ??= setTimeout(commitQuietly, RETRY_MS)
        setHealth({ ok: false, reason: `commit failed: ${error instanceof Error ? error.message : String(error)}` })
        throw error
      }
      setHealth({ ok: true })
      if (since !== null) options.onCommit?.(Date.now() - since, batch.length)
    })
    committing = link.catch(() => {})
    return link
  }

  function commitQuietly(): void {
    commit().catch((error: unknown) => logger.error({ err: error, queued: queue.length }, 'collab persistence commit failed; retrying'))
  }

  async function compact(docName: string, snapshot: Uint8Array): Promise<void> {
    let state = snapshot
    await commit()
    await inTransaction(async client => {
      const previous = await client.query<{ lastUpdateId: number; state: Buffer }>(
        'SELECT "lastUpdateId", "state" FROM "CollabSnapshot" WHERE "docName" = $1 FOR UPDATE',
        [docName],
      )
      const last = await client.query<{ id: number | null }>('SELECT MAX("id") AS "id" FROM "CollabUpdate" WHERE "docName" = $1', [docName])
      const lastUpdateId = Math.max(last.rows[0]?.id ?? 0, previous.rows[0]?.lastUpdateId ?? 0)
      if (options.sharedWriters) {
        const stored = await client.query<{ update: Buffer }>('SELECT "update" FROM "CollabUpdate" WHERE "docName" = $1 AND "id" <= $2 ORDER BY "id"', [
          docName,
          lastUpdateId,
        ])
        const parts = stored.rows.map(row => new Uint8Array(row.update))
        if (previous.rows[0]) parts.unshift(new Uint8Array(previous.rows[0].state))
        if (parts.length > 0) state = Y.mergeUpdates([...parts, state])
      }
      await client.query(
        'INSERT INTO "CollabSnapshot" ("docName", "state", "lastUpdateId", "updatedAt") VALUES ($1, $2, $3, CURRENT_TIMESTAMP) ' +
          'ON CONFLICT ("docName") DO UPDATE SET "state" = excluded."state", "lastUpdateId" = excluded."lastUpdateId", "updatedAt" = excluded."updatedAt"',
        [docName, asBuffer(state), lastUpdateId],
      )
      await client.query('DELETE FROM "CollabUpdate" WHERE "docName" = $1 AND "id" <= $2', [docName, lastUpdateId])
    })
  }

  return {
    async load(docName) {
      await ready
      await commit()
      const snapshot = await pool.query<{ state: Buffer; lastUpdateId: number }>('SELECT "state", "lastUpdateId" FROM "CollabSnapshot" WHERE "docName" = $1', [
        docName,
      ])
      const after = snapshot.rows[0]?.lastUpdateId ?? 0
      const tail = await pool.query<{ update: Buffer }>('SELECT "update" FROM "CollabUpdate" WHERE "docName" = $1 AND "id" > $2 ORDER BY "id"', [
        docName,
        after,
      ])
      const parts: Uint8Array[] = tail.rows.map(row => new Uint8Array(row.update))
      if (snapshot.rows[0]) parts.unshift(new Uint8Array(snapshot.rows[0].state))
      if (parts.length === 0) return null
      if (parts.length === 1) return parts[0]!
      const merged = Y.mergeUpdates(parts)
      // Nothing can append for docName until its room has loaded, so merged covers every row.
      if (tail.rows.length >= FOLD_ON_LOAD_AFTER) await compact(docName, merged)
      return merged
    },

    append(docName, update) {
      if (closing !== null) throw new Error('collab persistence is closed')
      queue.push([docName, asBuffer(update)])
      oldestAt ??= Date.now()
      timer ??= setTimeout(commitQuietly, commitIntervalMs)
    },

    compact,

    async flush() {
      await commit()
    },

    health() {
      return health
    },

    onHealthChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    close() {
      closing ??= (async () => {
        try {
          await commit()
        } finally {
          if (timer !== null) clearTimeout(timer)
          clearInterval(stallWatch)
          await pool.end()
        }
      })()
      return closing
    },
  }
}
