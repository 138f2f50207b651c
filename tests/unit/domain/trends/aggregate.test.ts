import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { SHARED_REVIEW_FORMAT, type SharedReview } from '~/domain/export/schema'
import {
  aggregateTrends,
  auditSuppressedTable,
  NONE,
  publishSources,
  publishTrends,
  trendReviewFromProjection,
  trendReviewFromShared,
  type TrendReview,
  type TrendTableName,
} from '~/domain/trends'
import { coreValues, journeyStages, recommendationStatuses, recommendationStrengths } from '~/domain/vocabulary'

const domainOf = (item: string) => ({ 'child_family.needs': 'child_family', 'worker_team.workload': 'worker_team' })[item]

function shared(overrides: Partial<SharedReview> = {}): SharedReview {
  return {
    format: SHARED_REVIEW_FORMAT,
    sharedId: 'a'.repeat(32),
    jurisdiction: 'LK-DEMO',
    review: { incidentYear: 2025, incidentType: 'fatality', childAgeBand: null, phase: 'shared' },
    factorFramework: { id: 'scir-default', version: '1.0.0' },
    timeline: [
      {
        day: -3,
        dayEnd: null,
        approximate: false,
        stage: 'referral',
        source: null,
        keyPracticeEpisode: false,
        actors: ['Child 1'],
        text: 'Secret timeline text',
      },
    ],
    unmetNeeds: [{ need: 'Secret need', received: '', gap: '', stages: ['referral', 'referral', 'assessment'], factorItemIds: [], fromStandardsCheck: false }],
    factorRatings: [],
    findings: [
      {
        text: 'Secret finding',
        values: [{ value: 'systems_focused', rationale: 'why' }],
        factorItemIds: ['child_family.needs'],
        factorDomainIds: [],
        status: 'agreed',
      },
      { text: 'Another', values: [], factorItemIds: [], factorDomainIds: ['inter_agency', 'inter_agency'], status: 'draft' },
    ],
    recommendations: [{ text: 'Secret rec', strength: 'stronger', status: 'accepted', measure: null, dueDate: '2025-03-01', findingIndexes: [0] }],
    accountExcerpts: [],
    ...overrides,
  }
}

describe('reviews as trends count them', () => {
  test('a shared review keeps only stages, values, domains, strengths, statuses and the year', () => {
    const review = trendReviewFromShared(shared(), { frameworkId: 'scir-default', domainOf })
    expect(review).toEqual({
      source: 'LK-DEMO',
      incidentYear: 2025,
      unmetNeeds: [{ stages: ['referral', 'assessment'] }],
      findings: [
        { values: ['systems_focused'], factorDomainIds: ['child_family'] },
        { values: [], factorDomainIds: ['inter_agency'] },
      ],
      recommendations: [{ strength: 'stronger', status: 'accepted' }],
    })
    expect(JSON.stringify(review)).not.toMatch(/Secret|why|Child 1/)
  })

  test('items of another framework are not looked up in ours', () => {
    const review = trendReviewFromShared(shared({ factorFramework: { id: 'ssit', version: null } }), { frameworkId: 'scir-default', domainOf })
    expect(review.findings[0]!.factorDomainIds).toEqual([])
  })

  test('an own review from its projection: need stages from linked events, unknown words left out', () => {
    const review = trendReviewFromProjection(
      'NW-DEMO',
      {
        incidentDate: new Date('2024-12-31T00:00:00Z'),
        events: [
          { id: 'e1', stage: 'safety_plan' },
          { id: 'e2', stage: null },
          { id: 'e3', stage: 'not-a-stage' },
        ],
        unmetNeeds: [{ eventIds: ['e1', 'e2', 'e3', 'missing'] }, { eventIds: [] }],
        findings: [
          { id: 'f1', factorItemIds: ['worker_team.workload', 'unknown.item'] },
          { id: 'f2', factorItemIds: [] },
        ],
        findingTags: [
          { findingId: 'f1', value: 'family_centered' },
          { findingId: 'f1', value: 'bogus' },
          { findingId: 'f2', value: 'workforce_informed' },
        ],
        recommendations: [
          { strength: 'weaker', status: 'done' },
          { strength: 'strongest', status: 'done' },
        ],
      },
      domainOf,
    )
    expect(review).toEqual({
      source: 'NW-DEMO',
      incidentYear: 2024,
      unmetNeeds: [{ stages: ['safety_plan'] }, { stages: [] }],
      findings: [
        { values: ['family_centered'], factorDomainIds: ['worker_team'] },
        { values: ['workforce_informed'], factorDomainIds: [] },
      ],
      recommendations: [{ strength: 'weaker', status: 'done' }],
    })
  })
})

