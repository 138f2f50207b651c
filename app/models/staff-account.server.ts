// Staff accounts on the server: invitations, the author's draft (read only for its author),
// releases (frozen copies others read), withdrawal, the read log. Who may call what is decided
// by canOnAccount (app/utils/account-access.server.ts); these functions assume it was asked.
import crypto from 'node:crypto'
import { announceAccessChange } from '~/utils/access-events.server'
import { z } from 'zod'
import type { AccountNamesVisibleTo } from '~/domain/permissions'
import { foldName } from '~/domain/export/staff'
import { readReviewDoc } from '~/domain/review-doc'
import { isPseudonymTaken, nameInPseudonym, suggestPseudonym } from '~/domain/review-doc/pseudonyms'
import { reviewDocName } from './review-doc.server'
import {
  accountCaseRoles,
  accountDocName,
  buildReleasePreview,
  canRelease,
  hasContent,
  isAccountState,
  parseRelease,
  readAccountDoc,
  sameRelease,
  serialiseRelease,
  stateAfterRelease,
  type AccountAnswers,
  type AccountState,
  type ReleaseAudience,
  type ReleaseContent,
} from '~/domain/staff-account'
import type { ReviewRole } from '~/domain/vocabulary'
import { reviewPhaseOf } from './rows.server'
import { prisma } from '~/utils/db.server'
import { audit, reviewAuditScope } from './audit.server'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'
import { notify } from './notify.server'

export type StaffAccountRow = {
  id: string
  reviewId: string
  authorId: string
  pseudonym: string
  state: AccountState
  invitedAt: Date
  releasedToFacilitatorAt: Date | null
  releasedToPanelAt: Date | null
  withdrawalRequestedAt: Date | null
  withdrawalReason: string | null
}

type RawAccount = Omit<StaffAccountRow, 'state'> & { state: string }

function typed(row: RawAccount): StaffAccountRow {
  // An unknown state is treated as the most private one: nothing was released.
  return { ...row, state: isAccountState(row.state) ? row.state : 'invited' }
}

const accountSelect = {
  id: true,
  reviewId: true,
  authorId: true,
  pseudonym: true,
  state: true,
  invitedAt: true,
  releasedToFacilitatorAt: true,
  releasedToPanelAt: true,
  withdrawalRequestedAt: true,
  withdrawalReason: true,
} as const

export async function findAccount(reviewId: string, accountId: string): Promise<StaffAccountRow | null> {
  const row = await prisma.staffAccount.findFirst({ where: { id: accountId, reviewId }, select: accountSelect })
  return row ? typed(row) : null
}

export async function findAccountById(accountId: string): Promise<StaffAccountRow | null> {
  const row = await prisma.staffAccount.findUnique({ where: { id: accountId }, select: accountSelect })
  return row ? typed(row) : null
}

export async function accountsOfReview(reviewId: string): Promise<StaffAccountRow[]> {
  const rows = await prisma.staffAccount.findMany({ where: { reviewId }, select: accountSelect, orderBy: { invitedAt: 'asc' } })
  return rows.map(typed)
}

export async function accountIdsOf(reviewId: string, authorId: string): Promise<string[]> {
  const rows = await prisma.staffAccount.findMany({ where: { reviewId, authorId }, select: { id: true } })
  return rows.map(r => r.id)
}

export async function namesVisibleToOf(jurisdictionId: string): Promise<AccountNamesVisibleTo> {
  const j = await prisma.jurisdiction.findUnique({ where: { id: jurisdictionId }, select: { accountNamesVisibleTo: true } })
  // Anything but the documented "facilitator" hides names: the safe reading of a bad value.
  return j?.accountNamesVisibleTo === 'facilitator' ? 'facilitator' : 'nobody'
}

// ---------------------------------------------------------------------------------------
// Invitation

export const inviteSchema = z.object({
  intent: z.literal('invite'),
  userId: z.string({ required_error: 'accounts.errors.chooseMember' }).min(1, 'accounts.errors.chooseMember'),
  caseRole: z.enum(accountCaseRoles, { errorMap: () => ({ message: 'accounts.errors.chooseCaseRole' }) }),
  pseudonym: z.string().trim().max(60, 'accounts.errors.pseudonymTooLong').optional(),
})

export type AccountOutcome = { ok: true; accountId?: string } | { ok: false; message: string }

