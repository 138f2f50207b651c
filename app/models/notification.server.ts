// In-product notifications (ADR 0025): a badge and a list. A row holds only ids; what it says
// and where it leads are worked out when it is listed or opened, against what the reader may
// see at that moment. Something they lost access to shows as "no longer available" and opens
// as a 404, like anything else they may not see.
import { z } from 'zod'
import { isOverdueRow, summarise } from '~/domain/follow-up'
import { can } from '~/domain/permissions'
import { actorOf, type SignedInUser } from '~/utils/auth.server'
import { loadAccountAccess } from '~/utils/account-access.server'
import { prisma } from '~/utils/db.server'
import { reviewPhaseOf, reviewRoleOf } from './rows.server'
import { recommendationStatusOf } from './decode.server'
import { historyOf } from './follow-up.server'
import { notificationKinds, notify, type NotificationKind } from './notify.server'
import { mayHearAbout } from './what-changed.server'

export type NotificationView = {
  id: string
  kind: NotificationKind
  at: string
  unread: boolean
  /** null when the reader may no longer see what it is about. */
  detail: { reviewTitle: string; text: string | null; link: string } | null
}

type Row = { id: string; userId: string; kind: string; reviewId: string; subjectId: string; createdAt: Date; readAt: Date | null }

// A kind this version does not know (written by a newer one) is not shown rather than refused.
const kindSchema = z.enum(notificationKinds).nullable().catch(null)
const asKind = (kind: string): NotificationKind | null => kindSchema.parse(kind)
const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

async function accountAccess(user: SignedInUser, review: { id: string }, accountId: string) {
  // Both notifications about an account are for its author, on their own account page.
  const access = await loadAccountAccess(user, review.id, accountId, 'read-draft')
  return access.allowed ? access.account : null
}

/** What the notification says and where it leads, or null when the reader may not see it now. */
async function resolve(user: SignedInUser, row: Row): Promise<NotificationView['detail']> {
  const kind = asKind(row.kind)
  const review = await prisma.review.findUnique({ where: { id: row.reviewId }, select: { id: true, title: true, jurisdictionId: true, phase: true } })
  if (!kind || !review || review.jurisdictionId !== user.jurisdictionId) return null
  switch (kind) {
    case 'quote-request': {
      const quote = await prisma.quoteConsent.findUnique({ where: { id: row.subjectId }, select: { accountId: true, findingId: true, status: true } })
      const account = quote ? await accountAccess(user, review, quote.accountId) : null
      if (!quote || !account) return null
      const finding = await prisma.projectedFinding.findUnique({ where: { reviewId_id: { reviewId: review.id, id: quote.findingId } }, select: { body: true } })
      return { reviewTitle: review.title, text: finding ? clip(finding.body) : null, link: `/reviews/${review.id}/accounts/${account.id}` }
    }
    case 'release-read': {
      const release = await prisma.accountRelease.findUnique({ where: { id: row.subjectId }, select: { accountId: true } })
      const account = release ? await accountAccess(user, review, release.accountId) : null
      if (!account) return null
      return { reviewTitle: review.title, text: null, link: `/reviews/${review.id}/accounts/${account.id}` }
    }
    case 'recommendation-assigned':
    case 'recommendation-overdue': {
      const rec = await prisma.projectedRecommendation.findUnique({
        where: { reviewId_id: { reviewId: review.id, id: row.subjectId } },
        select: { id: true, text: true },
      })
      if (!rec) return null
      const [member, owner] = await Promise.all([
        prisma.reviewMember.findUnique({ where: { reviewId_userId: { reviewId: review.id, userId: user.id } }, select: { role: true } }),
        prisma.recommendationOwner.findUnique({
          where: { reviewId_recommendationId: { reviewId: review.id, recommendationId: rec.id } },
          select: { userId: true },
        }),
      ])
      const target = {
        kind: 'recommendation',
        jurisdictionId: review.jurisdictionId,
        memberRole: reviewRoleOf(member?.role),
        isOwner: owner?.userId === user.id,
        phase: reviewPhaseOf(review.phase),
      } as const
      if (!can(actorOf(user), 'read:recommendation', target).allowed) return null
      return { reviewTitle: review.title, text: clip(rec.text), link: `/recommendations/${review.id}/${rec.id}` }
    }
    case 'what-changed': {
      if (!(await mayHearAbout(user, review.id))) return null
      const update = await prisma.whatChangedUpdate.findUnique({ where: { id: row.subjectId }, select: { message: true } })
      return { reviewTitle: review.title, text: update ? clip(update.message) : null, link: `/what-changed#review-${review.id}` }
    }
  }
}

/** Overdue recommendations of this owner become notifications once (not renewed every visit). */
async function noticeOverdue(user: SignedInUser, today: string) {
  const owned = await prisma.recommendationOwner.findMany({ where: { userId: user.id } })
  for (const o of owned) {
    const rec = await prisma.projectedRecommendation.findUnique({
      where: { reviewId_id: { reviewId: o.reviewId, id: o.recommendationId } },
      select: { dueDate: true, status: true },
    })
    if (!rec) continue
    const summary = summarise(await historyOf(o.reviewId, o.recommendationId), recommendationStatusOf(rec.status, 'ProjectedRecommendation.status'))
    if (!isOverdueRow({ dueDate: rec.dueDate, ...summary }, today)) continue
    const key = { userId: user.id, kind: 'recommendation-overdue', reviewId: o.reviewId, subjectId: o.recommendationId }
    const known = await prisma.notification.findUnique({ where: { userId_kind_reviewId_subjectId: key }, select: { id: true } })
    if (!known) await notify({ ...key, kind: 'recommendation-overdue' })
  }
}

export async function unreadCount(user: SignedInUser, today: string): Promise<number> {
  await noticeOverdue(user, today)
  return prisma.notification.count({ where: { userId: user.id, readAt: null } })
}

export async function notificationsFor(user: SignedInUser, today: string): Promise<NotificationView[]> {
  await noticeOverdue(user, today)
  const rows = await prisma.notification.findMany({ where: { userId: user.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 200 })
  const out: NotificationView[] = []
  for (const row of rows) {
    const kind = asKind(row.kind)
    if (!kind) continue
    out.push({ id: row.id, kind, at: row.createdAt.toISOString(), unread: row.readAt === null, detail: await resolve(user, row) })
  }
  return out
}

/** Marks it read and gives where it leads, or null (a 404 for the reader) when they may not see it now. */
export async function openNotification(user: SignedInUser, id: string): Promise<string | null> {
  const row = await prisma.notification.findFirst({ where: { id, userId: user.id } })
  if (!row) return null
  if (!row.readAt) await prisma.notification.update({ where: { id: row.id }, data: { readAt: new Date() } })
  return (await resolve(user, row))?.link ?? null
}

export async function markAllRead(user: SignedInUser) {
  await prisma.notification.updateMany({ where: { userId: user.id, readAt: null }, data: { readAt: new Date() } })
}
