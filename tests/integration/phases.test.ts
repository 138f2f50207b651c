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
    { from: 'intake', to: 'preparation', direction: 'forward', reason: null },
    { from: 'preparation', to: 'staff_accounts', direction: 'forward', reason: null },
    { from: 'staff_accounts', to: 'intake', direction: 'back', reason: 'New hospital records arrived' },
  ])
  const page = await reviewRoute.loader({ request: buildRequest(`/reviews/${review.id}`, { cookie }), params: { reviewId: review.id }, context: {} })
  const data = (await page.json()) as { phase: { history: { to: string; actorName: string; reason: string | null }[]; checklist: { key: string; done: boolean }[] } }
  expect(data.phase.history[0]).toMatchObject({ to: 'intake', actorName: 'Fay Facilitator', reason: 'New hospital records arrived' })
  expect(data.phase.checklist.find(c => c.key === 'checklist.intake.facilitatorAssigned')?.done).toBe(true)
})

test('an unknown phase is a validation error', async () => {
  const { move } = await setup()
  const r = await move({ to: 'party' })
  expect(r.status).toBe(400)
  expect(r.body.result.error?.to).toEqual(['phaseMove.unknown_phase'])
})
