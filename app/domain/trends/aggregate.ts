// Counting reviews into the tables the trends page publishes. Pure: the caller decides which
// reviews are in the data set (own, or own plus the network); suppression is applied by
// `publishTrends`, never left to the page.
import { scalingDiverged } from '../review-doc/safety-map'
import { coreValues, journeyStages, recommendationStatuses, recommendationStrengths } from '../vocabulary'
import type { TrendReview } from './review'
import { suppressLinkedTables, suppressTable, type SuppressedTable } from './suppress'

/** Row or column of things a count could not be placed under (no value tag, no domain...). */
export const NONE = '(none)'

export type CountTable = {
  rows: string[]
  columns: string[]
  counts: number[][]
}

export type TrendTables = {
  /** Each finding once per (value, factor domain) pair it is tagged with. */
  findingsByValueAndDomain: CountTable
  /** Each finding once per value it is tagged with, by the incident year of its review. */
  findingsByValueAndYear: CountTable
  /** Each unmet need once per journey stage of its linked events, by incident year. */
  unmetNeedsByStageAndYear: CountTable
  recommendationsByStrengthAndStatus: CountTable
  recommendationsByStrengthAndYear: CountTable
  /**
   * Signs of Safety maps on which both the family and the worker gave a safety scaling
   * judgement, by whether they diverged by 3 or more (SCALING_DIVERGENCE_THRESHOLD), by year.
   */
  safetyScalingDivergenceByYear: CountTable
}

/** Rows of safetyScalingDivergenceByYear. */
export const scalingDivergenceRows = ['diverged', 'notDiverged'] as const

export type TrendTableName = keyof TrendTables

class Counter {
  private readonly counts = new Map<string, number>()
  add(row: string, column: string) {
    const key = JSON.stringify([row, column])
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
  }
  table(rows: string[], columns: string[]): CountTable {
    const counts = rows.map(r => columns.map(c => this.counts.get(JSON.stringify([r, c])) ?? 0))
    // The "(none)" line only when it has something: it is a data-quality signal, not a category.
    const keepRow = rows.map((r, i) => r !== NONE || counts[i]!.some(v => v > 0))
    const keepColumn = columns.map((c, j) => c !== NONE || counts.some(row => row[j]! > 0))
    return {
      rows: rows.filter((_, i) => keepRow[i]),
      columns: columns.filter((_, j) => keepColumn[j]),
      counts: counts.filter((_, i) => keepRow[i]).map(row => row.filter((_, j) => keepColumn[j])),
    }
  }
}

/**
 * Counts reviews into the trend tables. `domainOrder` is the reader's framework order;
 * domains it does not know (another jurisdiction's framework) follow, alphabetically.
 */
export function aggregateTrends(reviews: readonly TrendReview[], options: { domainOrder: readonly string[] }): TrendTables {
  const years = [...new Set(reviews.map(r => r.incidentYear))].sort((a, b) => a - b).map(String)
  const valueDomain = new Counter()
  const valueYear = new Counter()
  const stageYear = new Counter()
  const strengthStatus = new Counter()
  const strengthYear = new Counter()
  const seenDomains = new Set<string>()
  const divergenceYear = new Counter()

  for (const review of reviews) {
    const year = String(review.incidentYear)
    for (const finding of review.findings) {
      const values = finding.values.length ? finding.values : [NONE]
      const domains = finding.factorDomainIds.length ? finding.factorDomainIds : [NONE]
      for (const value of values) {
        valueYear.add(value, year)
        for (const domain of domains) {
          valueDomain.add(value, domain)
          if (domain !== NONE) seenDomains.add(domain)
        }
      }
    }
    for (const need of review.unmetNeeds) {
      for (const stage of need.stages.length ? need.stages : [NONE]) stageYear.add(stage, year)
    }
    for (const rec of review.recommendations) {
      strengthStatus.add(rec.strength, rec.status)
      strengthYear.add(rec.strength, year)
    }
    for (const scaling of review.safetyScalings ?? []) {
      const diverged = scalingDiverged(scaling)
      if (diverged !== null) divergenceYear.add(diverged ? 'diverged' : 'notDiverged', year)
    }
  }

  // Every domain of the reader's framework, zeros included: "none in this domain" is news too.
  const others = [...seenDomains].filter(d => !options.domainOrder.includes(d)).sort()
  const domains = [...options.domainOrder, ...others, NONE]
  const values = [...coreValues, NONE]
  return {
    findingsByValueAndDomain: valueDomain.table(values, domains),
    findingsByValueAndYear: valueYear.table(values, years),
    unmetNeedsByStageAndYear: stageYear.table([...journeyStages, NONE], years),
    recommendationsByStrengthAndStatus: strengthStatus.table([...recommendationStrengths], [...recommendationStatuses]),
    recommendationsByStrengthAndYear: strengthYear.table([...recommendationStrengths], years),
    safetyScalingDivergenceByYear: divergenceYear.table([...scalingDivergenceRows], years),
  }
}

