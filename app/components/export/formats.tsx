// The export buttons and the export history.
//
// Downloads are native form posts (reloadDocument) to a resource route: the browser saves the
// attachment and stays on the page, and an export is a recorded action, so never a GET.
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/layout'

export const formatOrder = ['docx', 'json', 'html', 'csv'] as const
export type ExportFormatName = (typeof formatOrder)[number]

export type HistoryRow = { id: string; at: string; actorName: string | null; format: string; acceptedResiduals: number; via: 'web' | 'cli' }

/** `blocked`: why nothing can be downloaded yet (translated messages), empty when ready. */
export function ExportButtons({ reviewId, blocked: reasons, excluded }: { reviewId: string; blocked: readonly string[]; excluded: boolean }) {
  const { t } = useTranslation()
  const blocked = reasons.length > 0
  return (
    <>
      {blocked ? (
        <div id="export-blocked" className="notice-error">
          {reasons.map(reason => (
            <p key={reason}>{reason}</p>
          ))}
        </div>
      ) : null}
      <ul className="export-formats">
        {formatOrder.map(format => {
          const unavailable = format === 'json' && excluded
          const disabled = blocked || unavailable
          const hintId = `export-${format}-hint`
          return (
            <li key={format}>
              <Form method="post" action={`/reviews/${reviewId}/export/download`} reloadDocument>
                <input type="hidden" name="format" value={format} />
                <h3 id={`export-${format}-title`}>{t(`export.formats.${format}`)}</h3>
                <p id={hintId} className="hint">
                  {unavailable ? t('export.excluded') : t(`export.formats.${format}Hint`)}
                </p>
                <button type="submit" disabled={disabled} aria-describedby={blocked ? `${hintId} export-blocked` : hintId}>
                  {t('export.formats.download')}
                  <span className="visually-hidden"> – {t(`export.formats.${format}`)}</span>
                </button>
              </Form>
            </li>
          )
        })}
      </ul>
    </>
  )
}

export function ExportHistory({ rows }: { rows: HistoryRow[] }) {
  const { t, i18n } = useTranslation()
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  if (rows.length === 0) return <p>{t('export.history.empty')}</p>
  return (
    <DataTable
      className="export-history"
      caption={t('export.history.caption')}
      headers={['colWhen', 'colWho', 'colFormat', 'colAccepted', 'colVia'].map(col => t(`export.history.${col}`))}
    >
      {rows.map(row => (
        <tr key={row.id}>
          <td>
            <time dateTime={row.at}>{when.format(new Date(row.at))}</time>
          </td>
          <td>{row.actorName ?? t('export.history.unknownActor')}</td>
          <td>{(formatOrder as readonly string[]).includes(row.format) ? t(`export.formats.${row.format}`) : row.format}</td>
          <td>{row.acceptedResiduals}</td>
          <td>{t(`export.history.via.${row.via}`)}</td>
        </tr>
      ))}
    </DataTable>
  )
}
