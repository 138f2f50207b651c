// Recommendations of the review: each answers findings, has a strength on the RCA² action
// hierarchy, an owner, a due date and a measure of success, and a status tracked until it is
// verified to have worked. Reviews drift towards weaker actions, so the hierarchy's examples
// sit beside the form and a nudge appears when nothing stronger is proposed.
import { Link } from '@remix-run/react'
import { memo, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Finding, Recommendation, ReviewCommand } from '~/domain/review-doc'
import { recommendationStatuses, recommendationStrengths, type RecommendationStrength } from '~/domain/vocabulary'
import { recommendationStrengthExamples, strengthNudge } from '~/domain/workflow/recommendations'
import { CommitInput } from './commit-input'
import { newEntityId, useWorkspace } from './context'
import { AddForm, ChoiceField, DraftInput, DraftTextarea, Field, LinkField, LiveField, RemoveAction, SectionHead, describedBy } from './form-parts'
import { excerpt, useStable, type LinkGroup } from './finding-fields'
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
            <SectionHead
              id="recommendations-list-title"
              title={t('analysis.recommendations.listTitle')}
              count={t('analysis.recommendations.count', { count: recommendations.length })}
            />
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

  const submit = () => {
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
    <AddForm
      base={base}
      title={t('analysis.recommendations.addTitle')}
      heading="h3"
      onSubmit={submit}
      error={problems.size > 0 ? t('analysis.recommendations.notAdded') : null}
      submitLabel={t('analysis.recommendations.add')}
    >
      <Field id={`${base}-text`} label={t('analysis.recommendations.text')} wide error={problems.has('text') && t('analysis.recommendations.textRequired')}>
        <DraftTextarea
          id={`${base}-text`}
          rows={3}
          maxLength={5000}
          value={text}
          onValue={setText}
          invalid={problems.has('text')}
          aria-describedby={describedBy(`${base}-text`, { error: problems.has('text') })}
        />
      </Field>
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
      <FindingsField findings={findings} selected={findingIds} onChange={setFindingIds} />
      <div className="field-row">
        <Field id={`${base}-owner`} label={t('analysis.recommendations.owner')} hint={t('analysis.recommendations.ownerHint')}>
          <DraftInput id={`${base}-owner`} maxLength={200} autoComplete="off" value={owner} onValue={setOwner} aria-describedby={`${base}-owner-hint`} />
        </Field>
        <Field id={`${base}-due`} label={t('analysis.recommendations.dueDate')} error={problems.has('dueDate') && t('workspace.errors.dateRequired')}>
          <DraftInput
            id={`${base}-due`}
            type="date"
            value={dueDate}
            onValue={setDueDate}
            invalid={problems.has('dueDate')}
            aria-describedby={describedBy(`${base}-due`, { error: problems.has('dueDate') })}
          />
        </Field>
        <Field id={`${base}-measure`} label={t('analysis.recommendations.measure')} wide hint={t('analysis.recommendations.measureHint')}>
          <DraftTextarea id={`${base}-measure`} rows={2} maxLength={2000} value={measure} onValue={setMeasure} aria-describedby={`${base}-measure-hint`} />
        </Field>
      </div>
    </AddForm>
  )
}

/** The findings a recommendation answers. */
function FindingsField({
  findings,
  selected,
  onChange,
}: {
  findings: readonly LinkGroup[]
  selected: readonly string[]
  onChange: (ids: string[]) => unknown
}) {
  const { t } = useTranslation()
  return (
    <LinkField
      stem="analysis.recommendations.findings"
      groups={findings}
      selected={selected}
      noOptionsText={t('analysis.recommendations.noFindings')}
      onChange={onChange}
    />
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
  const target = (field: 'text' | 'owner' | 'measure') => ({ collection: 'recommendations' as const, id: r.id, field })
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
        <LiveField
          id={`${base}-text`}
          label={t('analysis.recommendations.text')}
          wide
          target={target('text')}
          fallback={r.text}
          multiline
          rows={2}
          maxLength={5000}
          required
        />
        <div className="field-row">
          <StrengthRadios
            name={`${base}-strength`}
            value={r.strength}
            disabled={!canEdit}
            legend={t('analysis.recommendations.strength')}
            onChange={strength => strength !== r.strength && update({ strength })}
          />
          <ChoiceField
            id={`${base}-status`}
            label={t('analysis.recommendations.status')}
            value={r.status}
            choices={recommendationStatuses}
            choiceLabel={status => t(`recommendationStatus.${status}`)}
            onChoose={status => update({ status })}
          />
        </div>
        <div className="field-row">
          <LiveField
            id={`${base}-owner`}
            label={t('analysis.recommendations.owner')}
            target={target('owner')}
            fallback={r.owner ?? ''}
            maxLength={200}
            autoComplete="off"
          />
          <Field id={`${base}-due`} label={t('analysis.recommendations.dueDate')}>
            <CommitInput
              id={`${base}-due`}
              type="date"
              value={r.dueDate ?? ''}
              disabled={!canEdit}
              onCommit={value => (value === '' ? update({ dueDate: null }) : isDate(value) && update({ dueDate: value }))}
            />
          </Field>
        </div>
        <LiveField
          id={`${base}-measure`}
          label={t('analysis.recommendations.measure')}
          wide
          target={target('measure')}
          fallback={r.measure ?? ''}
          multiline
          rows={2}
          maxLength={2000}
        />
        <FindingsField findings={findings} selected={r.findingIds} onChange={findingIds => update({ findingIds })} />
        <RemoveAction stem="analysis.recommendations" values={{ number }} command={{ type: 'removeRecommendation', id: r.id }} announce={announce} />
      </article>
    </li>
  )
})
