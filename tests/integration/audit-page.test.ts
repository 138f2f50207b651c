// Issue 17: the admin's audit page (filters, pages, only the own jurisdiction) and the events
// it must show that were not audited before (sign-ins and failures, reads of staff accounts).
import { expect, test } from 'vitest'
import { writeAuditRow } from '../support/audit-rows'
import * as auditRoute from '~/routes/admin.audit'
import { hashPassword, verifyLogin } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { buildRequest, cookieFor, makeJurisdiction, makeReview, makeUser } from '../support/fixtures'

type PageData = { total: number; pages: number; rows: { action: string; actorId: string | null; reviewId: string | null }[]; problem: string | null }

async function page(cookie: string, query: string): Promise<PageData> {
  const response = (await auditRoute.loader({ request: buildRequest(`/admin/audit${query}`, { cookie }), params: {}, context: {} })) as Response
  return (await response.json()) as PageData
}

test('filters by person, review, action and day, pages by 50, and never shows another jurisdiction', async () => {
  const j = await makeJurisdiction()
  const other = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const person = await makeUser(j.id)
  const review = await makeReview(j.id, [])
  for (let i = 0; i < 60; i++)
    await writeAuditRow({ jurisdictionId: j.id, actorId: person.id, reviewId: review.id, action: 'review.phase-moved', detail: { i } })
  await writeAuditRow({ jurisdictionId: j.id, actorId: admin.id, action: 'jurisdiction.sharing-changed' })
  await writeAuditRow({ jurisdictionId: other.id, actorId: null, action: 'review.phase-moved' })
  const { cookie } = await cookieFor(admin.id)

  const all = await page(cookie, '')
  expect(all.total).toBe(61)
  expect(all.rows).toHaveLength(50)
  expect(all.rows[0]!.action).toBe('jurisdiction.sharing-changed')
  expect((await page(cookie, '?page=2')).rows).toHaveLength(11)
  expect((await page(cookie, `?person=${person.id}`)).total).toBe(60)
  expect((await page(cookie, `?review=${review.id}&action=review.`)).total).toBe(60)
  expect((await page(cookie, '?action=jurisdiction.')).total).toBe(1)
  const today = new Date().toISOString().slice(0, 10)
  expect((await page(cookie, `?from=${today}&to=${today}`)).total).toBe(61)
  expect((await page(cookie, '?to=2020-01-01')).total).toBe(0)
  // A hand-edited, invalid filter shows everything with a note.
  const bad = await page(cookie, '?from=2026-02-31')
  expect(bad.problem).toBe('ops.audit.problemDate')
  expect(bad.total).toBe(61)
  expect((await page(cookie, '?from=2026-03-02&to=2026-03-01')).problem).toBe('ops.audit.problemOrder')
})

test('sign-ins and failed sign-ins of known people are audited, without the password', async () => {
  const j = await makeJurisdiction()
  const person = await makeUser(j.id)
  await prisma.user.update({ where: { id: person.id }, data: { passwordHash: await hashPassword('a long enough password') } })
  expect(await verifyLogin(person.email, 'a long enough password')).not.toBeNull()
  expect(await verifyLogin(person.email, 'the wrong password!!')).toBeNull()
  expect(await verifyLogin('nobody-here@example.test', 'whatever password')).toBeNull()
  const rows = await prisma.auditEvent.findMany({ where: { jurisdictionId: j.id }, orderBy: { seq: 'asc' } })
  expect(rows.map(r => [r.action, r.actorId])).toEqual([
    ['auth.signed-in', person.id],
    ['auth.sign-in-failed', person.id],
  ])
  expect(JSON.parse(rows[1]!.detail)).toEqual({ reason: 'wrong-password', method: 'password' })
  expect(rows.map(r => r.detail).join('')).not.toContain('password!!')
})

test('an admin marks a person as able to open reviews; the change is audited and takes effect', async () => {
  const { setCanLeadReviews } = await import('~/models/user.server')
  const newReview = await import('~/routes/reviews.new')
  const j = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const person = await makeUser(j.id)
  const { cookie } = await cookieFor(person.id)
  const load = () => newReview.loader({ request: buildRequest('/reviews/new', { cookie }), params: {}, context: {} })
  await expect(load()).rejects.toMatchObject({ status: 403 })
  await setCanLeadReviews(j.id, person.id, true, admin.id)
  expect(await load()).toBeTruthy()
  const row = await prisma.auditEvent.findFirstOrThrow({ where: { jurisdictionId: j.id, action: 'user.lead-changed' } })
  expect(row.actorId).toBe(admin.id)
  expect(JSON.parse(row.detail)).toEqual({ userId: person.id, canLeadReviews: true })
})