/** Staff contributors of the review who have not been invited yet. */
export async function invitableMembers(reviewId: string) {
  const [members, accounts] = await Promise.all([
    prisma.reviewMember.findMany({
      where: { reviewId, role: 'staff_contributor', user: { deactivatedAt: null } },
      select: { userId: true, user: { select: { name: true } } },
      orderBy: { addedAt: 'asc' },
    }),
    prisma.staffAccount.findMany({ where: { reviewId }, select: { authorId: true } }),
  ])
  const invited = new Set(accounts.map(a => a.authorId))
  return members.filter(m => !invited.has(m.userId)).map(m => ({ userId: m.userId, name: m.user.name }))
}

export async function inviteToGiveAccount(
  review: { id: string; jurisdictionId: string },
  input: z.infer<typeof inviteSchema>,
  actorId: string,
): Promise<AccountOutcome> {
  const member = await prisma.reviewMember.findUnique({
    where: { reviewId_userId: { reviewId: review.id, userId: input.userId } },
    select: { role: true, user: { select: { deactivatedAt: true } } },
  })
  if (!member || member.role !== 'staff_contributor' || member.user.deactivatedAt) return { ok: false, message: 'accounts.errors.notStaffContributor' }
  const existing = await prisma.staffAccount.findMany({ where: { reviewId: review.id }, select: { authorId: true, pseudonym: true } })
  if (existing.some(a => a.authorId === input.userId)) return { ok: false, message: 'accounts.errors.alreadyInvited' }
  const [people, users] = await Promise.all([
    reviewDocGateway().change(reviewDocName(review.id), doc => readReviewDoc(doc).doc.people),
    prisma.user.findMany({ where: { jurisdictionId: review.jurisdictionId }, select: { id: true, name: true, email: true } }),
  ])
  const author = users.find(u => u.id === input.userId)
  // The author may already be in the case's registry (the worker of the timeline): their
  // account then carries the same pseudonym, so a quote and the timeline name one person once.
  const inRegistry = author
    ? people.find(p => [p.name, ...p.aliases].some(n => foldName(n) === foldName(author.name) || foldName(n) === foldName(author.email)))
    : undefined
  const taken = [...existing.map(a => a.pseudonym), ...people.filter(p => p !== inRegistry).map(p => p.pseudonym)]
  const pseudonym = input.pseudonym ? input.pseudonym : (inRegistry?.pseudonym ?? suggestPseudonym(input.caseRole, taken))
  if (isPseudonymTaken(pseudonym, taken)) return { ok: false, message: 'accounts.errors.pseudonymTaken' }
  // A pseudonym is what leaves the review: it must not carry anyone's name.
  if (nameInPseudonym(pseudonym, [...users.map(u => u.name), ...people.flatMap(p => [p.name, ...p.aliases])]) !== null) {
    return { ok: false, message: 'accounts.errors.pseudonymIsName' }
  }
  // Never the account's text in the audit: its trail is read by people the account is not shown to.
  const account = await prisma.$transaction(async tx => {
    const created = await tx.staffAccount.create({
      data: { reviewId: review.id, authorId: input.userId, pseudonym, invitedById: actorId },
      select: { id: true },
    })
    await audit(tx, { jurisdictionId: review.jurisdictionId, reviewId: review.id, actorId, action: 'account.invited', detail: { accountId: created.id } })
    return created
  })
  return { ok: true, accountId: account.id }
}

// ---------------------------------------------------------------------------------------
// The draft: read on the server for its author only (preview, release).

export async function readDraft(accountId: string): Promise<AccountAnswers> {
  return reviewDocGateway().change(accountDocName(accountId), doc => readAccountDoc(doc))
}

/** "Not started" becomes "drafting" once the author has written something. */
export async function markDrafting(accountId: string, answers: AccountAnswers): Promise<boolean> {
  if (!hasContent(answers)) return false
  const { count } = await prisma.staffAccount.updateMany({ where: { id: accountId, state: 'invited' }, data: { state: 'drafting' } })
  return count > 0
}

// ---------------------------------------------------------------------------------------
// Releases

type ReleaseRow = { id: string; audience: string; content: string; createdAt: Date }

async function latestRelease(accountId: string, audience: ReleaseAudience | 'any'): Promise<ReleaseRow | null> {
  return prisma.accountRelease.findFirst({
    where: audience === 'any' ? { accountId } : { accountId, audience },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, audience: true, content: true, createdAt: true },
  })
}

export function previewHash(content: ReleaseContent): string {
  return crypto.createHash('sha256').update(serialiseRelease(content)).digest('hex').slice(0, 32)
}

export type ReleasePreview = { audience: ReleaseAudience; content: ReleaseContent; hash: string } | { audience: ReleaseAudience; problem: string }

