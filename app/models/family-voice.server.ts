// Family and community voice (ADR 0038). A facilitator invites a family member or a community
// representative through a one-time link (a capability: only its SHA-256 is stored), or writes
// down a conversation they held. The words are the contributor's: nobody edits them; the panel
// reads them (every read audited) and cites them as evidence; they leave the review only as
// far as the contributor's consent scope allows, and withdrawal erases them.
import crypto from 'node:crypto'
import { z } from 'zod'
import type { ExportFamilyVoice } from '~/domain/export'
import { canWithInvitation, voiceWithdrawalOpenIn, type InvitationDecision, type InvitationOperation } from '~/domain/permissions'
import { FAMILY_VOICE_TEXT_MAX } from '~/domain/export/schema'
import { consentScopes, contributorKinds, INVITATION_DAYS_MAX, type ConsentScope, type ContributorKind } from '~/domain/vocabulary'
import { prisma } from '~/utils/db.server'
import { audit, auditEvent, reviewAuditScope } from './audit.server'
import { reviewPhaseOf } from './rows.server'
import { columns, consentScopeOf, contributorKindOf, decodeColumn } from './decode.server'

const exportableScope = columns.consentScope.exclude(['review_only'])

/** 32 random bytes: guessing one is hopeless, so a refusal never needs to say more than "no". */
const TOKEN_BYTES = 32
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function hashInvitationToken(token: string) {
  return crypto.createHash('sha256').update(token).digest('hex')
}

type ReviewRef = { id: string; jurisdictionId: string }

// ---------------------------------------------------------------- the facilitator's side

export const invitationFormSchema = z.object({
  intent: z.literal('invite'),
  contributorKind: z.enum(contributorKinds, { errorMap: () => ({ message: 'voice.errors.contributorKind' }) }),
  locale: z.enum(['en', 'fr'], { errorMap: () => ({ message: 'voice.errors.locale' }) }),
  days: z.coerce
    .number({ invalid_type_error: 'voice.errors.days' })
    .int('voice.errors.days')
    .min(1, 'voice.errors.days')
    .max(INVITATION_DAYS_MAX, 'voice.errors.days'),
})

export async function createInvitation(
  review: ReviewRef,
  actorId: string,
  input: { contributorKind: ContributorKind; locale: 'en' | 'fr'; days: number },
  now = new Date(),
) {
  const token = crypto.randomBytes(TOKEN_BYTES).toString('base64url')
  const expiresAt = new Date(now.getTime() + input.days * 24 * 60 * 60 * 1000)
  const invitation = await prisma.$transaction(async tx => {
    const row = await tx.familyVoiceInvitation.create({
      data: {
        reviewId: review.id,
        tokenHash: hashInvitationToken(token),
        contributorKind: input.contributorKind,
        locale: input.locale,
        expiresAt,
        createdById: actorId,
      },
    })
    await audit(tx, {
      ...reviewAuditScope(review, actorId),
      action: 'voice.invited',
      detail: { invitationId: row.id, contributorKind: input.contributorKind, expiresAt: expiresAt.toISOString() },
    })
    return row
  })
  // The token itself is returned once, to be passed on; it is never stored or logged.
  return { id: invitation.id, token, path: `/voice/${token}`, expiresAt }
}

export async function revokeInvitation(review: ReviewRef, invitationId: string, actorId: string) {
  const row = await prisma.familyVoiceInvitation.findFirst({ where: { id: invitationId, reviewId: review.id, usedAt: null, revokedAt: null } })
  if (!row) return false
  await prisma.$transaction(async tx => {
    await tx.familyVoiceInvitation.update({ where: { id: row.id }, data: { revokedAt: new Date() } })
    await audit(tx, { ...reviewAuditScope(review, actorId), action: 'voice.invitation-revoked', detail: { invitationId: row.id } })
  })
  return true
}

const answer = z.string().trim().max(FAMILY_VOICE_TEXT_MAX, 'voice.errors.tooLong').default('')

/** The four questions and the consent; the same on the link's form and when recording a conversation. */
export const contributionSchema = z
  .object({
    needed: answer,
    helped: answer,
    notHelped: answer,
    shouldChange: answer,
    // No default: the contributor must choose before anything is saved.
    consentScope: z.enum(consentScopes, { errorMap: () => ({ message: 'voice.errors.consent' }) }),
  })
  .refine(v => [v.needed, v.helped, v.notHelped, v.shouldChange].some(text => text !== ''), { message: 'voice.errors.empty', path: ['needed'] })
export type ContributionInput = z.infer<typeof contributionSchema>

