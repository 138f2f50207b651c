// What trends count about one review, and nothing else. Imported shared reviews and the
// jurisdiction's own reviews (read from the projection) are both reduced to this shape, so
// the aggregation cannot touch free text: there is none here to touch.
import type { SharedReview } from '../export/schema'
import {
  coreValues,
  journeyStages,
  recommendationStatuses,
  recommendationStrengths,
  type CoreValue,
  type JourneyStage,
  type RecommendationStatus,
  type RecommendationStrength,
} from '../vocabulary'

export type TrendReview = {
  /** Code of the jurisdiction the review belongs to. */
  source: string
  incidentYear: number
  unmetNeeds: { stages: JourneyStage[] }[]
  findings: { values: CoreValue[]; factorDomainIds: string[] }[]
  recommendations: { strength: RecommendationStrength; status: RecommendationStatus }[]
  /**
   * The family's and the worker's 0-10 safety scaling on each Signs of Safety map (ADR 0040),
   * null where that party gave none. Absent for sources that have no maps.
   */
  safetyScalings?: { family: number | null; worker: number | null }[]
}

/** Item id -> its domain id in the reader's factor framework. */
export type ItemDomainLookup = (factorItemId: string) => string | undefined

const isOneOf =
  <T extends string>(list: readonly T[]) =>
  (value: string | null | undefined): value is T =>
    typeof value === 'string' && (list as readonly string[]).includes(value)
const isStage = isOneOf(journeyStages)
const isValue = isOneOf(coreValues)
const isStrength = isOneOf(recommendationStrengths)
const isStatus = isOneOf(recommendationStatuses)

const distinct = <T>(items: Iterable<T>) => [...new Set(items)]

function domainsOf(itemIds: readonly string[], domainOf: ItemDomainLookup) {
  return distinct(itemIds.map(domainOf).filter((d): d is string => typeof d === 'string'))
}

/**
 * A shared review as trends count it. Domains come from the export itself; only when the
 * finding names none and the export uses the reader's own framework are its items looked up,
 * because the same item id may mean something else in another framework.
 */
export function trendReviewFromShared(shared: SharedReview, reader: { frameworkId: string; domainOf: ItemDomainLookup }): TrendReview {
  const sameFramework = shared.factorFramework.id === reader.frameworkId
  return {
    source: shared.jurisdiction,
    incidentYear: shared.review.incidentYear,
    unmetNeeds: shared.unmetNeeds.map(n => ({ stages: distinct(n.stages) })),
    findings: shared.findings.map(f => ({
      values: distinct(f.values.map(v => v.value)),
      factorDomainIds: f.factorDomainIds.length ? distinct(f.factorDomainIds) : sameFramework ? domainsOf(f.factorItemIds, reader.domainOf) : [],
    })),
    recommendations: shared.recommendations.map(r => ({ strength: r.strength, status: r.status })),
    ...(shared.safetyMaps ? { safetyScalings: shared.safetyMaps.map(m => ({ family: m.scaling.family, worker: m.scaling.worker })) } : {}),
  }
}

/** The projection rows of one review that trends need (no text columns). */
export type ProjectedReviewRows = {
  incidentDate: Date
  events: { id: string; stage: string | null }[]
  unmetNeeds: { eventIds: string[] }[]
  findings: { id: string; factorItemIds: string[] }[]
  findingTags: { findingId: string; value: string }[]
  recommendations: { strength: string; status: string }[]
  /** Projected Signs of Safety judgements (numbers only). */
  safetyMaps?: { family: number | null; worker: number | null }[]
}

/**
 * One of the jurisdiction's own reviews as trends count it. An unmet need's stages are those
 * of the timeline events it is linked to, as in the shared export. Values outside the
 * vocabulary (a projection written by an older version) are left out rather than guessed.
 */
export function trendReviewFromProjection(source: string, rows: ProjectedReviewRows, domainOf: ItemDomainLookup): TrendReview {
  const stageOf = new Map(rows.events.map(e => [e.id, e.stage]))
  const valuesOf = new Map<string, CoreValue[]>()
  for (const tag of rows.findingTags) {
    if (!isValue(tag.value)) continue
    valuesOf.set(tag.findingId, distinct([...(valuesOf.get(tag.findingId) ?? []), tag.value]))
  }
  return {
    source,
    incidentYear: rows.incidentDate.getUTCFullYear(),
    unmetNeeds: rows.unmetNeeds.map(n => ({ stages: distinct(n.eventIds.map(id => stageOf.get(id)).filter(isStage)) })),
    findings: rows.findings.map(f => ({ values: valuesOf.get(f.id) ?? [], factorDomainIds: domainsOf(f.factorItemIds, domainOf) })),
    recommendations: rows.recommendations.flatMap(r => (isStrength(r.strength) && isStatus(r.status) ? [{ strength: r.strength, status: r.status }] : [])),
    ...(rows.safetyMaps ? { safetyScalings: rows.safetyMaps.map(m => ({ family: m.family, worker: m.worker })) } : {}),
  }
}