/** Exactly what a release to `audience` would show now. */
export async function releasePreview(account: StaffAccountRow, audience: ReleaseAudience, draft?: AccountAnswers): Promise<ReleasePreview> {
  if (audience === 'facilitator') {
    const answers = draft ?? (await readDraft(account.id))
    if (!hasContent(answers)) return { audience, problem: 'accounts.errors.empty' }
    const content = buildReleasePreview(answers, account.pseudonym)
    return { audience, content, hash: previewHash(content) }
  }
  // The panel gets the version the facilitator already has, nothing newer.
  const forFacilitator = await latestRelease(account.id, 'facilitator')
  if (!forFacilitator) return { audience, problem: 'accounts.errors.releaseToFacilitatorFirst' }
  const content = parseRelease(forFacilitator.content)
  return { audience, content, hash: previewHash(content) }
}

export async function releaseAccount(
  review: { id: string; jurisdictionId: string; phase: string },
  account: StaffAccountRow,
  audience: ReleaseAudience,
  expectedHash: string,
  actorId: string,
): Promise<AccountOutcome> {
  if (!canRelease(account.state, audience, reviewPhaseOf(review.phase))) return { ok: false, message: 'accounts.errors.cannotRelease' }
  const preview = await releasePreview(account, audience)
  if ('problem' in preview) return { ok: false, message: preview.problem }
  // What is released is what the author looked at: if the draft changed since, look again.
  if (preview.hash !== expectedHash) return { ok: false, message: 'accounts.errors.changedSincePreview' }
  const previous = await latestRelease(account.id, audience)
  if (previous && sameRelease(parseRelease(previous.content), preview.content)) return { ok: false, message: 'accounts.errors.nothingNew' }

  const now = new Date()
  const released = await prisma.$transaction(async tx => {
    // Guarded on the state we read, so a withdrawal that lands first wins.
    const { count } = await tx.staffAccount.updateMany({
      where: { id: account.id, state: account.state },
      data: {
        state: stateAfterRelease(account.state, audience),
        ...(audience === 'facilitator' ? { releasedToFacilitatorAt: now } : { releasedToPanelAt: now }),
      },
    })
    if (count !== 1) return false
    await tx.accountRelease.create({ data: { accountId: account.id, audience, content: serialiseRelease(preview.content), createdAt: now } })
    await audit(tx, { ...reviewAuditScope(review, actorId), action: 'account.released', detail: { accountId: account.id, audience } })
    return true
  })
  if (!released) return { ok: false, message: 'accounts.errors.stale' }
  return { ok: true }
}

/**
 * Takes every release back: others can no longer read it, quotes stop being usable, and the
 * author's draft stays theirs. Reads already logged stay in the log.
 */
export async function withdrawAccount(
  review: { id: string; jurisdictionId: string },
  account: StaffAccountRow,
  actorId: string,
  by: 'author' | 'facilitator',
): Promise<AccountOutcome> {
  const done = await prisma.$transaction(async tx => {
    const { count } = await tx.staffAccount.updateMany({
      where: { id: account.id, state: { in: ['released_to_facilitator', 'released_to_panel'] } },
      data: { state: 'withdrawn', withdrawalRequestedAt: null, withdrawalReason: null },
    })
    if (count !== 1) return false
    await tx.accountRelease.deleteMany({ where: { accountId: account.id } })
    await tx.quoteConsent.updateMany({
      where: { accountId: account.id, status: { in: ['pending', 'approved'] } },
      data: { status: 'revoked', decidedAt: new Date() },
    })
    await audit(tx, { jurisdictionId: review.jurisdictionId, reviewId: review.id, actorId, action: 'account.withdrawn', detail: { accountId: account.id, by } })
    return true
  })
  if (!done) return { ok: false, message: 'accounts.errors.stale' }
  // A withdrawn account takes no more edits, even from a socket the author has open.
  announceAccessChange({ type: 'account-closed', accountId: account.id })
  return { ok: true }
}

export const withdrawalRequestSchema = z.object({
  intent: z.literal('request-withdrawal'),
  reason: z.string().trim().max(2000, 'accounts.errors.reasonTooLong').optional(),
})

