// The case timeline of the shared document. A review can hold thousands of events, so rows are
// memoised and show their description as plain text; the live editor (and its caret plugins)
// is mounted only for the events someone opened.
import { memo, useCallback, useId, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { eventDescriptionField, type Person, type ReviewCommand, type TimelineEvent } from '~/domain/review-doc'
import { journeyStages, type JourneyStage } from '~/domain/vocabulary'
import { CollaborativeEditor } from './collaborative-editor'
import { CommitInput } from './commit-input'
import { newEntityId, useWorkspace } from './context'
import { formatTimelineDate } from './format'

type EventPatch = Extract<ReviewCommand, { type: 'updateEvent' }>['patch']

const isStage = (value: string): value is JourneyStage => (journeyStages as readonly string[]).includes(value)

type Props = {
  events: readonly TimelineEvent[]
  people: readonly Person[]
  /** Field name -> names of the others typing in it. */
  editors: ReadonlyMap<string, string>
  announce: (message: string) => void
  settings?: import('./workspace').WorkspaceSettings
  document?: import('~/domain/review-doc').ReviewDocument
}

export function Timeline({ events, people, editors, announce }: Props) {
  const { t } = useTranslation()
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set())
  const [focusId, setFocusId] = useState<string | null>(null)

  const toggle = useCallback((id: string) => {
    setOpen(previous => {
      const next = new Set(previous)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }, [])

  const onAdded = useCallback(
    (id: string) => {
      setOpen(previous => new Set(previous).add(id))
      setFocusId(id)
      announce(t('workspace.timeline.added'))
    },
    [announce, t],
  )

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <div className="section-head">
        <h2 id="timeline-title">{t('workspace.timeline.title')}</h2>
        <p className="section-count">{t('workspace.timeline.count', { count: events.length })}</p>
      </div>
      <AddEventForm onAdded={onAdded} />
      {events.length === 0 ? <p>{t('workspace.timeline.empty')}</p> : null}
      <ol className="event-list">
        {events.map(event => (
          <EventRow
            key={event.id}
            event={event}
            people={people}
            expanded={open.has(event.id)}
            autoFocus={focusId === event.id}
            editors={editors.get(eventDescriptionField(event.id)) ?? ''}
            onToggle={toggle}
          />
        ))}
      </ol>
    </section>
  )
}

function AddEventForm({ onAdded }: { onAdded: (id: string) => void }) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const [date, setDate] = useState('')
  const [invalid, setInvalid] = useState(false)
  const inputId = useId()
  const errorId = `${inputId}-error`

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setInvalid(true)
      return
    }
    const id = newEntityId()
    if (run({ type: 'addEvent', id, date }, { undoable: false })) {
      setInvalid(false)
      setDate('')
      onAdded(id)
    }
  }

  return (
    <form className="add-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={inputId}>{t('workspace.timeline.newDate')}</label>
        <input
          id={inputId}
          type="date"
          value={date}
          disabled={!canEdit}
          onChange={event => setDate(event.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
        />
        {invalid ? (
          <p id={errorId} className="field-error">
            {t('workspace.errors.dateRequired')}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={!canEdit}>
        {t('workspace.timeline.add')}
      </button>
    </form>
  )
}

type RowProps = {
  event: TimelineEvent
  people: readonly Person[]
  expanded: boolean
  autoFocus: boolean
  editors: string
  onToggle: (id: string) => void
}

const EventRow = memo(function EventRow({ event, people, expanded, autoFocus, editors, onToggle }: RowProps) {
  const { t, i18n } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = `event-${event.id}`
  const headingId = `${base}-heading`
  const panelId = `${base}-panel`
  const labelId = `${base}-description-label`
  const date = formatTimelineDate(event.date, i18n.language)
  const pseudonyms = useMemo(() => new Map(people.map(person => [person.id, person.pseudonym])), [people])
  const actors = event.actorIds.map(id => pseudonyms.get(id)).filter((name): name is string => name !== undefined)
  const field = eventDescriptionField(event.id)
  const update = (patch: EventPatch) => run({ type: 'updateEvent', id: event.id, patch })

  return (
    <li className={`event${event.keyPracticeEpisode ? ' event-key' : ''}${expanded ? ' event-open' : ''}`}>
      <article aria-labelledby={headingId}>
        <header className="event-head">
          <h3 id={headingId} className="event-date">
            {date}
            {event.dateEnd ? ` ${t('workspace.timeline.until', { date: formatTimelineDate(event.dateEnd, i18n.language) })}` : null}
          </h3>
          {event.approximate ? <span className="badge">{t('workspace.timeline.approximateBadge')}</span> : null}
          {event.stage ? <span className="badge badge-stage">{t(`workspace.stage.${event.stage}`)}</span> : null}
          {event.keyPracticeEpisode ? <span className="badge badge-key">{t('workspace.timeline.keyEpisodeBadge')}</span> : null}
        </header>
        <dl className="event-facts">
          <dt>{t('workspace.timeline.source')}</dt>
          <dd>{event.source || t('workspace.timeline.noSource')}</dd>
          <dt>{t('workspace.timeline.actors')}</dt>
          <dd>{actors.length > 0 ? actors.join(', ') : t('workspace.timeline.noActors')}</dd>
        </dl>

        {expanded ? (
          <div id={panelId} className="event-panel">
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${base}-date`}>{t('workspace.timeline.date')}</label>
                <CommitInput
                  id={`${base}-date`}
                  type={event.date.includes('T') ? 'datetime-local' : 'date'}
                  value={event.date}
                  disabled={!canEdit}
                  onCommit={value => value !== '' && update({ date: value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${base}-stage`}>{t('workspace.timeline.stage')}</label>
                <select
                  id={`${base}-stage`}
                  value={event.stage ?? ''}
                  disabled={!canEdit}
                  onChange={e => update({ stage: isStage(e.target.value) ? e.target.value : null })}
                >
                  <option value="">{t('workspace.timeline.noStage')}</option>
                  {journeyStages.map(stage => (
                    <option key={stage} value={stage}>
                      {t(`workspace.stage.${stage}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${base}-source`}>{t('workspace.timeline.source')}</label>
                <CommitInput
                  id={`${base}-source`}
                  type="text"
                  maxLength={200}
                  value={event.source ?? ''}
                  disabled={!canEdit}
                  onCommit={value => update({ source: value.trim() === '' ? null : value.trim() })}
                />
              </div>
            </div>
            <div className="field field-checkbox">
              <input
                id={`${base}-approximate`}
                type="checkbox"
                checked={event.approximate}
                disabled={!canEdit}
                onChange={e => update({ approximate: e.target.checked })}
              />
              <label htmlFor={`${base}-approximate`}>{t('workspace.timeline.approximate')}</label>
            </div>
            {people.length > 0 ? (
              <fieldset className="actors">
                <legend>{t('workspace.timeline.actors')}</legend>
                {people.map(person => {
                  const id = `${base}-actor-${person.id}`
                  const checked = event.actorIds.includes(person.id)
                  return (
                    <span key={person.id} className="actor-choice">
                      <input
                        id={id}
                        type="checkbox"
                        checked={checked}
                        disabled={!canEdit}
                        onChange={e =>
                          update({
                            actorIds: e.target.checked
                              ? [...event.actorIds, person.id]
                              : event.actorIds.filter(actor => actor !== person.id),
                          })
                        }
                      />
                      <label htmlFor={id}>{person.pseudonym}</label>
                    </span>
                  )
                })}
              </fieldset>
            ) : null}
            <p id={labelId} className="editor-label">
              {t('workspace.timeline.description')}
            </p>
            <CollaborativeEditor field={field} labelId={labelId} fallback={event.description.text} autoFocus={autoFocus} />
          </div>
        ) : (
          <p className="event-text">{event.description.text || t('workspace.timeline.emptyDescription')}</p>
        )}
        {editors ? <p className="editing-now">{t('workspace.presence.editing', { names: editors })}</p> : null}

        <div className="event-actions">
          <span className="field-checkbox inline-check">
            <input
              id={`${base}-key`}
              type="checkbox"
              checked={event.keyPracticeEpisode}
              disabled={!canEdit}
              onChange={e => update({ keyPracticeEpisode: e.target.checked })}
            />
            <label htmlFor={`${base}-key`}>{t('workspace.timeline.keyEpisode')}</label>
          </span>
          <button
            type="button"
            className="button-secondary"
            aria-expanded={expanded}
            aria-controls={expanded ? panelId : undefined}
            aria-label={t(expanded ? 'workspace.timeline.closeLabel' : canEdit ? 'workspace.timeline.openLabel' : 'workspace.timeline.showLabel', {
              date,
            })}
            onClick={() => onToggle(event.id)}
          >
            {t(expanded ? 'workspace.timeline.close' : canEdit ? 'workspace.timeline.open' : 'workspace.timeline.show')}
          </button>
        </div>
      </article>
    </li>
  )
})
