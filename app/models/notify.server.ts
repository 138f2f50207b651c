// Recording a notification, kept apart from listing them so that any model can notify without
// import cycles. Nothing is copied into the row but ids: what it says is worked out when it is
// listed or opened, against the reader's permissions at that moment (ADR 0025).
import { prisma } from '~/utils/db.server'

export const notificationKinds = ['quote-request', 'release-read', 'recommendation-assigned', 'recommendation-overdue', 'what-changed'] as const
export type NotificationKind = (typeof notificationKinds)[number]

/** The same event again (a re-assignment, another read of the same release) brings it back as unread. */
export async function notify(input: { userId: string; kind: NotificationKind; reviewId: string; subjectId: string }) {
  await prisma.notification.upsert({
    where: { userId_kind_reviewId_subjectId: input },
    create: input,
    update: { createdAt: new Date(), readAt: null },
  })
}
