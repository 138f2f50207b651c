// Closing the loop with staff (DOMAIN.md, phase 7): the people who took part in a review learn
// what came of it. Only the reviews the person is or was a member of, in their jurisdiction.
import { isOverdue } from '~/domain/workflow'
import type { RecommendationStatus, RecommendationStrength, ReviewPhase, ReviewRole } from '~/domain/vocabulary'
import { prisma } from '~/utils/db.server'

export type WhatChangedRecommendation = {
  id: string
  text: string
  strength: RecommendationStrength
  status: RecommendationStatus
  owner: string | null
  dueDate: string | null
  overdue: boolean
}

export type WhatChangedReview = {
  reviewId: string
  title: string
  phase: ReviewPhase
  /** Their role now, or null when they were removed from the review. */
  role: ReviewRole | null
  recommendations: WhatChangedRecommendation[]
}

// Someone no longer on a review sees its recommendations only once findings are approved:
// until then they are the panel's unfinished work, which they have lost access to.
const approvedPhases: ReviewPhase[] = ['approval', 'shared']

/** Reviews the user left, from the append-only audit trail (membership rows are deleted). */
async function formerReviewIds(user: { id: string; jurisdictionId: string }): Promise<string[]> {
  const events = await prisma.auditEvent.findMany({
    where: { jurisdictionId: user.jurisdictionId, action: 'review.member-removed', detail: { contains: JSON.stringify(user.id) } },
    select: { reviewId: true, detail: true },
  })
  const ids = new Set<string>()
  for (const e of events) {
    let detail: unknown
    try {
      detail = JSON.parse(e.detail)
    } catch {
      continue
    }
    // `contains` only narrows the search; the id must be the removed member's, not anyone's.
    if (e.reviewId && typeof detail === 'object' && detail !== null && (detail as { userId?: unknown }).userId === user.id) ids.add(e.reviewId)
  }
  return [...ids]
}

export async function whatChangedFor(user: { id: string; jurisdictionId: string }, today: string): Promise<WhatChangedReview[]> {
  const memberships = await prisma.reviewMember.findMany({
    where: { userId: user.id, review: { jurisdictionId: user.jurisdictionId } },
    select: { role: true, reviewId: true },
  })
  const roleOf = new Map(memberships.map(m => [m.reviewId, m.role as ReviewRole]))
  const former = (await formerReviewIds(user)).filter(id => !roleOf.has(id))
  const reviews = await prisma.review.findMany({
    where: {
      jurisdictionId: user.jurisdictionId,
      OR: [{ id: { in: [...roleOf.keys()] } }, { id: { in: former }, phase: { in: approvedPhases } }],
    },
    select: { id: true, title: true, phase: true },
    orderBy: [{ incidentDate: 'desc' }, { title: 'asc' }],
  })
  const recommendations = await prisma.projectedRecommendation.findMany({
    where: { reviewId: { in: reviews.map(r => r.id) } },
    select: { reviewId: true, id: true, text: true, strength: true, status: true, owner: true, dueDate: true },
    orderBy: [{ reviewId: 'asc' }, { position: 'asc' }],
  })
  return reviews.map(r => ({
    reviewId: r.id,
    title: r.title,
    phase: r.phase as ReviewPhase,
    role: roleOf.get(r.id) ?? null,
    recommendations: recommendations
      .filter(rec => rec.reviewId === r.id)
      .map(rec => {
        const row = { status: rec.status as RecommendationStatus, dueDate: rec.dueDate }
        return {
          id: rec.id,
          text: rec.text,
          strength: rec.strength as RecommendationStrength,
          status: row.status,
          owner: rec.owner,
          dueDate: rec.dueDate,
          overdue: isOverdue(row, today),
        }
      }),
  }))
}
