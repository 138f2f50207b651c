// backup | backup verify | restore: the operator's copy of everything (README, "Backups").
// SQLite's online backup API copies the database page by page through a read connection, so
// the server keeps running and writing; the copy is one consistent state (all pages are copied
// in one step, so a write in between cannot make it restart or mix two states).
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type BetterSqlite3 from 'better-sqlite3'
import type { PrismaClient } from '~/utils/db.server'
import { CliError, type CliIO } from './cli-io'
import { openDatabaseFile, outputPath } from './cli-files'

/**
 * Backups, restores and verifications are audited (issue 17): one row in every jurisdiction's
 * chain, since a backup holds all of them, with counts and never content. The one place the
 * backup commands write audit rows, on SQLite and on PostgreSQL (cli-postgres.ts).
 */
export async function auditBackupAction(
  client: PrismaClient,
  io: CliIO,
  action: 'backup.taken' | 'backup.restored' | 'backup.verified',
  detail: Record<string, unknown>,
) {
  const { audit } = await import('~/models/audit.server')
  const jurisdictions = await client.jurisdiction.findMany({ select: { id: true } })
  const operator = io.env.USER ?? io.env.LOGNAME ?? null
  await client.$transaction(async tx => {
    for (const j of jurisdictions) await audit(tx, { jurisdictionId: j.id, action, detail: { via: 'cli', operator, ...detail } })
  })
}

/** A client on a database file that exists (restored, or the configured one), closed after use. */
export async function withDatabaseAt<T>(databaseUrl: string, use: (client: PrismaClient) => Promise<T>): Promise<T> {
  const { createPrismaClient } = await import('~/utils/db.server')
  const client = createPrismaClient(databaseUrl)
  try {
    return await use(client)
  } finally {
    await client.$disconnect()
  }
}