export const conversationFormSchema = z
  .object({
    intent: z.literal('record'),
    contributorKind: z.enum(contributorKinds, { errorMap: () => ({ message: 'voice.errors.contributorKind' }) }),
    locale: z.enum(['en', 'fr'], { errorMap: () => ({ message: 'voice.errors.locale' }) }),
  })
  .and(contributionSchema)

export async function recordConversation(
  review: ReviewRef & { phase: string },
  actorId: string,
  input: ContributionInput & { contributorKind: ContributorKind; locale: 'en' | 'fr' },
) {
  const row = await prisma.$transaction(async tx => {
    const created = await tx.familyContribution.create({
      data: {
        reviewId: review.id,
        via: 'conversation',
        contributorKind: input.contributorKind,
        locale: input.locale,
        needed: input.needed,
        helped: input.helped,
        notHelped: input.notHelped,
        shouldChange: input.shouldChange,
        consentScope: input.consentScope,
        recordedById: actorId,
      },
    })
    await audit(tx, {
      ...reviewAuditScope(review, actorId),
      action: 'voice.conversation-recorded',
      detail: { contributionId: created.id, consentScope: input.consentScope },
    })
    return created
  })
  return row.id
}

const erased = { needed: '', helped: '', notHelped: '', shouldChange: '' }

/**
 * Withdrawal on the contributor's request, for a conversation the facilitator wrote down
 * (a link's contributor withdraws through their link). Same window: until analysis.
 */
export async function withdrawRecorded(
  review: ReviewRef & { phase: string },
  contributionId: string,
  actorId: string,
): Promise<'done' | 'unknown' | 'wrong-phase'> {
  const row = await prisma.familyContribution.findFirst({ where: { id: contributionId, reviewId: review.id, via: 'conversation', withdrawnAt: null } })
  if (!row) return 'unknown'
  if (!voiceWithdrawalOpenIn(reviewPhaseOf(review.phase))) return 'wrong-phase'
  await prisma.$transaction(async tx => {
    await tx.familyContribution.update({ where: { id: row.id }, data: { ...erased, withdrawnAt: new Date() } })
    await tx.familyContributionLink.deleteMany({ where: { contributionId: row.id } })
    await audit(tx, { ...reviewAuditScope(review, actorId), action: 'voice.withdrawn', detail: { contributionId: row.id, via: 'conversation' } })
  })
  return 'done'
}

export type InvitationRow = {
  id: string
  contributorKind: ContributorKind
  locale: string
  createdAt: string
  expiresAt: string
  state: 'open' | 'expired' | 'revoked' | 'submitted'
}

export async function listInvitations(reviewId: string, now = new Date()): Promise<InvitationRow[]> {
  const rows = await prisma.familyVoiceInvitation.findMany({ where: { reviewId }, orderBy: { createdAt: 'desc' }, take: 200 })
  return rows.map(r => ({
    id: r.id,
    contributorKind: contributorKindOf(r.contributorKind, 'FamilyVoiceInvitation.contributorKind'),
    locale: r.locale,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    state: r.revokedAt ? 'revoked' : r.usedAt ? 'submitted' : r.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open',
  }))
}

// ---------------------------------------------------------------- reading and citing

export type ContributionView = {
  id: string
  via: 'link' | 'conversation'
  contributorKind: ContributorKind
  locale: string
  consentScope: ConsentScope
  submittedAt: string
  withdrawn: boolean
  needed: string
  helped: string
  notHelped: string
  shouldChange: string
  links: Array<{ targetKind: 'unmet_need' | 'finding'; targetId: string }>
}

/**
 * The review's contributions for a reader who may read them. Every call is a read of each
 * contribution shown and is audited as such (one row naming them all).
 */
export async function readContributions(review: ReviewRef, readerId: string, where: string): Promise<ContributionView[]> {
  const rows = await prisma.familyContribution.findMany({ where: { reviewId: review.id }, include: { links: true }, orderBy: { submittedAt: 'asc' } })
  const shown = rows.filter(r => !r.withdrawnAt)
  if (shown.length > 0) {
    await auditEvent({ ...reviewAuditScope(review, readerId), action: 'voice.read', detail: { contributionIds: shown.map(r => r.id), where } })
  }
  return rows.map(r => ({
    id: r.id,
    via: r.via === 'conversation' ? 'conversation' : 'link',
    contributorKind: contributorKindOf(r.contributorKind, 'FamilyContribution.contributorKind'),
    locale: r.locale,
    consentScope: consentScopeOf(r.consentScope, 'FamilyContribution.consentScope'),
    submittedAt: r.submittedAt.toISOString(),
    withdrawn: r.withdrawnAt !== null,
    needed: r.needed,
    helped: r.helped,
    notHelped: r.notHelped,
    shouldChange: r.shouldChange,
    links: r.links.map(l => ({ targetKind: l.targetKind === 'finding' ? 'finding' : 'unmet_need', targetId: l.targetId })),
  }))
}

