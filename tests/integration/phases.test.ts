import { expect, test } from 'vitest'
import * as reviewRoute from '~/routes/reviews.$reviewId'
import { prisma } from '~/utils/db.server'
import { buildRequest, cookieFor, makeJurisdiction, makeReview, makeUser } from '../support/fixtures'

async function setup() {
  const j = await makeJurisdiction()
  const facilitator = await makeUser(j.id, { name: 'Fay Facilitator' })
  const review = await makeReview(j.id, [{ userId: facilitator.id, role: 'facilitator' }])
  const { cookie } = await cookieFor(facilitator.id)
  const move = async (form: Record<string, string>) => {
    const response = await reviewRoute.action({
      request: buildRequest(`/reviews/${review.id}`, { cookie, form: { intent: 'move-phase', ...form } }),
      params: { reviewId: review.id },
      context: {},
    })
    return { status: response.status, body: (await response.json()) as { result: { error?: Record<string, string[]> } } }
  }
  const phase = async () => (await prisma.review.findUniqueOrThrow({ where: { id: review.id } })).phase
  return { review, cookie, move, phase }
}

test('forward one phase at a time; skipping is refused', async () => {
  const { move, phase } = await setup()
  expect((await move({ to: 'preparation' })).status).toBe(200)
  expect(await phase()).toBe('preparation')
  const skip = await move({ to: 'analysis' })
  expect(skip.status).toBe(400)
  expect(skip.body.result.error?.reason).toEqual(['phaseMove.skips_phases'])
  expect(await phase()).toBe('preparation')
})

test('moving back needs a reason, and every move is recorded with who and why', async () => {
  const { review, move, phase, cookie } = await setup()
  await move({ to: 'preparation' })
  await move({ to: 'staff_accounts' })
  const noReason = await move({ to: 'intake', reason: '   ' })
  expect(noReason.body.result.error?.reason).toEqual(['phaseMove.reason_required'])
  expect(await phase()).toBe('staff_accounts')
  expect((await move({ to: 'intake', reason: 'New hospital records arrived' })).status).toBe(200)
  expect(await phase()).toBe('intake')

  const audit = await prisma.auditEvent.findMany({ where: { reviewId: review.id, action: 'review.phase-moved' }, orderBy: { createdAt: 'asc' } })
  expect(audit.map(a => JSON.parse(a.detail))).toEqual([
    // Moving on is never blocked, but the history keeps what was still open.
    { from: 'intake', to: 'preparation', direction: 'forward', reason: null, openItems: [{ key: 'checklist.intake.siblingSafetyCheck', params: {} }] },
    {
      from: 'preparation',
      to: 'staff_accounts',
      direction: 'forward',
      reason: null,
      openItems: [
        { key: 'checklist.preparation.timelineHasEvents', params: {} },
        { key: 'checklist.preparation.timelineHasIncident', params: {} },
        { key: 'checklist.preparation.registryHasChild', params: {} },
      ],
    },
    { from: 'staff_accounts', to: 'intake', direction: 'back', reason: 'New hospital records arrived' },
  ])
  const page = await reviewRoute.loader({ request: buildRequest(`/reviews/${review.id}`, { cookie }), params: { reviewId: review.id }, context: {} })
  const data = (await page.json()) as {
    phase: { history: { to: string; actorName: string; reason: string | null }[]; checklist: { key: string; done: boolean }[] }
  }
  expect(data.phase.history[0]).toMatchObject({ to: 'intake', actorName: 'Fay Facilitator', reason: 'New hospital records arrived' })
  expect(data.phase.checklist.find(c => c.key === 'checklist.intake.facilitatorAssigned')?.done).toBe(true)
})

test('an unknown phase is a validation error', async () => {
  const { move } = await setup()
  const r = await move({ to: 'party' })
  expect(r.status).toBe(400)
  expect(r.body.result.error?.to).toEqual(['phaseMove.unknown_phase'])
})

type Checklist = { key: string; done: boolean }[]

