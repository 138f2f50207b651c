// audit verify | backup | backup verify | restore when DATABASE_URL is PostgreSQL (ADR 0041); each
// backup, verification and restore is audited as on SQLite.
// Backups are PostgreSQL's own: pg_dump in its custom format reads everything in one
// repeatable-read snapshot, so the server keeps running and the copy is one consistent state;
// pg_restore puts it into an empty database. Both must be at least the server's major version
// (Debian's postgresql-client; PG_BIN names another folder holding them).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { printAuditChainReport } from './cli-audit'
import { auditBackupAction, withDatabaseAt } from './cli-backup'
import { CliError, type CliIO } from './cli-io'
import { outputPath } from './cli-files'

const DUMP_MAGIC = 'PGDMP'

function tool(name: 'pg_dump' | 'pg_restore'): string {
  return process.env.PG_BIN ? path.join(process.env.PG_BIN, name) : name
}

function runTool(name: 'pg_dump' | 'pg_restore', args: string[]): string {
  const result = spawnSync(tool(name), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new CliError(
      missing
        ? `${name} is not installed (apt-get install postgresql-client, or set PG_BIN to the folder holding it)`
        : `${name} failed: ${result.error.message}`,
    )
  }
  if (result.status !== 0) throw new CliError(`${name} failed: ${(result.stderr || result.stdout).trim()}`)
  return result.stdout
}

/** Host, port and database for messages: never the password. */
function where(url: string): string {
  const u = new URL(url)
  return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`
}

/** A pg_dump custom-format archive (what `backup` writes on PostgreSQL)? */
export function isPostgresDump(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r')
    try {
      const head = Buffer.alloc(DUMP_MAGIC.length)
      fs.readSync(fd, head, 0, head.length, 0)
      return head.toString('latin1') === DUMP_MAGIC
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    return false
  }
}

type DumpCheck = { tables: string[]; migrations: boolean }

function checkDump(file: string): DumpCheck {
  const list = runTool('pg_restore', ['--list', file])
  const tables = [...list.matchAll(/TABLE DATA \S+ "?([^"\s]+)"? /g)].map(m => m[1]!)
  return { tables, migrations: tables.includes('_prisma_migrations') }
}

async function withClient<T>(url: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
  } catch (error) {
    throw new CliError(`cannot reach the database at ${where(url)}: ${(error as Error).message}`)
  }
  try {
    return await task(client)
  } finally {
    await client.end()
  }
}

export async function postgresAuditVerify(args: string[], io: CliIO, url: string): Promise<number> {
  parseArgs({ args, allowPositionals: false, options: {} })
  const { verifyAuditChainPostgres } = await import('~/utils/audit-chain-postgres.server')
  return printAuditChainReport(await verifyAuditChainPostgres(url), io)
}

export async function postgresBackup(args: string[], io: CliIO, url: string): Promise<void> {
  const { values } = parseArgs({ args, allowPositionals: false, options: { out: { type: 'string' } } })
  if (!values.out) throw new CliError('--out <file> is required')
  const out = outputPath(values.out, { mustNotExist: true })
  const partial = `${out}.partial`
  const started = Date.now()
  try {
    runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`])
    const check = checkDump(partial)
    if (!check.migrations) throw new CliError('the dump holds no migration table: is DATABASE_URL the SCIR Workspace database?')
    fs.renameSync(partial, out)
    const bytes = fs.statSync(out).size
    io.out(`backed up PostgreSQL ${where(url)} to ${out} (${bytes} bytes, ${Date.now() - started} ms) with pg_dump; ${check.tables.length} tables`)
    await withDatabaseAt(url, client => auditBackupAction(client, io, 'backup.taken', { file: path.basename(out), bytes, tables: check.tables.length }))
  } finally {
    fs.rmSync(partial, { force: true })
  }
}

/** `url`: the configured PostgreSQL database, which records the verification; null: unaudited. */
export async function postgresBackupVerify(file: string, io: CliIO, url: string | null): Promise<number> {
  const check = checkDump(file)
  io.out(`${file}: pg_dump archive, ${check.tables.length} tables`)
  const ok = check.migrations
  if (!ok) io.err(`backup ${file} is not a SCIR Workspace database (no migration table)`)
  else io.out('archive readable')
  if (url) {
    await withDatabaseAt(url, client =>
      auditBackupAction(client, io, 'backup.verified', { file: path.basename(file), ok, problems: ok ? 0 : 1, tables: check.tables.length }),
    )
  } else io.err('note: not audited, DATABASE_URL is not a PostgreSQL database')
  return ok ? 0 : 1
}

/** Restores into the (empty) database DATABASE_URL names; the next start applies newer migrations. */
export async function postgresRestore(args: string[], io: CliIO, url: string): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  if (!positionals[0]) throw new CliError('give the backup file: restore <file>')
  const backup = path.resolve(positionals[0])
  if (!fs.existsSync(backup)) throw new CliError(`${backup} does not exist`)
  if (!isPostgresDump(backup)) throw new CliError(`${backup} is not a pg_dump archive (a SQLite backup restores only with a file: DATABASE_URL)`)
  const check = checkDump(backup)
  if (!check.migrations) throw new CliError(`${backup} is not a SCIR Workspace database (no migration table), nothing was restored`)
  const present = await withClient(url, async client => {
    const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1 LIMIT 6`)
    return rows.map(r => r.name)
  })
  if (present.length > 0) {
    throw new CliError(
      `the database ${where(url)} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', ...' : ''}); restore only into an empty database, nothing was changed`,
    )
  }
  // One transaction: a failed restore leaves the database empty, not half-filled.
  runTool('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, backup])
  io.out(`restored ${backup} to PostgreSQL ${where(url)} (${check.tables.length} tables)`)
  // Migrated now rather than at the next start, so the audit row is written in today's format.
  const { applyMigrations } = await import('./migrate')
  const { applied } = await applyMigrations({ databaseUrl: url })
  if (applied.length) io.out(`applied ${applied.length} migrations newer than the backup`)
  await withDatabaseAt(url, client =>
    auditBackupAction(client, io, 'backup.restored', { file: path.basename(backup), tables: check.tables.length, migrationsApplied: applied.length }),
  )
  io.out('the restore is recorded in the audit')
}
