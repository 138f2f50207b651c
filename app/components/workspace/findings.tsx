// Findings of the shared document: each has a live body (with language nudges), a status, its
// value tags with their rationale, the systemic factors it concerns and links to its evidence.
import { memo, useCallback, useDeferredValue, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { findingBodyField, type EvidenceKind, type Finding, type ReviewDocument } from '~/domain/review-doc'
import { coreValues, findingStatuses, type FindingStatus } from '~/domain/vocabulary'
import { CollaborativeEditor } from './collaborative-editor'
import { newEntityId, useWorkspace } from './context'
import { RemoveAction, SectionHead } from './form-parts'
import { LinkPicker, eventGroups, excerpt, factorGroups, localeOf, useStable, type LinkGroup } from './finding-fields'
import { NudgeNotes, personNamesOf, useLanguageNudges } from './finding-nudges'
import { LiveText } from './live-text'
import type { NudgeSettings } from './nudge-decorations'
import type { WorkspaceSettings } from './settings'

const isStatus = (value: string): value is FindingStatus => (findingStatuses as readonly string[]).includes(value)

type Props = {
  findings: readonly Finding[]
  editors: ReadonlyMap<string, string>
  announce: (message: string) => void
  settings?: WorkspaceSettings
  document?: ReviewDocument
}

/** What every finding card links to, built once per change of the document rather than per card. */
type LinkContext = {
  events: readonly LinkGroup[]
  unmetNeeds: readonly LinkGroup[]
  factors: readonly LinkGroup[]
  accounts: readonly LinkGroup[]
  nudges: NudgeSettings
}

export function Findings({ findings, editors, announce, settings, document }: Props) {
  const { t, i18n } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const [focusId, setFocusId] = useState<string | null>(null)
  const locale = settings?.locale ?? localeOf(i18n.language)

  const add = useCallback(() => {
    const id = newEntityId()
    if (run({ type: 'addFinding', id }, { undoable: false })) {
      setFocusId(id)
      announce(t('workspace.findings.added'))
    }
  }, [run, announce, t])

  // The pickers list every event: at thousands of events, building them on the same render as
  // a quick add delays the new row, so they follow a render behind.
  const events = useDeferredValue(document?.events)
  const unmetNeeds = document?.unmetNeeds
  const people = document?.people
  const framework = settings?.factorFramework
  const released = settings?.releasedAccounts
  const noDescription = t('analysis.common.noDescription')
  const built: LinkContext = useMemo(
    () => ({
      events: eventGroups(events ?? [], i18n.language, noDescription, t('analysis.findings.events')),
      unmetNeeds: [
        {
          id: 'needs',
          label: t('analysis.findings.unmetNeeds'),
          options: (unmetNeeds ?? []).map((need, index) => ({
            id: need.id,
            label: t('analysis.findings.needOption', { number: index + 1, text: excerpt(need.need) }),
          })),
        },
      ],
      factors: framework ? factorGroups(framework, locale) : [],
      accounts: [{ id: 'accounts', label: t('analysis.findings.accounts'), options: (released ?? []).map(a => ({ id: a.id, label: a.pseudonym })) }],
      nudges: { locale, personNames: personNamesOf(people ?? []) },
    }),
    [events, unmetNeeds, framework, released, people, locale, i18n.language, noDescription, t],
  )
  const links = useStable(built)

  const remove = useCallback(
    (id: string) => {
      if (run({ type: 'removeFinding', id }, { undoable: false })) announce(t('analysis.findings.removed'))
    },
    [run, announce, t],
  )

  return (
    <section className="findings" aria-labelledby="findings-title">
      <SectionHead id="findings-title" heading="h2" title={t('workspace.findings.title')} count={t('workspace.findings.count', { count: findings.length })} />
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
            links={links}
            onRemove={remove}
          />
        ))}
      </ol>
    </section>
  )
}

type CardProps = {
  finding: Finding
  number: number
  autoFocus: boolean
  editors: string
  links: LinkContext
  onRemove: (id: string) => void
}

const evidenceKey = { event: 'eventIds', unmetNeed: 'unmetNeedIds', account: 'accountIds' } as const

/** The evidence a finding links to, one picker each: the link groups, and what to say when none can be chosen or one is gone. */
const evidencePickers: readonly { kind: EvidenceKind; links: 'events' | 'unmetNeeds' | 'accounts'; noOptions?: string; unknown?: string }[] = [
  { kind: 'event', links: 'events' },
  { kind: 'unmetNeed', links: 'unmetNeeds', noOptions: 'analysis.findings.noUnmetNeeds' },
  { kind: 'account', links: 'accounts', noOptions: 'analysis.findings.noAccounts', unknown: 'analysis.findings.accountGone' },
]

