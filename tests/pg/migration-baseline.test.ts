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
const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

async function sql<T extends pg.QueryResultRow>(target: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: target })
  await client.connect()
  try {
    return (await client.query<T>(text, params)).rows
  } finally {
    await client.end()
  }
}

/** A database made by this release, holding a jurisdiction, a review and a chained audit row. */
async function databaseWithRows(): Promise<string> {
  const name = `baseline_${crypto.randomUUID().replace(/-/g, '')}`
  await sql(adminUrl, `CREATE DATABASE "${name}"`)
  cleanups.push(() => sql(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  await applyMigrations({ databaseUrl })
  await sql(databaseUrl, `INSERT INTO "Jurisdiction" ("id", "code", "name") VALUES ('j1', 'J-1', 'Synthetic jurisdiction')`)
  await sql(
    databaseUrl,
    `INSERT INTO "Review" ("id", "title", "incidentType", "incidentDate", "updatedAt", "jurisdictionId") VALUES ('r1', 'Synthetic review', 'fatality', '2026-01-01', '2026-01-01', 'j1')`,
  )
  await sql(databaseUrl, `INSERT INTO "AuditEvent" ("id", "action", "detail", "jurisdictionId", "reviewId") VALUES ('a1', 'review.created', '{}', 'j1', 'r1')`)
  return databaseUrl
}

/** Replaces the history with the given migrations, as the previous release recorded them. */
async function recordHistory(databaseUrl: string, names: readonly string[]) {
  await sql(databaseUrl, 'DELETE FROM "_prisma_migrations"')
  for (const [i, name] of names.entries()) {
    await sql(
      databaseUrl,
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") VALUES ($1, $2, $3, $4, $3, 1)`,
      [crypto.randomUUID(), crypto.createHash('sha256').update(name).digest('hex'), new Date(Date.UTC(2026, 11, 4, 17, i)), name],
    )
  }
}

async function read(databaseUrl: string) {
  const schema = execFileSync(path.join(postgresBinDir(), 'pg_dump'), ['--schema-only', databaseUrl], { encoding: 'utf8' })
    .split('\n')
    .filter(line => !/^\\(un)?restrict /.test(line)) // a random key per dump
    .join('\n')
  return {
    schema,
    history: await sql<{ migration_name: string; checksum: string; started_at: Date; finished_at: Date | null; rolled_back_at: Date | null }>(
      databaseUrl,
      'SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"',
    ),
    rows: {
      jurisdictions: await sql(databaseUrl, 'SELECT * FROM "Jurisdiction"'),
      reviews: await sql(databaseUrl, 'SELECT * FROM "Review"'),
      audit: await sql(databaseUrl, 'SELECT * FROM "AuditEvent"'),
    },
  }
}

test('a new database gets the baseline alone, with the audit chain triggers, and is up to date', async () => {
  const databaseUrl = await databaseWithRows()
  const { history, rows } = await read(databaseUrl)
  expect(history.map(r => [r.migration_name, r.checksum])).toEqual([[POSTGRES_BASELINE.name, POSTGRES_BASELINE.checksum]])
  const triggers = await sql<{ tgname: string }>(databaseUrl, `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`)
  expect(triggers.map(t => t.tgname)).toEqual(['AuditEvent_chain', 'AuditEvent_no_delete', 'AuditEvent_no_update'])
  expect(rows.audit).toEqual([expect.objectContaining({ seq: 1, prevHash: null, hash: expect.stringMatching(/^[0-9a-f]{64}$/) })])
  expect(await migrationStatus({ databaseUrl })).toMatchObject({ upToDate: true, pending: [], notInFolder: [], edited: [], baseline: { action: 'none' } })
  const file = await readFile(path.resolve('prisma/postgres/migrations', POSTGRES_BASELINE.name, 'migration.sql'))
  expect(crypto.createHash('sha256').update(file).digest('hex')).toBe(POSTGRES_BASELINE.checksum)
})

describe('a database the previous release migrated', () => {
  test('that applied every replaced migration is carried over once, even by two nodes starting together', { timeout: 60_000 }, async () => {
    const databaseUrl = await databaseWithRows()
    await recordHistory(databaseUrl, POSTGRES_BASELINE.replaces)
    const before = await read(databaseUrl)
    expect(await migrationStatus({ databaseUrl })).toMatchObject({ upToDate: false, baseline: { action: 'rewrite' } })

    const results = await Promise.all([applyMigrations({ databaseUrl }), applyMigrations({ databaseUrl })])
    expect(results.map(r => r.applied)).toEqual([[], []])
    expect(results.filter(r => r.carriedOver)).toEqual([
      { applied: [], carriedOver: { baseline: POSTGRES_BASELINE.name, replaced: [...POSTGRES_BASELINE.replaces] } },
    ])

    const after = await read(databaseUrl)
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
    const databaseUrl = await databaseWithRows()
    const applied = POSTGRES_BASELINE.replaces.length - 2
    await recordHistory(databaseUrl, POSTGRES_BASELINE.replaces.slice(0, applied))
    const before = await read(databaseUrl)
    const refusal = applyMigrations({ databaseUrl })
    await expect(refusal).rejects.toBeInstanceOf(MigrationHistoryError)
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `has applied ${applied} of the ${POSTGRES_BASELINE.replaces.length} migrations .*not applied: ${POSTGRES_BASELINE.replaces[applied]}.*previous release first`,
      ),
    )
    expect(await read(databaseUrl)).toEqual(before)
    expect((await migrationStatus({ databaseUrl })).baseline).toMatchObject({ action: 'refuse' })
  })
})
