import { isFinished, isOverdue, sortTrackerRows } from '~/domain/workflow'
import type { RecommendationStatus, RecommendationStrength } from '~/domain/vocabulary'
import { recommendationStatusOf } from './decode.server'
import { prisma } from '~/utils/db.server'
import { recommendationAcrossReviews } from './rows.server'

export type TrackerEntry = {
  reviewId: string
  reviewTitle: string
  id: string
  text: string
  strength: RecommendationStrength
  owner: string | null
  dueDate: string | null
  measure: string | null
  status: RecommendationStatus
  overdue: boolean
}

/**
 * Open recommendations across the reviews a user may see (their memberships; every review of
 * the jurisdiction for its admins), overdue first. From the projection, so it spans reviews
 * without opening their documents.
 */
export async function recommendationTracker(
  user: { id: string; jurisdictionId: string; isAdmin: boolean },
  options: { includeFinished?: boolean; today: string },
): Promise<TrackerEntry[]> {
  const reviews = await prisma.review.findMany({
    where: { jurisdictionId: user.jurisdictionId, ...(user.isAdmin ? {} : { members: { some: { userId: user.id } } }) },
    select: { id: true, title: true },
  })
  const titles = new Map(reviews.map(r => [r.id, r.title]))
  const rows = await prisma.projectedRecommendation.findMany({
    where: { reviewId: { in: [...titles.keys()] } },
    orderBy: [{ reviewId: 'asc' }, { position: 'asc' }],
  })
  const entries = rows.map(r => {
    const entry = {
      ...recommendationAcrossReviews(r, titles),
      owner: r.owner,
      dueDate: r.dueDate,
      measure: r.measure,
      status: recommendationStatusOf(r.status, 'ProjectedRecommendation.status'),
    }
    return { ...entry, overdue: isOverdue(entry, options.today) }
  })
  return sortTrackerRows(options.includeFinished ? entries : entries.filter(e => !isFinished(e)), options.today)
}
