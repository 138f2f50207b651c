// Start-up check of DATABASE_URL beyond its syntax: a PostgreSQL server that cannot be reached
// stops the start with one line naming the host and the error (issue 13), not a stack trace
// from deep inside the first migration.
import pg from 'pg'
import { isPostgresUrl } from '~/utils/env.server'

export class DatabaseUnreachableError extends Error {}

function hostOf(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`
  } catch {
    return '(unparseable URL)'
  }
}

/** Resolves when the database answers; SQLite files need no check (they are created on demand). */
export async function checkDatabaseReachable(databaseUrl: string, timeoutMs = 10_000): Promise<void> {
  if (!isPostgresUrl(databaseUrl)) return
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs })
  // A server that drops the connection mid-handshake emits 'error' besides rejecting connect().
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error)
    throw new DatabaseUnreachableError(`Cannot use the PostgreSQL database at ${hostOf(databaseUrl)} (DATABASE_URL): ${reason}`)
  } finally {
    await client.end().catch(() => {})
  }
}
