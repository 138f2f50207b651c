import {
  canMove,
  checklistKeys,
  openChecklistItems,
  phaseChecklist,
  type ChecklistKey,
  type ChecklistParams,
  type ReviewSnapshot,
  type SiblingCheckOutcome,
} from '~/domain/workflow'
import { z } from 'zod'
import { reviewPhases, type ReviewPhase } from '~/domain/vocabulary'
import { CLOSED_PHASE } from '~/domain/retention'
import { prisma } from '~/utils/db.server'
import { purgeUnreleasedDrafts } from './retention.server'
import {
  columns,
  coreValueOf,
  findingStatusOf,
  parseJsonColumn,
  recommendationStatusOf,
  recommendationStrengthOf,
  siblingCheckOutcomeOf,
} from './decode.server'
import { reviewPhaseOf } from './rows.server'
import { accountStatesOf } from './staff-account.server'
import { familyWasInvited } from './family-voice.server'
import { reviewPartnerAgencies } from './partner.server'
import { audit, reviewAuditScope } from './audit.server'

export { movePhaseSchema } from '~/schemas/phase'

export type PhaseMoveResult = { ok: true } | { ok: false; problem: string }

type ReviewForPhase = {
  id: string
  jurisdictionId: string
  phase: string
  incidentDate: Date
  siblingCheckDate?: string | null
  siblingCheckOutcome?: string | null
}

export async function movePhase(review: ReviewForPhase, to: ReviewPhase, reason: string | undefined, actorId: string): Promise<PhaseMoveResult> {
  const from = reviewPhaseOf(review.phase)
  const check = canMove(from, to, reason)
  if (!check.allowed) return { ok: false, problem: `phaseMove.${check.problem}` }
  // What was left open is read here, not taken from the browser: the history must say what
  // the phase really lacked when someone moved on (the interface asked them to confirm).
  const openItems = check.direction === 'forward' ? openChecklistItems(await currentChecklist(review)) : []
  // Guarded on the phase we read, so two facilitators clicking at once cannot skip a phase.
  const updated = await prisma.$transaction(async tx => {
    // Retention counts from the day a review closes (ADR 0028); reopening it stops the clock.
    const closedAt = to === CLOSED_PHASE ? new Date() : null
    const result = await tx.review.updateMany({ where: { id: review.id, phase: from }, data: { phase: to, closedAt } })
    if (result.count !== 1) return false
    if (to === CLOSED_PHASE) await purgeUnreleasedDrafts(tx, review, actorId)
    await audit(tx, {
      ...reviewAuditScope(review, actorId),
      action: 'review.phase-moved',
      detail: { from, to, direction: check.direction, reason: reason?.trim() || null, ...(openItems.length ? { openItems } : {}) },
    })
    return true
  })
  return updated ? { ok: true } : { ok: false, problem: 'phaseMove.stale' }
}

export type OpenItem = { key: ChecklistKey; params: ChecklistParams }

const phaseMovedDetail = z.object({
  from: z.enum(reviewPhases),
  to: z.enum(reviewPhases),
  reason: z.string().nullable(),
  openItems: z
    .array(z.object({ key: z.enum(checklistKeys as [ChecklistKey, ...ChecklistKey[]]), params: z.record(z.union([z.string(), z.number()])) }))
    .optional(),
})

// Partial: a projection written before a fact existed lacks it.
const registryFactsColumn = z.object({ personRoles: z.array(columns.personRole), childIsIndigenous: z.boolean() }).partial()
export type PhaseMove = { at: string; actorName: string | null; from: ReviewPhase; to: ReviewPhase; reason: string | null; openItems: OpenItem[] }