const review = (overrides: Partial<TrendReview>): TrendReview => ({
  source: 'NW',
  incidentYear: 2025,
  unmetNeeds: [],
  findings: [],
  recommendations: [],
  ...overrides,
})

describe('aggregation', () => {
  const reviews = [
    review({
      incidentYear: 2025,
      findings: [
        { values: ['family_centered', 'systems_focused'], factorDomainIds: ['child_family', 'zeta'] },
        { values: [], factorDomainIds: [] },
      ],
      unmetNeeds: [{ stages: ['referral', 'assessment'] }, { stages: [] }],
      recommendations: [{ strength: 'weaker', status: 'proposed' }],
    }),
    review({
      incidentYear: 2023,
      findings: [{ values: ['family_centered'], factorDomainIds: ['worker_team'] }],
      recommendations: [{ strength: 'stronger', status: 'done' }],
    }),
  ]
  const tables = aggregateTrends(reviews, { domainOrder: ['worker_team', 'child_family', 'organisation'] })

  test('findings count once per value and domain pair; unknown domains follow the framework', () => {
    const t = tables.findingsByValueAndDomain
    expect(t.rows).toEqual([...coreValues, NONE])
    expect(t.columns).toEqual(['worker_team', 'child_family', 'organisation', 'zeta', NONE])
    const at = (row: string, column: string) => t.counts[t.rows.indexOf(row)]![t.columns.indexOf(column)]
    expect(at('family_centered', 'child_family')).toBe(1)
    expect(at('family_centered', 'zeta')).toBe(1)
    expect(at('family_centered', 'worker_team')).toBe(1)
    expect(at('systems_focused', 'child_family')).toBe(1)
    expect(at(NONE, NONE)).toBe(1)
    expect(at('workforce_informed', 'organisation')).toBe(0)
  })

  test('years are the incident years of the reviews counted, in order', () => {
    expect(tables.findingsByValueAndYear.columns).toEqual(['2023', '2025'])
    expect(tables.findingsByValueAndYear.counts[0]).toEqual([1, 1])
  })

  test('unmet needs count at each distinct stage; unlinked needs get their own row', () => {
    const t = tables.unmetNeedsByStageAndYear
    expect(t.rows).toEqual([...journeyStages, NONE])
    expect(t.counts[t.rows.indexOf('referral')]).toEqual([0, 1])
    expect(t.counts[t.rows.indexOf(NONE)]).toEqual([0, 1])
  })

  test('the "(none)" lines appear only when something is in them', () => {
    const clean = aggregateTrends(
      [review({ findings: [{ values: ['family_centered'], factorDomainIds: ['child_family'] }], unmetNeeds: [{ stages: ['referral'] }] })],
      { domainOrder: ['child_family'] },
    )
    expect(clean.findingsByValueAndDomain.rows).not.toContain(NONE)
    expect(clean.findingsByValueAndDomain.columns).not.toContain(NONE)
    expect(clean.unmetNeedsByStageAndYear.rows).not.toContain(NONE)
  })

  test('recommendations by strength and status, and by year', () => {
    expect(tables.recommendationsByStrengthAndStatus.rows).toEqual([...recommendationStrengths])
    expect(tables.recommendationsByStrengthAndStatus.columns).toEqual([...recommendationStatuses])
    expect(tables.recommendationsByStrengthAndStatus.counts[0]).toEqual([0, 0, 0, 1, 0, 0])
    expect(tables.recommendationsByStrengthAndYear.counts).toEqual([
      [1, 0],
      [0, 0],
      [0, 1],
    ])
  })

  test('no reviews: empty year columns and nothing to show', () => {
    const empty = publishTrends(aggregateTrends([], { domainOrder: ['a'] }))
    expect(empty.findingsByValueAndYear.columns).toEqual([])
    expect(empty.recommendationsByStrengthAndStatus.grandTotal).toBe(0)
  })
})

