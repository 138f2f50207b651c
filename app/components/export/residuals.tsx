// Residual candidates and what each turns out to be: a person (an alias of someone in the
// registry or of a staff member: replaced by their pseudonym everywhere), a place (replaced by
// the label given), an identifier of some kind (removed), or safe (left as written). One
// decision settles every occurrence. Plain forms: it works without JavaScript.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ResidualReason } from '~/domain/anonymise/types'
import type { TextLocation } from '~/domain/export/build'
import { identifierKinds, placeKinds } from '~/domain/vocabulary'
import { describeWhere } from './where'
import { IntentForm } from '~/components/intent-form'
import { DataTable } from '~/components/layout'

export type ResidualRow = {
  id: string
  text: string
  reason: ResidualReason
  occurrences: { where: Pick<TextLocation, 'section' | 'index' | 'field' | 'pointer'> }[]
}

/** `id` is "doc:<person id>" or "user:<user id>"; no pseudonym where it must not be paired with the name. */
export type PersonOption = { id: string; name: string; pseudonym: string | null }

export type SafeRow = { id: string; text: string; decidedBy: string | null; decidedAt: string }

/** A submit button whose accessible name ends with the word its row is about. */
function WordButton({ label, forWord }: { label: string; forWord: ReactNode }) {
  return (
    <button type="submit" className="button-secondary">
      {label}
      {forWord}
    </button>
  )
}

const kindsOf = { place: placeKinds, identifier: identifierKinds } as const

/** A kind of place or identifier to record the word as; "other" unless chosen. */
function KindSelect({ of, rowId, forWord }: { of: keyof typeof kindsOf; rowId: string; forWord: ReactNode }) {
  const { t } = useTranslation()
  const id = `${of}-kind-${rowId}`
  return (
    <>
      <label htmlFor={id}>
        {t(`export.residuals.${of}Kind`)}
        {forWord}
      </label>
      <select id={id} name={`${of}Kind`} defaultValue="other">
        {kindsOf[of].map(kind => (
          <option key={kind} value={kind}>
            {t(`analysis.registry.${of}Kinds.${kind}`)}
          </option>
        ))}
      </select>
    </>
  )
}

export function ResidualTable({ residuals, people }: { residuals: ResidualRow[]; people: PersonOption[] }) {
  const { t } = useTranslation()
  return (
    <DataTable
      className="export-residuals"
      caption={t('export.residuals.caption')}
      headers={[t('export.residuals.colWord'), t('export.residuals.colWhy'), t('export.residuals.colWhere'), t('export.residuals.colResolve')]}
    >
      {residuals.map(r => {
        const selectId = `alias-person-${r.id}`
        // The word is in every accessible name, so a screen-reader user knows which row a
        // control belongs to; the visible text stays the start of the name (WCAG 2.5.3).
        const forWord = <span className="visually-hidden"> – {r.text}</span>
        return (
          <tr key={r.id}>
            <th scope="row" className="export-word">
              {r.text}
            </th>
            <td>{t(`export.residuals.reason.${r.reason}`)}</td>
            <td>
              <ul className="export-where">
                {unique(r.occurrences.map(o => describeWhere(t, o.where))).map(where => (
                  <li key={where}>{where}</li>
                ))}
              </ul>
            </td>
            <td>
              <div className="export-resolve">
                {people.length > 0 ? (
                  <IntentForm intent="add-alias" className="export-alias-form">
                    <input type="hidden" name="candidateId" value={r.id} />
                    <label htmlFor={selectId}>
                      {t('export.residuals.person')}
                      {forWord}
                    </label>
                    <select id={selectId} name="personId" required>
                      {people.map(p => (
                        <option key={p.id} value={p.id}>
                          {p.pseudonym === null
                            ? t('export.residuals.staffOption', { name: p.name })
                            : t('export.residuals.personOption', { name: p.name, pseudonym: p.pseudonym })}
                        </option>
                      ))}
                    </select>
                    <WordButton label={t('export.residuals.addAlias')} forWord={forWord} />
                  </IntentForm>
                ) : (
                  <p className="hint">{t('export.residuals.noPeople')}</p>
                )}
                <IntentForm intent="add-place" className="export-alias-form">
                  <input type="hidden" name="candidateId" value={r.id} />
                  <label htmlFor={`place-label-${r.id}`}>
                    {t('export.residuals.placeLabel')}
                    {forWord}
                  </label>
                  <input id={`place-label-${r.id}`} name="label" required maxLength={100} placeholder={t('export.residuals.placeLabelExample')} />
                  <KindSelect of="place" rowId={r.id} forWord={forWord} />
                  <WordButton label={t('export.residuals.addPlace')} forWord={forWord} />
                </IntentForm>
                <IntentForm intent="add-identifier" className="export-alias-form">
                  <input type="hidden" name="candidateId" value={r.id} />
                  <KindSelect of="identifier" rowId={r.id} forWord={forWord} />
                  <WordButton label={t('export.residuals.addIdentifier')} forWord={forWord} />
                </IntentForm>
                <IntentForm intent="mark-safe">
                  <input type="hidden" name="candidateId" value={r.id} />
                  <WordButton label={t('export.residuals.markSafe')} forWord={forWord} />
                </IntentForm>
              </div>
            </td>
          </tr>
        )
      })}
    </DataTable>
  )
}

export function SafeWordTable({ rows }: { rows: SafeRow[] }) {
  const { t, i18n } = useTranslation()
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <DataTable
      caption={t('export.safe.caption')}
      headers={[t('export.safe.colWord'), t('export.safe.colWho'), t('export.safe.colWhen'), t('export.safe.colUndo')]}
    >
      {rows.map(row => (
        <tr key={row.id}>
          <th scope="row">{row.text}</th>
          <td>{row.decidedBy ?? t('export.history.unknownActor')}</td>
          <td>
            <time dateTime={row.decidedAt}>{when.format(new Date(row.decidedAt))}</time>
          </td>
          <td>
            <IntentForm intent="undo-safe">
              <input type="hidden" name="decisionId" value={row.id} />
              <button type="submit" className="button-link">
                {t('export.safe.undo')}
                <span className="visually-hidden"> – {row.text}</span>
              </button>
            </IntentForm>
          </td>
        </tr>
      ))}
    </DataTable>
  )
}

function unique(items: string[]): string[] {
  return [...new Set(items)]
}
