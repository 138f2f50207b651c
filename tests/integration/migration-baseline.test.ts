// ADR 0051: each migration history was squashed into one baseline before the first deployment.
// A new database starts from it; one that applied every replaced migration is carried over to it
// (history rewritten in one transaction, schema and rows untouched); one that applied only part of
// them is refused with what to do, and left as it was.
import crypto from 'node:crypto'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { registerAuditFunctions, verifyAuditChain } from '~/utils/audit-chain.server'
import { SQLITE_BASELINE } from '../../prisma/baselines'
import { applyMigrations, migrationStatus, MigrationHistoryError } from '../../server/migrate'

type Row = {
  migration_name: string
  checksum: string
  finished_at: string | null
  rolled_back_at: string | null
  started_at: string
  applied_steps_count: number
}

let tmp = ''
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'scir-baseline-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

let count = 0
/** A database made by this release, holding a jurisdiction, a review and a chained audit row. */
async function databaseWithRows() {
  const file = path.join(tmp, `db-${++count}.db`)
  const databaseUrl = `file:${file}`
  await applyMigrations({ databaseUrl })
  const db = new Database(file)
  try {
    registerAuditFunctions(db)
    db.prepare(`INSERT INTO "Jurisdiction" ("id", "code", "name") VALUES ('j1', 'J-1', 'Synthetic jurisdiction')`).run()
    db.prepare(
      `INSERT INTO "Review" ("id", "title", "incidentType", "incidentDate", "updatedAt", "jurisdictionId") VALUES ('r1', 'Synthetic review', 'fatality', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'j1')`,
    ).run()
    db.prepare(`INSERT INTO "AuditEvent" ("id", "action", "detail", "jurisdictionId", "reviewId") VALUES ('a1', 'review.created', '{}', 'j1', 'r1')`).run()
  } finally {
    db.close()
  }
  return { file, databaseUrl }
}

/** Replaces the history with the given migrations, as the previous release recorded them. */
function recordHistory(file: string, names: readonly string[], finished: (name: string) => boolean = () => true) {
  const db = new Database(file)
  try {
    db.prepare('DELETE FROM "_prisma_migrations"').run()
    const insert = db.prepare(
      'INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, ?, 1)',
    )
    names.forEach((name, i) => {
      const at = new Date(Date.UTC(2026, 10, 22, 14, i)).toISOString().replace('Z', '+00:00')
      insert.run(crypto.randomUUID(), crypto.createHash('sha256').update(name).digest('hex'), finished(name) ? at : null, name, at)
    })
  } finally {
    db.close()
  }
}

function read(file: string) {
  const db = new Database(file, { readonly: true })
  try {
    return {
      history: db.prepare('SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"').all() as Row[],
      schema: db.prepare(`SELECT "type", "name", "sql" FROM sqlite_master ORDER BY "name"`).all(),
      rows: {
        jurisdictions: db.prepare('SELECT * FROM "Jurisdiction"').all(),
        reviews: db.prepare('SELECT * FROM "Review"').all(),
        audit: db.prepare('SELECT * FROM "AuditEvent"').all(),
      },
      chainBroken: verifyAuditChain(db).firstBroken,
    }
  } finally {
    db.close()
  }
}

describe('a new database', () => {
  test('gets the baseline alone, with its triggers, and is up to date', async () => {
    const { file, databaseUrl } = await databaseWithRows()
    const { history, schema, chainBroken } = read(file)
    expect(history.map(r => [r.migration_name, r.checksum])).toEqual([[SQLITE_BASELINE.name, SQLITE_BASELINE.checksum]])
    expect(schema.filter(o => (o as { type: string }).type === 'trigger').map(o => (o as { name: string }).name)).toEqual([
      'AuditEvent_chain',
      'AuditEvent_no_delete',
      'AuditEvent_no_update',
    ])
    expect(chainBroken).toBeNull()
    expect(await migrationStatus({ databaseUrl })).toMatchObject({ upToDate: true, pending: [], notInFolder: [], edited: [], baseline: { action: 'none' } })
  })

  test('the baseline on disk is the one prisma/baselines.ts names (applied migrations are never edited)', async () => {
    const sql = await readFile(path.resolve('prisma/migrations', SQLITE_BASELINE.name, 'migration.sql'))
    expect(crypto.createHash('sha256').update(sql).digest('hex')).toBe(SQLITE_BASELINE.checksum)
  })

  test('an edited baseline is refused before it touches a database', async () => {
    const folder = path.join(tmp, 'edited-migrations')
    await cp(path.resolve('prisma/migrations'), folder, { recursive: true })
    const sql = path.join(folder, SQLITE_BASELINE.name, 'migration.sql')
    await writeFile(sql, `${await readFile(sql, 'utf8')}\nCREATE TABLE "Extra" ("id" TEXT);\n`)
    const databaseUrl = `file:${path.join(tmp, 'edited.db')}`
    await expect(applyMigrations({ databaseUrl, migrationsDir: folder })).rejects.toThrow(/is not the baseline prisma\/baselines\.ts names.*never edited/)
  })
})

