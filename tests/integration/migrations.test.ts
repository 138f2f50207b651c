import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyMigrations, checkMigrationsMatchSchema, migrationStatus, sqlitePathFromUrl } from '../../server/migrate'

// better-sqlite3 ships no types (and @types/better-sqlite3 is not installed): type the bit we use.
interface Sqlite {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown }
  pragma(sql: string, options: { simple: true }): unknown
  close(): void
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Sqlite

const migrationsDir = path.resolve('prisma/migrations')

/** Every model in schema.prisma, i.e. the tables the migrations must create. */
async function modelsInSchema(): Promise<string[]> {
  const schema = await readFile(path.resolve('prisma/schema.prisma'), 'utf8')
  return [...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map(m => m[1]!)
}

describe('prisma migrations (WebAssembly schema engine)', () => {
  let tmp: string
  let databaseUrl: string
  let firstApply: string[]

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'scir-migrations-'))
    // The parent directory does not exist yet: applyMigrations must create it.
    databaseUrl = `file:${path.join(tmp, 'nested', 'dir', 'test.db')}`
    firstApply = (await applyMigrations({ databaseUrl })).applied
  })

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true })
  })

  it('applies every migration folder to an empty database', async () => {
    const folders = (await readdir(migrationsDir, { withFileTypes: true })).filter(e => e.isDirectory())
    expect(folders.length).toBeGreaterThan(0)
    expect(firstApply).toEqual(folders.map(f => f.name).sort())
  })

  it('applies nothing the second time', async () => {
    expect(await applyMigrations({ databaseUrl })).toEqual({ applied: [] })
    expect(await migrationStatus({ databaseUrl })).toMatchObject({ upToDate: true, pending: [] })
  })

  it('creates a table for every model, records the migrations and turns WAL on', async () => {
    const models = await modelsInSchema()
    expect(models).toContain('Jurisdiction') // the schema parse itself worked

    const db = new Database(sqlitePathFromUrl(databaseUrl))
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
      const names = tables.map(t => t.name)
      for (const model of [...models, '_prisma_migrations']) expect(names).toContain(model)

      const recorded = db.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').all() as {
        migration_name: string
      }[]
      expect(recorded.map(r => r.migration_name).sort()).toEqual(firstApply)

      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    } finally {
      db.close()
    }
  })

  it('leaves the database unlocked for other connections', async () => {
    // The engine switches its connection to locking_mode=EXCLUSIVE; if it were left open,
    // this write would fail with "database is locked".
    const db = new Database(sqlitePathFromUrl(databaseUrl))
    try {
      db.prepare('INSERT INTO Jurisdiction (id, code, name) VALUES (?, ?, ?)').run('j1', 'TEST', 'Test jurisdiction')
      expect(db.prepare('SELECT code FROM Jurisdiction').all()).toEqual([{ code: 'TEST' }])
    } finally {
      db.close()
    }
  })

  it('finds no drift between the migrations and schema.prisma', async () => {
    expect(await checkMigrationsMatchSchema()).toEqual({ matches: true, driftSql: '' })
  })

  it('reports drift when a migration lacks a table', async () => {
    const broken = path.join(tmp, 'broken-migrations')
    await cp(migrationsDir, broken, { recursive: true })
    const [first] = firstApply
    const file = path.join(broken, first!, 'migration.sql')
    const sql = await readFile(file, 'utf8')
    const withoutTable = sql.replace(/CREATE TABLE "CollabSnapshot" \([^;]*\);/, '')
    expect(withoutTable).not.toBe(sql)
    await writeFile(file, withoutTable)

    const result = await checkMigrationsMatchSchema({ migrationsDir: broken })
    expect(result.matches).toBe(false)
    expect(result.driftSql).toContain('CREATE TABLE "CollabSnapshot"')
  })
})
