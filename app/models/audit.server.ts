import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client'
import type { ConsentScope, ContributorKind } from '~/domain/vocabulary'
import { prisma } from '~/utils/db.server'

type Id = string
type VoiceLinkTarget = 'unmet_need' | 'finding'
type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined }

/**
 * Every action the audit records, with what its detail holds. Details carry ids and counts,
 * never a review's or an account's text: the audit is read by people that text is not for.
 */
export type AuditDetails = {
  'auth.signed-in': { method: 'password'; reason?: string }
  'auth.sign-in-failed': { method: 'password'; reason?: string }
  'sso.configured': {
    issuer: string
    clientId: string
    displayName: string
    enabled: boolean
    passwordSignIn: boolean
    jitProvisioning: boolean
    secretChanged: boolean
  }
  'sso.removed': Record<string, never>
  'sso.signed-in': { how: 'returning' | 'linked' | 'created'; issuer: string }
  'sso.refused': { reason: string; issuer: string }
  'user.created': { userId: Id; isAdmin: boolean }
  'user.created-by-sso': { userId: Id }
  'user.lead-changed': { userId: Id; canLeadReviews: boolean }
  'user.deactivated': { userId: Id }
  'user.unit-changed': { userId: Id; unitId: Id | null }
  'unit.created': { unitId: Id }
  'jurisdiction.framework-loaded': SettingsAuditDetail
  'jurisdiction.standards-loaded': SettingsAuditDetail
  'jurisdiction.factorFramework-reset': SettingsAuditDetail
  'jurisdiction.practiceStandards-reset': SettingsAuditDetail
  'review.settings-switched': { [kind: string]: Json | undefined }
  'backup.taken': BackupDetail
  'backup.restored': BackupDetail
  'backup.verified': BackupDetail
  'voice.invited': { invitationId: Id; contributorKind: ContributorKind; expiresAt: string }
  'voice.invitation-revoked': { invitationId: Id }
  'voice.conversation-recorded': { contributionId: Id; consentScope: ConsentScope }
  'voice.submitted': { invitationId: Id; contributionId: Id; consentScope: ConsentScope }
  'voice.withdrawn': { contributionId: Id; via: 'conversation' } | { invitationId: Id; contributionId: Id; via: 'link' }
  'voice.read': { contributionIds: Id[]; where: string }
  'voice.linked': { contributionId: Id; targetKind: VoiceLinkTarget; targetId: Id }
  'voice.unlinked': { contributionId: Id; targetKind: VoiceLinkTarget; targetId: Id }
  'review.partner-invited': { userId: Id; organisation: string; accessUntil: string | null }
  'review.partner-access-set': { userId: Id; accessUntil: string | null }
  'review.partner-real-names-set': { userId: Id; value: boolean }
  'review.partner-removed': { userId: Id }
  'partner.read': { permission: string; via?: 'socket' }
  'jurisdiction.sharing-changed': { excludeFromSharing: boolean }
  'jurisdiction.account-names-changed': { visibleTo: 'facilitator' | 'nobody' }
  'jurisdiction.key-trusted': { code: string; keyId: string }
  'jurisdiction.key-untrusted': { code: string }
  'jurisdiction.retention-changed': { retentionYears: number | null }
  'survey.instrument-loaded': { id: string; version: string | number }
  'survey.instrument-reset': Record<string, never>
  'survey.threshold-changed': { minResponses: number }
  'survey.wave-opened': { waveId: Id; units: number; invited: number }
  'survey.wave-closed': { waveId: Id }
  'trends.shared-imported': { sources: Json; created: number; replaced: number }
  'trends.shared-removed': { source: string }
  'review.created': { title: string }
  'review.imported': { title: string }
  'review.summary-imported': { length: number }
  'review.member-added': { userId: Id; role: string; communityRepresentative?: true }
  'review.member-removed': { userId: Id; role: string }
  'review.community-representative-set': { userId: Id; value: boolean }
  'review.phase-moved': { from: string; to: string; direction: string; reason: string | null; openItems?: Json }
  'review.sibling-check-recorded': { date: string; outcome: string }
  'review.legal-hold-set': Record<string, never>
  'review.legal-hold-lifted': Record<string, never>
  'review.what-changed-published': { updateId: Id }
  'review.exported': { exportRecordId: Id; format: string; acceptedResiduals: number }
  'export.approval-overridden': { exportRecordId: Id; via: string; reason: string; operator: string | null; missing: string[] }
  'export.findings-approved': { contentHash: string }
  'export.deidentified-text-approved': { contentHash: string }
  'export.approval-withdrawn': { step: string }
  'export.residual-marked-safe': ResidualDetail
  'export.residual-added-as-alias': ResidualDetail
  'export.residual-added-as-place': ResidualDetail
  'export.residual-added-as-identifier': ResidualDetail
  'export.residual-unmarked': { candidateId: Id }
  'account.invited': { accountId: Id }
  'account.released': { accountId: Id; audience: 'facilitator' | 'panel' }
  'account.withdrawn': { accountId: Id; by: 'author' | 'facilitator' }
  'account.withdrawal-requested': { accountId: Id }
  'account.withdrawal-declined': { accountId: Id }
  'account.read': { accountId: Id; releaseId: Id; audience: string }
  'account.quote-requested': { accountId: Id; quoteId: Id; findingId: Id }
  'account.quote-approved': { accountId: Id; quoteId: Id }
  'account.quote-declined': { accountId: Id; quoteId: Id }
  'account.quote-revoked': { accountId: Id; quoteId: Id }
  'recommendation.progress': { recommendationId: Id; status: string }
  'recommendation.evaluated': { recommendationId: Id; outcome: string }
  'recommendation.owner-assigned': { recommendationId: Id; userId: Id }
  'retention.purged': { [count: string]: Json; closedAt: string; retentionYears: number | null; via: string; operator: string | null }
  'retention.drafts-purged': { accounts: number; documentUpdates: number; documentSnapshots: number }
  'audit.exported': { via: string; operator: string | null; rows: number; format: string; from: string | null; to: string | null }
  'demo.seeded': Record<string, never>
}
/** A settings save or reset: the version it became, and what identifies the content. */
export type SettingsAuditDetail = { version?: number; id?: string; frameworkVersion?: string | number; rules?: number }
export type SettingsAuditAction =
  'jurisdiction.framework-loaded' | 'jurisdiction.standards-loaded' | 'jurisdiction.factorFramework-reset' | 'jurisdiction.practiceStandards-reset'