describe('a database the previous release migrated', () => {
  test('that applied every replaced migration is carried over: history rewritten, schema and rows kept, up to date', async () => {
    const { file, databaseUrl } = await databaseWithRows()
    recordHistory(file, SQLITE_BASELINE.replaces)
    const before = read(file)
    expect(await migrationStatus({ databaseUrl })).toMatchObject({ upToDate: false, pending: [SQLITE_BASELINE.name], baseline: { action: 'rewrite' } })

    const result = await applyMigrations({ databaseUrl })
    expect(result).toEqual({ applied: [], carriedOver: { baseline: SQLITE_BASELINE.name, replaced: [...SQLITE_BASELINE.replaces] } })

    const after = read(file)
    expect(after.schema).toEqual(before.schema)
    expect(after.rows).toEqual(before.rows)
    expect(after.chainBroken).toBeNull()
    expect(after.history).toEqual([
      expect.objectContaining({
        migration_name: SQLITE_BASELINE.name,
        checksum: SQLITE_BASELINE.checksum,
        rolled_back_at: null,
        applied_steps_count: 1,
        // Dated from the first migration it stands for to the last.
        started_at: before.history.find(r => r.migration_name === SQLITE_BASELINE.replaces[0])!.started_at,
        finished_at: before.history.find(r => r.migration_name === SQLITE_BASELINE.replaces.at(-1))!.finished_at,
      }),
    ])
    expect(await migrationStatus({ databaseUrl })).toMatchObject({ upToDate: true, pending: [], notInFolder: [], edited: [], baseline: { action: 'none' } })
    expect(await applyMigrations({ databaseUrl })).toEqual({ applied: [] })
  })

  // The cut points the previous release's own upgrade tests started from: before the audit
  // chain (whose migration sealed older audit rows) and before settings versions (whose
  // migration turned custom settings into version 1).
  test.each([
    ['before the audit chain', SQLITE_BASELINE.replaces.findIndex(n => n.endsWith('_ops_audit_chain_retention'))],
    ['before settings versions', SQLITE_BASELINE.replaces.findIndex(n => n.endsWith('_settings_versions'))],
    ['one short', SQLITE_BASELINE.replaces.length - 1],
  ])('that stopped %s is refused with what to do, and left as it was', async (_, applied) => {
    expect(applied).toBeGreaterThan(0)
    const { file, databaseUrl } = await databaseWithRows()
    recordHistory(file, SQLITE_BASELINE.replaces.slice(0, applied))
    const before = read(file)

    const refusal = applyMigrations({ databaseUrl })
    await expect(refusal).rejects.toBeInstanceOf(MigrationHistoryError)
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `has applied ${applied} of the ${SQLITE_BASELINE.replaces.length} migrations .*not applied: ${SQLITE_BASELINE.replaces[applied]}.*previous release first`,
      ),
    )
    expect(read(file)).toEqual(before)
    const status = await migrationStatus({ databaseUrl })
    expect(status.upToDate).toBe(false)
    expect(status.baseline).toMatchObject({ action: 'refuse', message: expect.stringContaining('previous release first') })
  })

  test('whose last replaced migration failed is refused too', async () => {
    const { file, databaseUrl } = await databaseWithRows()
    const last = SQLITE_BASELINE.replaces.at(-1)!
    recordHistory(file, SQLITE_BASELINE.replaces, name => name !== last)
    const before = read(file)
    await expect(applyMigrations({ databaseUrl })).rejects.toThrow(new RegExp(`not applied: ${last}\\b`))
    expect(read(file)).toEqual(before)
  })

  test('that records both the baseline and replaced migrations is refused as edited by hand', async () => {
    const { file, databaseUrl } = await databaseWithRows()
    recordHistory(file, [...SQLITE_BASELINE.replaces, SQLITE_BASELINE.name])
    await expect(applyMigrations({ databaseUrl })).rejects.toThrow(/records both .* edited by hand/)
  })
})