// What `backup verify` counts: enough to recognise the right backup at a glance.
const COUNTED_TABLES = [
  'Jurisdiction',
  'User',
  'Review',
  'ReviewMember',
  'StaffAccount',
  'AccountRelease',
  'AuditEvent',
  'ExportRecord',
  'CollabUpdate',
  'CollabSnapshot',
  'SurveyWave',
  'SurveyResponse',
]

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
    const row = db
      .prepare(`SELECT COUNT(*) AS n, MAX(migration_name) AS last FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .get() as { n: number; last: string | null }
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
  io.out(
    Object.entries(check.counts)
      .map(([t, n]) => `  ${t}: ${n}`)
      .join('\n'),
  )
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

/**
 * Copies the database file at `from` to `partial` through the online backup API (a half-written
 * copy is removed), then sets the copy's journal mode.
 */
async function copyDatabase(from: string, partial: string, journalMode: 'DELETE' | 'WAL', what: 'backup' | 'restore'): Promise<void> {
  const source = openDatabaseFile(from, { readonly: true })
  try {
    await source.backup(partial, { progress: () => 1_000_000_000 })
  } catch (error) {
    fs.rmSync(partial, { force: true })
    throw new CliError(`the ${what} failed: ${(error as Error).message}`)
  } finally {
    source.close()
  }
  const { default: Database } = await import('better-sqlite3')
  const copy = new Database(partial)
  try {
    copy.pragma(`journal_mode = ${journalMode}`)
  } finally {
    copy.close()
  }
}

export async function backupCommand(args: string[], io: CliIO, databaseFile: string, client: PrismaClient): Promise<void> {
  const { values } = parseArgs({ args, allowPositionals: false, options: { out: { type: 'string' } } })
  if (!values.out) throw new CliError('--out <file> is required')
  const out = outputPath(values.out, { mustNotExist: true })
  const partial = `${out}.partial`
  const started = Date.now()
  // A backup is one self-contained file: no write-ahead log beside it.
  await copyDatabase(databaseFile, partial, 'DELETE', 'backup')
  const check = openCheck(partial)
  if (!check.ok) {
    fs.rmSync(partial, { force: true })
    throw new CliError(`the backup does not pass its own check (nothing was kept): ${check.problems.join('; ')}`)
  }
  fs.renameSync(partial, out)
  const bytes = fs.statSync(out).size
  io.out(`backed up ${databaseFile} to ${out} (${bytes} bytes, ${Date.now() - started} ms); integrity ok`)
  report(io, out, check)
  // Recorded in the live database after the copy: the backup itself does not hold its own row.
  await auditBackupAction(client, io, 'backup.taken', { file: path.basename(out), bytes, migrations: check.migrations, counts: check.counts })
}

/**
 * `audit`: the configured database, when there is one (a client, or its URL when the command
 * runs without opening it); verify also works on a machine without one, unaudited.
 */
export async function backupVerifyCommand(
  args: string[],
  io: CliIO,
  audit: { client: PrismaClient | null; databaseUrl: string; databaseFile: string },
): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  if (!positionals[0]) throw new CliError('give the backup file: backup verify <file>')
  const file = path.resolve(positionals[0])
  let check: BackupCheck
  try {
    check = openCheck(file)
  } catch (error) {
    await auditVerify(io, audit, { file: path.basename(file), ok: false, problems: 1 })
    throw error
  }
  report(io, file, check)
  await auditVerify(io, audit, { file: path.basename(file), ok: check.ok, problems: check.problems.length, migrations: check.migrations, counts: check.counts })
  if (!check.ok) {
    io.err(`backup ${file} is damaged:\n  ${check.problems.join('\n  ')}`)
    return 1
  }
  io.out('integrity ok')
  return 0
}

async function auditVerify(io: CliIO, audit: { client: PrismaClient | null; databaseUrl: string; databaseFile: string }, detail: Record<string, unknown>) {
  if (audit.client) return auditBackupAction(audit.client, io, 'backup.verified', detail)
  if (!fs.existsSync(audit.databaseFile)) {
    io.err(`note: not audited, there is no database at ${audit.databaseFile}`)
    return
  }
  await withDatabaseAt(audit.databaseUrl, client => auditBackupAction(client, io, 'backup.verified', detail))
}

/**
 * Copies a backup into the (empty) folder DATABASE_URL points to, brings it up to the current
 * migrations and records the restore in its audit.
 */
export async function restoreCommand(args: string[], io: CliIO, databaseFile: string, databaseUrl: string): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  if (!positionals[0]) throw new CliError('give the backup file: restore <file>')
  const backup = path.resolve(positionals[0])
  const dir = path.dirname(databaseFile)
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(`the data folder ${dir} does not exist; create it (empty) first`)
  const present = fs.readdirSync(dir)
  if (present.length > 0)
    throw new CliError(
      `the data folder ${dir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', ...' : ''}); restore only into an empty folder, nothing was changed`,
    )
  const check = openCheck(backup)
  if (!check.ok) throw new CliError(`${backup} is damaged, nothing was restored:\n  ${check.problems.join('\n  ')}`)
  const partial = path.join(dir, `${path.basename(databaseFile)}.restoring`)
  await copyDatabase(backup, partial, 'WAL', 'restore')
  fs.renameSync(partial, databaseFile)
  io.out(`restored ${backup} to ${databaseFile}`)
  report(io, databaseFile, check)
  // Migrated now rather than at the next start, so the audit row is written in today's format.
  const { applyMigrations } = await import('./migrate')
  const { applied } = await applyMigrations({ databaseUrl })
  if (applied.length) io.out(`applied ${applied.length} migrations newer than the backup`)
  await withDatabaseAt(databaseUrl, client =>
    auditBackupAction(client, io, 'backup.restored', {
      file: path.basename(backup),
      migrations: check.migrations,
      migrationsApplied: applied.length,
      counts: check.counts,
    }),
  )
  io.out('the restore is recorded in the audit')
}
