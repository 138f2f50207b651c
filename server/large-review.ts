import { createReview } from '~/models/review.server'
import type { PrismaClient } from '~/utils/db.server'
import { syntheticCaseFile } from './synthetic-case-file'

/** A synthetic review of `events` events, staffed with the jurisdiction's demo members if present. */
export async function createLargeReview(prisma: PrismaClient, options: { events: number; jurisdictionCode: string }) {
  const jurisdiction = await prisma.jurisdiction.findUnique({ where: { code: options.jurisdictionCode } })
  if (!jurisdiction) throw new Error(`no jurisdiction with code ${options.jurisdictionCode}`)
  const caseFile = syntheticCaseFile({ events: options.events })
  const facilitator = await prisma.user.findFirst({ where: { jurisdictionId: jurisdiction.id, email: { startsWith: 'facilitator@' } } })
  const review = await createReview({
    title: caseFile.review.title,
    incidentType: caseFile.review.incidentType,
    incidentDate: caseFile.review.incidentDate,
    summary: caseFile.review.summary ?? '',
    jurisdictionId: jurisdiction.id,
    createdById: facilitator?.id ?? null,
    caseFile,
  })
  const others = await prisma.user.findMany({
    where: { jurisdictionId: jurisdiction.id, OR: [{ email: { startsWith: 'panel@' } }, { email: { startsWith: 'observer@' } }] },
  })
  for (const u of others) {
    await prisma.reviewMember.create({ data: { reviewId: review.id, userId: u.id, role: u.email.startsWith('panel@') ? 'panel_member' : 'observer' } })
  }
  return review.id
}
