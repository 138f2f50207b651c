// ADR 0051 on PostgreSQL: a new database starts from the baseline; one whose history is every
// migration the baseline replaced is carried over (history rewritten in one transaction, schema
// and rows untouched, safe when several nodes start at once); one with part of it is refused.
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { POSTGRES_BASELINE } from '../../prisma/baselines'
import { postgresBinDir } from '../../scripts/pg-temp'
import { applyMigrations, migrationStatus, MigrationHistoryError } from '../../server/migrate'

const adminUrl = process.env.SCIR_TEST_PG_ADMIN_URL!
// One connection per database, kept for the file: the scratch databases' are closed before the
// databases are dropped.
const admin = new pg.Pool({ connectionString: adminUrl, max: 1 })
const scratch: { name: string; pool: pg.Pool }[] = []
afterAll(async () => {
  for (const { name, pool } of scratch) {
    await pool.end()
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  }
  await admin.end()
})

/** A database made by this release, holding a jurisdiction, a review and a chained audit row. */
async function databaseWithRows() {
  const name = `baseline_${crypto.randomUUID().replace(/-/g, '')}`
  await admin.query(`CREATE DATABASE "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  const db = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  // pool.end() resolves before its connection has closed, so dropping the database WITH (FORCE)
  // right after may terminate it while it closes (57P01); any other error still fails the run.
  db.on('error', error => {
    if ((error as { code?: string }).code !== '57P01') throw error
  })
  scratch.push({ name, pool: db })
  await applyMigrations({ databaseUrl })
  await db.query(`INSERT INTO "Jurisdiction" ("id", "code", "name") VALUES ('j1', 'J-1', 'Synthetic jurisdiction')`)
  await db.query(
    `INSERT INTO "Review" ("id", "title", "incidentType", "incidentDate", "updatedAt", "jurisdictionId") VALUES ('r1', 'Synthetic review', 'fatality', '2026-01-01', '2026-01-01', 'j1')`,
  )
  await db.query(`INSERT INTO "AuditEvent" ("id", "action", "detail", "jurisdictionId", "reviewId") VALUES ('a1', 'review.created', '{}', 'j1', 'r1')`)
  return { databaseUrl, db }
}

/** Replaces the history with the given migrations, as the previous release recorded them. */
async function recordHistory(db: pg.Pool, names: readonly string[]) {
  await db.query('DELETE FROM "_prisma_migrations"')
  for (const [i, name] of names.entries()) {
    await db.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") VALUES ($1, $2, $3, $4, $3, 1)`,
      [crypto.randomUUID(), crypto.createHash('sha256').update(name).digest('hex'), new Date(Date.UTC(2026, 11, 4, 17, i)), name],
    )
  }
}

async function read({ databaseUrl, db }: { databaseUrl: string; db: pg.Pool }) {
  const rows = async (table: string) => (await db.query(`SELECT * FROM "${table}"`)).rows
  const schema = execFileSync(path.join(postgresBinDir(), 'pg_dump'), ['--schema-only', databaseUrl], { encoding: 'utf8' })
    .split('\n')
    .filter(line => !/^\\(un)?restrict /.test(line)) // a random key per dump
    .join('\n')
  return {
    schema,
    history: (
      await db.query<{ migration_name: string; checksum: string; started_at: Date; finished_at: Date | null; rolled_back_at: Date | null }>(
        'SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"',
      )
    ).rows,
    rows: { jurisdictions: await rows('Jurisdiction'), reviews: await rows('Review'), audit: await rows('AuditEvent') },
  }
}

test('a new database gets the baseline alone, with the audit chain triggers, and is up to date', async () => {
  const database = await databaseWithRows()
  const { databaseUrl, db } = database
  const { history, rows } = await read(database)
  expect(history.map(r => [r.migration_name, r.checksum])).toEqual([[POSTGRES_BASELINE.name, POSTGRES_BASELINE.checksum]])
  const { rows: triggers } = await db.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`)
  expect(triggers.map(t => t.tgname)).toEqual(['AuditEvent_chain', 'AuditEvent_no_delete', 'AuditEvent_no_update'])
  expect(rows.audit).toEqual([expect.objectContaining({ seq: 1, prevHash: null, hash: expect.stringMatching(/^[0-9a-f]{64}$/) })])
  expect(await migrationStatus({ databaseUrl })).toMatchObject({ upToDate: true, pending: [], notInFolder: [], edited: [], baseline: { action: 'none' } })
  const file = await readFile(path.resolve('prisma/postgres/migrations', POSTGRES_BASELINE.name, 'migration.sql'))
  expect(crypto.createHash('sha256').update(file).digest('hex')).toBe(POSTGRES_BASELINE.checksum)
})

describe('a database the previous release migrated', () => {
  test('that applied every replaced migration is carried over once, even by two nodes starting together', { timeout: 60_000 }, async () => {
    const database = await databaseWithRows()
    const { databaseUrl } = database
    await recordHistory(database.db, POSTGRES_BASELINE.replaces)
    const before = await read(database)
    expect(await migrationStatus({ databaseUrl })).toMatchObject({ upToDate: false, baseline: { action: 'rewrite' } })

    const results = await Promise.all([applyMigrations({ databaseUrl }), applyMigrations({ databaseUrl })])
    expect(results.map(r => r.applied)).toEqual([[], []])
    expect(results.filter(r => r.carriedOver)).toEqual([
      { applied: [], carriedOver: { baseline: POSTGRES_BASELINE.name, replaced: [...POSTGRES_BASELINE.replaces] } },
    ])

    const after = await read(database)
    expect(after.schema).toBe(before.schema)
    expect(after.rows).toEqual(before.rows)
    expect(after.history).toEqual([
      expect.objectContaining({
        migration_name: POSTGRES_BASELINE.name,
        checksum: POSTGRES_BASELINE.checksum,
        rolled_back_at: null,
        started_at: before.history.find(r => r.migration_name === POSTGRES_BASELINE.replaces[0])!.started_at,
        finished_at: before.history.find(r => r.migration_name === POSTGRES_BASELINE.replaces.at(-1))!.finished_at,
      }),
    ])
    expect(await migrationStatus({ databaseUrl })).toMatchObject({ upToDate: true, pending: [], notInFolder: [], edited: [], baseline: { action: 'none' } })
  })

  test('that applied part of them is refused with what to do, and left as it was', async () => {
    const database = await databaseWithRows()
    const { databaseUrl } = database
    const applied = POSTGRES_BASELINE.replaces.length - 2
    await recordHistory(database.db, POSTGRES_BASELINE.replaces.slice(0, applied))
    const before = await read(database)
    const refusal = applyMigrations({ databaseUrl })
    await expect(refusal).rejects.toBeInstanceOf(MigrationHistoryError)
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `has applied ${applied} of the ${POSTGRES_BASELINE.replaces.length} migrations .*not applied: ${POSTGRES_BASELINE.replaces[applied]}.*previous release first`,
      ),
    )
    expect(await read(database)).toEqual(before)
    expect((await migrationStatus({ databaseUrl })).baseline).toMatchObject({ action: 'refuse' })
  })
})
