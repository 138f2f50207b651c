import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export type RecommendationsTableRow = {
  key: string
  recommendation: ReactNode
  /** Shown only when the table has a review column. */
  review?: ReactNode
  strength: string
  owner: ReactNode
  dueDate: string | null
  overdue: boolean
  status: ReactNode
  /** Shown only when the table has a last-note column. */
  lastNote?: string | null
}

type Props = {
  caption: string
  captionHidden?: boolean
  rows: readonly RecommendationsTableRow[]
  statusHeader: string
  /** What an unset owner, due date or note reads as. */
  notSet: string
  columns?: { review?: boolean; lastNote?: boolean }
  rowTestId?: string
  statusTestId?: string
}

/** Recommendations with their strength, owner, due date and where they stand. */
export function RecommendationsTable({ caption, captionHidden, rows, statusHeader, notSet, columns = {}, rowTestId, statusTestId }: Props) {
  const { t } = useTranslation()
  return (
    <table>
      <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tracker.colRecommendation')}</th>
          {columns.review ? <th scope="col">{t('tracker.colReview')}</th> : null}
          <th scope="col">{t('tracker.colStrength')}</th>
          <th scope="col">{t('tracker.colOwner')}</th>
          <th scope="col">{t('tracker.colDue')}</th>
          <th scope="col">{statusHeader}</th>
          {columns.lastNote ? <th scope="col">{t('followUp.tracker.colLastNote')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map(r => (
          <tr key={r.key} data-testid={rowTestId}>
            <td>{r.recommendation}</td>
            {columns.review ? <td>{r.review}</td> : null}
            <td>{t(`strength.${r.strength}`)}</td>
            <td>{r.owner ?? notSet}</td>
            <td className={r.overdue ? 'overdue' : undefined}>
              {r.dueDate ?? notSet}
              {r.overdue ? ` (${t('tracker.overdue')})` : ''}
            </td>
            <td data-testid={statusTestId}>{r.status}</td>
            {columns.lastNote ? <td>{r.lastNote ?? notSet}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
