import { expect, test } from 'vitest'
import * as usersRoute from '~/routes/admin.users'
import * as reviewRoute from '~/routes/reviews.$reviewId'
import * as newReviewRoute from '~/routes/reviews.new'
import { prisma } from '~/utils/db.server'
import { buildRequest, cookieFor, makeJurisdiction, makeReview, makeUser } from '../support/fixtures'

type Reply = { result: { error?: Record<string, string[] | null> } }

async function errorsOf(response: Response) {
  expect(response.status).toBe(400)
  return ((await response.json()) as Reply).result.error ?? {}
}

test('a new review with bad fields gets a message per field and nothing is saved', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id, { canLeadReviews: true })
  const { cookie } = await cookieFor(u.id)
  const before = await prisma.review.count()
  const response = await newReviewRoute.action({
    request: buildRequest('/reviews/new', { cookie, form: { title: '   ', incidentType: 'flood', incidentDate: '2025-02-30', summary: 'x'.repeat(20001) } }),
    params: {},
    context: {},
  })
  const errors = await errorsOf(response)
  expect(errors.title).toEqual(['validation.titleRequired'])
  expect(errors.incidentType).toEqual(['validation.incidentTypeRequired'])
  expect(errors.incidentDate).toEqual(['validation.incidentDateInvalid'])
  expect(errors.summary).toEqual(['validation.summaryTooLong'])
  expect(await prisma.review.count()).toBe(before)
})

test('an incident date in the future is refused', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id, { canLeadReviews: true })
  const { cookie } = await cookieFor(u.id)
  const response = await newReviewRoute.action({
    request: buildRequest('/reviews/new', { cookie, form: { title: 'Future', incidentType: 'other', incidentDate: '2999-01-01' } }),
    params: {},
    context: {},
  })
  expect((await errorsOf(response)).incidentDate).toEqual(['validation.incidentDateFuture'])
})

test('a valid review is created with its creator as facilitator, and audited', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id, { canLeadReviews: true })
  const { cookie } = await cookieFor(u.id)
  const response = await newReviewRoute.action({
    request: buildRequest('/reviews/new', {
      cookie,
      form: { title: 'Review K-17', incidentType: 'near_fatality', incidentDate: '2026-10-10', summary: 'Synthetic.' },
    }),
    params: {},
    context: {},
  })
  expect(response.status).toBe(302)
  const id = response.headers.get('location')!.split('/').pop()!
  const review = await prisma.review.findUniqueOrThrow({ where: { id }, include: { members: true } })
  expect(review).toMatchObject({ title: 'Review K-17', incidentType: 'near_fatality', phase: 'intake', jurisdictionId: j.id })
  expect(review.members).toEqual([expect.objectContaining({ userId: u.id, role: 'facilitator' })])
  expect(await prisma.auditEvent.count({ where: { reviewId: id, action: 'review.created' } })).toBe(1)
})

test('adding a member: unknown email, other jurisdiction, bad role and duplicates are field errors', async () => {
  const j = await makeJurisdiction()
  const other = await makeJurisdiction()
  const facilitator = await makeUser(j.id)
  const colleague = await makeUser(j.id)
  const stranger = await makeUser(other.id)
  const review = await makeReview(j.id, [{ userId: facilitator.id, role: 'facilitator' }])
  const { cookie } = await cookieFor(facilitator.id)
  const post = (form: Record<string, string>) =>
    reviewRoute.action({ request: buildRequest(`/reviews/${review.id}`, { cookie, form }), params: { reviewId: review.id }, context: {} })

  expect((await errorsOf(await post({ intent: 'add', email: 'not-an-email', role: 'observer' }))).email).toEqual(['validation.emailInvalid'])
  expect((await errorsOf(await post({ intent: 'add', email: colleague.email, role: 'boss' }))).role).toEqual(['validation.roleRequired'])
  expect((await errorsOf(await post({ intent: 'add', email: 'nobody@example.test', role: 'observer' }))).email).toEqual(['members.noSuchUser'])
  // Indistinguishable from an unknown address: no probing of other jurisdictions.
  expect((await errorsOf(await post({ intent: 'add', email: stranger.email, role: 'observer' }))).email).toEqual(['members.noSuchUser'])
  expect((await post({ intent: 'add', email: colleague.email, role: 'qi_lead' })).status).toBe(200)
  expect((await errorsOf(await post({ intent: 'add', email: colleague.email, role: 'observer' }))).email).toEqual(['members.alreadyMember'])
  expect(await prisma.reviewMember.count({ where: { reviewId: review.id } })).toBe(2)
})

test('the last facilitator cannot be removed', async () => {
  const j = await makeJurisdiction()
  const facilitator = await makeUser(j.id)
  const review = await makeReview(j.id, [{ userId: facilitator.id, role: 'facilitator' }])
  const member = await prisma.reviewMember.findFirstOrThrow({ where: { reviewId: review.id } })
  const { cookie } = await cookieFor(facilitator.id)
  const response = await reviewRoute.action({
    request: buildRequest(`/reviews/${review.id}`, { cookie, form: { intent: 'remove', memberId: member.id } }),
    params: { reviewId: review.id },
    context: {},
  })
  expect(((await response.json()) as Reply).result.error?.['']).toEqual(['members.lastFacilitator'])
  expect(await prisma.reviewMember.count({ where: { reviewId: review.id } })).toBe(1)
})

test('creating a user: bad email and duplicate email are field errors; success gives a one-time link', async () => {
  const j = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const { cookie } = await cookieFor(admin.id)
  const post = (form: Record<string, string>) => usersRoute.action({ request: buildRequest('/admin/users', { cookie, form }), params: {}, context: {} })
  const bad = await errorsOf(await post({ intent: 'create', name: '', email: 'x' }))
  expect(bad.name).toEqual(['validation.nameRequired'])
  expect(bad.email).toEqual(['validation.emailInvalid'])
  const ok = await post({ intent: 'create', name: 'Sam Sample', email: 'Sam.Sample@Example.test' })
  const body = (await ok.json()) as { setupLink: string }
  expect(body.setupLink).toMatch(/\/set-password\/[A-Za-z0-9_-]{40,}$/)
  expect(await prisma.user.findUnique({ where: { email: 'sam.sample@example.test' } })).not.toBeNull()
  expect((await errorsOf(await post({ intent: 'create', name: 'Sam Again', email: 'sam.sample@example.test' }))).email).toEqual(['users.emailTaken'])
})