export const linkFormSchema = z.object({
  intent: z.enum(['link', 'unlink']),
  contributionId: z.string().min(1).max(60),
  target: z.string().regex(/^(unmet_need|finding):[A-Za-z0-9_-]{1,100}$/, 'voice.errors.target'),
})

/** Cites a contribution for an unmet need or a finding that exists in the review (projection). */
export async function linkContribution(review: ReviewRef, input: z.infer<typeof linkFormSchema>, actorId: string): Promise<'done' | 'unknown'> {
  const [targetKind, targetId] = input.target.split(':') as ['unmet_need' | 'finding', string]
  const contribution = await prisma.familyContribution.findFirst({
    where: { id: input.contributionId, reviewId: review.id, withdrawnAt: null },
    select: { id: true },
  })
  if (!contribution) return 'unknown'
  if (input.intent === 'unlink') {
    const { count } = await prisma.familyContributionLink.deleteMany({ where: { contributionId: contribution.id, targetKind, targetId } })
    if (count > 0)
      await auditEvent({ ...reviewAuditScope(review, actorId), action: 'voice.unlinked', detail: { contributionId: contribution.id, targetKind, targetId } })
    return 'done'
  }
  const exists =
    targetKind === 'finding'
      ? await prisma.projectedFinding.findFirst({ where: { reviewId: review.id, id: targetId }, select: { id: true } })
      : await prisma.projectedUnmetNeed.findFirst({ where: { reviewId: review.id, id: targetId }, select: { id: true } })
  if (!exists) return 'unknown'
  await prisma.$transaction(async tx => {
    await tx.familyContributionLink.upsert({
      where: { contributionId_targetKind_targetId: { contributionId: contribution.id, targetKind, targetId } },
      create: { contributionId: contribution.id, targetKind, targetId, linkedById: actorId },
      update: {},
    })
    await audit(tx, { ...reviewAuditScope(review, actorId), action: 'voice.linked', detail: { contributionId: contribution.id, targetKind, targetId } })
  })
  return 'done'
}

/** What may leave the review in a report or the shared file; the export narrows by format. */
export async function exportableFamilyVoice(reviewId: string): Promise<ExportFamilyVoice[]> {
  const rows = await prisma.familyContribution.findMany({
    where: { reviewId, withdrawnAt: null, consentScope: { in: ['quote_deidentified', 'shared_deidentified'] } },
    include: { links: true },
    orderBy: { submittedAt: 'asc' },
  })
  return rows.map(r => ({
    contributor: contributorKindOf(r.contributorKind, 'FamilyContribution.contributorKind'),
    consentScope: decodeColumn(exportableScope, r.consentScope, 'FamilyContribution.consentScope'),
    needed: r.needed,
    helped: r.helped,
    notHelped: r.notHelped,
    shouldChange: r.shouldChange,
    unmetNeedIds: r.links.filter(l => l.targetKind === 'unmet_need').map(l => l.targetId),
    findingIds: r.links.filter(l => l.targetKind === 'finding').map(l => l.targetId),
  }))
}

// ---------------------------------------------------------------- the contributor's side (the link)

export function looksLikeInvitationToken(token: string) {
  return TOKEN_PATTERN.test(token)
}

async function invitationByToken(token: string) {
  if (!looksLikeInvitationToken(token)) return null
  const row = await prisma.familyVoiceInvitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { review: { select: { id: true, jurisdictionId: true, phase: true } }, contribution: true },
  })
  return row
}

export type LinkView =
  | { status: 'refused'; reason: Exclude<InvitationDecision, { allowed: true }>['reason']; locale?: 'en' | 'fr' }
  | { status: 'form'; contributorKind: ContributorKind; locale: 'en' | 'fr'; expiresAt: string }
  | {
      status: 'submitted'
      locale: 'en' | 'fr'
      consentScope: ConsentScope
      submittedAt: string
      canWithdraw: boolean
      words: { needed: string; helped: string; notHelped: string; shouldChange: string }
    }

