// Recommendations of the review: each answers findings, has a strength on the RCA² action
// hierarchy, an owner, a due date and a measure of success, and a status tracked until it is
// verified to have worked. Reviews drift towards weaker actions, so the hierarchy's examples
// sit beside the form and a nudge appears when nothing stronger is proposed.
import { Link } from '@remix-run/react'
import { memo, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Finding, Recommendation, ReviewCommand } from '~/domain/review-doc'
import { recommendationStatuses, recommendationStrengths, type RecommendationStrength } from '~/domain/vocabulary'
import { recommendationStrengthExamples, strengthNudge } from '~/domain/workflow/recommendations'
import { ChoiceSelect, CommitInput } from './commit-input'
import { LiveText } from './live-text'
import { newEntityId, useWorkspace } from './context'
import { ConfirmRemove, LinkPicker, excerpt, useStable, type LinkGroup } from './finding-fields'
import type { ViewProps } from './settings'

type RecommendationPatch = Extract<ReviewCommand, { type: 'updateRecommendation' }>['patch']

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)

export function Recommendations({ document, settings, announce }: ViewProps) {
  const { t } = useTranslation()
  const { locale } = settings
  const { recommendations, findings } = document
  const findingGroups = useFindingGroups(findings)
  const nudge = strengthNudge(recommendations)

  return (
    <div className="recommendations-view">
      <h2 className="view-title">{t('analysis.recommendations.title')}</h2>
      <p className="hint">{t('analysis.recommendations.intro')}</p>
      <p>
        <Link to="/recommendations">{t('analysis.recommendations.trackerLink')}</Link>
      </p>
      <div className="recommendations-layout">
        <div className="recommendations-main">
          {nudge ? (
            <div className="strength-nudge" role="note" aria-labelledby="strength-nudge-title">
              <p id="strength-nudge-title" className="strength-nudge-title">
                <span aria-hidden="true">⚠ </span>
                {t(nudge.key === 'recommendations.allWeaker' ? 'analysis.recommendations.nudge.allWeaker' : 'analysis.recommendations.nudge.noStronger')}
              </p>
              <p>{t('analysis.recommendations.nudge.examplesTitle')}</p>
              <ul>
                {nudge.examples.map(example => (
                  <li key={example.en}>{example[locale]}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <section aria-labelledby="recommendations-list-title">
            <div className="section-head">
              <h3 id="recommendations-list-title">{t('analysis.recommendations.listTitle')}</h3>
              <p className="section-count">{t('analysis.recommendations.count', { count: recommendations.length })}</p>
            </div>
            {recommendations.length === 0 ? <p>{t('analysis.recommendations.empty')}</p> : null}
            <ol className="recommendation-list">
              {recommendations.map((recommendation, index) => (
                <RecommendationCard key={recommendation.id} recommendation={recommendation} number={index + 1} findings={findingGroups} announce={announce} />
              ))}
            </ol>
          </section>
          <AddRecommendationForm findings={findingGroups} announce={announce} />
        </div>
        <StrengthHierarchy locale={locale} />
      </div>
    </div>
  )
}

function useFindingGroups(findings: readonly Finding[]): readonly LinkGroup[] {
  const { t } = useTranslation()
  const options = findings.map((finding, index) => ({
    id: finding.id,
    label: t('analysis.recommendations.findingOption', { number: index + 1, text: excerpt(finding.body.text, 70) || t('analysis.common.noDescription') }),
  }))
  // The same object while the labels stay the same, so typing in a finding elsewhere does not
  // re-render every recommendation card.
  return useStable([{ id: 'findings', label: t('analysis.recommendations.findings'), options }])
}

/** The RCA² action hierarchy with examples in child-welfare terms, always in view. */
function StrengthHierarchy({ locale }: { locale: 'en' | 'fr' }) {
  const { t } = useTranslation()
  return (
    // Focusable because it scrolls on its own on wide screens: keyboard users must reach it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- an <aside> is a complementary landmark
    <aside className="strength-hierarchy" aria-labelledby="strength-hierarchy-title" tabIndex={0}>
      <h3 id="strength-hierarchy-title">{t('analysis.recommendations.hierarchyTitle')}</h3>
      <p>{t('analysis.recommendations.hierarchyIntro')}</p>
      {recommendationStrengths.map(strength => (
        <section key={strength} className={`strength-level strength-${strength}`} aria-labelledby={`strength-level-${strength}`}>
          <h4 id={`strength-level-${strength}`}>{t(`strength.${strength}`)}</h4>
          <p>{t(`analysis.recommendations.strengthDescription.${strength}`)}</p>
          <p className="examples-title">{t('analysis.recommendations.examples')}</p>
          <ul>
            {recommendationStrengthExamples[strength].map(example => (
              <li key={example.en}>{example[locale]}</li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  )
}

function StrengthRadios({
  name,
  value,
  onChange,
  disabled,
  legend,
  describedBy,
}: {
  name: string
  value: RecommendationStrength | null
  onChange: (strength: RecommendationStrength) => void
  disabled: boolean
  legend: string
  describedBy?: string
}) {
  const { t } = useTranslation()
  return (
    <fieldset className="strength-choice" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {recommendationStrengths.map(strength => {
        const id = `${name}-${strength}`
        return (
          <span key={strength} className={`strength-option strength-${strength}`}>
            <input id={id} type="radio" name={name} value={strength} checked={value === strength} disabled={disabled} onChange={() => onChange(strength)} />
            <label htmlFor={id}>{t(`strength.${strength}`)}</label>
          </span>
        )
      })}
    </fieldset>
  )
}

function AddRecommendationForm({ findings, announce }: { findings: readonly LinkGroup[]; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = useId().replace(/:/g, '')
  const [text, setText] = useState('')
  const [strength, setStrength] = useState<RecommendationStrength | null>(null)
  const [findingIds, setFindingIds] = useState<string[]>([])
  const [owner, setOwner] = useState('')
  const [dueDate, setDueDate] = useState('')
  const [measure, setMeasure] = useState('')
  const [problems, setProblems] = useState<ReadonlySet<'text' | 'strength' | 'dueDate'>>(new Set())

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const found = new Set<'text' | 'strength' | 'dueDate'>()
    if (text.trim() === '') found.add('text')
    if (strength === null) found.add('strength')
    if (dueDate !== '' && !isDate(dueDate)) found.add('dueDate')
    setProblems(found)
    if (found.size > 0 || strength === null) return
    const known = new Set(findings.flatMap(group => group.options.map(option => option.id)))
    const command: ReviewCommand = {
      type: 'addRecommendation',
      id: newEntityId(),
      text: text.trim(),
      strength,
      // A finding removed by someone else while this form was open is left out.
      findingIds: findingIds.filter(id => known.has(id)),
      ...(owner.trim() ? { owner: owner.trim() } : {}),
      ...(dueDate ? { dueDate } : {}),
      ...(measure.trim() ? { measure: measure.trim() } : {}),
    }
    if (run(command, { undoable: false })) {
      setText('')
      setStrength(null)
      setFindingIds([])
      setOwner('')
      setDueDate('')
      setMeasure('')
      announce(t('analysis.recommendations.added'))
    }
  }

  return (
    <form className="add-card" onSubmit={submit} noValidate aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>{t('analysis.recommendations.addTitle')}</h3>
      <div className="field field-wide">
        <label htmlFor={`${base}-text`}>{t('analysis.recommendations.text')}</label>
        <textarea
          id={`${base}-text`}
          rows={3}
          maxLength={5000}
          value={text}
          disabled={!canEdit}
          onChange={e => setText(e.target.value)}
          aria-invalid={problems.has('text') || undefined}
          aria-describedby={problems.has('text') ? `${base}-text-error` : undefined}
        />
        {problems.has('text') ? (
          <p id={`${base}-text-error`} className="field-error">
            {t('analysis.recommendations.textRequired')}
          </p>
        ) : null}
      </div>
      <StrengthRadios
        name={`${base}-strength`}
        value={strength}
        onChange={setStrength}
        disabled={!canEdit}
        legend={t('analysis.recommendations.strength')}
        describedBy={`${base}-strength-hint${problems.has('strength') ? ` ${base}-strength-error` : ''}`}
      />
      <p id={`${base}-strength-hint`} className="hint">
        {t('analysis.recommendations.strengthHint')}
      </p>
      {problems.has('strength') ? (
        <p id={`${base}-strength-error`} className="field-error">
          {t('analysis.recommendations.strengthRequired')}
        </p>
      ) : null}
      <LinkPicker
        legend={t('analysis.recommendations.findings')}
        chooseLabel={t('analysis.recommendations.findingsChoose')}
        groups={findings}
        selected={findingIds}
        canEdit={canEdit}
        noOptionsText={t('analysis.recommendations.noFindings')}
        onToggle={(id, linked) => setFindingIds(ids => (linked ? [...ids.filter(other => other !== id), id] : ids.filter(other => other !== id)))}
      />
      <RecommendationFields
        base={base}
        owner={owner}
        dueDate={dueDate}
        measure={measure}
        disabled={!canEdit}
        dueDateInvalid={problems.has('dueDate')}
        onOwner={setOwner}
        onDueDate={setDueDate}
        onMeasure={setMeasure}
      />
      {problems.size > 0 ? (
        <p className="field-error" role="alert">
          {t('analysis.recommendations.notAdded')}
        </p>
      ) : null}
      <button type="submit" disabled={!canEdit}>
        {t('analysis.recommendations.add')}
      </button>
    </form>
  )
}

/** Owner, due date and measure of the form that adds a recommendation. */
function RecommendationFields(props: {
  base: string
  owner: string
  dueDate: string
  measure: string
  disabled: boolean
  dueDateInvalid: boolean
  onOwner: (value: string) => void
  onDueDate: (value: string) => void
  onMeasure: (value: string) => void
}) {
  const { t } = useTranslation()
  const { base } = props
  return (
    <div className="field-row">
      <div className="field">
        <label htmlFor={`${base}-owner`}>{t('analysis.recommendations.owner')}</label>
        <input
          id={`${base}-owner`}
          type="text"
          maxLength={200}
          autoComplete="off"
          value={props.owner}
          disabled={props.disabled}
          onChange={e => props.onOwner(e.target.value)}
          aria-describedby={`${base}-owner-hint`}
        />
        <p id={`${base}-owner-hint`} className="hint">
          {t('analysis.recommendations.ownerHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${base}-due`}>{t('analysis.recommendations.dueDate')}</label>
        <input
          id={`${base}-due`}
          type="date"
          value={props.dueDate}
          disabled={props.disabled}
          onChange={e => props.onDueDate(e.target.value)}
          aria-invalid={props.dueDateInvalid || undefined}
          aria-describedby={props.dueDateInvalid ? `${base}-due-error` : undefined}
        />
        {props.dueDateInvalid ? (
          <p id={`${base}-due-error`} className="field-error">
            {t('workspace.errors.dateRequired')}
          </p>
        ) : null}
      </div>
      <div className="field field-wide">
        <label htmlFor={`${base}-measure`}>{t('analysis.recommendations.measure')}</label>
        <textarea
          id={`${base}-measure`}
          rows={2}
          maxLength={2000}
          value={props.measure}
          disabled={props.disabled}
          onChange={e => props.onMeasure(e.target.value)}
          aria-describedby={`${base}-measure-hint`}
        />
        <p id={`${base}-measure-hint`} className="hint">
          {t('analysis.recommendations.measureHint')}
        </p>
      </div>
    </div>
  )
}

type CardProps = {
  recommendation: Recommendation
  number: number
  findings: readonly LinkGroup[]
  announce: (message: string) => void
}

const RecommendationCard = memo(function RecommendationCard({ recommendation, number, findings, announce }: CardProps) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const r = recommendation
  const base = `recommendation-${r.id}`
  const update = (patch: RecommendationPatch) => run({ type: 'updateRecommendation', id: r.id, patch })
  const missing = [!r.owner && 'owner', !r.dueDate && 'dueDate', !r.measure && 'measure'].filter((key): key is string => typeof key === 'string')

  return (
    <li className={`recommendation-card strength-${r.strength}`}>
      <article aria-labelledby={`${base}-heading`}>
        <header className="card-head">
          <h4 id={`${base}-heading`}>{t('analysis.recommendations.heading', { number })}</h4>
          <span className={`badge badge-strength strength-${r.strength}`}>{t(`strength.${r.strength}`)}</span>
          <span className="badge">{t(`recommendationStatus.${r.status}`)}</span>
        </header>
        {missing.length > 0 ? (
          <p className="hint incomplete">
            {t('analysis.recommendations.incomplete', { fields: missing.map(key => t(`analysis.recommendations.${key}`)).join(', ') })}
          </p>
        ) : null}
        <div className="field field-wide">
          <label htmlFor={`${base}-text`}>{t('analysis.recommendations.text')}</label>
          <LiveText
            id={`${base}-text`}
            target={{ collection: 'recommendations', id: r.id, field: 'text' }}
            fallback={r.text}
            multiline
            rows={2}
            maxLength={5000}
            required
          />
        </div>
        <div className="field-row">
          <StrengthRadios
            name={`${base}-strength`}
            value={r.strength}
            disabled={!canEdit}
            legend={t('analysis.recommendations.strength')}
            onChange={strength => strength !== r.strength && update({ strength })}
          />
          <div className="field">
            <label htmlFor={`${base}-status`}>{t('analysis.recommendations.status')}</label>
            <ChoiceSelect
              id={`${base}-status`}
              value={r.status}
              disabled={!canEdit}
              choices={recommendationStatuses}
              label={status => t(`recommendationStatus.${status}`)}
              onChoose={status => update({ status })}
            />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${base}-owner`}>{t('analysis.recommendations.owner')}</label>
            <LiveText
              id={`${base}-owner`}
              target={{ collection: 'recommendations', id: r.id, field: 'owner' }}
              fallback={r.owner ?? ''}
              maxLength={200}
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor={`${base}-due`}>{t('analysis.recommendations.dueDate')}</label>
            <CommitInput
              id={`${base}-due`}
              type="date"
              value={r.dueDate ?? ''}
              disabled={!canEdit}
              onCommit={value => (value === '' ? update({ dueDate: null }) : isDate(value) && update({ dueDate: value }))}
            />
          </div>
        </div>
        <div className="field field-wide">
          <label htmlFor={`${base}-measure`}>{t('analysis.recommendations.measure')}</label>
          <LiveText
            id={`${base}-measure`}
            target={{ collection: 'recommendations', id: r.id, field: 'measure' }}
            fallback={r.measure ?? ''}
            multiline
            rows={2}
            maxLength={2000}
          />
        </div>
        <LinkPicker
          legend={t('analysis.recommendations.findings')}
          chooseLabel={t('analysis.recommendations.findingsChoose')}
          groups={findings}
          selected={r.findingIds}
          canEdit={canEdit}
          noOptionsText={t('analysis.recommendations.noFindings')}
          onToggle={(id, linked) =>
            r.findingIds.includes(id) !== linked && update({ findingIds: linked ? [...r.findingIds, id] : r.findingIds.filter(other => other !== id) })
          }
        />
        <div className="card-actions">
          <ConfirmRemove
            label={t('analysis.common.remove')}
            accessibleLabel={t('analysis.recommendations.removeLabel', { number })}
            question={t('analysis.recommendations.removeConfirm', { number })}
            disabled={!canEdit}
            onConfirm={() => {
              if (run({ type: 'removeRecommendation', id: r.id }, { undoable: false })) announce(t('analysis.recommendations.removed'))
            }}
          />
        </div>
      </article>
    </li>
  )
})
