import { useTranslation } from 'react-i18next'
import type { PublishedTable } from '~/domain/trends'
import { CountCell, PublishedCountView, ScrollRegion } from './published-count'

type Props = {
  id: string
  caption: string
  rowHeader: string
  table: PublishedTable
  rowLabel: (key: string) => string
  columnLabel: (key: string) => string
}

/**
 * The accessible form of every trend: a plain table with row and column headers and totals,
 * suppressed exactly like the chart above it.
 */
export function TrendTable({ id, caption, rowHeader, table, rowLabel, columnLabel }: Props) {
  const { t } = useTranslation()
  if (!table.published) {
    return (
      <div className="trend-withheld" id={id}>
        <p>
          <strong>{caption}</strong>
        </p>
        <p>
          {t('trends.notPublished')} {t('trends.totalLabel')} <PublishedCountView value={table.grandTotal} />
        </p>
      </div>
    )
  }
  return (
    <ScrollRegion className="trend-table-wrap" labelledBy={`${id}-caption`}>
      <table className="trend-table" id={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {table.columns.map(c => (
              <th scope="col" key={c} className="count">
                {columnLabel(c)}
              </th>
            ))}
            <th scope="col" className="count">
              {t('trends.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={r}>
              <th scope="row">{rowLabel(r)}</th>
              {table.columns.map((c, j) => (
                <CountCell key={c} className="count" value={table.cells[i]![j]!} />
              ))}
              <CountCell className="count total" value={table.rowTotals[i]!} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('trends.total')}</th>
            {table.columns.map((c, j) => (
              <CountCell key={c} className="count total" value={table.columnTotals[j]!} />
            ))}
            <CountCell className="count total" value={table.grandTotal} />
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  )
}