function decide(row: Awaited<ReturnType<typeof invitationByToken>>, operation: InvitationOperation, now: Date) {
  return canWithInvitation(
    row
      ? {
          expiresAt: row.expiresAt,
          usedAt: row.usedAt,
          revokedAt: row.revokedAt,
          contribution: row.contribution ? { withdrawnAt: row.contribution.withdrawnAt } : null,
          reviewPhase: row.review.phase,
        }
      : null,
    operation,
    now,
  )
}

/** What the link shows: the form, the contributor's own words (to withdraw them), or a refusal. Nothing of the review. */
export async function viewThroughLink(token: string, now = new Date()): Promise<LinkView> {
  const row = await invitationByToken(token)
  const form = decide(row, 'open-form', now)
  // The language the facilitator chose for the person, once the link is known to be theirs.
  const locale = row?.locale === 'fr' ? 'fr' : 'en'
  if (form.allowed && row)
    return {
      status: 'form',
      contributorKind: contributorKindOf(row.contributorKind, 'FamilyVoiceInvitation.contributorKind'),
      locale,
      expiresAt: row.expiresAt.toISOString(),
    }
  const own = decide(row, 'see-own-words', now)
  if (own.allowed && row?.contribution) {
    const c = row.contribution
    return {
      status: 'submitted',
      locale,
      consentScope: consentScopeOf(c.consentScope, 'FamilyContribution.consentScope'),
      submittedAt: c.submittedAt.toISOString(),
      canWithdraw: decide(row, 'withdraw', now).allowed,
      words: { needed: c.needed, helped: c.helped, notHelped: c.notHelped, shouldChange: c.shouldChange },
    }
  }
  // A used link says what became of its words: withdrawn, or kept as evidence once the
  // review reached analysis; nothing else.
  if (!form.allowed && form.reason === 'used' && !own.allowed && own.reason !== 'unknown') return { status: 'refused', reason: own.reason, locale }
  return row ? { status: 'refused', reason: form.allowed ? 'unknown' : form.reason, locale } : { status: 'refused', reason: 'unknown' }
}

export type LinkOutcome = { ok: true } | { ok: false; reason: Exclude<InvitationDecision, { allowed: true }>['reason'] }

export async function submitThroughLink(token: string, input: ContributionInput, now = new Date()): Promise<LinkOutcome> {
  const row = await invitationByToken(token)
  const decision = decide(row, 'submit', now)
  if (!decision.allowed || !row) return { ok: false, reason: decision.allowed ? 'unknown' : decision.reason }
  return prisma.$transaction(async tx => {
    // Spent in the same statement that checks it, so two submissions racing cannot both pass.
    const { count } = await tx.familyVoiceInvitation.updateMany({
      where: { id: row.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    })
    if (count !== 1) return { ok: false, reason: 'used' } as const
    const created = await tx.familyContribution.create({
      data: {
        reviewId: row.reviewId,
        invitationId: row.id,
        via: 'link',
        contributorKind: row.contributorKind,
        locale: row.locale,
        needed: input.needed,
        helped: input.helped,
        notHelped: input.notHelped,
        shouldChange: input.shouldChange,
        consentScope: input.consentScope,
        submittedAt: now,
      },
    })
    await audit(tx, {
      jurisdictionId: row.review.jurisdictionId,
      reviewId: row.reviewId,
      actorId: null,
      action: 'voice.submitted',
      detail: { invitationId: row.id, contributionId: created.id, consentScope: input.consentScope },
    })
    return { ok: true } as const
  })
}

export async function withdrawThroughLink(token: string, now = new Date()): Promise<LinkOutcome> {
  const row = await invitationByToken(token)
  const decision = decide(row, 'withdraw', now)
  if (!decision.allowed || !row?.contribution) return { ok: false, reason: decision.allowed ? 'unknown' : decision.reason }
  const contributionId = row.contribution.id
  await prisma.$transaction(async tx => {
    await tx.familyContribution.update({ where: { id: contributionId }, data: { ...erased, withdrawnAt: now } })
    await tx.familyContributionLink.deleteMany({ where: { contributionId } })
    await audit(tx, {
      jurisdictionId: row.review.jurisdictionId,
      reviewId: row.reviewId,
      actorId: null,
      action: 'voice.withdrawn',
      detail: { invitationId: row.id, contributionId, via: 'link' },
    })
  })
  return { ok: true }
}

/** For the joint-review checklist: anyone invited, or a conversation recorded. */
export async function familyWasInvited(reviewId: string) {
  const [invitations, contributions] = await Promise.all([
    prisma.familyVoiceInvitation.count({ where: { reviewId } }),
    prisma.familyContribution.count({ where: { reviewId } }),
  ])
  return invitations + contributions > 0
}
