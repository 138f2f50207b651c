import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { auditSuppressedTable, suppressLinkedTables, suppressTable, type PublishedCount, type SuppressedTable } from '~/domain/trends'

// Counts as a reader of a trends table meets them: mostly zeros and small numbers, some large.
const count = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 4 },
  { arbitrary: fc.integer({ min: 10, max: 40 }), weight: 3 },
)
const table = (maxRows: number, maxColumns: number) =>
  fc
    .integer({ min: 1, max: maxRows })
    .chain(rows =>
      fc
        .integer({ min: 1, max: maxColumns })
        .chain(columns => fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows })),
    )

type Grid = { values: number[][]; shown: PublishedCount[][] }

/** The table with its totals: totals in the last row and column. */
function withTotals(counts: number[][]): number[][] {
  const rowSums = counts.map(r => r.reduce((a, b) => a + b, 0))
  const columnSums = (counts[0] ?? []).map((_, j) => counts.reduce((a, r) => a + r[j]!, 0))
  const grand = rowSums.reduce((a, b) => a + b, 0)
  return [...counts.map((r, i) => [...r, rowSums[i]!]), [...columnSums, grand]]
}

function asGrid(counts: number[][], published: SuppressedTable): Grid {
  return {
    values: withTotals(counts),
    shown: [...published.cells.map((r, i) => [...r, published.rowTotals[i]!]), [...published.columnTotals, published.grandTotal]],
  }
}

const hidden = (p: PublishedCount | undefined) => p === 'small' || p === 'withheld'
const bounds = (p: PublishedCount): [number, number] => (p === 'small' ? [1, 9] : p === 'withheld' ? [10, Number.POSITIVE_INFINITY] : [p, p])

/**
 * Brute force, independent of the audit's cycle argument: every assignment of the hidden
 * cells within `radius` of their true values that agrees with everything published (shown
 * counts, shown totals, the ranges "<10" = 1-9 and "x" = 10+). Returns, for each hidden entry
 * of the grid (totals included), how many different values it takes across them.
 */
function valuesSeen(grid: Grid, radius: number): Map<string, Set<number>> {
  const rows = grid.values.length - 1
  const columns = grid.values[0]!.length - 1
  const unknown: [number, number][] = []
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) if (hidden(grid.shown[i]![j])) unknown.push([i, j])
  const seen = new Map<string, Set<number>>()
  for (let i = 0; i <= rows; i++) for (let j = 0; j <= columns; j++) if (hidden(grid.shown[i]![j])) seen.set(`${i},${j}`, new Set())
  const current = grid.values.slice(0, rows).map(r => r.slice(0, columns))
  const fits = (p: PublishedCount, v: number) => {
    const [low, high] = bounds(p)
    return v >= low && v <= high
  }
  const rowOk = (i: number) =>
    fits(
      grid.shown[i]![columns]!,
      current[i]!.reduce((a, b) => a + b, 0),
    )
  const visit = (k: number, lastRow: number) => {
    const at = unknown[k]
    // Rows before the next unknown's row are complete: check them as soon as they are.
    for (let i = lastRow; i < (at ? at[0] : rows); i++) if (!rowOk(i)) return
    if (!at) {
      const columnSums = Array.from({ length: columns }, (_, j) => current.reduce((a, r) => a + r[j]!, 0))
      if (!columnSums.every((v, j) => fits(grid.shown[rows]![j]!, v))) return
      const grand = columnSums.reduce((a, b) => a + b, 0)
      if (!fits(grid.shown[rows]![columns]!, grand)) return
      for (const [key, set] of seen) {
        const [i, j] = key.split(',').map(Number) as [number, number]
        const value = i === rows ? (j === columns ? grand : columnSums[j]!) : j === columns ? current[i]!.reduce((a, b) => a + b, 0) : current[i]![j]!
        set.add(value)
      }
      return
    }
    const [i, j] = at
    const truth = grid.values[i]![j]!
    const [low, high] = bounds(grid.shown[i]![j]!)
    for (let v = Math.max(low, truth - radius); v <= Math.min(high, truth + radius); v++) {
      current[i]![j] = v
      visit(k + 1, at[0])
    }
    current[i]![j] = truth
  }
  visit(0, 0)
  return seen
}

