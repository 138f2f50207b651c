// Small-cell suppression for published counts (docs/domain.md, "De-identification rules").
//
// Policy
// - A count from 1 to 9 is never shown: it reads "<10" (primary suppression). This applies to
//   the totals as well as the cells: a row total of 3 says as much as a cell of 3.
// - Zero is shown. Knowing that nothing happened identifies nobody, and hiding zeros would
//   force far more complementary suppression for no protection.
// - Complementary suppression: whoever reads a table also knows its totals and that "<10"
//   means 1-9, so a lone hidden count in a row or column could be worked out by subtraction.
//   More counts are withheld (shown as "x") until no hidden count can be recovered:
//     1. a row or column (its total included) with exactly one hidden count gets a second one
//        hidden: the smallest non-zero count shown in that line, repeated until stable;
//     2. then an exact audit (below) looks for any hidden count that the published cells,
//        totals and the meaning of the markers ("<10" is 1-9, "x" is 10 or more, shown
//        zeros are zero) still pin down, for instance two "<10" cells with a total of 18.
//        For each one, the smallest non-zero count shown in its row or column is withheld
//        too (anywhere in the table when its lines have nothing left), and both steps repeat.
//   Only ever hiding more makes this terminate; totals are suppressed like any other count
//   when they would reveal.
// - A table that stays revealing with every non-zero count hidden is not published at all,
//   only its grand total (which alone reveals nothing). It happens when the shown zeros and
//   the "<10" bound pin the rest: nine non-zero cells under a total below 10 must all be 1.
// - Tables that publish the same quantity (two tables of the same recommendations share
//   their per-strength totals) are suppressed together: a total withheld in one is withheld
//   in the other, so one table cannot be used to undo the other.
//
// The audit. Write the table with its totals as an (R+1) x (C+1) grid in which the totals are
// negated (the grand total keeps its sign): then every row and every column of the grid sums
// to zero. Hidden entries are the unknowns, each within the interval its marker tells. Two
// tables that agree with everything published differ by an integer circulation on the
// bipartite graph "grid row -- grid column" whose edges are the hidden entries, and such a
// circulation splits into simple alternating cycles that each move entries towards the other
// table. So a hidden entry can take another value exactly when some alternating cycle through
// it can move by one step (+1, -1, +1, ... on the grid) without leaving any entry's interval.
// That is a path search in a small directed graph, exact for one table and cheap enough to
// repeat after every added suppression.
//
// Limits (documented, not handled): an attacker who knows this algorithm may learn that a
// withheld "x" was the smallest count of its line; and narrow ranges (a hidden count known to
// be 8 or 9) are not widened further. Different views of overlapping data (own reviews, and
// the network that includes them) are suppressed separately, so comparing the two can narrow
// what the other jurisdictions contributed; those counts come from exports their owners chose
// to share, which the importing admins hold in full anyway.

export const SMALL_COUNT_LIMIT = 10

/**
 * The same machinery for other kinds of published tables (survey results, ADR 0020):
 * - `limit`: counts from 1 to limit-1 are primary-suppressed (default SMALL_COUNT_LIMIT);
 * - `bounds`: 'markers' when the counts themselves are the secret (the reader only knows what
 *   the markers say, as above); 'linear' when the reader knows every count and what is secret
 *   is a quantity that adds up like them (a survey's answers, whose respondent counts an
 *   admin knows from who has answered): then a hidden entry is exposed exactly when the
 *   published entries determine it by addition and subtraction alone;
 * - `poolAtLeastLimit`: in a line whose total is shown, the hidden cells together (which a
 *   reader gets by subtraction) must come to 0 or at least `limit`, not only number two;
 * - `withholdFirst`: 'row-totals' when the row totals are never shown to anyone (a survey's
 *   unit over all waves), so hiding one of them costs nothing and is preferred to a cell.
 */
export type SuppressionOptions = {
  limit?: number
  bounds?: 'markers' | 'linear'
  poolAtLeastLimit?: boolean
  withholdFirst?: 'cells' | 'row-totals'
}

type Policy = Required<SuppressionOptions>

function policyOf(options: SuppressionOptions): Policy {
  const limit = options.limit ?? SMALL_COUNT_LIMIT
  if (!Number.isSafeInteger(limit) || limit < 2) throw new Error(`a suppression limit must be an integer of at least 2: ${limit}`)
  return { limit, bounds: options.bounds ?? 'markers', poolAtLeastLimit: options.poolAtLeastLimit ?? false, withholdFirst: options.withholdFirst ?? 'cells' }
}

