// Suppression of survey results, checked from the outside: whatever the respondent counts and
// threshold, nothing published lets a reader work out the answers of fewer than N people, by
// reading a cell or by subtracting across units and waves.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { changeBetween, defaultSurveyInstrument, suppressRespondents, surveyItems, surveyResults, type CellResult } from '~/domain/surveys'

const counts = fc.integer({ min: 1, max: 6 }).chain(units =>
  fc.integer({ min: 1, max: 4 }).chain(waves =>
    fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 25 })), { minLength: waves, maxLength: waves }), {
      minLength: units,
      maxLength: units,
    }),
  ),
)
const threshold = fc.integer({ min: 3, max: 10 })

/**
 * What a reader can subtract: every shown cell, every shown jurisdiction total (per wave) and
 * every published change. Counts are public (an admin knows who answered), answers are not.
 * Returns the hidden cells whose own answers the published figures pin down.
 */
function recoverable(table: number[][], shown: (u: number, w: number) => boolean, totalShown: (w: number) => boolean): [number, number][] {
  const out: [number, number][] = []
  const waves = table[0]!.length
  for (let w = 0; w < waves; w++) {
    // Each wave's total is the only published sum; the cells of different waves never share
    // an equation, so a hidden cell is pinned exactly when it is the only hidden, non-empty
    // cell under a shown total.
    if (!totalShown(w)) continue
    const hidden = table.map((row, u) => [u, row[w]!] as const).filter(([u, n]) => !shown(u, w) && n > 0)
    if (hidden.length === 1) out.push([hidden[0]![0], w])
  }
  return out
}

describe('survey suppression', () => {
  test('no shown cell has fewer than N respondents', () => {
    fc.assert(
      fc.property(counts, threshold, (table, n) => {
        const decide = suppressRespondents(table, n)
        table.forEach((row, u) => row.forEach((count, w) => decide.cell(u, w) === 'shown' && expect(count).toBeGreaterThanOrEqual(n)))
        table[0]!.forEach((_, w) => {
          const total = table.reduce((s, row) => s + row[w]!, 0)
          if (decide.jurisdiction(w) === 'shown') expect(total).toBeGreaterThanOrEqual(n)
        })
      }),
      { numRuns: 400 },
    )
  })

  test('no hidden cell can be recovered by subtracting shown units from a shown total', () => {
    fc.assert(
      fc.property(counts, threshold, (table, n) => {
        const decide = suppressRespondents(table, n)
        const found = recoverable(
          table,
          (u, w) => decide.cell(u, w) === 'shown',
          w => decide.jurisdiction(w) === 'shown',
        )
        expect(found).toEqual([])
      }),
      { numRuns: 400 },
    )
  })

  test('hidden units under a shown total pool to at least N people', () => {
    fc.assert(
      fc.property(counts, threshold, (table, n) => {
        const decide = suppressRespondents(table, n)
        table[0]!.forEach((_, w) => {
          if (decide.jurisdiction(w) !== 'shown') return
          const pooled = table.reduce((s, row, u) => s + (decide.cell(u, w) === 'shown' ? 0 : row[w]!), 0)
          expect(pooled === 0 || pooled >= n).toBe(true)
        })
      }),
      { numRuns: 400 },
    )
  })

  test('end to end: results, and the changes between waves, never expose a small cell', () => {
    const items = surveyItems(defaultSurveyInstrument)
    fc.assert(
      fc.property(counts, threshold, fc.integer({ min: 0, max: 2 ** 31 }), (table, n, seed) => {
        let state = seed
        const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
        const units = table.map((_, u) => ({ unitId: `u${u}`, name: `Unit ${u}` }))
        const waves = table[0]!.map((_, w) => ({ waveId: `w${w}`, label: `Wave ${w}`, unitIds: units.map(u => u.unitId) }))
        const responses = table.flatMap((row, u) =>
          row.flatMap((count, w) =>
            Array.from({ length: count }, () => ({
              waveId: `w${w}`,
              unitId: `u${u}`,
              answers: Object.fromEntries(items.map(i => [i.id, 1 + Math.floor(random() * 5)])),
            })),
          ),
        )
        const results = surveyResults({ instrument: defaultSurveyInstrument, minResponses: n, waves, units, responses })
        const shown = (cell: CellResult | undefined) => cell?.status === 'shown'
        results.cells.forEach((row, u) =>
          row.forEach((cell, w) => {
            if (cell.status === 'shown') expect(cell.respondents).toBe(table[u]![w])
            if (table[u]![w]! > 0 && table[u]![w]! < n) expect(cell.status).toBe('too-few')
            // A change is published only between two shown ends.
            if (w > 0) {
              const change = changeBetween(row[w - 1], cell, { kind: 'composite', id: 'safety_climate' })
              expect(change !== null).toBe(shown(row[w - 1]) && shown(cell) && change !== null)
              if (change) expect(shown(row[w - 1]) && shown(cell)).toBe(true)
            }
          }),
        )
        const found = recoverable(
          table,
          (u, w) => shown(results.cells[u]![w]),
          w => shown(results.jurisdiction[w]),
        )
        expect(found).toEqual([])
      }),
      { numRuns: 150 },
    )
  })

  test('a lone small unit takes the smallest other unit with it; the total stays', () => {
    const decide = suppressRespondents([[12], [6], [2]], 5)
    expect([0, 1, 2].map(u => decide.cell(u, 0))).toEqual(['shown', 'withheld', 'too-few'])
    expect(decide.jurisdiction(0)).toBe('shown')
    // Two small units that together still fall short take a third one with them.
    const pooled = suppressRespondents([[12], [2], [2]], 5)
    expect([0, 1, 2].map(u => pooled.cell(u, 0))).toEqual(['withheld', 'too-few', 'too-few'])
  })

  test('a small unit in one wave does not hide that unit in the other waves', () => {
    // Unit 0 is small in wave 0 only; its pooled total over the waves is never shown, so hiding
    // that costs nothing and its wave 1 stays.
    const decide = suppressRespondents(
      [
        [2, 10],
        [8, 9],
        [9, 8],
      ],
      5,
    )
    expect(decide.cell(0, 1)).toBe('shown')
    expect(decide.cell(0, 0)).toBe('too-few')
    expect([decide.cell(1, 0), decide.cell(2, 0)].filter(s => s === 'withheld')).toHaveLength(1)
  })
})