function expectHonest(counts: number[][], published: SuppressedTable) {
  const grid = asGrid(counts, published)
  const last = (k: number, list: unknown[]) => k === list.length - 1
  grid.values.forEach((row, i) =>
    row.forEach((v, j) => {
      const p = grid.shown[i]![j]!
      const grand = last(i, grid.values) && last(j, row)
      // An unpublished table shows its grand total only.
      if (!published.published && !grand) return expect(p).toBe('withheld')
      if (v >= 1 && v <= 9) expect(p).toBe('small')
      if (v === 0) expect(p).toBe(0)
      if (typeof p === 'number') expect(p).toBe(v)
      if (p === 'withheld') expect(v).toBeGreaterThanOrEqual(10)
    }),
  )
}

describe('primary suppression', () => {
  test('1-9 read "<10", zero and 10+ are shown when nothing can be worked out', () => {
    const result = suppressTable([
      [0, 12, 30],
      [15, 11, 20],
    ])
    expect(result).toEqual({
      published: true,
      cells: [
        [0, 12, 30],
        [15, 11, 20],
      ],
      rowTotals: [42, 46],
      columnTotals: [15, 23, 50],
      grandTotal: 88,
    })
  })

  test('a lone small cell in a row gets a partner: the smallest non-zero count of the row', () => {
    const result = suppressTable([
      [3, 12, 30],
      [15, 11, 20],
    ])
    // Row 0: 3 hides, 12 is withheld with it. Column 0 and column 1 then hide one each, so
    // row 1 gives up 15 and 11 (its smallest), which also settles the columns.
    expect(result.cells).toEqual([
      ['small', 'withheld', 30],
      ['withheld', 'withheld', 20],
    ])
    expect(result.rowTotals).toEqual([45, 46])
    expect(result.columnTotals).toEqual([18, 23, 50])
    expect(
      auditSuppressedTable(
        [
          [3, 12, 30],
          [15, 11, 20],
        ],
        result,
      ),
    ).toEqual([])
  })

  test('a small total is suppressed like a cell', () => {
    const result = suppressTable([
      [2, 3],
      [0, 0],
    ])
    expect(result.rowTotals).toEqual(['small', 0])
    expect(result.columnTotals).toEqual(['small', 'small'])
    expect(result.grandTotal).toBe('small')
  })

  test('zero is never suppressed, and an all-zero table shows zeros', () => {
    expect(
      suppressTable([
        [0, 0],
        [0, 0],
      ]),
    ).toEqual({
      published: true,
      cells: [
        [0, 0],
        [0, 0],
      ],
      rowTotals: [0, 0],
      columnTotals: [0, 0],
      grandTotal: 0,
    })
  })

  test('an empty table has only a zero grand total', () => {
    expect(suppressTable([])).toEqual({ published: true, cells: [], rowTotals: [], columnTotals: [], grandTotal: 0 })
  })

  test('bounds reveal too: two "<10" cells whose total is 18 must both be 9, so more is withheld', () => {
    const counts = [
      [9, 9, 0],
      [0, 0, 20],
    ]
    const naive: SuppressedTable = {
      published: true,
      cells: [
        ['small', 'small', 0],
        [0, 0, 20],
      ],
      rowTotals: [18, 20],
      columnTotals: ['small', 'small', 20],
      grandTotal: 38,
    }
    // Every line hides 0 or 2 entries, and yet:
    expect(auditSuppressedTable(counts, naive).length).toBeGreaterThan(0)
    const result = suppressTable(counts)
    expect(auditSuppressedTable(counts, result)).toEqual([])
    expectHonest(counts, result)
  })

  test('a table that no suppression can protect is not published, only its grand total', () => {
    // Nine non-zero cells (zeros are shown) under a total below 10: every one must be 1.
    const counts = [
      [1, 1, 0, 1],
      [0, 0, 0, 1],
      [1, 1, 0, 0],
      [1, 0, 1, 1],
    ]
    const result = suppressTable(counts)
    expect(result.published).toBe(false)
    expect(result.grandTotal).toBe('small')
    expect(result.cells.flat().every(p => p === 'withheld')).toBe(true)
    expect([...result.rowTotals, ...result.columnTotals].every(p => p === 'withheld')).toBe(true)
    expectHonest(counts, result)
    // Two cells of 1 are not pinned: the totals can move with them.
    expect(
      suppressTable([
        [1, 0],
        [0, 1],
      ]).published,
    ).toBe(true)
  })

  test('rejects tables that are not counts', () => {
    expect(() => suppressTable([[1, 2], [3]])).toThrow()
    expect(() => suppressTable([[-1]])).toThrow()
    expect(() => suppressTable([[1.5]])).toThrow()
  })
})

