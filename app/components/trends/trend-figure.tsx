import type { PublishedTable } from '~/domain/trends'
import { TrendChart, type ChartSeries } from './trend-chart'
import { TrendTable } from './trend-table'

type Props = {
  /** The table's id; its caption is `${id}-caption`. */
  id: string
  title: string
  /** The table's caption when it is not the chart's title. */
  caption?: string
  /** A line under the figure's heading. */
  hint?: string
  kind: 'bars' | 'lines' | 'horizontal-bars'
  table: PublishedTable
  rowHeader: string
  rowLabel: (key: string) => string
  columnLabel: (key: string) => string
  /**
   * What the chart draws: a series per row over the columns (the default), or one series of the
   * row totals over the rows.
   */
  draw?: 'rows' | 'row-totals'
}

/** One trend under its heading: its chart and, below it, the table that says the same in numbers. */
export function TrendFigure({ id, title, caption, hint, kind, table, rowHeader, rowLabel, columnLabel, draw = 'rows' }: Props) {
  const categories = draw === 'rows' ? table.columns.map(columnLabel) : table.rows.map(rowLabel)
  const series: ChartSeries[] =
    draw === 'rows' ? table.rows.map((r, i) => ({ label: rowLabel(r), values: table.cells[i]! })) : [{ label: title, values: table.rowTotals }]
  return (
    <>
      <h3>{title}</h3>
      {hint ? <p className="trend-hint">{hint}</p> : null}
      <TrendChart published={table.published} kind={kind} title={title} categories={categories} series={series} />
      <TrendTable id={id} caption={caption ?? title} rowHeader={rowHeader} table={table} rowLabel={rowLabel} columnLabel={columnLabel} />
    </>
  )
}
