// The analysis: for each unmet need, what the child and family needed, what they received and
// the gap, tied to timeline points and systemic factors; then the jurisdiction's factor
// framework, each item rated 0-3 with a rationale. Ratings describe the system, never a person.
import { createContext, memo, useContext, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { factorRatingScale, type FactorFramework, type FactorItem } from '~/domain/factors'
import type { FactorRatingEntry, ReviewCommand, UnmetNeed } from '~/domain/review-doc'
import { describeRule, type PracticeStandards } from '~/domain/standards'
import { factorRatings, type FactorRating } from '~/domain/vocabulary'
import { newEntityId, useWorkspace } from './context'
import { AddForm, DraftTextarea, Field, LinkField, LiveField, RemoveAction, SectionHead, describedBy } from './form-parts'
import { eventGroups, factorGroups, type LinkGroup } from './finding-fields'
import type { FamilyVoiceEntry, ViewProps } from './settings'

type NeedPatch = Extract<ReviewCommand, { type: 'updateUnmetNeed' }>['patch']

export function Analysis({ document, settings, announce }: ViewProps) {
  const { t, i18n } = useTranslation()
  const { locale } = settings
  const noDescription = t('analysis.common.noDescription')
  const events = useMemo(
    () => eventGroups(document.events, i18n.language, noDescription, t('analysis.needs.events')),
    [document.events, i18n.language, noDescription, t],
  )
  const factors = useMemo(() => factorGroups(settings.factorFramework, locale), [settings.factorFramework, locale])

  return (
    <div className="analysis">
      <h2 className="view-title">{t('analysis.title')}</h2>
      {settings.familyVoice ? <FamilyVoice entries={settings.familyVoice} page={settings.familyVoicePage} /> : null}
      <FamilyVoiceContext.Provider value={settings.familyVoice ?? null}>
        <UnmetNeeds needs={document.unmetNeeds} events={events} factors={factors} standards={settings.practiceStandards} locale={locale} announce={announce} />
      </FamilyVoiceContext.Provider>
      <SystemicFactors framework={settings.factorFramework} ratings={document.factorRatings} events={events} locale={locale} announce={announce} />
    </div>
  )
}

// ----------------------------------------------------------------- what the family told us

// The contributors' own words (ADR 0038): shown read-only beside the unmet needs; citing them
// happens on the family-voice page, where it is audited.
const FamilyVoiceContext = createContext<readonly FamilyVoiceEntry[] | null>(null)

function VoiceWords({ entry }: { entry: FamilyVoiceEntry }) {
  const { t } = useTranslation()
  return (
    <dl className="voice-words" lang={entry.locale}>
      {(['needed', 'helped', 'notHelped', 'shouldChange'] as const)
        .filter(q => entry[q] !== '')
        .map(q => (
          <div key={q}>
            <dt>{t(`voice.form.${q}`)}</dt>
            <dd>{entry[q]}</dd>
          </div>
        ))}
    </dl>
  )
}

function FamilyVoice({ entries, page }: { entries: readonly FamilyVoiceEntry[]; page: string | undefined }) {
  const { t } = useTranslation()
  return (
    <section className="analysis-section family-voice" aria-labelledby="family-voice-title" data-testid="family-voice">
      <SectionHead id="family-voice-title" title={t('voice.analysis.title')} />
      <p className="hint">{t('voice.analysis.intro')}</p>
      {entries.length === 0 ? <p>{t('voice.page.empty')}</p> : null}
      <ul className="voice-list">
        {entries.map(entry => (
          <li key={entry.id} className="voice-card">
            <p className="meta">{t(`voice.page.contributorKind.${entry.contributorKind}`)}</p>
            <VoiceWords entry={entry} />
          </li>
        ))}
      </ul>
      {page ? (
        <p>
          <a href={page}>{t('voice.analysis.manage')}</a>
        </p>
      ) : null}
    </section>
  )
}

function NeedVoice({ needId }: { needId: string }) {
  const { t } = useTranslation()
  const entries = useContext(FamilyVoiceContext)?.filter(entry => entry.unmetNeedIds.includes(needId)) ?? []
  if (entries.length === 0) return null
  return (
    <aside className="need-voice" aria-label={t('voice.analysis.forNeed')}>
      <h5>{t('voice.analysis.forNeed')}</h5>
      {entries.map(entry => (
        <VoiceWords key={entry.id} entry={entry} />
      ))}
    </aside>
  )
}

// ------------------------------------------------------------------------------ unmet needs

type NeedsProps = {
  needs: readonly UnmetNeed[]
  events: readonly LinkGroup[]
  factors: readonly LinkGroup[]
  standards: PracticeStandards
  locale: 'en' | 'fr'
  announce: (message: string) => void
}

function UnmetNeeds({ needs, events, factors, standards, locale, announce }: NeedsProps) {
  const { t } = useTranslation()
  const { run } = useWorkspace()
  const base = useId()
  const [text, setText] = useState('')
  const [invalid, setInvalid] = useState(false)
  const fromStandards = needs.filter(need => need.standardsFlagId !== undefined).length

  const submit = () => {
    if (text.trim() === '') return setInvalid(true)
    if (run({ type: 'addUnmetNeed', id: newEntityId(), need: text.trim() }, { undoable: false })) {
      setInvalid(false)
      setText('')
      announce(t('analysis.needs.added'))
    }
  }

  return (
    <section className="analysis-section" aria-labelledby="needs-title">
      <SectionHead
        id="needs-title"
        title={t('analysis.needs.title')}
        count={
          <>
            {t('analysis.needs.count', { count: needs.length })}
            {fromStandards > 0 ? ` ${t('analysis.needs.fromStandardsCount', { count: fromStandards })}` : ''}
          </>
        }
      />
      <p className="hint">{t('analysis.needs.intro')}</p>
      {needs.length === 0 ? <p>{t('analysis.needs.empty')}</p> : null}
      <ol className="need-list">
        {needs.map((need, index) => (
          <NeedCard key={need.id} need={need} number={index + 1} events={events} factors={factors} standards={standards} locale={locale} announce={announce} />
        ))}
      </ol>
      <AddForm base={base} title={t('analysis.needs.addTitle')} onSubmit={submit} submitLabel={t('analysis.needs.add')}>
        <Field
          id={`${base}-need`}
          label={t('analysis.needs.need')}
          wide
          hint={t('analysis.needs.needHint')}
          error={invalid && t('analysis.needs.required')}
          alert
        >
          <DraftTextarea
            id={`${base}-need`}
            rows={2}
            maxLength={5000}
            value={text}
            onValue={setText}
            invalid={invalid}
            aria-describedby={describedBy(`${base}-need`, { hint: true, error: invalid })}
          />
        </Field>
      </AddForm>
    </section>
  )
}

/** The standard a flag was raised from, in words, when the jurisdiction still has that rule. */
function flagRule(flagId: string, standards: PracticeStandards, locale: 'en' | 'fr'): string | null {
  // Flag ids are "<rule id>:<event ids>" (domain/standards/check.ts).
  const ruleId = flagId.split(':')[0]
  const rule = standards.rules.find(candidate => candidate.id === ruleId)
  return rule ? describeRule(rule, locale) : null
}

type NeedCardProps = {
  need: UnmetNeed
  number: number
  events: readonly LinkGroup[]
  factors: readonly LinkGroup[]
  standards: PracticeStandards
  locale: 'en' | 'fr'
  announce: (message: string) => void
}

const NeedCard = memo(function NeedCard({ need, number, events, factors, standards, locale, announce }: NeedCardProps) {
  const { t } = useTranslation()
  const { run } = useWorkspace()
  const base = `need-${need.id}`
  const update = (patch: NeedPatch) => run({ type: 'updateUnmetNeed', id: need.id, patch })
  const rule = need.standardsFlagId ? flagRule(need.standardsFlagId, standards, locale) : null

  return (
    <li className={`need-card${need.standardsFlagId ? ' need-from-standard' : ''}`}>
      <article aria-labelledby={`${base}-heading`}>
        <header className="card-head">
          <h4 id={`${base}-heading`}>{t('analysis.needs.heading', { number })}</h4>
          {need.standardsFlagId ? (
            <span className="badge badge-standard">
              <span aria-hidden="true">⚑ </span>
              {rule ? t('analysis.needs.fromStandardRule', { rule }) : t('analysis.needs.fromStandard')}
            </span>
          ) : null}
        </header>
        <div className="need-fields">
          {(['need', 'received', 'gap'] as const).map(field => (
            <LiveField
              key={field}
              id={`${base}-${field}`}
              label={t(`analysis.needs.${field}`)}
              target={{ collection: 'unmetNeeds', id: need.id, field }}
              fallback={need[field]}
              multiline
              rows={2}
              maxLength={5000}
              required={field === 'need'}
            />
          ))}
        </div>
        <p className="hint">{t('analysis.common.saveHint')}</p>
        <NeedVoice needId={need.id} />
        <div className="link-row">
          <LinkField stem="analysis.needs.events" groups={events} selected={need.eventIds} onChange={eventIds => update({ eventIds })} />
          <LinkField
            stem="analysis.needs.factors"
            groups={factors}
            selected={need.factorItemIds}
            unknownLabel={id => t('analysis.common.unknownFactor', { id })}
            onChange={factorItemIds => update({ factorItemIds })}
          />
        </div>
        <RemoveAction stem="analysis.needs" values={{ number }} command={{ type: 'removeUnmetNeed', id: need.id }} announce={announce} />
      </article>
    </li>
  )
})

// ------------------------------------------------------------------------- systemic factors

type FactorsProps = {
  framework: FactorFramework
  ratings: readonly FactorRatingEntry[]
  events: readonly LinkGroup[]
  locale: 'en' | 'fr'
  announce: (message: string) => void
}

function SystemicFactors({ framework, ratings, events, locale, announce }: FactorsProps) {
  const { t } = useTranslation()
  const byItem = useMemo(() => new Map(ratings.map(rating => [rating.factorItemId, rating])), [ratings])
  const known = useMemo(() => new Set(framework.domains.flatMap(domain => domain.items.map(item => item.id))), [framework])
  const total = known.size
  const rated = ratings.filter(rating => known.has(rating.factorItemId)).length
  const orphans = ratings.filter(rating => !known.has(rating.factorItemId))

  return (
    <section className="analysis-section" aria-labelledby="factors-title">
      <SectionHead id="factors-title" title={t('analysis.factors.title')} count={t('analysis.factors.ratedCount', { rated, total })} />
      <p className="hint">{t('analysis.factors.intro')}</p>
      <p className="framework-name">{t('analysis.factors.framework', { name: framework.name[locale], version: framework.version })}</p>
      <div className="rating-key" role="group" aria-labelledby="rating-key-title">
        <p id="rating-key-title" className="rating-key-title">
          {t('analysis.factors.scaleTitle')}
        </p>
        <dl>
          {factorRatingScale.map(entry => (
            <div key={entry.rating} className={`rating-key-entry rating-${entry.rating}`}>
              <dt>
                <span className="rating-chip" aria-hidden="true">
                  {entry.rating}
                </span>{' '}
                {entry.label[locale]}
              </dt>
              <dd>{entry.description[locale]}</dd>
            </div>
          ))}
        </dl>
      </div>
      {framework.domains.map(domain => {
        const domainRated = domain.items.filter(item => byItem.has(item.id)).length
        return (
          <section key={domain.id} className="factor-domain" aria-labelledby={`domain-${domain.id}`}>
            <h4 id={`domain-${domain.id}`}>
              {domain.label[locale]}{' '}
              <span className="section-count">{t('analysis.factors.ratedCount', { rated: domainRated, total: domain.items.length })}</span>
            </h4>
            <ul className="factor-list">
              {domain.items.map(item => (
                <FactorItemCard key={item.id} item={item} rating={byItem.get(item.id)} events={events} locale={locale} announce={announce} />
              ))}
            </ul>
          </section>
        )
      })}
      {orphans.length > 0 ? (
        <section className="factor-domain" aria-labelledby="factor-orphans">
          <h4 id="factor-orphans">{t('analysis.factors.unknownTitle')}</h4>
          <p className="hint">{t('analysis.factors.unknownIntro')}</p>
          <ul className="factor-list">
            {orphans.map(rating => (
              <FactorItemCard
                key={rating.factorItemId}
                item={{ id: rating.factorItemId, label: { en: rating.factorItemId, fr: rating.factorItemId }, definition: { en: '', fr: '' } }}
                rating={rating}
                events={events}
                locale={locale}
                announce={announce}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  )
}

type FactorCardProps = {
  item: FactorItem
  rating: FactorRatingEntry | undefined
  events: readonly LinkGroup[]
  locale: 'en' | 'fr'
  announce: (message: string) => void
}

const ratingLabel = (rating: FactorRating, locale: 'en' | 'fr') => factorRatingScale.find(entry => entry.rating === rating)?.label[locale] ?? String(rating)

const FactorItemCard = memo(function FactorItemCard({ item, rating, events, locale, announce }: FactorCardProps) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  // Factor ids may hold "." and ":", which are fine in ids but not in radio group names' CSS.
  const base = `factor-${item.id.replace(/[^A-Za-z0-9_-]/g, '-')}`
  const label = item.label[locale]
  const definition = item.definition[locale]

  const rate = (value: FactorRating) => {
    if (rating?.rating === value) return
    if (run({ type: 'rateFactor', factorItemId: item.id, rating: value }))
      announce(t('analysis.factors.ratedAnnounce', { item: label, rating: ratingLabel(value, locale) }))
  }

  return (
    <li className={`factor-item${rating ? ` factor-rated rating-${rating.rating}` : ''}`}>
      <article aria-labelledby={`${base}-title`}>
        <header className="card-head">
          <h5 id={`${base}-title`}>{label}</h5>
          <span className="factor-state">
            {rating ? (
              <>
                <span className="rating-chip" aria-hidden="true">
                  {rating.rating}
                </span>{' '}
                {t('analysis.factors.rated', { rating: ratingLabel(rating.rating, locale) })}
              </>
            ) : (
              t('analysis.factors.notRated')
            )}
          </span>
        </header>
        {definition ? (
          <p id={`${base}-definition`} className="factor-definition">
            {definition}
          </p>
        ) : null}
        <fieldset className="rating-choice" aria-describedby={definition ? `${base}-definition` : undefined}>
          <legend>{t('analysis.factors.ratingOf', { item: label })}</legend>
          {factorRatings.map(value => {
            const id = `${base}-rating-${value}`
            return (
              <span key={value} className="rating-option">
                <input
                  id={id}
                  type="radio"
                  name={`${base}-rating`}
                  value={value}
                  checked={rating?.rating === value}
                  disabled={!canEdit}
                  onChange={() => rate(value)}
                />
                <label htmlFor={id}>
                  <span className="rating-chip" aria-hidden="true">
                    {value}
                  </span>{' '}
                  {ratingLabel(value, locale)}
                </label>
              </span>
            )
          })}
          {rating && canEdit ? (
            <button
              type="button"
              className="button-link"
              aria-label={t('analysis.factors.clearLabel', { item: label })}
              onClick={() => {
                if (run({ type: 'clearFactorRating', factorItemId: item.id })) announce(t('analysis.factors.cleared', { item: label }))
              }}
            >
              {t('analysis.factors.clear')}
            </button>
          ) : null}
        </fieldset>
        {rating ? (
          <div className="factor-details">
            <LiveField
              id={`${base}-rationale`}
              label={t('analysis.factors.rationaleOf', { item: label })}
              hint={t('analysis.factors.rationaleHint')}
              wide
              target={{ collection: 'factorRatings', id: item.id, field: 'rationale' }}
              fallback={rating.rationale}
              multiline
              rows={2}
              maxLength={5000}
            />
            <LinkField
              stem="analysis.factors.events"
              groups={events}
              selected={rating.eventIds}
              onChange={eventIds => run({ type: 'rateFactor', factorItemId: item.id, rating: rating.rating, eventIds })}
            />
          </div>
        ) : null}
      </article>
    </li>
  )
})
