import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll } from 'vitest'

// Runs before each test file's imports: point the app at a private copy of the migrated
// template database, so test files never share state.
const template = process.env.SCIR_TEST_TEMPLATE_DB
const file = path.resolve(`tests/.tmp/test-${crypto.randomUUID()}.db`)
Object.assign(process.env, { NODE_ENV: 'test', DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' })
if (template && fs.existsSync(template)) fs.copyFileSync(template, file)

afterAll(() => {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
})
