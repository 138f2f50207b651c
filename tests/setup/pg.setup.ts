import crypto from 'node:crypto'
import pg from 'pg'
import { afterAll } from 'vitest'

// Runs before each test file's imports: point the app at a private copy of the migrated
// template database on the run's PostgreSQL server, so test files never share state.
const adminUrl = process.env.SCIR_TEST_PG_ADMIN_URL
const template = process.env.SCIR_TEST_PG_TEMPLATE
if (!adminUrl || !template) throw new Error('tests/setup/pg-global-setup.ts did not run (use vitest.pg.config.ts)')
const database = `test_${crypto.randomUUID().replace(/-/g, '')}`
const url = new URL(adminUrl)
url.pathname = `/${database}`

async function admin<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await task(client)
  } finally {
    await client.end()
  }
}

await admin(client => client.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`))
Object.assign(process.env, { NODE_ENV: 'test', DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' })

afterAll(async () => {
  // Connections the app still holds are closed by the server (FORCE); their pools reconnect
  // lazily, so nothing is left waiting on them.
  await admin(client => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
})
