// Side-by-side preview: each text of the review beside what will leave it, with every
// replacement and residual candidate highlighted in both. The title of each mark says why
// (for a pointer), and marks differ by outline as well as colour (WCAG 1.4.1).
import { useTranslation } from 'react-i18next'
import type { TextLocation } from '~/domain/export/build'
import { previewSegments, type PreviewSegment } from '~/domain/export/preview'
import type { ReplacementKind } from '~/domain/anonymise/types'
import { describeWhere } from './where'

export type PreviewRow = {
  where: Pick<TextLocation, 'section' | 'index' | 'field' | 'pointer'>
  original: string
  anonymised: string
  replacements: { start: number; end: number; outputStart: number; outputEnd: number; kind: ReplacementKind }[]
  residuals: { id: string; start: number; end: number; outputStart: number; outputEnd: number }[]
}

function Segments({ segments }: { segments: PreviewSegment[] }) {
  const { t } = useTranslation()
  return (
    <>
      {segments.map((segment, i) =>
        segment.type === 'text' ? (
          <span key={i}>{segment.text}</span>
        ) : segment.type === 'replacement' ? (
          <mark key={i} className="export-replaced" title={t('export.preview.replaced', { kind: t(`export.kind.${segment.kind}`) })}>
            {segment.text}
          </mark>
        ) : (
          <mark key={i} className="export-residual" title={t('export.preview.residual')} data-candidate={segment.candidateId}>
            {segment.text}
          </mark>
        ),
      )}
    </>
  )
}

function Rows({ rows }: { rows: PreviewRow[] }) {
  const { t } = useTranslation()
  return (
    <>
      {rows.map(row => {
        const segments = previewSegments({
          original: row.original,
          anonymised: row.anonymised,
          // Only the offsets matter here; the texts are not needed again.
          replacements: row.replacements.map(r => ({ ...r, original: '', replacement: '' })),
          residuals: row.residuals.map(r => ({ ...r, text: '', reason: 'capitalised_word' as const })),
        })
        return (
          <tr key={row.where.pointer}>
            <th scope="row">{describeWhere(t, row.where)}</th>
            <td className="export-text">
              <Segments segments={segments.original} />
            </td>
            <td className="export-text">
              <Segments segments={segments.anonymised} />
            </td>
          </tr>
        )
      })}
    </>
  )
}

function PreviewTable({ caption, rows }: { caption: string; rows: PreviewRow[] }) {
  const { t } = useTranslation()
  return (
    <table className="export-preview">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{t('export.preview.original')}</th>
          <th scope="col">{t('export.preview.anonymised')}</th>
        </tr>
      </thead>
      <tbody>
        <Rows rows={rows} />
      </tbody>
    </table>
  )
}

export function ExportPreview({ rows }: { rows: PreviewRow[] }) {
  const { t } = useTranslation()
  if (rows.length === 0) return <p>{t('export.preview.empty')}</p>
  const changed = rows.filter(r => r.replacements.length > 0 || r.residuals.length > 0)
  const unchanged = rows.filter(r => r.replacements.length === 0 && r.residuals.length === 0)
  return (
    <>
      <p className="export-legend">
        <mark className="export-replaced">{t('export.preview.legendReplaced')}</mark>{' '}
        <mark className="export-residual">{t('export.preview.legendResidual')}</mark>
      </p>
      {changed.length > 0 ? <PreviewTable caption={t('export.preview.title')} rows={changed} /> : null}
      {unchanged.length > 0 ? (
        <details>
          <summary>
            {t('export.preview.unchanged', { count: unchanged.length })} {t('export.preview.showUnchanged')}
          </summary>
          <PreviewTable caption={t('export.preview.showUnchanged')} rows={unchanged} />
        </details>
      ) : null}
    </>
  )
}