describe('complementary suppression (property tests)', () => {
  test('every published number is true, every 1-9 is hidden, zero is shown', () => {
    fc.assert(
      fc.property(table(6, 6), counts => {
        expectHonest(counts, suppressTable(counts))
      }),
      { numRuns: 300 },
    )
  })

  test('every hidden cell shares its row and its column with another hidden entry (or its total is hidden)', () => {
    fc.assert(
      fc.property(table(6, 6), counts => {
        const published = suppressTable(counts)
        published.cells.forEach((row, i) =>
          row.forEach((p, j) => {
            if (!hidden(p)) return
            const othersInRow = row.filter((q, jj) => jj !== j && hidden(q)).length
            const othersInColumn = published.cells.filter((r, ii) => ii !== i && hidden(r[j])).length
            expect(othersInRow > 0 || hidden(published.rowTotals[i]), `row ${i}`).toBe(true)
            expect(othersInColumn > 0 || hidden(published.columnTotals[j]), `column ${j}`).toBe(true)
          }),
        )
        // The same for the totals row and column, as lines of their own.
        const rowTotalsHidden = published.rowTotals.filter(hidden).length + (hidden(published.grandTotal) ? 1 : 0)
        const columnTotalsHidden = published.columnTotals.filter(hidden).length + (hidden(published.grandTotal) ? 1 : 0)
        expect(rowTotalsHidden).not.toBe(1)
        expect(columnTotalsHidden).not.toBe(1)
      }),
      { numRuns: 300 },
    )
  })

  test('the audit finds nothing a reader could work out in any published table', () => {
    fc.assert(
      fc.property(table(8, 8), counts => {
        expect(auditSuppressedTable(counts, suppressTable(counts))).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  test('brute force on small tables: every hidden entry can take at least two values', () => {
    fc.assert(
      fc.property(table(3, 3), counts => {
        const published = suppressTable(counts)
        if (!published.published) return
        const grid = asGrid(counts, published)
        const hiddenCells = published.cells.flat().filter(hidden).length
        const seen = valuesSeen(grid, hiddenCells <= 6 ? 2 : 1)
        for (const [entry, values] of seen) expect(values.size, `entry ${entry} of ${JSON.stringify(counts)}`).toBeGreaterThanOrEqual(2)
      }),
      { numRuns: 400 },
    )
  })

  test('the audit agrees with brute force on arbitrary suppression patterns, safe or not', () => {
    const withPattern = table(3, 3).chain(counts => {
      const entries = (counts.length + 1) * (counts[0]!.length + 1)
      return fc.tuple(fc.constant(counts), fc.array(fc.boolean(), { minLength: entries, maxLength: entries }))
    })
    fc.assert(
      fc.property(withPattern, ([counts, extra]) => {
        // Primary suppression always, plus a random choice of other non-zero entries.
        const values = withTotals(counts)
        const columns = counts[0]!.length
        const mark = (v: number, k: number): PublishedCount => (v >= 1 && v <= 9 ? 'small' : v >= 10 && extra[k] ? 'withheld' : v)
        const shown = values.map((row, i) => row.map((v, j) => mark(v, i * (columns + 1) + j)))
        const published: SuppressedTable = {
          published: true,
          cells: shown.slice(0, -1).map(r => r.slice(0, -1)),
          rowTotals: shown.slice(0, -1).map(r => r[columns]!),
          columnTotals: shown[shown.length - 1]!.slice(0, -1),
          grandTotal: shown[shown.length - 1]![columns]!,
        }
        if (published.cells.flat().filter(hidden).length > 6) return
        const exposed = new Set(auditSuppressedTable(counts, published).map(([i, j]) => `${i},${j}`))
        const seen = valuesSeen({ values, shown }, 2)
        for (const [entry, values] of seen) expect(values.size === 1, `entry ${entry} of ${JSON.stringify(counts)}`).toBe(exposed.has(entry))
      }),
      { numRuns: 400 },
    )
  })
})

describe('linked tables', () => {
  test('a total withheld in one table is withheld in the table that publishes the same quantity', () => {
    // Same rows (three strengths), same row totals: 13, 25, 40.
    const byStatus = [
      [3, 10, 0],
      [5, 20, 0],
      [0, 20, 20],
    ]
    const byYear = [
      [13, 0],
      [25, 0],
      [20, 20],
    ]
    const [a, b] = suppressLinkedTables([
      { counts: byStatus, rowTotalsKey: 'strength', grandTotalKey: 'all' },
      { counts: byYear, rowTotalsKey: 'strength', grandTotalKey: 'all' },
    ])
    expect(a!.published && b!.published).toBe(true)
    for (let i = 0; i < 3; i++) expect(hidden(a!.rowTotals[i]), `row ${i}`).toBe(hidden(b!.rowTotals[i]))
    expect(hidden(a!.grandTotal)).toBe(hidden(b!.grandTotal))
    expect(auditSuppressedTable(byStatus, a!)).toEqual([])
    expect(auditSuppressedTable(byYear, b!)).toEqual([])
  })

  test('property: linked totals are hidden together or shown with the same value', () => {
    const linkedPair = fc
      .integer({ min: 1, max: 4 })
      .chain(rows => fc.tuple(fc.array(fc.array(count, { minLength: 3, maxLength: 3 }), { minLength: rows, maxLength: rows }), fc.integer({ min: 1, max: 3 })))
    fc.assert(
      fc.property(linkedPair, ([byStatus, years]) => {
        // The same recommendations spread over years instead of statuses.
        const byYear = byStatus.map(row => {
          const total = row.reduce((a, b) => a + b, 0)
          const out = new Array<number>(years).fill(0)
          out[0] = total - Math.floor(total / 2)
          out[years - 1]! += Math.floor(total / 2)
          return out
        })
        const [a, b] = suppressLinkedTables([
          { counts: byStatus, rowTotalsKey: 'strength', grandTotalKey: 'all' },
          { counts: byYear, rowTotalsKey: 'strength', grandTotalKey: 'all' },
        ])
        // Shown in both with the same value, or hidden in both (a table that could not be
        // published at all hides every total but its grand total).
        const agree = (x: PublishedCount | undefined, y: PublishedCount | undefined) => {
          if (typeof x === 'number' && x > 0) expect(y).toBe(x)
          if (typeof y === 'number' && y > 0) expect(x).toBe(y)
        }
        a!.rowTotals.forEach((p, i) => agree(p, b!.rowTotals[i]))
        agree(a!.grandTotal, b!.grandTotal)
        if (a!.published && b!.published) expect(a!.rowTotals).toEqual(b!.rowTotals)
        expect(auditSuppressedTable(byStatus, a!)).toEqual([])
        expect(auditSuppressedTable(byYear, b!)).toEqual([])
      }),
      { numRuns: 200 },
    )
  })
})

describe('options for other tables (survey results, ADR 0020)', () => {
  test('the limit is a parameter; the default stays 10', () => {
    expect(suppressTable([[7, 12]]).cells[0]).toEqual(['small', 'withheld'])
    expect(suppressTable([[7, 12]], {}, { limit: 5 }).cells[0]).toEqual([7, 12])
    expect(() => suppressTable([[1]], {}, { limit: 1 })).toThrow()
  })

  test('pooling: hidden cells under a shown total must come to the limit together', () => {
    // 2 and 2 are two hidden cells, but 12 + 2 + 2 = 16 gives their pool (4) away.
    const plain = suppressTable([[12, 2, 2]], {}, { limit: 5, bounds: 'linear' })
    expect(plain.cells[0]).toEqual([12, 'small', 'small'])
    const pooled = suppressTable([[12, 2, 2]], {}, { limit: 5, bounds: 'linear', poolAtLeastLimit: true })
    expect(pooled.cells[0]).toEqual(['withheld', 'small', 'small'])
  })

  test('linear bounds: a marker tells nothing when the counts are known, so "<5" may stand for 1', () => {
    // With markers, a lone "1" under a total is pinned by the bound 1..4 only in combination;
    // with linear bounds only sums matter: two hidden cells per line are enough.
    const table = [
      [1, 6],
      [6, 1],
    ]
    const linear = suppressTable(table, {}, { limit: 5, bounds: 'linear' })
    expect(auditSuppressedTable(table, linear, { limit: 5, bounds: 'linear' })).toEqual([])
  })

  test('row totals first: a row total nobody shows is withheld before a cell', () => {
    const cellsFirst = suppressTable(
      [
        [2, 10],
        [8, 9],
        [9, 8],
      ],
      {},
      { limit: 5, bounds: 'linear' },
    )
    const totalsFirst = suppressTable(
      [
        [2, 10],
        [8, 9],
        [9, 8],
      ],
      {},
      { limit: 5, bounds: 'linear', withholdFirst: 'row-totals' },
    )
    expect(cellsFirst.cells[0]![1]).toBe('withheld')
    expect(totalsFirst.cells[0]![1]).toBe(10)
    expect(totalsFirst.rowTotals[0]).toBe('withheld')
  })
})
