// The two approvals an export waits for (docs/domain.md phase 7, ADR 0018): the QI lead approves the
// findings; a second person, who resolved no residual candidate, approves the de-identified
// text. Each approval covers exactly what was approved (a hash of it): an edit afterwards
// makes it stale and the step must be approved again. Who may approve is can()'s
// ('approve:findings', 'approve:deidentified-text'); these functions check the rest.
import { canonicalJson, type SharedReview } from '~/domain/export'
import { sha256Hex } from '~/utils/digest.server'
import type { ReviewDocument } from '~/domain/review-doc'
import { prisma } from '~/utils/db.server'
import type { ExportReviewRow, PreparedExport } from './export.server'
import { audit, reviewAuditScope } from './audit.server'

export const approvalSteps = ['findings', 'deidentified'] as const
export type ApprovalStep = (typeof approvalSteps)[number]

/** What the QI lead approves: every finding's text, status and value tags, in order. */
export function findingsHash(document: ReviewDocument): string {
  return sha256Hex(
    canonicalJson(
      document.findings.map(f => ({
        id: f.id,
        status: f.status,
        text: f.body.text,
        values: f.valueTags.map(t => ({ value: t.value, rationale: t.rationale })),
      })),
    ),
  )
}

/**
 * What the second person approves: the de-identified review as it would leave. The phase is
 * left out, so moving the review on to "shared" keeps the approval.
 */
export function deidentifiedHash(shared: SharedReview): string {
  return sha256Hex(canonicalJson({ ...shared, review: { ...shared.review, phase: null } }))
}

export type StepState = {
  step: ApprovalStep
  /** Approved and still covering what is there now. */
  valid: boolean
  /** Approved once, but what it covered has changed since (or the approver has since resolved a candidate). */
  stale: boolean
  approvedById: string | null
  approvedBy: string | null
  approvedAt: string | null
}

export type ApprovalState = { findings: StepState; deidentified: StepState; missing: ApprovalStep[] }

/**
 * The approvals of a review against what it holds now. `prepared` must be built in English
 * (prepareExport's default): approvals hash the English build, so an approval holds for the
 * download in either language.
 */
export async function approvalState(review: { id: string }, prepared: PreparedExport): Promise<ApprovalState> {
  const rows = await prisma.exportApproval.findMany({ where: { reviewId: review.id } })
  const users = await prisma.user.findMany({ where: { id: { in: rows.map(r => r.approvedById) } }, select: { id: true, name: true } })
  const names = new Map(users.map(u => [u.id, u.name]))
  const expected: Record<ApprovalStep, string> = { findings: findingsHash(prepared.document), deidentified: deidentifiedHash(prepared.build.sharedReview) }
  const state = (step: ApprovalStep): StepState => {
    const row = rows.find(r => r.step === step)
    if (!row) return { step, valid: false, stale: false, approvedById: null, approvedBy: null, approvedAt: null }
    // The second person must stay a second person: resolving a candidate afterwards undoes it.
    const independent = step !== 'deidentified' || !prepared.resolvedBy.includes(row.approvedById)
    const valid = row.contentHash === expected[step] && independent
    return {
      step,
      valid,
      stale: !valid,
      approvedById: row.approvedById,
      approvedBy: names.get(row.approvedById) ?? null,
      approvedAt: row.approvedAt.toISOString(),
    }
  }
  const findings = state('findings')
  const deidentified = state('deidentified')
  return { findings, deidentified, missing: approvalSteps.filter(step => !(step === 'findings' ? findings : deidentified).valid) }
}

export type ApproveOutcome = { ok: true } | { ok: false; message: string }

/**
 * Records an approval of what `prepared` (the English build) shows now. The caller has asked
 * can() for the step's permission.
 */
export async function approveStep(
  review: ExportReviewRow,
  step: ApprovalStep,
  prepared: PreparedExport,
  actorId: string,
  expectedHash?: string,
): Promise<ApproveOutcome> {
  if (step === 'findings' && prepared.document.findings.length === 0) return { ok: false, message: 'export.approval.errors.noFindings' }
  if (step === 'deidentified') {
    if (prepared.resolvedBy.includes(actorId)) return { ok: false, message: 'export.approval.errors.resolvedResiduals' }
    const state = await approvalState(review, prepared)
    // Checked in order: the text is approved as what the approved findings became.
    if (!state.findings.valid) return { ok: false, message: 'export.approval.errors.findingsFirst' }
  }
  const contentHash = step === 'findings' ? findingsHash(prepared.document) : deidentifiedHash(prepared.build.sharedReview)
  // What is approved is what the approver looked at: if it changed since, they look again.
  if (expectedHash !== undefined && expectedHash !== contentHash) return { ok: false, message: 'export.approval.errors.changed' }
  await prisma.$transaction([
    prisma.exportApproval.upsert({
      where: { reviewId_step: { reviewId: review.id, step } },
      create: { reviewId: review.id, step, approvedById: actorId, contentHash },
      update: { approvedById: actorId, contentHash, approvedAt: new Date() },
    }),
    audit(prisma, {
      ...reviewAuditScope(review, actorId),
      action: step === 'findings' ? 'export.findings-approved' : 'export.deidentified-text-approved',
      detail: { contentHash },
    }),
  ])
  return { ok: true }
}

/** Takes an approval back (the approver, or anyone who may give it). */
export async function withdrawApproval(review: ExportReviewRow, step: ApprovalStep, actorId: string): Promise<ApproveOutcome> {
  const withdrawn = await prisma.$transaction(async tx => {
    const { count } = await tx.exportApproval.deleteMany({ where: { reviewId: review.id, step } })
    if (count > 0)
      await audit(tx, { jurisdictionId: review.jurisdictionId, reviewId: review.id, actorId, action: 'export.approval-withdrawn', detail: { step } })
    return count > 0
  })
  if (!withdrawn) return { ok: false, message: 'export.approval.errors.notApproved' }
  return { ok: true }
}
