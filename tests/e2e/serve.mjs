// Starts the production server on a brand-new database for the end-to-end run.
// E2E_POSTGRES=1 runs it on a throwaway PostgreSQL instead of SQLite (ADR 41).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const dir = path.resolve('tests/.tmp/e2e')
fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })

let databaseUrl = `file:${path.join(dir, 'scir.db')}`
let postgres = null
if (process.env.E2E_POSTGRES === '1') {
  const { tsImport } = await import('tsx/esm/api')
  const { startTempPostgres } = await tsImport('../../scripts/pg-temp.ts', import.meta.url)
  postgres = await startTempPostgres()
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: postgres.url() })
  await admin.connect()
  await admin.query('CREATE DATABASE scir')
  await admin.end()
  databaseUrl = postgres.url('scir')
}

const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  stdio: 'inherit',
  // The demo's dates are pinned to the example case file's own, which the tests name.
  env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir, DEMO_INCIDENT_DATE: '2025-03-18' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', code => {
  postgres?.stop()
  process.exit(code ?? 0)
})
