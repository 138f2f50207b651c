// Issue 17: the operator's commands (help, audit export/verify, output folders).
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { writeAuditRow } from '../support/audit-rows'
import { prisma } from '~/utils/db.server'
import { COMMAND_HELP, runCli } from '../../server/cli'
import { makeJurisdiction, makeReview } from '../support/fixtures'
import { cliIO, cliProcess, tempFolder } from '../support/cli'

const tmp = tempFolder('scir-cli-ops-')

const io = cliIO

test('--help exits 0 for the CLI and for every command, without touching the database', async () => {
  for (const argv of [['--help'], ['help'], ...Object.keys(COMMAND_HELP).map(c => [...c.split(' '), '--help'])]) {
    const t = io()
    expect(await runCli(argv, t.io, prisma), argv.join(' ')).toBe(0)
    expect(t.out()).toMatch(/\S/)
  }
  // As a process, with an environment that would not even parse: help needs none of it.
  const { stdout } = await cliProcess(['backup', '--help'], { ...process.env, PORT: 'not-a-port' })
  expect(stdout).toContain('backup --out <file>')
})

test('audit export writes the rows of the days asked for, in chain order, and is itself audited', async () => {
  const j = await makeJurisdiction()
  const review = await makeReview(j.id, [])
  await writeAuditRow({ jurisdictionId: j.id, reviewId: review.id, action: 'test.export-me', detail: { n: 1 } })
  await writeAuditRow({ jurisdictionId: j.id, reviewId: review.id, action: 'test.export-me', detail: { n: '=cmd' } })
  const today = new Date().toISOString().slice(0, 10)
  const jsonl = path.join(tmp, 'audit.jsonl')
  const t = io()
  expect(await runCli(['audit', 'export', '--from', today, '--to', today, '--format', 'jsonl', '--jurisdiction', j.code, '--out', jsonl], t.io, prisma)).toBe(0)
  const rows = fs
    .readFileSync(jsonl, 'utf8')
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as { seq: number; action: string; hash: string; prevHash: string | null })
  expect(rows.map(r => r.action)).toEqual(['test.export-me', 'test.export-me'])
  expect(rows[1]!.prevHash).toBe(rows[0]!.hash)
  expect(t.out()).toContain('exported 2 audit rows')
  expect(await prisma.auditEvent.count({ where: { jurisdictionId: j.id, action: 'audit.exported' } })).toBe(1)

  const csv = path.join(tmp, 'audit.csv')
  expect(await runCli(['audit', 'export', '--from', today, '--to', today, '--format', 'csv', '--jurisdiction', j.code, '--out', csv], io().io, prisma)).toBe(0)
  const lines = fs.readFileSync(csv, 'utf8').split('\r\n')
  expect(lines[0]).toBe('seq,id,at,jurisdiction_id,action,actor_id,review_id,detail,prev_hash,hash')
  // The export of the first run is in this one; a formula-looking cell is defused.
  expect(lines.filter(l => l.includes('test.export-me'))).toHaveLength(2)

  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  const none = path.join(tmp, 'none.jsonl')
  expect(await runCli(['audit', 'export', '--to', yesterday, '--format', 'jsonl', '--jurisdiction', j.code, '--out', none], io().io, prisma)).toBe(0)
  expect(fs.readFileSync(none, 'utf8')).toBe('')
})

test('audit export and export refuse an --out in a folder that does not exist, and create none', async () => {
  const missing = path.join(tmp, 'missing', 'x.jsonl')
  const t = io()
  expect(await runCli(['audit', 'export', '--format', 'jsonl', '--out', missing], t.io, prisma)).toBe(1)
  expect(t.err()).toMatch(/does not exist/)
  const e = io()
  expect(await runCli(['export', 'no-such-review', '--format', 'json', '--out', missing], e.io, prisma)).toBe(1)
  expect(fs.existsSync(path.join(tmp, 'missing'))).toBe(false)
  const bad = io()
  expect(await runCli(['audit', 'export', '--format', 'xml'], bad.io, prisma)).toBe(1)
  expect(await runCli(['audit', 'export', '--format', 'csv', '--from', '2026-02-30'], bad.io, prisma)).toBe(1)
  expect(bad.err()).toMatch(/--format must be csv or jsonl[\s\S]*--from must be a day/)
})

test('audit verify passes on an intact chain and names the first changed row (exit 1)', async () => {
  const j = await makeJurisdiction()
  for (let i = 0; i < 3; i++) await writeAuditRow({ jurisdictionId: j.id, action: 'test.verify', detail: { i } })
  const ok = io()
  expect(await runCli(['audit', 'verify'], ok.io, prisma)).toBe(0)
  expect(ok.out()).toMatch(/audit chain intact: \d+ rows verified/)

  const file = process.env.DATABASE_URL!.slice('file:'.length)
  const db = new Database(file)
  const target = db.prepare(`SELECT "id" FROM "AuditEvent" WHERE "jurisdictionId" = ? ORDER BY "seq" LIMIT 1 OFFSET 1`).get(j.id) as { id: string }
  db.exec(`DROP TRIGGER "AuditEvent_no_update"`)
  db.prepare(`UPDATE "AuditEvent" SET "action" = 'test.rewritten' WHERE "id" = ?`).run(target.id)
  db.close()
  const broken = io()
  expect(await runCli(['audit', 'verify'], broken.io, prisma)).toBe(1)
  expect(broken.err()).toContain(`audit chain broken at row ${target.id}`)
})
