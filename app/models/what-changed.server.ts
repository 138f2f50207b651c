// Closing the loop with staff (docs/domain.md, phase 7): the people who took part in a review learn
// what came of it. Only the reviews the person is or was a member of, in their jurisdiction.
// Findings only once approved, and only in the de-identified form an export would carry
// (ADR 0024); recommendations with where they stand and whether they worked; the exact
// excerpts of the reader's own account that they consented to; a dated feed.
import { z } from 'zod'
import { summarise, type FollowUpEntry, type FollowUpState } from '~/domain/follow-up'
import { isOverdue } from '~/domain/workflow'
import type { CoreValue, RecommendationStatus, RecommendationStrength, ReviewPhase, ReviewRole } from '~/domain/vocabulary'
import { recommendationStatusOf, recommendationStrengthOf } from './decode.server'
import { SharedReviewBuildError } from '~/domain/export/build'
import { prisma } from '~/utils/db.server'
import { exportOpenIn, prepareExport, type ExportLocale } from './export.server'
import { historyOf } from './follow-up.server'
import { notify } from './notify.server'
import { audit, reviewAuditScope } from './audit.server'

export type WhatChangedRecommendation = {
  id: string
  text: string
  strength: RecommendationStrength
  status: RecommendationStatus
  state: FollowUpState
  evaluateOn: string | null
  /** Whether anyone recorded follow-up; until then the workspace's status is the one shown. */
  followedUp: boolean
  owner: string | null
  dueDate: string | null
  overdue: boolean
}

export type WhatChangedFinding = { number: number; text: string; values: CoreValue[] }
export type OwnQuote = { findingNumber: number | null; excerpt: string; approvedAt: string }
export type FeedItem =
  | { at: string; kind: 'published'; message: string }
  | { at: string; kind: 'progress'; recommendation: string; state: FollowUpState }
  | { at: string; kind: 'evaluation'; recommendation: string; state: FollowUpState }

export type WhatChangedReview = {
  reviewId: string
  title: string
  phase: ReviewPhase
  /** Their role now, or null when they were removed from the review. */
  role: ReviewRole | null
  /** null until findings are approved and fully de-identified. */
  findings: WhatChangedFinding[] | null
  recommendations: WhatChangedRecommendation[]
  ownQuotes: OwnQuote[]
  feed: FeedItem[]
  lastPublishedAt: string | null
}

// Someone no longer on a review sees its recommendations only once findings are approved:
// until then they are the panel's unfinished work, which they have lost access to.
const approvedPhases: ReviewPhase[] = ['approval', 'shared']

// The detail of member.removed names whom it removed.
const removedMember = z.object({ userId: z.string() })

/** Reviews the user left, from the append-only audit trail (membership rows are deleted). */
async function formerReviewIds(user: { id: string; jurisdictionId: string }): Promise<string[]> {
  const events = await prisma.auditEvent.findMany({
    where: { jurisdictionId: user.jurisdictionId, action: 'review.member-removed', detail: { contains: JSON.stringify(user.id) } },
    select: { reviewId: true, detail: true },
  })
  const ids = new Set<string>()
  for (const e of events) {
    let detail: z.SafeParseReturnType<unknown, { userId: string }>
    try {
      detail = removedMember.safeParse(JSON.parse(e.detail))
    } catch {
      continue
    }
    // `contains` only narrows the search; the id must be the removed member's, not anyone's.
    if (e.reviewId && detail.success && detail.data.userId === user.id) ids.add(e.reviewId)
  }
  return [...ids]
}

/** The reviews this user took part in and may still hear about, with their role now. */
export async function reviewsTakenPartIn(user: { id: string; jurisdictionId: string }) {
  const memberships = await prisma.reviewMember.findMany({
    where: { userId: user.id, review: { jurisdictionId: user.jurisdictionId } },
    select: { role: true, reviewId: true },
  })
  const roleOf = new Map(memberships.map(m => [m.reviewId, m.role]))
  const former = (await formerReviewIds(user)).filter(id => !roleOf.has(id))
  const reviews = await prisma.review.findMany({
    where: {
      jurisdictionId: user.jurisdictionId,
      OR: [{ id: { in: [...roleOf.keys()] } }, { id: { in: former }, phase: { in: approvedPhases } }],
    },
    select: { id: true, title: true, phase: true, jurisdictionId: true, incidentDate: true, incidentType: true },
    orderBy: [{ incidentDate: 'desc' }, { title: 'asc' }],
  })
  return reviews.map(r => ({ review: r, role: roleOf.get(r.id) ?? null }))
}

export async function mayHearAbout(user: { id: string; jurisdictionId: string }, reviewId: string): Promise<boolean> {
  return (await reviewsTakenPartIn(user)).some(r => r.review.id === reviewId)
}

