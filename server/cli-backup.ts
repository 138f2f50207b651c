// backup | backup verify | restore: the operator's copy of everything (README, "Backups").
// SQLite's online backup API copies the database page by page through a read connection, so
// the server keeps running and writing; the copy is one consistent state (all pages are copied
// in one step, so a write in between cannot make it restart or mix two states).
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type BetterSqlite3 from 'better-sqlite3'
import { CliError, type CliIO } from './cli-io'
import { openDatabaseFile, outputPath } from './cli-files'

// What `backup verify` counts: enough to recognise the right backup at a glance.
const COUNTED_TABLES = ['Jurisdiction', 'User', 'Review', 'ReviewMember', 'StaffAccount', 'AccountRelease', 'AuditEvent', 'ExportRecord', 'CollabUpdate', 'CollabSnapshot', 'SurveyWave', 'SurveyResponse']

export type BackupCheck = { ok: boolean; problems: string[]; counts: Record<string, number>; migrations: number; lastMigration: string | null }

export function checkBackup(db: BetterSqlite3.Database): BackupCheck {
  const problems: string[] = []
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[]
  const messages = integrity.map(r => r.integrity_check).filter(m => m !== 'ok')
  if (messages.length > 0) problems.push(...messages.slice(0, 10).map(m => `integrity: ${m}`))
  const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(t => t.name))
  let migrations = 0
  let lastMigration: string | null = null
  if (!tables.has('_prisma_migrations')) problems.push('not a SCIR Workspace database (no migration table)')
  else {
    const row = db.prepare(`SELECT COUNT(*) AS n, MAX(migration_name) AS last FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).get() as { n: number; last: string | null }
    migrations = row.n
    lastMigration = row.last
  }
  const counts: Record<string, number> = {}
  for (const table of COUNTED_TABLES) {
    if (tables.has(table)) counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n
  }
  return { ok: problems.length === 0, problems, counts, migrations, lastMigration }
}

function report(io: CliIO, file: string, check: BackupCheck) {
  io.out(`${file}: ${check.migrations} migrations (last ${check.lastMigration ?? '-'})`)
  io.out(Object.entries(check.counts).map(([t, n]) => `  ${t}: ${n}`).join('\n'))
}

function openCheck(file: string): BackupCheck {
  const db = openDatabaseFile(file, { readonly: true })
  try {
    return checkBackup(db)
  } catch (error) {
    throw new CliError(`${file} is not a readable SQLite database: ${(error as Error).message}`)
  } finally {
    db.close()
  }
}

export async function backupCommand(args: string[], io: CliIO, databaseFile: string): Promise<void> {
  const { values } = parseArgs({ args, allowPositionals: false, options: { out: { type: 'string' } } })
  if (!values.out) throw new CliError('--out <file> is required')
  const out = outputPath(values.out, { mustNotExist: true })
  const partial = `${out}.partial`
  const source = openDatabaseFile(databaseFile, { readonly: true })
  const started = Date.now()
  try {
    await source.backup(partial, { progress: () => 1_000_000_000 })
  } catch (error) {
    fs.rmSync(partial, { force: true })
    throw new CliError(`the backup failed: ${(error as Error).message}`)
  } finally {
    source.close()
  }
  // A backup is one self-contained file: no write-ahead log beside it.
  const { default: Database } = await import('better-sqlite3')
  const copy = new Database(partial)
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
  const check = openCheck(partial)
  if (!check.ok) {
    fs.rmSync(partial, { force: true })
    throw new CliError(`the backup does not pass its own check (nothing was kept): ${check.problems.join('; ')}`)
  }
  fs.renameSync(partial, out)
  io.out(`backed up ${databaseFile} to ${out} (${fs.statSync(out).size} bytes, ${Date.now() - started} ms); integrity ok`)
  report(io, out, check)
}

export async function backupVerifyCommand(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  if (!positionals[0]) throw new CliError('give the backup file: backup verify <file>')
  const file = path.resolve(positionals[0])
  const check = openCheck(file)
  report(io, file, check)
  if (!check.ok) {
    io.err(`backup ${file} is damaged:\n  ${check.problems.join('\n  ')}`)
    return 1
  }
  io.out('integrity ok')
  return 0
}

/** Copies a backup into the (empty) folder DATABASE_URL points to; the next start migrates it. */
export async function restoreCommand(args: string[], io: CliIO, databaseFile: string): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  if (!positionals[0]) throw new CliError('give the backup file: restore <file>')
  const backup = path.resolve(positionals[0])
  const dir = path.dirname(databaseFile)
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(`the data folder ${dir} does not exist; create it (empty) first`)
  const present = fs.readdirSync(dir)
  if (present.length > 0) throw new CliError(`the data folder ${dir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', ...' : ''}); restore only into an empty folder, nothing was changed`)
  const check = openCheck(backup)
  if (!check.ok) throw new CliError(`${backup} is damaged, nothing was restored:\n  ${check.problems.join('\n  ')}`)
  const source = openDatabaseFile(backup, { readonly: true })
  const partial = path.join(dir, `${path.basename(databaseFile)}.restoring`)
  try {
    await source.backup(partial, { progress: () => 1_000_000_000 })
  } catch (error) {
    fs.rmSync(partial, { force: true })
    throw new CliError(`the restore failed: ${(error as Error).message}`)
  } finally {
    source.close()
  }
  const { default: Database } = await import('better-sqlite3')
  const db = new Database(partial)
  try {
    db.pragma('journal_mode = WAL')
  } finally {
    db.close()
  }
  fs.renameSync(partial, databaseFile)
  io.out(`restored ${backup} to ${databaseFile}`)
  report(io, databaseFile, check)
  io.out('start the server (or run any CLI command) to apply migrations newer than the backup')
}
