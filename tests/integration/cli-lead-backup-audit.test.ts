// Issue 17: `user add --lead` marks a person able to open reviews; backups, verifications and
// restores leave audit rows with counts and no content.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { can } from '~/domain/permissions'
import { prisma } from '~/utils/db.server'
import { COMMAND_HELP, runCli } from '../../server/cli'
import { makeJurisdiction, makeReview } from '../support/fixtures'
import { cliIO, cliProcess, tempFolder } from '../support/cli'

const tmp = tempFolder('scir-cli-h4-')

const io = (env: Record<string, string> = { USER: 'operator-olu' }) => cliIO(env)

test('user add --lead marks the person able to lead reviews, audited; without it they may not', async () => {
  const code = `LD-${Date.now().toString(36).toUpperCase()}`
  const lead = io({ PASSWORD: 'a strong operator password' })
  expect(await runCli(['user', 'add', 'lena.lead@agency.example', '--jurisdiction', code, '--lead'], lead.io, prisma)).toBe(0)
  expect(lead.out()).toContain('may lead reviews')
  const plain = io({ PASSWORD: 'a strong operator password' })
  expect(await runCli(['user', 'add', 'pat.plain@agency.example', '--jurisdiction', code], plain.io, prisma)).toBe(0)
  expect(plain.out()).not.toContain('may lead reviews')

  const lena = await prisma.user.findUniqueOrThrow({ where: { email: 'lena.lead@agency.example' } })
  const pat = await prisma.user.findUniqueOrThrow({ where: { email: 'pat.plain@agency.example' } })
  expect([lena.canLeadReviews, lena.isAdmin, pat.canLeadReviews]).toEqual([true, false, false])
  const actor = (u: typeof lena) => ({ userId: u.id, jurisdictionId: u.jurisdictionId, isAdmin: u.isAdmin, canLeadReviews: u.canLeadReviews, active: true })
  const target = { kind: 'jurisdiction' as const, jurisdictionId: lena.jurisdictionId }
  expect(can(actor(lena), 'create:review', target).allowed).toBe(true)
  expect(can(actor(pat), 'create:review', target).allowed).toBe(false)
  const audited = await prisma.auditEvent.findMany({ where: { jurisdictionId: lena.jurisdictionId, action: 'user.lead-changed' } })
  expect(audited.map(a => JSON.parse(a.detail))).toEqual([{ userId: lena.id, canLeadReviews: true }])

  expect(COMMAND_HELP['user add']).toContain('--lead')
  const help = io()
  expect(await runCli(['user', 'add', '--help'], help.io, prisma)).toBe(0)
  expect(help.out()).toMatch(/--lead: may lead reviews/)
})

test('backup and backup verify leave an audit row in every jurisdiction, with counts and no content', async () => {
  const j = await makeJurisdiction()
  const review = await makeReview(j.id, [])
  const file = path.join(tmp, 'audited.db')
  expect(await runCli(['backup', '--out', file], io().io, prisma)).toBe(0)
  const taken = await prisma.auditEvent.findFirstOrThrow({ where: { jurisdictionId: j.id, action: 'backup.taken' } })
  const detail = JSON.parse(taken.detail) as { via: string; operator: string; file: string; bytes: number; counts: Record<string, number> }
  expect(detail).toMatchObject({ via: 'cli', operator: 'operator-olu', file: 'audited.db' })
  expect(detail.bytes).toBeGreaterThan(0)
  expect(detail.counts.Review).toBeGreaterThan(0)
  expect(taken.detail).not.toContain(review.title)
  const jurisdictions = await prisma.jurisdiction.count()
  expect(await prisma.auditEvent.count({ where: { action: 'backup.taken', detail: { contains: '"file":"audited.db"' } } })).toBe(jurisdictions)

  const verified = io()
  expect(await runCli(['backup', 'verify', file], verified.io, prisma)).toBe(0)
  const row = await prisma.auditEvent.findFirstOrThrow({ where: { jurisdictionId: j.id, action: 'backup.verified' }, orderBy: { seq: 'desc' } })
  expect(JSON.parse(row.detail)).toMatchObject({ file: 'audited.db', ok: true, problems: 0 })

  // A damaged file is refused and its verification recorded as failed.
  const bad = path.join(tmp, 'damaged.db')
  fs.writeFileSync(bad, 'not a database at all')
  expect(await runCli(['backup', 'verify', bad], io().io, prisma)).toBe(1)
  const failed = await prisma.auditEvent.findFirstOrThrow({ where: { jurisdictionId: j.id, action: 'backup.verified' }, orderBy: { seq: 'desc' } })
  expect(JSON.parse(failed.detail)).toMatchObject({ file: 'damaged.db', ok: false })

  // The chain stays intact with the new rows in it.
  const chain = io()
  expect(await runCli(['audit', 'verify'], chain.io, prisma)).toBe(0)
})

test('backup verify on a machine without the configured database still verifies, and says it is not audited', async () => {
  const file = path.join(tmp, 'for-elsewhere.db')
  expect(await runCli(['backup', '--out', file], io().io, prisma)).toBe(0)
  const nowhere = path.join(tmp, 'no-data-here')
  const { stdout, stderr } = await cliProcess(
    ['backup', 'verify', file],
    { ...process.env, NODE_ENV: 'test', DATABASE_URL: `file:${path.join(nowhere, 'scir.db')}` },
    60_000,
  )
  expect(stdout).toContain('integrity ok')
  expect(stderr).toMatch(/not audited, there is no database/)
  expect(fs.existsSync(nowhere)).toBe(false)
})
