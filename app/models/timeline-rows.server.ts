// The first screenful of a review's timeline, read from the projection (ADR 0009) so that the
// workspace can render it on the server before the live document has synced (ADR 0053). The
// rows carry exactly what a closed row of the live timeline shows, to the same readers: dates,
// stage, record, key episode, the plain description and the actors' pseudonyms. Never names.
import { z } from 'zod'
import { timelineEventFieldsSchema, type TimelineEvent } from '~/domain/review-doc'
import { prisma } from '~/utils/db.server'
import type { ReviewGrant } from '~/utils/permissions.server'

export type TimelinePreview = {
  /** Events in the review when it was last projected: the live list replaces this on sync. */
  total: number
  events: TimelineEvent[]
  /** Pseudonym of each actor named by these rows. */
  pseudonyms: Record<string, string>
}

const pseudonymsSchema = z.object({ pseudonyms: z.record(z.string(), z.string()) })

const rowSchema = timelineEventFieldsSchema.omit({ order: true }).extend({ description: z.string() })

/**
 * Null when there is nothing trustworthy to show: no projection yet, a projection from before
 * pseudonyms were kept in it, or a row that no longer reads as an event. The page then waits for
 * the live document, as it always did.
 */
export async function timelinePreview(access: Pick<ReviewGrant, 'review' | 'allows'>, limit: number): Promise<TimelinePreview | null> {
  if (!access.allows('read:review-doc')) return null
  const reviewId = access.review.id
  const [projection, total, rows] = await Promise.all([
    prisma.reviewProjection.findUnique({ where: { reviewId }, select: { registryFacts: true } }),
    prisma.projectedEvent.count({ where: { reviewId } }),
    prisma.projectedEvent.findMany({ where: { reviewId }, orderBy: { position: 'asc' }, take: limit }),
  ])
  if (!projection) return null
  let facts: unknown
  try {
    facts = JSON.parse(projection.registryFacts)
  } catch {
    return null
  }
  const registry = pseudonymsSchema.safeParse(facts)
  if (!registry.success) return null
  const events: TimelineEvent[] = []
  const pseudonyms: Record<string, string> = {}
  for (const row of rows) {
    let actorIds: unknown
    try {
      actorIds = JSON.parse(row.actorIds)
    } catch {
      return null
    }
    // Columns the schema does not know (reviewId, position) are dropped by it.
    const parsed = rowSchema.safeParse({ ...row, dateEnd: row.dateEnd ?? undefined, stage: row.stage ?? undefined, source: row.source ?? undefined, actorIds })
    if (!parsed.success) return null
    const { description, ...fields } = parsed.data
    for (const id of fields.actorIds) {
      const pseudonym = registry.data.pseudonyms[id]
      if (pseudonym !== undefined) pseudonyms[id] = pseudonym
    }
    // Only the plain text is shown by a closed row; the rich document comes with the live one.
    events.push({ ...fields, order: 0, description: { text: description, doc: { type: 'doc', content: [] } } })
  }
  return { total, events, pseudonyms }
}
