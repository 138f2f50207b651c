// Trends count how often the family's and the worker's Signs of Safety scaling diverged by 3
// or more, suppressed like every small count (ADR 0040).
import { describe, expect, test } from 'vitest'
import { type SharedReview, type SharedSafetyMap } from '~/domain/export/schema'
import { aggregateTrends, publishTrends, trendReviewFromProjection, trendReviewFromShared, type TrendReview } from '~/domain/trends'
import { emptySharedReview } from '../../../fixtures/export/shared-review'

const map = (scaling: Partial<SharedSafetyMap['scaling']>): SharedSafetyMap => ({
  day: -10,
  title: 'Secret title',
  pastHarm: 'Secret harm',
  futureDanger: '',
  complicatingFactors: '',
  strengths: '',
  existingSafety: '',
  dangerStatements: '',
  safetyGoals: '',
  nextSteps: '',
  scaling: { worker: null, supervisor: null, family: null, partner: null, ...scaling },
  timelineIndexes: [],
})

const shared = (safetyMaps?: SharedSafetyMap[]): SharedReview =>
  emptySharedReview({
    sharedId: 'b'.repeat(32),
    jurisdiction: 'LK-DEMO',
    review: { incidentYear: 2024, incidentType: 'fatality', childAgeBand: null, phase: 'shared' },
    factorFramework: { id: 'scir-default', version: '1.0.0' },
    ...(safetyMaps ? { safetyMaps } : {}),
  })

const review = (year: number, safetyScalings: { family: number | null; worker: number | null }[]): TrendReview => ({
  source: 'NW-DEMO',
  incidentYear: year,
  unmetNeeds: [],
  findings: [],
  recommendations: [],
  safetyScalings,
})

describe('family-worker scaling divergence in trends', () => {
  test('a shared review gives only the family and worker numbers of its maps', () => {
    const counted = trendReviewFromShared(shared([map({ family: 9, worker: 2, supervisor: 3 }), map({ worker: 5 })]), {
      frameworkId: 'scir-default',
      domainOf: () => undefined,
    })
    expect(counted.safetyScalings).toEqual([
      { family: 9, worker: 2 },
      { family: null, worker: 5 },
    ])
    expect(JSON.stringify(counted)).not.toMatch(/Secret/)
    expect(trendReviewFromShared(shared(), { frameworkId: 'x', domainOf: () => undefined })).not.toHaveProperty('safetyScalings')
  })

  test('an own review gives them from its projection', () => {
    const counted = trendReviewFromProjection(
      'NW-DEMO',
      {
        incidentDate: new Date('2025-03-18'),
        events: [],
        unmetNeeds: [],
        findings: [],
        findingTags: [],
        recommendations: [],
        safetyMaps: [{ family: 1, worker: 8 }],
      },
      () => undefined,
    )
    expect(counted.safetyScalings).toEqual([{ family: 1, worker: 8 }])
  })

  test('counts maps with both judgements, 3 or more apart as diverged, by year; maps missing either are not counted', () => {
    const tables = aggregateTrends(
      [
        review(2024, [
          { family: 9, worker: 2 },
          { family: 5, worker: 7 },
          { family: 5, worker: 8 },
          { family: null, worker: 8 },
        ]),
        review(2025, [{ family: 0, worker: 0 }]),
        { source: 'LK-DEMO', incidentYear: 2025, unmetNeeds: [], findings: [], recommendations: [] },
      ],
      { domainOrder: [] },
    )
    expect(tables.safetyScalingDivergenceByYear).toEqual({
      rows: ['diverged', 'notDiverged'],
      columns: ['2024', '2025'],
      counts: [
        [2, 0],
        [1, 1],
      ],
    })
  })

  test('is suppressed like every small count', () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ family: 10, worker: i < 12 ? 2 : 9 }))
    const published = publishTrends(
      aggregateTrends([review(2024, many), review(2025, [{ family: 3, worker: 3 }])], { domainOrder: [] }),
    ).safetyScalingDivergenceByYear
    // 12 diverged and 2 within in 2024, 1 within in 2025: the small ones never show.
    const shown = [...published.cells.flat(), ...published.rowTotals, ...published.columnTotals, published.grandTotal]
    expect(shown.filter(value => typeof value === 'number' && value > 0 && value < 10)).toEqual([])
    expect(published.cells[1]).toEqual(['small', 'small'])
    // 12 alone in its column next to a hidden 2 would give the 2 away from the column total.
    expect(published.cells[0]).toEqual(['withheld', 0])
  })
})
