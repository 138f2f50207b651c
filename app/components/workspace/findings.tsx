// Findings of the shared document: each has a live body, a status and its value tags.
import { memo, useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { findingBodyField, type Finding } from '~/domain/review-doc'
import { coreValues, findingStatuses, type FindingStatus } from '~/domain/vocabulary'
import { CollaborativeEditor } from './collaborative-editor'
import { newEntityId, useWorkspace } from './context'

const isStatus = (value: string): value is FindingStatus => (findingStatuses as readonly string[]).includes(value)

type Props = {
  findings: readonly Finding[]
  editors: ReadonlyMap<string, string>
  announce: (message: string) => void
  settings?: import('./workspace').WorkspaceSettings
  document?: import('~/domain/review-doc').ReviewDocument
}

export function Findings({ findings, editors, announce }: Props) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const [focusId, setFocusId] = useState<string | null>(null)

  const add = useCallback(() => {
    const id = newEntityId()
    if (run({ type: 'addFinding', id }, { undoable: false })) {
      setFocusId(id)
      announce(t('workspace.findings.added'))
    }
  }, [run, announce, t])

  return (
    <section className="findings" aria-labelledby="findings-title">
      <div className="section-head">
        <h2 id="findings-title">{t('workspace.findings.title')}</h2>
        <p className="section-count">{t('workspace.findings.count', { count: findings.length })}</p>
      </div>
      <p>
        <button type="button" onClick={add} disabled={!canEdit}>
          {t('workspace.findings.add')}
        </button>
      </p>
      {findings.length === 0 ? <p>{t('workspace.findings.empty')}</p> : null}
      <ol className="finding-list">
        {findings.map((finding, index) => (
          <FindingCard
            key={finding.id}
            finding={finding}
            number={index + 1}
            autoFocus={focusId === finding.id}
            editors={editors.get(findingBodyField(finding.id)) ?? ''}
          />
        ))}
      </ol>
    </section>
  )
}

type CardProps = { finding: Finding; number: number; autoFocus: boolean; editors: string }

const FindingCard = memo(function FindingCard({ finding, number, autoFocus, editors }: CardProps) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = `finding-${finding.id}`
  const headingId = `${base}-heading`
  const labelId = `${base}-body-label`
  const tagged = new Map(finding.valueTags.map(tag => [tag.value, tag.rationale]))

  return (
    <li className={`finding finding-${finding.status}`}>
      <article aria-labelledby={headingId}>
        <header className="finding-head">
          <h3 id={headingId}>{t('workspace.findings.heading', { number })}</h3>
          <div className="finding-status">
            <label htmlFor={`${base}-status`}>{t('workspace.findings.status')}</label>
            <select
              id={`${base}-status`}
              value={finding.status}
              disabled={!canEdit}
              onChange={e => {
                if (isStatus(e.target.value)) run({ type: 'updateFinding', id: finding.id, patch: { status: e.target.value } })
              }}
            >
              {findingStatuses.map(status => (
                <option key={status} value={status}>
                  {t(`workspace.status.${status}`)}
                </option>
              ))}
            </select>
          </div>
        </header>
        <fieldset className="value-tags">
          <legend>{t('workspace.findings.values')}</legend>
          {coreValues.map(value => {
            const id = `${base}-value-${value}`
            return (
              <span key={value} className={`value-tag value-${value}`}>
                <input
                  id={id}
                  type="checkbox"
                  checked={tagged.has(value)}
                  disabled={!canEdit}
                  onChange={e =>
                    run(
                      e.target.checked
                        ? { type: 'tagFindingValue', findingId: finding.id, value, rationale: '' }
                        : { type: 'untagFindingValue', findingId: finding.id, value },
                    )
                  }
                />
                <label htmlFor={id}>{t(`workspace.value.${value}`)}</label>
              </span>
            )
          })}
        </fieldset>
        <p id={labelId} className="editor-label">
          {t('workspace.findings.body', { number })}
        </p>
        <CollaborativeEditor field={findingBodyField(finding.id)} labelId={labelId} fallback={finding.body.text} autoFocus={autoFocus} />
        {editors ? <p className="editing-now">{t('workspace.presence.editing', { names: editors })}</p> : null}
      </article>
    </li>
  )
})