async function checklistOf(reviewId: string, cookie: string) {
  const page = await reviewRoute.loader({ request: buildRequest(`/reviews/${reviewId}`, { cookie }), params: { reviewId }, context: {} })
  return ((await page.json()) as { phase: { checklist: Checklist; history: { openItems: { key: string }[] }[] } }).phase
}

async function post(reviewId: string, cookie: string, form: Record<string, string>) {
  const response = await reviewRoute.action({ request: buildRequest(`/reviews/${reviewId}`, { cookie, form }), params: { reviewId }, context: {} })
  return { status: response.status, body: (await response.json()) as { done: string | null; result: { error?: Record<string, string[]> } } }
}

test('the sibling safety check is recorded with its date and outcome, and ticks the intake item', async () => {
  const { review, cookie, move } = await setup()
  const item = async () => (await checklistOf(review.id, cookie)).checklist.find(c => c.key === 'checklist.intake.siblingSafetyCheck')
  expect((await item())?.done).toBe(false)

  const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
  const refused = await post(review.id, cookie, { intent: 'record-sibling-check', date: future, outcome: 'no_concerns' })
  expect(refused.status).toBe(400)
  expect(refused.body.result.error?.date).toEqual(['checks.siblingCheck.dateFuture'])
  expect((await post(review.id, cookie, { intent: 'record-sibling-check', date: '2025-02-30', outcome: 'no_concerns' })).body.result.error?.date).toEqual([
    'checks.siblingCheck.dateInvalid',
  ])
  expect((await post(review.id, cookie, { intent: 'record-sibling-check', date: '2025-03-20' })).body.result.error?.outcome).toEqual([
    'checks.siblingCheck.outcomeRequired',
  ])
  expect((await item())?.done).toBe(false)

  const saved = await post(review.id, cookie, { intent: 'record-sibling-check', date: '2025-03-20', outcome: 'concerns_acted_on' })
  expect(saved).toMatchObject({ status: 200, body: { done: 'checks.siblingCheck.saved' } })
  expect(await prisma.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({
    siblingCheckDate: '2025-03-20',
    siblingCheckOutcome: 'concerns_acted_on',
  })
  expect((await item())?.done).toBe(true)
  expect(await prisma.auditEvent.count({ where: { reviewId: review.id, action: 'review.sibling-check-recorded' } })).toBe(1)

  // With every intake item done, moving on records no open items.
  await move({ to: 'preparation' })
  expect((await checklistOf(review.id, cookie)).history[0]?.openItems).toEqual([])
})

test('a member marked as community representative ticks the joint-review item when the child is Indigenous', async () => {
  const { review, cookie } = await setup()
  await prisma.review.update({ where: { id: review.id }, data: { phase: 'joint_review' } })
  await prisma.reviewProjection.upsert({
    where: { reviewId: review.id },
    create: { reviewId: review.id, projectedAt: new Date(), registryFacts: JSON.stringify({ personRoles: ['child'], childIsIndigenous: true }) },
    update: { registryFacts: JSON.stringify({ personRoles: ['child'], childIsIndigenous: true }) },
  })
  const item = async () => (await checklistOf(review.id, cookie)).checklist.find(c => c.key === 'checklist.jointReview.communityRepresentative')
  expect((await item())?.done).toBe(false)

  const elder = await makeUser(review.jurisdictionId, { name: 'Elder Synthetic' })
  const added = await post(review.id, cookie, { intent: 'add', email: elder.email, role: 'panel_member', communityRepresentative: 'on' })
  expect(added.status).toBe(200)
  expect((await item())?.done).toBe(true)

  const member = await prisma.reviewMember.findFirstOrThrow({ where: { reviewId: review.id, userId: elder.id } })
  expect((await post(review.id, cookie, { intent: 'community-representative', memberId: member.id, value: 'no' })).body.done).toBe('checks.communityRep.saved')
  expect((await item())?.done).toBe(false)
  await post(review.id, cookie, { intent: 'community-representative', memberId: member.id, value: 'yes' })
  expect((await item())?.done).toBe(true)
})