async function deidentifiedFindings(review: Parameters<typeof prepareExport>[0], locale: ExportLocale) {
  let prepared: Awaited<ReturnType<typeof prepareExport>>
  try {
    prepared = await prepareExport(review, { locale })
  } catch (error) {
    // A review that cannot be de-identified into the shared format shows no findings, rather
    // than breaking the page for everyone who took part.
    if (error instanceof SharedReviewBuildError) return null
    throw error
  }
  // Text a person has not finished de-identifying stays in the review.
  if (prepared.unresolved.length > 0) return null
  const shared = prepared.build.sharedReview
  const numbers = new Map<string, number>()
  const findings: WhatChangedFinding[] = []
  prepared.document.findings.forEach((f, index) => {
    const sharedFinding = shared.findings[index]
    if (f.status !== 'agreed' || !sharedFinding) return
    findings.push({ number: findings.length + 1, text: sharedFinding.text, values: sharedFinding.values.map(v => v.value) })
    numbers.set(f.id, findings.length)
  })
  const recommendationText = new Map(prepared.document.recommendations.map((r, index) => [r.id, shared.recommendations[index]?.text ?? '']))
  return { findings, numbers, recommendationText }
}

export async function whatChangedFor(user: { id: string; jurisdictionId: string }, today: string, locale: ExportLocale = 'en'): Promise<WhatChangedReview[]> {
  const taken = await reviewsTakenPartIn(user)
  const out: WhatChangedReview[] = []
  for (const { review, role } of taken) {
    const [recommendations, published, myAccounts] = await Promise.all([
      prisma.projectedRecommendation.findMany({ where: { reviewId: review.id }, orderBy: { position: 'asc' } }),
      prisma.whatChangedUpdate.findMany({ where: { reviewId: review.id }, orderBy: { publishedAt: 'desc' } }),
      prisma.staffAccount.findMany({ where: { reviewId: review.id, authorId: user.id }, select: { id: true } }),
    ])
    const approved = exportOpenIn(review.phase)
    const deidentified = approved ? await deidentifiedFindings(review, locale) : null
    const feed: FeedItem[] = published.map(p => ({ at: p.publishedAt.toISOString(), kind: 'published', message: p.message }))
    const recs: WhatChangedRecommendation[] = []
    for (const rec of recommendations) {
      const history = await historyOf(review.id, rec.id)
      const status = recommendationStatusOf(rec.status, 'ProjectedRecommendation.status')
      // After approval the de-identified wording; before it, the panel's own (members only).
      const text = deidentified?.recommendationText.get(rec.id) || rec.text
      recs.push({
        id: rec.id,
        text,
        strength: recommendationStrengthOf(rec.strength, 'ProjectedRecommendation.strength'),
        status,
        ...summarise(history, status),
        followedUp: history.length > 0,
        owner: rec.owner,
        dueDate: rec.dueDate,
        overdue: isOverdue({ status, dueDate: rec.dueDate }, today),
      })
      // Notes are free text nobody de-identified: the feed says what changed, not the note.
      let state = summarise([], status).state
      const replay: FollowUpEntry[] = []
      for (const entry of history) {
        replay.push(entry)
        const next = summarise(replay, status).state
        if (entry.kind === 'progress' || next !== state) feed.push({ at: entry.at, kind: entry.kind, recommendation: text, state: next })
        state = next
      }
    }
    const quotes = myAccounts.length
      ? await prisma.quoteConsent.findMany({ where: { accountId: { in: myAccounts.map(a => a.id) }, status: 'approved' }, orderBy: { requestedAt: 'asc' } })
      : []
    out.push({
      reviewId: review.id,
      title: review.title,
      phase: review.phase,
      role,
      findings: deidentified?.findings ?? null,
      recommendations: recs,
      ownQuotes: quotes.map(q => ({
        findingNumber: deidentified?.numbers.get(q.findingId) ?? null,
        excerpt: q.excerpt,
        approvedAt: (q.decidedAt ?? q.requestedAt).toISOString(),
      })),
      feed: feed.sort((a, b) => b.at.localeCompare(a.at)),
      lastPublishedAt: published[0]?.publishedAt.toISOString() ?? null,
    })
  }
  return out
}

/** The facilitator tells the participants: recorded, and each of them notified. */
export async function publishWhatChanged(review: { id: string; jurisdictionId: string }, actorId: string, message: string) {
  const update = await prisma.$transaction(async tx => {
    const created = await tx.whatChangedUpdate.create({ data: { reviewId: review.id, publishedById: actorId, message } })
    await audit(tx, { ...reviewAuditScope(review, actorId), action: 'review.what-changed-published', detail: { updateId: created.id } })
    return created
  })
  const members = await prisma.reviewMember.findMany({ where: { reviewId: review.id, userId: { not: actorId } }, select: { userId: true } })
  for (const m of members) await notify({ userId: m.userId, kind: 'what-changed', reviewId: review.id, subjectId: update.id })
  return update
}

export async function staffToldWhatChanged(reviewId: string): Promise<boolean> {
  return (await prisma.whatChangedUpdate.count({ where: { reviewId } })) > 0
}