/** What a reader sees for one count: the number, "<10" (`small`) or "x" (`withheld`). */
export type PublishedCount = number | 'small' | 'withheld'

export type SuppressedTable = {
  /** False when the table could not be protected: then every entry but the grand total is 'withheld'. */
  published: boolean
  cells: PublishedCount[][]
  rowTotals: PublishedCount[]
  columnTotals: PublishedCount[]
  grandTotal: PublishedCount
}

/** Totals that must be withheld because a linked table withholds the same quantity. */
export type ForcedTotals = {
  rows?: ReadonlySet<number>
  columns?: ReadonlySet<number>
  grand?: boolean
}

type Status = 'shown' | 'small' | 'withheld'

/** The table with its totals: rows 0..R-1 and columns 0..C-1 are cells, index R / C totals. */
class Grid {
  readonly rows: number
  readonly columns: number
  readonly values: number[][]
  readonly status: Status[][]
  readonly policy: Policy

  constructor(counts: readonly (readonly number[])[], policy: Policy = policyOf({})) {
    this.policy = policy
    const rows = counts.length
    const columns = counts[0]?.length ?? 0
    for (const row of counts) {
      if (row.length !== columns) throw new Error('a count table must be rectangular')
      for (const v of row) if (!Number.isSafeInteger(v) || v < 0) throw new Error(`not a count: ${v}`)
    }
    this.rows = rows
    this.columns = columns
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
    const columnTotals = Array.from({ length: columns }, (_, j) => sum(counts.map(row => row[j]!)))
    this.values = [...counts.map(row => [...row, sum(row)]), [...columnTotals, sum(columnTotals)]]
    this.status = this.values.map(line => line.map(v => (v > 0 && v < policy.limit ? 'small' : 'shown')))
  }

  value(i: number, j: number) {
    return this.values[i]![j]!
  }
  statusOf(i: number, j: number) {
    return this.status[i]![j]!
  }
  hidden(i: number, j: number) {
    return this.statusOf(i, j) !== 'shown'
  }
  withhold(i: number, j: number) {
    // Zero is always shown (policy above); a linked table may ask to hide a total that is 0.
    if (this.value(i, j) === 0) return
    if (!this.hidden(i, j)) this.status[i]![j] = this.value(i, j) < this.policy.limit ? 'small' : 'withheld'
  }
  isTotal(i: number, j: number) {
    return i === this.rows || j === this.columns
  }
  /** What withholding an entry costs the reader: lower is withheld first. */
  costOf(i: number, j: number) {
    if (this.policy.withholdFirst === 'row-totals' && j === this.columns && i < this.rows) return 0
    return this.isTotal(i, j) ? 2 : 1
  }

  /** Every line of the grid (each row and each column, totals included), as entry lists. */
  lines(): [number, number][][] {
    const out: [number, number][][] = []
    for (let i = 0; i <= this.rows; i++) out.push(Array.from({ length: this.columns + 1 }, (_, j) => [i, j] as [number, number]))
    for (let j = 0; j <= this.columns; j++) out.push(Array.from({ length: this.rows + 1 }, (_, i) => [i, j] as [number, number]))
    return out
  }

  /**
   * The shown, non-zero entry to withhold next among `entries`: cells before totals (a cell
   * costs less information), then the smallest, then the first.
   */
  cheapest(entries: readonly [number, number][]): [number, number] | null {
    let best: [number, number] | null = null
    for (const e of entries) {
      const [i, j] = e
      if (this.hidden(i, j) || this.value(i, j) === 0) continue
      if (!best) {
        best = e
        continue
      }
      const rank = (x: [number, number]) => [this.costOf(x[0], x[1]), this.value(x[0], x[1])] as const
      const [a, b] = [rank(e), rank(best)]
      if (a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])) best = e
    }
    return best
  }
}

/** Sign of an entry on the zero-sum grid: totals are negated, the grand total is not. */
function sign(grid: Grid, i: number, j: number) {
  return (i === grid.rows) !== (j === grid.columns) ? -1 : 1
}