/** A backup, restore or verification by the CLI: counts and names, never content. */
type BackupDetail = { via: 'cli'; operator: string | null; [key: string]: Json | undefined }
type ResidualDetail = { candidateId: Id; personRef?: string; identifierKind?: string; placeKind?: string }

export type AuditAction = keyof AuditDetails

/** One audit row: the action decides the shape of its detail. */
export type AuditEntry = {
  [A in AuditAction]: {
    action: A
    jurisdictionId: string
    actorId?: string | null
    reviewId?: string | null
  } & (AuditDetails[A] extends Record<string, never> ? { detail?: AuditDetails[A] } : { detail: AuditDetails[A] })
}[AuditAction]

/** A transaction client, or the client itself for a statement that is its own transaction. */
export type AuditWriter = Pick<Prisma.TransactionClient, 'auditEvent'>

/**
 * The only writer of audit rows. Called with the transaction that makes the change it records,
 * so the row, and its place in the hash chain (ADR 0027), commit or roll back with the change.
 * Pass `prisma` only for an event that changes nothing else (a sign-in, an audit export).
 */
export function audit(tx: AuditWriter, entry: AuditEntry) {
  return tx.auditEvent.create({
    data: {
      jurisdictionId: entry.jurisdictionId,
      action: entry.action,
      actorId: entry.actorId ?? null,
      reviewId: entry.reviewId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    },
    select: { id: true },
  })
}

/** Where an audit row about one review belongs and who acted: spread into the entry. */
export function reviewAuditScope(review: { id: string; jurisdictionId: string }, actorId: string | null) {
  return { jurisdictionId: review.jurisdictionId, reviewId: review.id, actorId }
}

