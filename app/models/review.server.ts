import { type ReviewPhase, type ReviewRole } from '~/domain/vocabulary'
import { prisma } from '~/utils/db.server'
import { pinsForNewReview } from '~/domain/settings-versions'
import { audit } from './audit.server'
import { versionsInForce } from './settings-version.server'
import { initialReviewDoc, storeInitialReviewDoc } from './review-doc.server'
import { projectReviewDocument } from './review-projection.server'
import type { CaseFile } from '~/domain/case-file'

export { reviewFormSchema, type ReviewForm } from '~/schemas/review'
import type { ReviewForm } from '~/schemas/review'

export async function createReview(input: ReviewForm & { jurisdictionId: string; createdById: string | null; caseFile?: CaseFile }) {
  let document: ReturnType<typeof initialReviewDoc>['document'] | null = null
  const created = await prisma.$transaction(async tx => {
    // Opened with the standards and framework in force today, kept until its facilitator switches.
    const pins = pinsForNewReview(await versionsInForce(input.jurisdictionId, tx))
    const review = await tx.review.create({
      data: {
        title: input.title,
        incidentType: input.incidentType,
        incidentDate: new Date(`${input.incidentDate}T00:00:00Z`),
        summary: input.summary ?? '',
        jurisdictionId: input.jurisdictionId,
        createdById: input.createdById,
        standardsVersion: pins.practiceStandards,
        frameworkVersion: pins.factorFramework,
        // Whoever opens a review runs it until they hand it over.
        ...(input.createdById ? { members: { create: { userId: input.createdById, role: 'facilitator' } } } : {}),
      },
    })
    const initial = initialReviewDoc(review.id, input.caseFile)
    document = initial.document
    await storeInitialReviewDoc(tx, review.id, initial.state)
    await audit(tx, {
      jurisdictionId: input.jurisdictionId,
      action: input.caseFile ? 'review.imported' : 'review.created',
      actorId: input.createdById,
      reviewId: review.id,
      detail: { title: input.title },
    })
    return review
  })
  if (document) await projectReviewDocument(created.id, document, 0)
  return created
}

export type ReviewListItem = {
  id: string
  title: string
  incidentType: string
  incidentDate: string
  phase: ReviewPhase
  role: ReviewRole | null
}

/** Reviews a user may see: the ones they are a member of, and for admins all of the jurisdiction's. */
export async function listReviewsFor(user: { id: string; jurisdictionId: string; isAdmin: boolean }): Promise<ReviewListItem[]> {
  const reviews = await prisma.review.findMany({
    where: {
      jurisdictionId: user.jurisdictionId,
      ...(user.isAdmin ? {} : { members: { some: { userId: user.id } } }),
    },
    select: {
      id: true,
      title: true,
      incidentType: true,
      incidentDate: true,
      phase: true,
      members: { where: { userId: user.id }, select: { role: true } },
    },
    orderBy: { incidentDate: 'asc' },
  })
  return reviews.map(r => ({
    id: r.id,
    title: r.title,
    incidentType: r.incidentType,
    incidentDate: r.incidentDate.toISOString().slice(0, 10),
    phase: r.phase,
    role: r.members[0]?.role ?? null,
  }))
}