const FindingCard = memo(function FindingCard({ finding, number, autoFocus, editors, links, onRemove }: CardProps) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = `finding-${finding.id}`
  const headingId = `${base}-heading`
  const labelId = `${base}-body-label`
  const field = findingBodyField(finding.id)
  const tagged = new Map(finding.valueTags.map(tag => [tag.value, tag.rationale]))
  const { extensions, nudges, notesId } = useLanguageNudges(field, links.nudges)

  const toggleEvidence = (kind: EvidenceKind) => (targetId: string, linked: boolean) => {
    // Already in the wanted state (a double click, or a collaborator was quicker): nothing to write.
    if (finding.evidence[evidenceKey[kind]].includes(targetId) === linked) return
    run({ type: linked ? 'linkEvidence' : 'unlinkEvidence', findingId: finding.id, kind, targetId })
  }
  const toggleFactor = (itemId: string, linked: boolean) => {
    const ids = finding.factorItemIds
    if (ids.includes(itemId) === linked) return
    run({ type: 'updateFinding', id: finding.id, patch: { factorItemIds: linked ? [...ids, itemId] : ids.filter(id => id !== itemId) } })
  }

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
            const rationale = tagged.get(value)
            return (
              <div key={value} className={`value-tag-row value-${value}`}>
                <span className={`value-tag value-${value}`}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={rationale !== undefined}
                    disabled={!canEdit}
                    onChange={e =>
                      run(
                        e.target.checked
                          ? { type: 'tagFindingValue', findingId: finding.id, value, rationale: '' }
                          : { type: 'untagFindingValue', findingId: finding.id, value },
                      )
                    }
                  />
                  <label id={`${id}-label`} htmlFor={id}>
                    {t(`workspace.value.${value}`)}
                  </label>
                </span>
                {rationale !== undefined ? (
                  <span className="field value-rationale">
                    <label htmlFor={`${id}-rationale`}>{t('analysis.findings.valueRationale')}</label>
                    <LiveText
                      id={`${id}-rationale`}
                      target={{ collection: 'findings', id: finding.id, valueTag: value }}
                      fallback={rationale}
                      maxLength={1000}
                      aria-describedby={`${id}-label`}
                    />
                  </span>
                ) : null}
              </div>
            )
          })}
        </fieldset>
        <p id={labelId} className="editor-label">
          {t('workspace.findings.body', { number })}
        </p>
        <CollaborativeEditor field={field} labelId={labelId} fallback={finding.body.text} autoFocus={autoFocus} extensions={extensions} />
        {editors ? <p className="editing-now">{t('workspace.presence.editing', { names: editors })}</p> : null}
        <NudgeNotes nudges={nudges} id={notesId} />

        <details className="finding-links">
          <summary>
            {t('analysis.findings.linksSummary', {
              factors: finding.factorItemIds.length,
              evidence: finding.evidence.eventIds.length + finding.evidence.unmetNeedIds.length + finding.evidence.accountIds.length,
            })}
          </summary>
          <LinkPicker
            legend={t('analysis.findings.factors')}
            chooseLabel={t('analysis.findings.factorsChoose')}
            groups={links.factors}
            selected={finding.factorItemIds}
            onToggle={toggleFactor}
            canEdit={canEdit}
            unknownLabel={id => t('analysis.common.unknownFactor', { id })}
          />
          {evidencePickers.map(({ kind, links: groups, noOptions, unknown }) => (
            <LinkPicker
              key={kind}
              legend={t(`analysis.findings.${groups}`)}
              chooseLabel={t(`analysis.findings.${groups}Choose`)}
              groups={links[groups]}
              selected={finding.evidence[evidenceKey[kind]]}
              onToggle={toggleEvidence(kind)}
              canEdit={canEdit}
              noOptionsText={noOptions ? t(noOptions) : undefined}
              unknownLabel={unknown ? () => t(unknown) : undefined}
            />
          ))}
          <p className="hint">{t('analysis.findings.quoteNote')}</p>
        </details>

        <RemoveAction stem="analysis.findings" values={{ number }} onConfirm={() => onRemove(finding.id)} />
      </article>
    </li>
  )
})