/** The interval a reader can infer for a hidden entry from its marker. */
function interval(grid: Grid, i: number, j: number): [number, number] {
  // A reader who knows every count learns nothing from a marker; only addition is left.
  if (grid.policy.bounds === 'linear' && grid.hidden(i, j)) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]
  switch (grid.statusOf(i, j)) {
    case 'small':
      return [1, grid.policy.limit - 1]
    case 'withheld':
      return [SMALL_COUNT_LIMIT, Number.POSITIVE_INFINITY]
    case 'shown':
      return [grid.value(i, j), grid.value(i, j)]
  }
}

/** Whether the entry's real value can move by `step` (on the signed grid) within its interval. */
function canMove(grid: Grid, i: number, j: number, step: 1 | -1) {
  const next = grid.value(i, j) + step * sign(grid, i, j)
  const [low, high] = interval(grid, i, j)
  return next >= low && next <= high
}

/**
 * Hidden entries (cells or totals) whose value the published table still determines.
 * Empty when the table is safe.
 */
function exposedEntries(grid: Grid): [number, number][] {
  const rowNodes = grid.rows + 1
  const node = { row: (i: number) => i, column: (j: number) => rowNodes + j }
  type Arc = { to: number; entry: number }
  const arcs: Arc[][] = Array.from({ length: rowNodes + grid.columns + 1 }, () => [])
  const hidden: [number, number][] = []
  for (let i = 0; i <= grid.rows; i++) {
    for (let j = 0; j <= grid.columns; j++) {
      if (!grid.hidden(i, j)) continue
      const entry = hidden.push([i, j]) - 1
      // Row -> column raises the entry on the signed grid, column -> row lowers it.
      if (canMove(grid, i, j, 1)) arcs[node.row(i)]!.push({ to: node.column(j), entry })
      if (canMove(grid, i, j, -1)) arcs[node.column(j)]!.push({ to: node.row(i), entry })
    }
  }
  const reaches = (from: number, to: number, skipEntry: number) => {
    const seen = new Set<number>([from])
    const queue = [from]
    while (queue.length) {
      const at = queue.shift()!
      if (at === to) return true
      for (const arc of arcs[at]!) {
        if (arc.entry === skipEntry || seen.has(arc.to)) continue
        seen.add(arc.to)
        queue.push(arc.to)
      }
    }
    return false
  }
  return hidden.filter(([i, j], entry) => {
    const [r, c] = [node.row(i), node.column(j)]
    const up = canMove(grid, i, j, 1) && reaches(c, r, entry)
    const down = canMove(grid, i, j, -1) && reaches(r, c, entry)
    return !up && !down
  })
}

/** Whether a line, as it stands, lets a reader subtract their way to something hidden. */
function lineReveals(grid: Grid, line: readonly [number, number][]): boolean {
  const hidden = line.filter(([i, j]) => grid.hidden(i, j))
  if (hidden.length === 1) return true
  if (!grid.policy.poolAtLeastLimit || hidden.length === 0) return false
  // The line's last entry is its total; when it is shown, the hidden cells' sum is known.
  const [ti, tj] = line[line.length - 1]!
  if (grid.hidden(ti, tj)) return false
  const pooled = hidden.reduce((n, [i, j]) => n + grid.value(i, j), 0)
  return pooled > 0 && pooled < grid.policy.limit
}

/** Hides more until nothing can be worked out; false when even hiding everything fails. */
function protect(grid: Grid): boolean {
  for (;;) {
    // 1. No line may hide exactly one entry (nor, when asked, cells pooling under the limit).
    let changed = true
    while (changed) {
      changed = false
      for (const line of grid.lines()) {
        if (!lineReveals(grid, line)) continue
        const next = grid.cheapest(line)
        // A line that sums to zero cannot hide a single non-zero entry alone, so a shown
        // non-zero entry always exists; the guard only keeps a broken invariant from looping.
        if (!next) continue
        grid.withhold(...next)
        changed = true
      }
    }
    // 2. The exact audit, for what bounds and interlocking lines still reveal.
    const exposed = exposedEntries(grid)
    const first = exposed[0]
    if (!first) return true
    const [i, j] = first
    const inLines: [number, number][] = [
      ...Array.from({ length: grid.columns + 1 }, (_, jj) => [i, jj] as [number, number]),
      ...Array.from({ length: grid.rows + 1 }, (_, ii) => [ii, j] as [number, number]),
    ]
    const anywhere = grid.lines().flat()
    const next = grid.cheapest(inLines) ?? grid.cheapest(anywhere)
    if (!next) return false
    grid.withhold(...next)
  }
}