/** For the events that change nothing else: the row is a transaction of its own. */
export function auditEvent(entry: AuditEntry) {
  return audit(prisma, entry)
}

export type AuditFilter = {
  jurisdictionId?: string
  actorId?: string
  reviewId?: string
  action?: string
  /** Inclusive, UTC days. */
  from?: Date
  /** Exclusive. */
  until?: Date
}

function whereOf(filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.jurisdictionId ? { jurisdictionId: filter.jurisdictionId } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.reviewId ? { reviewId: filter.reviewId } : {}),
    // A prefix, so "review." lists every review action.
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.from || filter.until ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.until ? { lt: filter.until } : {}) } } : {}),
  }
}

export type AuditRow = {
  seq: number | null
  id: string
  at: string
  jurisdictionId: string
  action: string
  actorId: string | null
  reviewId: string | null
  detail: string
  prevHash: string | null
  hash: string | null
}

function toRow(e: Omit<AuditRow, 'at'> & { createdAt: Date }): AuditRow {
  return {
    seq: e.seq,
    id: e.id,
    at: e.createdAt.toISOString(),
    jurisdictionId: e.jurisdictionId,
    action: e.action,
    actorId: e.actorId,
    reviewId: e.reviewId,
    detail: e.detail,
    prevHash: e.prevHash,
    hash: e.hash,
  }
}

export const AUDIT_PAGE_SIZE = 50

const dayText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ops.audit.problemDate')
  .refine(v => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'ops.audit.problemDate')
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(v => (v === '' ? undefined : v), schema.optional())

/** The audit page's query string. */
export const auditFilterSchema = z
  .object({
    person: optional(z.string().max(60)),
    review: optional(z.string().max(60)),
    action: optional(z.string().trim().max(80)),
    from: optional(dayText),
    to: optional(dayText),
    page: z.preprocess(v => (v === '' || v === undefined ? 1 : v), z.coerce.number().int().min(1).max(1_000_000)),
  })
  .refine(f => !f.from || !f.to || f.from <= f.to, { message: 'ops.audit.problemOrder' })

/** One page of the audit, newest first. */
export async function auditPage(filter: AuditFilter & { jurisdictionId: string }, page: number) {
  const where = whereOf(filter)
  const [total, events] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({ where, orderBy: [{ seq: 'desc' }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ])
  return { total, pageSize: AUDIT_PAGE_SIZE, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), rows: events.map(toRow) }
}

/** Names for the page's filters and rows: the jurisdiction's people, reviews and actions. */
export async function auditPeopleAndReviews(jurisdictionId: string) {
  const [people, reviews, actions] = await Promise.all([
    prisma.user.findMany({ where: { jurisdictionId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    prisma.review.findMany({ where: { jurisdictionId }, select: { id: true, title: true }, orderBy: { createdAt: 'desc' } }),
    prisma.auditEvent.findMany({ where: { jurisdictionId }, select: { action: true }, distinct: ['action'], orderBy: { action: 'asc' } }),
  ])
  return { people, reviews, actions: actions.map(a => a.action) }
}

/** Every matching row in chain order, a page at a time, for the export. */
export async function* auditRows(filter: AuditFilter, batch = 1000): AsyncGenerator<AuditRow> {
  let after = 0
  for (;;) {
    const events = await prisma.auditEvent.findMany({ where: { ...whereOf(filter), seq: { gt: after } }, orderBy: { seq: 'asc' }, take: batch })
    for (const e of events) yield toRow(e)
    if (events.length < batch) return
    after = events[events.length - 1]!.seq!
  }
}

export const auditExportColumns = ['seq', 'id', 'at', 'jurisdiction_id', 'action', 'actor_id', 'review_id', 'detail', 'prev_hash', 'hash'] as const

export function auditRowCells(row: AuditRow) {
  return [row.seq, row.id, row.at, row.jurisdictionId, row.action, row.actorId, row.reviewId, row.detail, row.prevHash, row.hash] as const
}
