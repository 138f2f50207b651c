// Starts the production server on a brand-new database for the end-to-end run.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const dir = path.resolve('tests/.tmp/e2e')
fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })
const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  stdio: 'inherit',
  // The demo's dates are pinned to the example case file's own, which the tests name.
  env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'scir.db')}`, DEMO_INCIDENT_DATE: '2025-03-18' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', code => process.exit(code ?? 0))