function publish(grid: Grid, protectable: boolean): SuppressedTable {
  const status = (i: number, j: number): PublishedCount => {
    const s = grid.statusOf(i, j)
    return s === 'shown' ? grid.value(i, j) : s
  }
  const isGrand = (i: number, j: number) => i === grid.rows && j === grid.columns
  const shown = (i: number, j: number): PublishedCount => (protectable || isGrand(i, j) ? status(i, j) : 'withheld')
  const range = (n: number) => Array.from({ length: n }, (_, k) => k)
  return {
    published: protectable,
    cells: range(grid.rows).map(i => range(grid.columns).map(j => shown(i, j))),
    rowTotals: range(grid.rows).map(i => shown(i, grid.columns)),
    columnTotals: range(grid.columns).map(j => shown(grid.rows, j)),
    grandTotal: shown(grid.rows, grid.columns),
  }
}

/** Applies the suppression policy above to one table of counts (rows x columns). */
export function suppressTable(counts: readonly (readonly number[])[], forced: ForcedTotals = {}, options: SuppressionOptions = {}): SuppressedTable {
  const grid = new Grid(counts, policyOf(options))
  forced.rows?.forEach(i => i < grid.rows && grid.withhold(i, grid.columns))
  forced.columns?.forEach(j => j < grid.columns && grid.withhold(grid.rows, j))
  if (forced.grand) grid.withhold(grid.rows, grid.columns)
  return publish(grid, protect(grid))
}

/**
 * Which hidden entries of a published table a reader could still work out, as [row, column]
 * with the totals at index rows / columns. For tests and for a last check before rendering.
 */
export function auditSuppressedTable(counts: readonly (readonly number[])[], published: SuppressedTable, options: SuppressionOptions = {}): [number, number][] {
  const grid = new Grid(counts, policyOf(options))
  // An unpublished table shows its grand total only: one number, shown or hidden, is safe.
  if (!published.published) return []
  const mark = (i: number, j: number, p: PublishedCount) => {
    grid.status[i]![j] = p === 'small' ? 'small' : p === 'withheld' ? 'withheld' : 'shown'
  }
  published.cells.forEach((row, i) => row.forEach((p, j) => mark(i, j, p)))
  published.rowTotals.forEach((p, i) => mark(i, grid.columns, p))
  published.columnTotals.forEach((p, j) => mark(grid.rows, j, p))
  mark(grid.rows, grid.columns, published.grandTotal)
  return exposedEntries(grid)
}

/**
 * A table of a family of tables that publish some of the same quantities: tables with the
 * same `rowTotalsKey` have the same rows and identical row totals (likewise for the grand
 * total); a withheld total in one is withheld in all.
 */
export type LinkedTable = {
  counts: readonly (readonly number[])[]
  rowTotalsKey?: string
  columnTotalsKey?: string
  grandTotalKey?: string
}

export function suppressLinkedTables(tables: readonly LinkedTable[]): SuppressedTable[] {
  // Quantity key -> indexes withheld somewhere; the grand totals have their own keys.
  const forcedLines = new Map<string, Set<number>>()
  const forcedGrand = new Set<string>()
  const linesOf = (key: string | undefined) => (key ? forcedLines.get(key) : undefined) ?? new Set<number>()
  const size = () => [...forcedLines.values()].reduce((n, s) => n + s.size, forcedGrand.size)
  for (;;) {
    const results = tables.map(table =>
      suppressTable(table.counts, {
        rows: linesOf(table.rowTotalsKey),
        columns: linesOf(table.columnTotalsKey),
        grand: table.grandTotalKey !== undefined && forcedGrand.has(table.grandTotalKey),
      }),
    )
    const before = size()
    const note = (key: string | undefined, values: PublishedCount[]) => {
      if (key === undefined) return
      const set = forcedLines.get(key) ?? new Set<number>()
      values.forEach((p, k) => typeof p !== 'number' && set.add(k))
      forcedLines.set(key, set)
    }
    results.forEach((result, t) => {
      const table = tables[t]!
      note(table.rowTotalsKey, result.rowTotals)
      note(table.columnTotalsKey, result.columnTotals)
      if (table.grandTotalKey !== undefined && typeof result.grandTotal !== 'number') forcedGrand.add(table.grandTotalKey)
    })
    if (size() === before) return results
  }
}
