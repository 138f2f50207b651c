// Consent to quote (docs/domain.md): a finding may quote a released account only after its author
// approved that exact excerpt. Without consent a finding can point to the account (by its
// pseudonym) but not quote it. Exports take only consentedExcerpts().
import { z } from 'zod'
import { excerptOf, MAX_EXCERPT_LENGTH, parseRelease, quoteRevocableIn, type QuoteStatus } from '~/domain/staff-account'
import { reviewPhaseOf } from './rows.server'
import { prisma } from '~/utils/db.server'
import { notify } from './notify.server'
import type { AccountOutcome, StaffAccountRow } from './staff-account.server'
import { audit, reviewAuditScope } from './audit.server'

export const quoteRequestSchema = z.object({
  intent: z.literal('request-quote'),
  accountId: z.string({ required_error: 'accounts.errors.chooseAccount' }).min(1, 'accounts.errors.chooseAccount'),
  findingId: z.string({ required_error: 'accounts.errors.chooseFinding' }).min(1, 'accounts.errors.chooseFinding'),
  excerpt: z
    .string({ required_error: 'accounts.errors.excerptRequired' })
    .trim()
    .min(1, 'accounts.errors.excerptRequired')
    .max(MAX_EXCERPT_LENGTH, 'accounts.errors.excerptTooLong'),
})

export const quoteDecisionSchema = z.object({
  intent: z.literal('decide-quote'),
  quoteId: z.string().min(1),
  decision: z.enum(['approve', 'decline', 'revoke']),
})

const asStatus = (s: string): QuoteStatus => (s === 'approved' || s === 'declined' || s === 'revoked' ? s : 'pending')

/** Findings of the review, from the projection (never the document itself). */
export async function findingsOfReview(reviewId: string) {
  const rows = await prisma.projectedFinding.findMany({ where: { reviewId }, orderBy: { position: 'asc' }, select: { id: true, body: true } })
  return rows.map((r, index) => ({ id: r.id, number: index + 1, preview: r.body.slice(0, 120) }))
}

