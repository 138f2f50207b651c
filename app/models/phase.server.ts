import { z } from 'zod'
import { canMove, phaseChecklist, type ReviewSnapshot } from '~/domain/workflow'
import { reviewPhases, type CoreValue, type FindingStatus, type RecommendationStatus, type RecommendationStrength, type ReviewPhase, type ReviewRole } from '~/domain/vocabulary'
import { prisma } from '~/utils/db.server'
import type { RegistryFacts } from './review-projection.server'
import { accountStatesOf } from './staff-account.server'

export const movePhaseSchema = z.object({
  intent: z.literal('move-phase'),
  to: z.enum(reviewPhases, { errorMap: () => ({ message: 'phaseMove.unknown_phase' }) }),
  reason: z.string().trim().max(2000, 'phaseMove.reasonTooLong').optional(),
})

export type PhaseMoveResult = { ok: true } | { ok: false; problem: string }

export async function movePhase(review: { id: string; jurisdictionId: string; phase: string }, to: ReviewPhase, reason: string | undefined, actorId: string): Promise<PhaseMoveResult> {
  const from = review.phase as ReviewPhase
  const check = canMove(from, to, reason)
  if (!check.allowed) return { ok: false, problem: `phaseMove.${check.problem}` }
  // Guarded on the phase we read, so two facilitators clicking at once cannot skip a phase.
  const updated = await prisma.$transaction(async tx => {
    const result = await tx.review.updateMany({ where: { id: review.id, phase: from }, data: { phase: to } })
    if (result.count !== 1) return false
    await tx.auditEvent.create({
      data: {
        jurisdictionId: review.jurisdictionId,
        reviewId: review.id,
        actorId,
        action: 'review.phase-moved',
        detail: JSON.stringify({ from, to, direction: check.direction, reason: reason?.trim() || null }),
      },
    })
    return true
  })
  return updated ? { ok: true } : { ok: false, problem: 'phaseMove.stale' }
}

export type PhaseMove = { at: string; actorName: string | null; from: ReviewPhase; to: ReviewPhase; reason: string | null }

export async function phaseHistory(reviewId: string): Promise<PhaseMove[]> {
  const events = await prisma.auditEvent.findMany({
    where: { reviewId, action: 'review.phase-moved' },
    orderBy: { createdAt: 'desc' },
    take: 100,
  })
  const actorIds = [...new Set(events.map(e => e.actorId).filter((id): id is string => Boolean(id)))]
  const actors = new Map((await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map(u => [u.id, u.name]))
  return events.map(e => {
    const detail = JSON.parse(e.detail) as { from: ReviewPhase; to: ReviewPhase; reason: string | null }
    return { at: e.createdAt.toISOString(), actorName: e.actorId ? (actors.get(e.actorId) ?? null) : null, ...detail }
  })
}

/** What the phase checklists need, from the projection rows (the document itself stays in the room). */
export async function reviewSnapshot(review: { id: string; incidentDate: Date }): Promise<ReviewSnapshot> {
  const where = { reviewId: review.id }
  const [members, eventCount, incidentEvents, keyEpisodeCount, unmetNeedCount, ratedFactorCount, findings, tags, recommendations, projection] = await Promise.all([
    prisma.reviewMember.findMany({ where, select: { role: true } }),
    prisma.projectedEvent.count({ where }),
    prisma.projectedEvent.count({ where: { ...where, stage: 'incident' } }),
    prisma.projectedEvent.count({ where: { ...where, keyPracticeEpisode: true } }),
    prisma.projectedUnmetNeed.count({ where }),
    prisma.projectedFactorRating.count({ where }),
    prisma.projectedFinding.findMany({ where, select: { id: true, status: true } }),
    prisma.projectedFindingTag.findMany({ where, select: { findingId: true, value: true } }),
    prisma.projectedRecommendation.findMany({ where, select: { owner: true, dueDate: true, measure: true, strength: true, status: true } }),
    prisma.reviewProjection.findUnique({ where }),
  ])
  const facts = JSON.parse(projection?.registryFacts ?? '{}') as Partial<RegistryFacts>
  const accountStates = await accountStatesOf(review.id)
  // Ticked when the facilitator has published a "what changed" update to the participants.
  const staffToldWhatChanged = (await prisma.whatChangedUpdate.count({ where })) > 0
  return {
    incidentDate: review.incidentDate.toISOString().slice(0, 10),
    memberRoles: members.map(m => m.role as ReviewRole),
    eventCount,
    hasIncidentEvent: incidentEvents > 0,
    keyEpisodeCount,
    unmetNeedCount,
    ratedFactorCount,
    personRoles: (facts.personRoles ?? []) as ReviewSnapshot['personRoles'],
    childIsIndigenous: facts.childIsIndigenous ?? false,
    accountStates,
    findings: findings.map(f => ({
      status: f.status as FindingStatus,
      valueTags: tags.filter(t => t.findingId === f.id).map(t => t.value as CoreValue),
    })),
    recommendations: recommendations.map(r => ({
      ...r,
      strength: r.strength as RecommendationStrength,
      status: r.status as RecommendationStatus,
    })),
    staffToldWhatChanged,
  }
}

export async function currentChecklist(review: { id: string; incidentDate: Date; phase: string }) {
  const snapshot = await reviewSnapshot(review)
  if (review.phase === 'approval') {
    // Only asked in the phase that needs it: it de-identifies the whole document.
    const { prepareExport } = await import('./export.server')
    snapshot.unresolvedResiduals = (await prepareExport(review.id)).unresolved.length
  }
  return phaseChecklist(review.phase as ReviewPhase, snapshot)
}
