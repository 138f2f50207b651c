// Issue 17: a backup taken by the CLI while a collaboration socket keeps writing restores into
// an empty data folder, and the restored database opens, migrates and serves the same review.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { createSqlitePersistence } from '../../server/collab'
import { applyMigrations } from '../../server/migrate'
import { createPrismaClient } from '~/utils/db.server'
import { verifyAuditChain } from '~/utils/audit-chain.server'
import { makeJurisdiction, makeReview } from '../support/fixtures'
import { connectClient, memoryLogger, sleep, startTestServer, synced } from './collab/helpers'

const execFileAsync = promisify(execFile)
const root = path.resolve(__dirname, '../..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scir-backup-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test', ...env },
      timeout: 60_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

test('backup during live edits, verify, restore into an empty folder only, and the review is served again', { timeout: 120_000 }, async () => {
  const j = await makeJurisdiction()
  const review = await makeReview(j.id, [])
  const docName = `review:${review.id}`
  const live = await startTestServer({ persistence: createSqlitePersistence({ filename: process.env.DATABASE_URL!, logger: memoryLogger() }) })
  const writer = connectClient(live.url, docName, 'alice-token')
  await synced(writer)
  let writing = true
  let written = 0
  const typing = (async () => {
    while (writing) {
      writer.text.insert(writer.text.length, `edit ${written++};`)
      await sleep(2)
    }
  })()
  await sleep(200)
  const backupFile = path.join(tmp, 'scir-backup.db')
  const taken = await cli(['backup', '--out', backupFile])
  const writtenAtBackupEnd = written
  await sleep(100)
  writing = false
  await typing
  const finalText = writer.text.toString()
  writer.destroy()
  await live.stop()
  expect(taken.stderr).toBe('')
  expect(taken.code).toBe(0)
  expect(taken.stdout).toMatch(/integrity ok/)
  expect(writtenAtBackupEnd).toBeGreaterThan(10)
  expect(fs.existsSync(`${backupFile}-wal`)).toBe(false)

  // The same file again is refused rather than overwritten; a missing folder is an error.
  expect((await cli(['backup', '--out', backupFile])).stderr).toMatch(/already exists/)
  expect((await cli(['backup', '--out', path.join(tmp, 'missing', 'b.db')])).stderr).toMatch(/does not exist/)
  expect(fs.existsSync(path.join(tmp, 'missing'))).toBe(false)

  const verified = await cli(['backup', 'verify', backupFile])
  expect(verified.code).toBe(0)
  expect(verified.stdout).toMatch(/Review: \d+/)
  expect(verified.stdout).toMatch(/CollabUpdate: \d+|CollabSnapshot: \d+/)

  const restoredDir = path.join(tmp, 'restored')
  fs.mkdirSync(restoredDir)
  const restoredUrl = `file:${path.join(restoredDir, 'scir.db')}`
  const restored = await cli(['restore', backupFile], { DATABASE_URL: restoredUrl })
  expect(restored.stderr).toBe('')
  expect(restored.code).toBe(0)
  expect(restored.stdout).toContain('the restore is recorded in the audit')
  const again = await cli(['restore', backupFile], { DATABASE_URL: restoredUrl })
  expect(again.code).toBe(1)
  expect(again.stderr).toMatch(/not empty/)

  await applyMigrations({ databaseUrl: restoredUrl })
  const prisma = createPrismaClient(restoredUrl)
  try {
    expect(await prisma.review.findUnique({ where: { id: review.id }, select: { title: true } })).toEqual({ title: review.title })
    // The restore is in the restored database's audit, with counts and no content.
    const restoredRow = await prisma.auditEvent.findFirstOrThrow({ where: { jurisdictionId: j.id, action: 'backup.restored' } })
    expect(JSON.parse(restoredRow.detail)).toMatchObject({ via: 'cli', file: 'scir-backup.db', counts: { Review: expect.any(Number) } })
    expect(restoredRow.detail).not.toContain(review.title)
  } finally {
    await prisma.$disconnect()
  }
  const raw = new Database(path.join(restoredDir, 'scir.db'), { readonly: true })
  try {
    expect(verifyAuditChain(raw).firstBroken).toBeNull()
  } finally {
    raw.close()
  }
  // Served again: a client of a server on the restored file gets a consistent prefix of the
  // edits (everything up to the moment of the backup, no torn update).
  const served = await startTestServer({ persistence: createSqlitePersistence({ filename: restoredUrl, logger: memoryLogger() }) })
  const reader = connectClient(served.url, docName, 'bob-token')
  try {
    await synced(reader)
    const text = reader.text.toString()
    expect(text.length).toBeGreaterThan(0)
    expect(finalText.startsWith(text)).toBe(true)
    expect(text.endsWith(';')).toBe(true)
  } finally {
    reader.destroy()
    await served.stop()
  }
})

test('backup verify names a damaged file and exits 1', async () => {
  const bad = path.join(tmp, 'not-a-backup.db')
  fs.writeFileSync(bad, 'this is not a database')
  const result = await cli(['backup', 'verify', bad])
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/not a readable SQLite database|file is not a database/)
})
