// The data behind the trends page: the jurisdiction's own reviews, read from the projection
// without any text column, plus (network view) the shared reviews it imported. Everything
// leaves this module suppressed.
import { indexFactorItems, type FactorFramework } from '~/domain/factors'
import {
  aggregateTrends,
  publishSources,
  publishTrends,
  trendReviewFromProjection,
  trendReviewFromShared,
  type ItemDomainLookup,
  type PublishedTrends,
  type SuppressedTable,
  type TrendReview,
} from '~/domain/trends'
import { prisma } from '~/utils/db.server'
import { jurisdictionSettings } from './jurisdiction.server'
import { loadSharedReviews, withdrawnJurisdictionCodes } from './shared-review.server'

export const trendViews = ['own', 'network'] as const
export type TrendView = (typeof trendViews)[number]

function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/**
 * Every review of the jurisdiction, as trends count it. The jurisdiction's own choice to stay
 * out of shared data sets does not hide its reviews from itself.
 */
export async function ownTrendReviews(jurisdiction: { id: string; code: string }, domainOf: ItemDomainLookup): Promise<TrendReview[]> {
  const reviews = await prisma.review.findMany({ where: { jurisdictionId: jurisdiction.id }, select: { id: true, incidentDate: true }, orderBy: { id: 'asc' } })
  const where = { reviewId: { in: reviews.map(r => r.id) } }
  // Only ids, stages, tags, strengths and statuses: no text column is ever selected.
  const [events, needs, findings, tags, recommendations, safetyMaps] = await Promise.all([
    prisma.projectedEvent.findMany({ where, select: { reviewId: true, id: true, stage: true } }),
    prisma.projectedUnmetNeed.findMany({ where, select: { reviewId: true, eventIds: true } }),
    prisma.projectedFinding.findMany({ where, select: { reviewId: true, id: true, factorItemIds: true } }),
    prisma.projectedFindingTag.findMany({ where, select: { reviewId: true, findingId: true, value: true } }),
    prisma.projectedRecommendation.findMany({ where, select: { reviewId: true, strength: true, status: true } }),
    prisma.projectedSafetyMap.findMany({ where, select: { reviewId: true, family: true, worker: true } }),
  ])
  const byReview = <T extends { reviewId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>()
    for (const row of rows) map.set(row.reviewId, [...(map.get(row.reviewId) ?? []), row])
    return (reviewId: string) => map.get(reviewId) ?? []
  }
  const [eventsOf, needsOf, findingsOf, tagsOf, recsOf, mapsOf] = [
    byReview(events),
    byReview(needs),
    byReview(findings),
    byReview(tags),
    byReview(recommendations),
    byReview(safetyMaps),
  ]
  return reviews.map(r =>
    trendReviewFromProjection(
      jurisdiction.code,
      {
        incidentDate: r.incidentDate,
        events: eventsOf(r.id),
        unmetNeeds: needsOf(r.id).map(n => ({ eventIds: parseIds(n.eventIds) })),
        findings: findingsOf(r.id).map(f => ({ id: f.id, factorItemIds: parseIds(f.factorItemIds) })),
        findingTags: tagsOf(r.id),
        recommendations: recsOf(r.id),
        safetyMaps: mapsOf(r.id),
      },
      domainOf,
    ),
  )
}

export type TrendsData = {
  view: TrendView
  tables: PublishedTrends
  /** Reviews counted per source jurisdiction, suppressed like every other count. */
  sources: { codes: string[]; counts: SuppressedTable }
  /** Labels of the factor domains in the tables, in the reader's language when known. */
  domainLabels: Record<string, string>
  /** Imported reviews that no longer read under the current export format (left out). */
  unreadableShared: number
  /** Sources with imported reviews left out because they have since withdrawn from sharing. */
  withdrawnSources: string[]
}

function domainLabels(framework: FactorFramework, locale: 'en' | 'fr'): Record<string, string> {
  return Object.fromEntries(framework.domains.map(d => [d.id, d.label[locale]]))
}

export async function trendsData(jurisdiction: { id: string; code: string }, view: TrendView, locale: 'en' | 'fr'): Promise<TrendsData> {
  const settings = await jurisdictionSettings(jurisdiction.id)
  const framework = settings.factorFramework
  const index = indexFactorItems(framework)
  const domainOf: ItemDomainLookup = itemId => index.get(itemId)?.domain.id
  const own = await ownTrendReviews(jurisdiction, domainOf)
  let reviews = own
  let unreadableShared = 0
  const withdrawnSources = new Set<string>()
  if (view === 'network') {
    const [shared, withdrawn] = await Promise.all([loadSharedReviews(jurisdiction.id), withdrawnJurisdictionCodes()])
    unreadableShared = shared.unreadable
    // Our own code is refused at import (it would count our reviews twice); checked again here.
    const others = shared.reviews.filter(r => {
      if (r.jurisdiction === jurisdiction.code) return false
      if (withdrawn.has(r.jurisdiction)) withdrawnSources.add(r.jurisdiction)
      return !withdrawn.has(r.jurisdiction)
    })
    reviews = [...own, ...others.map(r => trendReviewFromShared(r, { frameworkId: framework.id, domainOf }))]
  }
  const tables = publishTrends(aggregateTrends(reviews, { domainOrder: framework.domains.map(d => d.id) }))
  const sources = publishSources(reviews, [jurisdiction.code])
  return {
    view,
    tables,
    sources: { codes: sources.sources, counts: sources.counts },
    domainLabels: domainLabels(framework, locale),
    unreadableShared,
    withdrawnSources: [...withdrawnSources].sort(),
  }
}