export async function requestQuote(
  review: { id: string; jurisdictionId: string },
  account: StaffAccountRow,
  input: { findingId: string; excerpt: string },
  requesterId: string,
): Promise<AccountOutcome> {
  const finding = await prisma.projectedFinding.findUnique({ where: { reviewId_id: { reviewId: review.id, id: input.findingId } }, select: { id: true } })
  if (!finding) return { ok: false, message: 'accounts.errors.noSuchFinding' }
  // Only text the panel was given can be proposed for quoting.
  const release = await prisma.accountRelease.findFirst({
    where: { accountId: account.id, audience: 'panel' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { content: true },
  })
  const excerpt = release ? excerptOf(parseRelease(release.content), input.excerpt) : null
  if (!excerpt) return { ok: false, message: 'accounts.errors.notInAccount' }
  const same = await prisma.quoteConsent.findFirst({
    where: { accountId: account.id, findingId: input.findingId, excerpt, status: { in: ['pending', 'approved'] } },
    select: { id: true },
  })
  if (same) return { ok: false, message: 'accounts.errors.alreadyRequestedQuote' }
  const quote = await prisma.$transaction(async tx => {
    const created = await tx.quoteConsent.create({ data: { accountId: account.id, findingId: input.findingId, excerpt, requestedById: requesterId } })
    await audit(tx, {
      ...reviewAuditScope(review, requesterId),
      action: 'account.quote-requested',
      detail: { accountId: account.id, quoteId: created.id, findingId: input.findingId },
    })
    return created
  })
  await notify({ userId: account.authorId, kind: 'quote-request', reviewId: review.id, subjectId: quote.id })
  return { ok: true }
}

export async function decideQuote(
  review: { id: string; jurisdictionId: string; phase: string },
  account: StaffAccountRow,
  input: { quoteId: string; decision: 'approve' | 'decline' | 'revoke' },
  authorId: string,
): Promise<AccountOutcome> {
  const quote = await prisma.quoteConsent.findFirst({ where: { id: input.quoteId, accountId: account.id }, select: { id: true, status: true } })
  if (!quote) return { ok: false, message: 'accounts.errors.noSuchQuote' }
  const from = asStatus(quote.status)
  let to: QuoteStatus
  if (input.decision === 'revoke') {
    if (from !== 'approved') return { ok: false, message: 'accounts.errors.quoteNotApproved' }
    if (!quoteRevocableIn(reviewPhaseOf(review.phase))) return { ok: false, message: 'accounts.errors.tooLateToRevoke' }
    to = 'revoked'
  } else {
    if (from !== 'pending') return { ok: false, message: 'accounts.errors.quoteDecided' }
    to = input.decision === 'approve' ? 'approved' : 'declined'
  }
  const decided = to
  const changed = await prisma.$transaction(async tx => {
    const { count } = await tx.quoteConsent.updateMany({ where: { id: quote.id, status: from }, data: { status: decided, decidedAt: new Date() } })
    if (count !== 1) return false
    await audit(tx, { ...reviewAuditScope(review, authorId), action: `account.quote-${decided}`, detail: { accountId: account.id, quoteId: quote.id } })
    return true
  })
  if (!changed) return { ok: false, message: 'accounts.errors.stale' }
  return { ok: true }
}

export type QuoteForAuthor = {
  id: string
  findingNumber: number | null
  findingText: string | null
  excerpt: string
  status: QuoteStatus
  requestedAt: string
  decidedAt: string | null
}

/** Every request to quote this account, for its author to decide. */
export async function quotesForAuthor(account: StaffAccountRow): Promise<QuoteForAuthor[]> {
  const [quotes, findings] = await Promise.all([
    prisma.quoteConsent.findMany({ where: { accountId: account.id }, orderBy: { requestedAt: 'desc' } }),
    findingsOfReview(account.reviewId),
  ])
  const numbers = new Map(findings.map(f => [f.id, f.number]))
  // The author decides on the sentence their words would stand in, not on a number.
  const texts = new Map(
    (await prisma.projectedFinding.findMany({ where: { reviewId: account.reviewId }, select: { id: true, body: true } })).map(f => [f.id, f.body]),
  )
  return quotes.map(q => ({
    id: q.id,
    findingNumber: numbers.get(q.findingId) ?? null,
    findingText: texts.get(q.findingId) ?? null,
    excerpt: q.excerpt,
    status: asStatus(q.status),
    requestedAt: q.requestedAt.toISOString(),
    decidedAt: q.decidedAt?.toISOString() ?? null,
  }))
}

export type FindingQuote = {
  id: string
  accountId: string
  pseudonym: string
  status: QuoteStatus
  /** Present only when the author approved it: without consent a finding only links the account. */
  excerpt: string | null
}

/**
 * What each finding may show of staff accounts: approved excerpts in full; anything else only
 * as a link to the account under its pseudonym. Limited to accounts released to the panel.
 */
export async function quotesByFinding(reviewId: string, readableAccountIds: ReadonlySet<string>) {
  const accounts = await prisma.staffAccount.findMany({ where: { reviewId, state: 'released_to_panel' }, select: { id: true, pseudonym: true } })
  const visible = accounts.filter(a => readableAccountIds.has(a.id))
  const pseudonyms = new Map(visible.map(a => [a.id, a.pseudonym]))
  const quotes = await prisma.quoteConsent.findMany({
    where: { accountId: { in: visible.map(a => a.id) } },
    orderBy: { requestedAt: 'asc' },
  })
  const byFinding = new Map<string, FindingQuote[]>()
  for (const q of quotes) {
    const status = asStatus(q.status)
    const list = byFinding.get(q.findingId) ?? []
    list.push({ id: q.id, accountId: q.accountId, pseudonym: pseudonyms.get(q.accountId) ?? '', status, excerpt: status === 'approved' ? q.excerpt : null })
    byFinding.set(q.findingId, list)
  }
  return byFinding
}

export type ConsentedExcerpt = { accountId: string; pseudonym: string; findingId: string; excerpt: string; approvedAt: string }

/**
 * The only staff-account content that may ever leave a review (anonymised exports): excerpts
 * the author approved, from accounts still released to the panel.
 */
export async function consentedExcerpts(reviewId: string): Promise<ConsentedExcerpt[]> {
  const accounts = await prisma.staffAccount.findMany({ where: { reviewId, state: 'released_to_panel' }, select: { id: true, pseudonym: true } })
  const pseudonyms = new Map(accounts.map(a => [a.id, a.pseudonym]))
  const quotes = await prisma.quoteConsent.findMany({
    where: { accountId: { in: accounts.map(a => a.id) }, status: 'approved' },
    orderBy: [{ findingId: 'asc' }, { requestedAt: 'asc' }],
  })
  return quotes.map(q => ({
    accountId: q.accountId,
    pseudonym: pseudonyms.get(q.accountId) ?? '',
    findingId: q.findingId,
    excerpt: q.excerpt,
    approvedAt: (q.decidedAt ?? q.requestedAt).toISOString(),
  }))
}