describe('published trends', () => {
  const trendReview = fc.record({
    source: fc.constantFrom('NW', 'LK', 'ON-01'),
    incidentYear: fc.integer({ min: 2021, max: 2024 }),
    unmetNeeds: fc.array(fc.record({ stages: fc.uniqueArray(fc.constantFrom(...journeyStages), { maxLength: 2 }) }), { maxLength: 4 }),
    findings: fc.array(
      fc.record({
        values: fc.uniqueArray(fc.constantFrom(...coreValues), { maxLength: 2 }),
        factorDomainIds: fc.uniqueArray(fc.constantFrom('child_family', 'worker_team', 'organisation'), { maxLength: 2 }),
      }),
      { maxLength: 5 },
    ),
    recommendations: fc.array(fc.record({ strength: fc.constantFrom(...recommendationStrengths), status: fc.constantFrom(...recommendationStatuses) }), {
      maxLength: 5,
    }),
  })

  test('property: every table is safe, every shown number is true, linked totals agree', () => {
    fc.assert(
      fc.property(fc.array(trendReview, { maxLength: 25 }), reviews => {
        const raw = aggregateTrends(reviews, { domainOrder: ['child_family', 'worker_team', 'organisation'] })
        const published = publishTrends(raw)
        for (const name of Object.keys(raw) as TrendTableName[]) {
          const counts = raw[name].counts
          const shown = published[name]
          expect(shown.rows).toEqual(raw[name].rows)
          if (!shown.published) {
            // Nothing but the grand total: shown only when it is 0 or 10 and more.
            expect(shown.cells.flat().every(p => p === 'withheld')).toBe(true)
            expect(typeof shown.grandTotal !== 'number' || shown.grandTotal === 0 || shown.grandTotal >= 10).toBe(true)
            continue
          }
          shown.cells.forEach((row, i) =>
            row.forEach((p, j) => {
              const truth = counts[i]![j]!
              if (typeof p === 'number') {
                expect(p).toBe(truth)
                expect(p === 0 || p >= 10).toBe(true)
              } else expect(truth).toBeGreaterThan(0)
            }),
          )
          expect(auditSuppressedTable(counts, shown), name).toEqual([])
        }
        const a = published.recommendationsByStrengthAndStatus
        const b = published.recommendationsByStrengthAndYear
        // A non-zero total shown in one table is shown, the same, in the other; a total hidden
        // in one (or in a table not published at all) is hidden in the other.
        const agree = (x: unknown, y: unknown) => {
          if (typeof x === 'number' && x > 0) expect(y).toBe(x)
          if (typeof y === 'number' && y > 0) expect(x).toBe(y)
        }
        a.rowTotals.forEach((p, i) => agree(p, b.rowTotals[i]))
        agree(a.grandTotal, b.grandTotal)
        if (a.published && b.published) expect(a.rowTotals).toEqual(b.rowTotals)
      }),
      { numRuns: 150 },
    )
  })

  test('reviews per source are suppressed too, and the listed sources always appear', () => {
    const reviews = [...Array.from({ length: 12 }, () => review({ source: 'NW' })), review({ source: 'LK' }), review({ source: 'LK' })]
    const { sources, counts } = publishSources(reviews, ['NW', 'ON-01'])
    expect(sources).toEqual(['NW', 'ON-01', 'LK'])
    expect(counts.cells).toEqual([['withheld'], [0], ['small']])
    expect(counts.grandTotal).toBe(14)
  })
})