export async function requestWithdrawal(
  review: { id: string; jurisdictionId: string },
  account: StaffAccountRow,
  reason: string | undefined,
  actorId: string,
): Promise<AccountOutcome> {
  if (account.withdrawalRequestedAt) return { ok: false, message: 'accounts.errors.alreadyRequested' }
  await prisma.$transaction(async tx => {
    await tx.staffAccount.update({
      where: { id: account.id },
      data: { withdrawalRequestedAt: new Date(), withdrawalReason: reason?.trim() || null },
    })
    await audit(tx, { ...reviewAuditScope(review, actorId), action: 'account.withdrawal-requested', detail: { accountId: account.id } })
  })
  return { ok: true }
}

export async function declineWithdrawal(review: { id: string; jurisdictionId: string }, account: StaffAccountRow, actorId: string): Promise<AccountOutcome> {
  if (!account.withdrawalRequestedAt) return { ok: false, message: 'accounts.errors.noRequest' }
  await prisma.$transaction(async tx => {
    await tx.staffAccount.update({ where: { id: account.id }, data: { withdrawalRequestedAt: null, withdrawalReason: null } })
    await audit(tx, { ...reviewAuditScope(review, actorId), action: 'account.withdrawal-declined', detail: { accountId: account.id } })
  })
  return { ok: true }
}

// ---------------------------------------------------------------------------------------
// Reading a release, and the read log

export type ReleaseView = { releaseId: string; audience: ReleaseAudience; releasedAt: string; content: ReleaseContent }

function view(row: ReleaseRow): ReleaseView {
  return {
    releaseId: row.id,
    audience: row.audience === 'panel' ? 'panel' : 'facilitator',
    releasedAt: row.createdAt.toISOString(),
    content: parseRelease(row.content),
  }
}

/** The releases the author has made, newest first (for their own page). */
export async function latestReleasesForAuthor(accountId: string) {
  const [facilitator, panel] = await Promise.all([latestRelease(accountId, 'facilitator'), latestRelease(accountId, 'panel')])
  return { facilitator: facilitator ? view(facilitator) : null, panel: panel ? view(panel) : null }
}

/**
 * The release a reader is entitled to, and a line in the append-only read log. The facilitator
 * reads the newest release of either audience; the panel only what was released to the panel.
 */
export async function readReleaseAs(account: StaffAccountRow, audience: ReleaseAudience, readerId: string): Promise<ReleaseView | null> {
  const row = await latestRelease(account.id, audience === 'facilitator' ? 'any' : 'panel')
  if (!row) return null
  if (readerId !== account.authorId) {
    const review = await prisma.review.findUniqueOrThrow({ where: { id: account.reviewId }, select: { jurisdictionId: true } })
    await prisma.$transaction(async tx => {
      await tx.accountRead.create({ data: { accountId: account.id, readerId, releaseId: row.id } })
      // The jurisdiction's audit has every read too (never the text), for its admins.
      await audit(tx, {
        jurisdictionId: review.jurisdictionId,
        reviewId: account.reviewId,
        actorId: readerId,
        action: 'account.read',
        detail: { accountId: account.id, releaseId: row.id, audience },
      })
    })
    await notify({ userId: account.authorId, kind: 'release-read', reviewId: account.reviewId, subjectId: row.id })
  }
  return view(row)
}

export type ReadLogEntry = { at: string; readerName: string; readerRole: ReviewRole | null; audience: ReleaseAudience | null }

export async function readLog(account: StaffAccountRow): Promise<ReadLogEntry[]> {
  const reads = await prisma.accountRead.findMany({ where: { accountId: account.id }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 500 })
  const readerIds = [...new Set(reads.map(r => r.readerId))]
  const [users, members, releases] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: readerIds } }, select: { id: true, name: true } }),
    prisma.reviewMember.findMany({ where: { reviewId: account.reviewId, userId: { in: readerIds } }, select: { userId: true, role: true } }),
    prisma.accountRelease.findMany({ where: { accountId: account.id }, select: { id: true, audience: true } }),
  ])
  const names = new Map(users.map(u => [u.id, u.name]))
  const roles = new Map(members.map(m => [m.userId, m.role]))
  const audiences = new Map(releases.map(r => [r.id, r.audience === 'panel' ? ('panel' as const) : ('facilitator' as const)]))
  return reads.map(r => ({
    at: r.at.toISOString(),
    readerName: names.get(r.readerId) ?? '?',
    readerRole: roles.get(r.readerId) ?? null,
    audience: (r.releaseId && audiences.get(r.releaseId)) || null,
  }))
}

/** Each account's state, for the staff-accounts phase checklist (states only, never text). */
export async function accountStatesOf(reviewId: string): Promise<AccountState[]> {
  return (await accountsOfReview(reviewId)).map(a => a.state)
}
