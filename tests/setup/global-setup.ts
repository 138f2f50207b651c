import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

// Migrate once per run; every test file then starts from its own copy of this file.
// The name is per run so that concurrent runs never share a template.
export default async function globalSetup() {
  const template = path.resolve(`tests/.tmp/template-${process.pid}.db`)
  fs.mkdirSync(path.dirname(template), { recursive: true })
  const { applyMigrations } = await import('../../server/migrate')
  await applyMigrations({ databaseUrl: `file:${template}` })
  const db = new Database(template)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  process.env.SCIR_TEST_TEMPLATE_DB = template
  return () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(template + suffix, { force: true })
  }
}
