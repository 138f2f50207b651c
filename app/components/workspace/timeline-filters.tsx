// Filters of the timeline list. They are this user's view only (nothing is written to the shared
// document), so each panel member can look at the part of the record they are discussing.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Person, TimelineEvent } from '~/domain/review-doc'
import { journeyStages, type JourneyStage } from '~/domain/vocabulary'
import { isStage } from './timeline-row'

/** '' = any; 'none' = not placed on the journey / no record named. */
export type TimelineFilters = {
  stage: JourneyStage | 'none' | ''
  actor: string
  source: { kind: 'any' } | { kind: 'none' } | { kind: 'is'; value: string }
  flaggedOnly: boolean
  keyOnly: boolean
}

export const noFilters: TimelineFilters = { stage: '', actor: '', source: { kind: 'any' }, flaggedOnly: false, keyOnly: false }

export function isFiltering(filters: TimelineFilters): boolean {
  return filters.stage !== '' || filters.actor !== '' || filters.source.kind !== 'any' || filters.flaggedOnly || filters.keyOnly
}

export function filterEvents(events: readonly TimelineEvent[], filters: TimelineFilters, flagged: ReadonlyMap<string, unknown>): readonly TimelineEvent[] {
  if (!isFiltering(filters)) return events
  const { stage, actor, source, flaggedOnly, keyOnly } = filters
  return events.filter(
    event =>
      (stage === '' || (stage === 'none' ? event.stage === undefined : event.stage === stage)) &&
      (actor === '' || event.actorIds.includes(actor)) &&
      (source.kind === 'any' || (source.kind === 'none' ? !event.source : event.source === source.value)) &&
      (!flaggedOnly || flagged.has(event.id)) &&
      (!keyOnly || event.keyPracticeEpisode),
  )
}

/** Distinct sources, as written, in alphabetical order. */
export function distinctSources(events: readonly TimelineEvent[], language: string): string[] {
  const seen = new Set<string>()
  for (const event of events) if (event.source) seen.add(event.source)
  const collator = new Intl.Collator(language, { sensitivity: 'base' })
  return [...seen].sort(collator.compare)
}

// Select values: a source can be any text, so the two special choices get prefixes no
// real value has.
const ANY = ''
const NONE = 'none:'
const IS = 'is:'

type Props = {
  filters: TimelineFilters
  onChange: (filters: TimelineFilters) => void
  people: readonly Person[]
  sources: readonly string[]
  shown: number
  total: number
  /** Until the live document has synced (the server's preview), there is nothing to filter. */
  disabled?: boolean
}

export function TimelineFilterBar({ filters, onChange, people, sources, shown, total, disabled = false }: Props) {
  const { t } = useTranslation()
  const id = useId()
  const set = (patch: Partial<TimelineFilters>) => onChange({ ...filters, ...patch })
  const sourceValue = filters.source.kind === 'any' ? ANY : filters.source.kind === 'none' ? NONE : IS + filters.source.value

  return (
    <fieldset className="timeline-filters" disabled={disabled || undefined}>
      <legend>{t('timeline.filters.title')}</legend>
      <div className="timeline-filter-fields">
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t('timeline.filters.stage')}</label>
          <select
            id={`${id}-stage`}
            value={filters.stage}
            onChange={e => {
              const value = e.target.value
              set({ stage: value === 'none' ? 'none' : isStage(value) ? value : '' })
            }}
          >
            <option value="">{t('timeline.filters.allStages')}</option>
            {journeyStages.map(stage => (
              <option key={stage} value={stage}>
                {t(`workspace.stage.${stage}`)}
              </option>
            ))}
            <option value="none">{t('timeline.filters.noStage')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-actor`}>{t('timeline.filters.actor')}</label>
          <select id={`${id}-actor`} value={filters.actor} onChange={e => set({ actor: e.target.value })}>
            <option value="">{t('timeline.filters.allActors')}</option>
            {people.map(person => (
              <option key={person.id} value={person.id}>
                {person.pseudonym}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('timeline.filters.source')}</label>
          <select
            id={`${id}-source`}
            value={sourceValue}
            onChange={e => {
              const value = e.target.value
              set({ source: value === NONE ? { kind: 'none' } : value.startsWith(IS) ? { kind: 'is', value: value.slice(IS.length) } : { kind: 'any' } })
            }}
          >
            <option value={ANY}>{t('timeline.filters.allSources')}</option>
            {sources.map(source => (
              <option key={source} value={IS + source}>
                {source}
              </option>
            ))}
            <option value={NONE}>{t('timeline.filters.noSource')}</option>
          </select>
        </div>
        <div className="timeline-filter-checks">
          <span className="field-checkbox">
            <input id={`${id}-flagged`} type="checkbox" checked={filters.flaggedOnly} onChange={e => set({ flaggedOnly: e.target.checked })} />
            <label htmlFor={`${id}-flagged`}>{t('timeline.filters.flagged')}</label>
          </span>
          <span className="field-checkbox">
            <input id={`${id}-key`} type="checkbox" checked={filters.keyOnly} onChange={e => set({ keyOnly: e.target.checked })} />
            <label htmlFor={`${id}-key`}>{t('timeline.filters.keyOnly')}</label>
          </span>
        </div>
        {isFiltering(filters) ? (
          <button type="button" className="button-secondary" onClick={() => onChange(noFilters)}>
            {t('timeline.filters.clear')}
          </button>
        ) : null}
      </div>
      <p className="timeline-showing" role="status">
        {isFiltering(filters) ? t('timeline.filters.showing', { shown: shown.toLocaleString(), count: total }) : null}
      </p>
    </fieldset>
  )
}