export async function phaseHistory(reviewId: string): Promise<PhaseMove[]> {
  const events = await prisma.auditEvent.findMany({
    where: { reviewId, action: 'review.phase-moved' },
    orderBy: { createdAt: 'desc' },
    take: 100,
  })
  const actorIds = [...new Set(events.map(e => e.actorId).filter((id): id is string => Boolean(id)))]
  const actors = new Map((await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map(u => [u.id, u.name]))
  return events.map(e => {
    const detail = parseJsonColumn(phaseMovedDetail, e.detail, `AuditEvent.detail (${e.id})`)
    return {
      at: e.createdAt.toISOString(),
      actorName: e.actorId ? (actors.get(e.actorId) ?? null) : null,
      from: detail.from,
      to: detail.to,
      reason: detail.reason,
      openItems: detail.openItems ?? [],
    }
  })
}

/** What the phase checklists need, from the projection rows (the document itself stays in the room). */
export async function reviewSnapshot(review: {
  id: string
  incidentDate: Date
  siblingCheckDate?: string | null
  siblingCheckOutcome?: string | null
}): Promise<ReviewSnapshot> {
  const where = { reviewId: review.id }
  const [members, eventCount, incidentEvents, keyEpisodeCount, unmetNeedCount, ratedFactorCount, findings, tags, recommendations, projection] =
    await Promise.all([
      prisma.reviewMember.findMany({ where, select: { role: true, communityRepresentative: true } }),
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
  const facts = parseJsonColumn(registryFactsColumn, projection?.registryFacts ?? '{}', 'ReviewProjection.registryFacts')
  const accountStates = await accountStatesOf(review.id)
  // Ticked when the facilitator has published a "what changed" update to the participants.
  const staffToldWhatChanged = (await prisma.whatChangedUpdate.count({ where })) > 0
  const [partnerAgencies, familyInvited] = await Promise.all([reviewPartnerAgencies(review.id), familyWasInvited(review.id)])
  return {
    incidentDate: review.incidentDate.toISOString().slice(0, 10),
    memberRoles: members.map(m => m.role),
    siblingSafetyCheckDone: Boolean(review.siblingCheckDate && review.siblingCheckOutcome),
    hasCommunityRepresentative: members.some(m => m.communityRepresentative),
    eventCount,
    hasIncidentEvent: incidentEvents > 0,
    keyEpisodeCount,
    unmetNeedCount,
    ratedFactorCount,
    personRoles: facts.personRoles ?? [],
    childIsIndigenous: facts.childIsIndigenous ?? false,
    accountStates,
    findings: findings.map(f => ({
      status: findingStatusOf(f.status, 'ProjectedFinding.status'),
      valueTags: tags.filter(t => t.findingId === f.id).map(t => coreValueOf(t.value, 'ProjectedFindingTag.value')),
    })),
    recommendations: recommendations.map(r => ({
      ...r,
      strength: recommendationStrengthOf(r.strength, 'ProjectedRecommendation.strength'),
      status: recommendationStatusOf(r.status, 'ProjectedRecommendation.status'),
    })),
    staffToldWhatChanged,
    partnerAgencies,
    familyInvited,
  }
}

export async function currentChecklist(review: {
  id: string
  incidentDate: Date
  phase: string
  siblingCheckDate?: string | null
  siblingCheckOutcome?: string | null
}) {
  const snapshot = await reviewSnapshot(review)
  if (review.phase === 'approval') {
    // Only asked in the phase that needs it: it de-identifies the whole document.
    const { prepareExport } = await import('./export.server')
    const { approvalState } = await import('./export-approval.server')
    // A checklist never blocks a move: a review that cannot be de-identified yet (the export
    // page says why) leaves these three items open instead of failing the page or the move.
    try {
      const prepared = await prepareExport(review.id)
      snapshot.unresolvedResiduals = prepared.unresolved.length
      const approvals = await approvalState(review, prepared)
      snapshot.findingsApproved = approvals.findings.valid
      snapshot.deidentifiedTextApproved = approvals.deidentified.valid
    } catch {
      snapshot.unresolvedResiduals = undefined
      snapshot.findingsApproved = false
      snapshot.deidentifiedTextApproved = false
    }
  }
  return phaseChecklist(reviewPhaseOf(review.phase), snapshot)
}

export type SiblingCheck = { date: string; outcome: SiblingCheckOutcome } | null

export function siblingCheckOf(review: { siblingCheckDate: string | null; siblingCheckOutcome: string | null }): SiblingCheck {
  return review.siblingCheckDate && review.siblingCheckOutcome
    ? { date: review.siblingCheckDate, outcome: siblingCheckOutcomeOf(review.siblingCheckOutcome, 'Review.siblingCheckOutcome') }
    : null
}

/** Records (or corrects) the rapid safety check for siblings; the audit trail keeps each version. */
export async function recordSiblingCheck(
  review: { id: string; jurisdictionId: string },
  input: { date: string; outcome: SiblingCheckOutcome },
  actorId: string,
) {
  await prisma.$transaction([
    prisma.review.update({ where: { id: review.id }, data: { siblingCheckDate: input.date, siblingCheckOutcome: input.outcome } }),
    audit(prisma, { jurisdictionId: review.jurisdictionId, reviewId: review.id, actorId, action: 'review.sibling-check-recorded', detail: input }),
  ])
}