export type PublishedTable = Omit<CountTable, 'counts'> & SuppressedTable
export type PublishedTrends = Record<TrendTableName, PublishedTable>

/**
 * The tables as they may be shown: every count suppressed by the policy in suppress.ts.
 * Tables over the same rows are suppressed as a family. The two recommendation tables count
 * the same recommendations, so their per-strength and grand totals are one quantity. The two
 * finding tables count different units (pairs with domains, or findings), but when every
 * finding has exactly one domain their totals coincide, and a reader cannot tell; they are
 * linked too, which at worst withholds a little more.
 */
export function publishTrends(tables: TrendTables): PublishedTrends {
  const family = (a: CountTable, b: CountTable, key: string): [PublishedTable, PublishedTable] => {
    const [sa, sb] = suppressLinkedTables([
      { counts: a.counts, rowTotalsKey: key, grandTotalKey: key },
      { counts: b.counts, rowTotalsKey: key, grandTotalKey: key },
    ])
    return [
      { rows: a.rows, columns: a.columns, ...sa! },
      { rows: b.rows, columns: b.columns, ...sb! },
    ]
  }
  const [findingsByValueAndDomain, findingsByValueAndYear] = family(tables.findingsByValueAndDomain, tables.findingsByValueAndYear, 'value')
  const [recommendationsByStrengthAndStatus, recommendationsByStrengthAndYear] = family(
    tables.recommendationsByStrengthAndStatus,
    tables.recommendationsByStrengthAndYear,
    'strength',
  )
  const needs = tables.unmetNeedsByStageAndYear
  const divergence = tables.safetyScalingDivergenceByYear
  return {
    findingsByValueAndDomain,
    findingsByValueAndYear,
    unmetNeedsByStageAndYear: { rows: needs.rows, columns: needs.columns, ...suppressTable(needs.counts) },
    recommendationsByStrengthAndStatus,
    recommendationsByStrengthAndYear,
    // Its own table: it counts maps, which no other table counts, so no total is shared.
    safetyScalingDivergenceByYear: { rows: divergence.rows, columns: divergence.columns, ...suppressTable(divergence.counts) },
  }
}

/**
 * How many reviews each source contributes, suppressed like any other count (a data set of
 * three reviews from one jurisdiction is itself a small cell).
 */
export function publishSources(reviews: readonly TrendReview[], sourceOrder: readonly string[]): { sources: string[]; counts: SuppressedTable } {
  const tally = new Map<string, number>()
  for (const r of reviews) tally.set(r.source, (tally.get(r.source) ?? 0) + 1)
  // The listed sources always appear (with 0), so a jurisdiction sees its own line from day one.
  const sources = [...sourceOrder, ...[...tally.keys()].filter(s => !sourceOrder.includes(s)).sort()]
  return { sources, counts: suppressTable(sources.map(s => [tally.get(s) ?? 0])) }
}
