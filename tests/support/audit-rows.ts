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

/**
 * `count` rows written at once, as concurrent requests would: the even ones through
 * writeAuditRow (with `detail(i)`), the odd ones each in a transaction of its own.
 */
export async function writeAuditRowsAtOnce(
  count: number,
  jurisdictionOf: (i: number) => string,
  detail: (i: number) => Record<string, unknown> = i => ({ i }),
) {
  await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const jurisdictionId = jurisdictionOf(i)
      return i % 2 === 0
        ? writeAuditRow({ jurisdictionId, action: 'test.concurrent', detail: detail(i) })
        : prisma.$transaction(async tx => {
            await tx.auditEvent.create({ data: { jurisdictionId, action: 'test.concurrent-tx', detail: JSON.stringify({ i }) } })
          })
    }),
  )
}
