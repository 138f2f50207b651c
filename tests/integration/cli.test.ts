import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { expect, test } from 'vitest'
import { readReviewDoc } from '~/domain/review-doc'
import { verifyLogin } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { runCli, type CliIO } from '../../server/cli'
import { exampleCaseFilePath } from '../../server/demo-seed'

function io(env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const value: CliIO = { out: l => out.push(l), err: l => err.push(l), env, promptSecret: async () => null }
  return { io: value, out, err }
}

test('user add creates the jurisdiction if needed and an admin who can sign in', async () => {
  const t = io({ PASSWORD: 'a strong operator password' })
  expect(await runCli(['user', 'add', 'Lead@Agency.example', '--jurisdiction', 'ON-01', '--admin', '--name', 'Lee Lead'], t.io, prisma)).toBe(0)
  expect(t.out.join('\n')).toContain('created jurisdiction ON-01')
  const user = await prisma.user.findUniqueOrThrow({ where: { email: 'lead@agency.example' }, include: { jurisdiction: true } })
  expect(user).toMatchObject({ isAdmin: true, name: 'Lee Lead' })
  expect(user.jurisdiction.code).toBe('ON-01')
  expect(await verifyLogin('lead@agency.example', 'a strong operator password')).toEqual({ id: user.id })
  // Nothing secret is echoed.
  expect(t.out.join('\n')).not.toContain('a strong operator password')

  const again = io({ PASSWORD: 'a strong operator password' })
  expect(await runCli(['user', 'add', 'lead@agency.example', '--jurisdiction', 'ON-01'], again.io, prisma)).toBe(1)
  expect(again.err.join('\n')).toContain('already exists')
})

test('user add refuses bad input with a clear message and writes nothing', async () => {
  const before = await prisma.user.count()
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['user', 'add', 'not-an-email', '--jurisdiction', 'ON-01'], { PASSWORD: 'long enough password' }, /email: not a valid email/],
    [['user', 'add', 'a@b.example'], { PASSWORD: 'long enough password' }, /--jurisdiction <code> is required/],
    [['user', 'add', 'a@b.example', '--jurisdiction', 'bad code'], { PASSWORD: 'long enough password' }, /jurisdiction code/],
    [['user', 'add', 'a@b.example', '--jurisdiction', 'ON-01'], { PASSWORD: 'short' }, /12 to 200 characters/],
    [['user', 'add', 'a@b.example', '--jurisdiction', 'ON-01'], {}, /no password/],
  ]
  for (const [argv, env, message] of cases) {
    const t = io(env)
    expect(await runCli(argv, t.io, prisma)).toBe(1)
    expect(t.err.join('\n')).toMatch(message)
  }
  expect(await prisma.user.count()).toBe(before)
})

test('unknown commands print the usage and exit 2', async () => {
  const t = io()
  expect(await runCli(['frobnicate'], t.io, prisma)).toBe(2)
  expect(t.err.join('\n')).toContain('usage: npm run cli')
})

test('import creates a review from a case file, prints its id, and seeds its document', async () => {
  const admin = io({ PASSWORD: 'a strong operator password' })
  await runCli(['user', 'add', 'fac@agency.example', '--jurisdiction', 'IM-01'], admin.io, prisma)
  const t = io()
  expect(await runCli(['import', exampleCaseFilePath, '--facilitator', 'fac@agency.example'], t.io, prisma)).toBe(0)
  const id = t.out.at(-1)!
  const review = await prisma.review.findUniqueOrThrow({ where: { id }, include: { members: true, jurisdiction: true } })
  expect(review.jurisdiction.code).toBe('IM-01')
  expect(review.members).toEqual([expect.objectContaining({ role: 'facilitator' })])
  const snapshot = await prisma.collabSnapshot.findUniqueOrThrow({ where: { docName: `review:${id}` } })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, snapshot.state)
  expect(readReviewDoc(doc).doc.events.length).toBeGreaterThan(5)
})

test('an invalid case file is refused with every problem listed and nothing written', async () => {
  const file = path.join(os.tmpdir(), `bad-case-${Date.now()}.json`)
  fs.writeFileSync(
    file,
    JSON.stringify({
      format: 'scir-case-file/1',
      review: { title: '', incidentType: 'flood', incidentDate: '2025-02-30' },
      people: [],
      timeline: [{ date: 'soon', text: '' }],
    }),
  )
  const before = await prisma.review.count()
  const t = io()
  expect(await runCli(['import', file, '--jurisdiction', 'IM-01'], t.io, prisma)).toBe(1)
  const message = t.err.join('\n')
  expect(message).toContain('nothing was imported')
  for (const pointer of ['/review/title', '/review/incidentType', '/review/incidentDate', '/timeline/0/date', '/timeline/0/text'])
    expect(message).toContain(pointer)
  expect(await prisma.review.count()).toBe(before)

  const missing = io()
  expect(await runCli(['import', '/nonexistent/case.json'], missing.io, prisma)).toBe(1)
  expect(missing.err.join('\n')).toContain('cannot read /nonexistent/case.json: ENOENT')
})

test('import reads a CSV timeline (with optional people file) as the README promises', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-csv-'))
  const timeline = path.join(dir, 'timeline.csv')
  const people = path.join(dir, 'people.csv')
  fs.writeFileSync(people, 'key,name,role,birthDate\nc1,Test Child,child,2023-05-01\nw1,Test Worker,worker,\n')
  fs.writeFileSync(timeline, 'date,source,actors,text\n2025-01-05,intake,w1,Referral made\n2025-01-20,case notes,c1;w1,"Home visit, all well"\n')
  const t = io()
  const args = [
    'import',
    timeline,
    '--people',
    people,
    '--title',
    'CSV review',
    '--incident-type',
    'serious_injury',
    '--incident-date',
    '2025-02-01',
    '--summary',
    'From a spreadsheet',
    '--jurisdiction',
    'IM-01',
  ]
  expect(await runCli(args, t.io, prisma)).toBe(0)
  const id = t.out.at(-1)!
  const review = await prisma.review.findUniqueOrThrow({ where: { id } })
  expect(review).toMatchObject({ title: 'CSV review', incidentType: 'serious_injury', summary: 'From a spreadsheet' })
  const snapshot = await prisma.collabSnapshot.findUniqueOrThrow({ where: { docName: `review:${id}` } })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, snapshot.state)
  const read = readReviewDoc(doc).doc
  expect(read.events.map(e => e.description.text)).toEqual(['Referral made', 'Home visit, all well'])
  expect(read.people.map(p => p.name)).toEqual(['Test Child', 'Test Worker'])

  // A bad cell: refused, in words, with the row and column; nothing written.
  fs.writeFileSync(timeline, 'date,text\n2025-01-05,Referral made\n2024-13-45,Visit\n')
  const before = await prisma.review.count()
  const bad = io()
  expect(
    await runCli(['import', timeline, '--title', 'x', '--incident-type', 'other', '--incident-date', '2025-02-01', '--jurisdiction', 'IM-01'], bad.io, prisma),
  ).toBe(1)
  expect(bad.err.join('\n')).toContain('timeline CSV, row 3, column date: 2024-13-45 is not a real date')
  expect(await prisma.review.count()).toBe(before)

  // Without the review's details a CSV cannot make a review.
  const noTitle = io()
  expect(await runCli(['import', timeline, '--jurisdiction', 'IM-01'], noTitle.io, prisma)).toBe(1)
  expect(noTitle.err.join('\n')).toContain('--title, --incident-type, --incident-date')
})
