import { z } from 'zod'
import { prisma } from '~/utils/db.server'
import type { Prisma } from '~/generated/prisma/client'

export type AuditEntry = {
  jurisdictionId: string
  action: string
  actorId?: string | null
  reviewId?: string | null
  detail?: Record<string, unknown>
}

type AuditWriter = { auditEvent: { create: (args: { data: Prisma.AuditEventUncheckedCreateInput }) => Promise<unknown> } }

/**
 * Appends one audit row. Pass the transaction client when the audited change is written in a
 * transaction, so the row (and its place in the hash chain, ADR 0027) commits with it.
 */
export async function recordAudit(entry: AuditEntry, tx: AuditWriter = prisma) {
  await tx.auditEvent.create({
    data: {
      jurisdictionId: entry.jurisdictionId,
      action: entry.action,
      actorId: entry.actorId ?? null,
      reviewId: entry.reviewId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  })
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

function toRow(e: { seq: number | null; id: string; createdAt: Date; jurisdictionId: string; action: string; actorId: string | null; reviewId: string | null; detail: string; prevHash: string | null; hash: string | null }): AuditRow {
  return { seq: e.seq, id: e.id, at: e.createdAt.toISOString(), jurisdictionId: e.jurisdictionId, action: e.action, actorId: e.actorId, reviewId: e.reviewId, detail: e.detail, prevHash: e.prevHash, hash: e.hash }
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
