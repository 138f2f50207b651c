import { prisma } from '~/utils/db.server'

export type AuditEntry = {
  jurisdictionId: string
  action: string
  actorId?: string | null
  reviewId?: string | null
  detail?: Record<string, unknown>
}

export async function recordAudit(entry: AuditEntry) {
  await prisma.auditEvent.create({
    data: {
      jurisdictionId: entry.jurisdictionId,
      action: entry.action,
      actorId: entry.actorId ?? null,
      reviewId: entry.reviewId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  })
}
