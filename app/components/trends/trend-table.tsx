import { useTranslation } from 'react-i18next'
import type { PublishedTable } from '~/domain/trends'
import { PublishedCountView } from './published-count'

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
    // Wide tables scroll on their own; the region is focusable so keyboards can scroll it.
    <div className="trend-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
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
                <td key={c} className="count">
                  <PublishedCountView value={table.cells[i]![j]!} />
                </td>
              ))}
              <td className="count total">
                <PublishedCountView value={table.rowTotals[i]!} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('trends.total')}</th>
            {table.columns.map((c, j) => (
              <td key={c} className="count total">
                <PublishedCountView value={table.columnTotals[j]!} />
              </td>
            ))}
            <td className="count total">
              <PublishedCountView value={table.grandTotal} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
