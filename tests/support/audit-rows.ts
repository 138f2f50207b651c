// Audit rows of any action, for tests of the audit page, export and chain. The app writes only
// the typed actions of app/models/audit.server.ts; tests need arbitrary ones too.
import { prisma } from '~/utils/db.server'

export async function writeAuditRow(entry: {
  jurisdictionId: string
  action: string
  actorId?: string | null
  reviewId?: string | null
  detail?: Record<string, unknown>
}) {
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
