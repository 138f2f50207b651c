import { expect, test } from 'vitest'
import { reviewSnapshot, siblingCheckOf } from '~/models/phase.server'
import { prisma } from '~/utils/db.server'
import { makeJurisdiction, makeReview, makeUser } from '../support/fixtures'

// Text columns hold domain values (ADR 0034); a value outside the domain's list must stop where
// it is read, naming the table and column, instead of travelling on as if it were valid.
async function reviewWithRecommendation(strength: string, status: string) {
  const j = await makeJurisdiction()
  const facilitator = await makeUser(j.id)
  const review = await makeReview(j.id, [{ userId: facilitator.id, role: 'facilitator' }])
  await prisma.projectedRecommendation.create({
    data: { reviewId: review.id, id: 'rec-1', text: 'Shared caseload review', strength, status, position: 0 },
  })
  return review
}

test('a valid recommendation row reads as before', async () => {
  const review = await reviewWithRecommendation('stronger', 'accepted')
  const snapshot = await reviewSnapshot(review)
  expect(snapshot.recommendations).toEqual([expect.objectContaining({ strength: 'stronger', status: 'accepted' })])
})

test('a recommendation row with an unknown strength is refused with the column named', async () => {
  const review = await reviewWithRecommendation('strongest', 'accepted')
  await expect(reviewSnapshot(review)).rejects.toThrow(/ProjectedRecommendation\.strength: .*'strongest'/)
})

test('a recommendation row with an unknown status is refused with the column named', async () => {
  const review = await reviewWithRecommendation('weaker', 'shelved')
  await expect(reviewSnapshot(review)).rejects.toThrow(/ProjectedRecommendation\.status: .*'shelved'/)
})

test('an unknown sibling-check outcome is refused', () => {
  expect(siblingCheckOf({ siblingCheckDate: '2026-01-05', siblingCheckOutcome: 'no_concerns' })).toEqual({ date: '2026-01-05', outcome: 'no_concerns' })
  expect(() => siblingCheckOf({ siblingCheckDate: '2026-01-05', siblingCheckOutcome: 'probably_fine' })).toThrow(
    /Review\.siblingCheckOutcome: .*'probably_fine'/,
  )
})
