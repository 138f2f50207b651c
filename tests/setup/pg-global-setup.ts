import pg from 'pg'
import { startTempPostgres } from '../../scripts/pg-temp'

// One throwaway PostgreSQL server per run (ADR 0041); the migrations are applied once to a
// template database, and every test file gets its own copy of it (tests/setup/pg.setup.ts).
export const TEMPLATE_DATABASE = 'scir_template'

export default async function pgGlobalSetup() {
  const server = await startTempPostgres()
  try {
    const admin = new pg.Client({ connectionString: server.url() })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`)
    await admin.end()
    const { applyMigrations } = await import('../../server/migrate')
    await applyMigrations({ databaseUrl: server.url(TEMPLATE_DATABASE) })
  } catch (error) {
    server.stop()
    throw error
  }
  process.env.SCIR_TEST_PG_ADMIN_URL = server.url()
  process.env.SCIR_TEST_PG_TEMPLATE = TEMPLATE_DATABASE
  return () => server.stop()
}
