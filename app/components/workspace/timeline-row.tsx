// One event of the case timeline. Rows are memoised and compare by identity (the read model
// keeps unchanged events as the same objects) and by plain strings, so a change to one event
// re-renders one row, not two thousand. A closed row is kept light: its words come ready-made
// from useRowLabels (translating eight strings per row was a third of the cost of listing two
// thousand events) and the controls and live editor of an open row live in EventPanel.
import { memo, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { eventDescriptionField, type Person, type ReviewCommand, type TimelineEvent } from '~/domain/review-doc'
import { journeyStages, type JourneyStage } from '~/domain/vocabulary'
import { CollaborativeEditor } from './collaborative-editor'
import { CommitInput } from './commit-input'
import { DateFlagNote } from '../date-flag-note'
import { LiveText } from './live-text'
import { useWorkspace, WorkspaceContext } from './context'
import { formatTimelineDate } from './format'

type EventPatch = Extract<ReviewCommand, { type: 'updateEvent' }>['patch']

export const isStage = (value: string): value is JourneyStage => (journeyStages as readonly string[]).includes(value)

/** The id of a row's focusable element: where "go to event" lands. */
export const eventAnchorId = (eventId: string) => `event-${eventId}`

/** The words of a closed row, translated once per language rather than once per row. */
export function useRowLabels() {
  const { t, i18n } = useTranslation()
  return useMemo(() => {
    const slot = '\u0001'
    const template = (key: string, name: string) => {
      const text = t(key, { [name]: slot })
      return (value: string) => text.split(slot).join(value)
    }
    return {
      language: i18n.language,
      until: template('workspace.timeline.until', 'date'),
      approximateBadge: t('workspace.timeline.approximateBadge'),
      stage: Object.fromEntries(journeyStages.map(stage => [stage, t(`workspace.stage.${stage}`)])) as Record<JourneyStage, string>,
      keyEpisodeBadge: t('workspace.timeline.keyEpisodeBadge'),
      flagged: t('timeline.list.flagged'),
      flaggedDetail: template('timeline.list.flaggedDetail', 'explanation'),
      source: t('workspace.timeline.source'),
      noSource: t('workspace.timeline.noSource'),
      actors: t('workspace.timeline.actors'),
      noActors: t('workspace.timeline.noActors'),
      emptyDescription: t('workspace.timeline.emptyDescription'),
      keyEpisode: t('workspace.timeline.keyEpisode'),
      editing: template('workspace.presence.editing', 'names'),
      open: t('workspace.timeline.open'),
      show: t('workspace.timeline.show'),
      close: t('workspace.timeline.close'),
      openLabel: template('workspace.timeline.openLabel', 'date'),
      showLabel: template('workspace.timeline.showLabel', 'date'),
      closeLabel: template('workspace.timeline.closeLabel', 'date'),
    }
  }, [t, i18n.language])
}
export type RowLabels = ReturnType<typeof useRowLabels>

type RowProps = {
  event: TimelineEvent
  people: readonly Person[]
  pseudonyms: ReadonlyMap<string, string>
  labels: RowLabels
  expanded: boolean
  autoFocus: boolean
  /** Names of the others typing in this event's description. */
  editors: string
  /** The explanations of the practice-standard flags on this event, one per line. */
  flagText: string | undefined
  onToggle: (id: string) => void
  onRemoved: (id: string) => void
  /**
   * Rendered from the server's preview, before the live document (and so the workspace context)
   * exists: the row is read-only, and says what its button will do for this user once synced.
   */
  previewWritable?: boolean
}

export const EventRow = memo(function EventRow({
  event,
  people,
  pseudonyms,
  labels,
  expanded,
  autoFocus,
  editors,
  flagText,
  onToggle,
  onRemoved,
  previewWritable = false,
}: RowProps) {
  const workspace = useContext(WorkspaceContext)
  const live = workspace !== null
  const canEdit = workspace?.canEdit ?? false
  const opensForEditing = live ? canEdit : previewWritable
  const base = `event-${event.id}`
  const headingId = `${base}-heading`
  const panelId = `${base}-panel`
  const date = formatTimelineDate(event.date, labels.language)
  const actors = event.actorIds.map(id => pseudonyms.get(id)).filter((name): name is string => name !== undefined)

  return (
    <li
      data-event-id={event.id}
      className={`event${event.keyPracticeEpisode ? ' event-key' : ''}${expanded ? ' event-open' : ''}${flagText ? ' event-flagged' : ''}`}
    >
      <article aria-labelledby={headingId} id={eventAnchorId(event.id)} tabIndex={-1}>
        <header className="event-head">
          <h3 id={headingId} className="event-date">
            {date}
            {event.dateEnd ? ` ${labels.until(formatTimelineDate(event.dateEnd, labels.language))}` : null}
          </h3>
          {event.approximate ? <span className="badge badge-approximate">{labels.approximateBadge}</span> : null}
          {event.stage ? <span className="badge badge-stage">{labels.stage[event.stage]}</span> : null}
          {event.keyPracticeEpisode ? <span className="badge badge-key">{labels.keyEpisodeBadge}</span> : null}
          {flagText ? (
            <span className="badge badge-flag">
              <span aria-hidden="true">⚠ </span>
              {labels.flagged}
            </span>
          ) : null}
        </header>
        <dl className="event-facts">
          <dt>{labels.source}</dt>
          <dd>{event.source || labels.noSource}</dd>
          <dt>{labels.actors}</dt>
          <dd>{actors.length > 0 ? actors.join(', ') : labels.noActors}</dd>
        </dl>
        {flagText ? <p className="event-flag">{labels.flaggedDetail(flagText)}</p> : null}

        {expanded ? (
          <EventPanel event={event} people={people} date={date} panelId={panelId} autoFocus={autoFocus} onRemoved={onRemoved} />
        ) : (
          <p className="event-text">{event.description.text || labels.emptyDescription}</p>
        )}
        {editors ? <p className="editing-now">{labels.editing(editors)}</p> : null}

        <div className="event-actions">
          <span className="field-checkbox inline-check">
            <input
              id={`${base}-key`}
              type="checkbox"
              checked={event.keyPracticeEpisode}
              disabled={!canEdit}
              onChange={e => workspace?.run({ type: 'updateEvent', id: event.id, patch: { keyPracticeEpisode: e.target.checked } })}
            />
            <label htmlFor={`${base}-key`}>{labels.keyEpisode}</label>
          </span>
          <button
            type="button"
            className="button-secondary"
            aria-expanded={expanded}
            aria-controls={expanded ? panelId : undefined}
            aria-label={(expanded ? labels.closeLabel : opensForEditing ? labels.openLabel : labels.showLabel)(date)}
            disabled={!live || undefined}
            onClick={() => onToggle(event.id)}
          >
            {expanded ? labels.close : opensForEditing ? labels.open : labels.show}
          </button>
        </div>
      </article>
    </li>
  )
})

type PanelProps = {
  event: TimelineEvent
  people: readonly Person[]
  date: string
  panelId: string
  autoFocus: boolean
  onRemoved: (id: string) => void
}

/** The controls of an open event: dates, stage, record, approximation, people, text, removal. */
function EventPanel({ event, people, date, panelId, autoFocus, onRemoved }: PanelProps) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const [confirming, setConfirming] = useState(false)
  const base = `event-${event.id}`
  const labelId = `${base}-description-label`
  const update = (patch: EventPatch) => run({ type: 'updateEvent', id: event.id, patch })
  const timed = event.date.includes('T')

  const keepRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (confirming) keepRef.current?.focus()
  }, [confirming])

  const remove = () => {
    // Not undoable: the structured undo does not track description fragments, so an undo would
    // bring the event back without its text. Hence the confirmation.
    if (run({ type: 'removeEvent', id: event.id }, { undoable: false })) onRemoved(event.id)
    else setConfirming(false)
  }

  return (
    <div id={panelId} className="event-panel">
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${base}-date`}>{t('workspace.timeline.date')}</label>
          <CommitInput
            id={`${base}-date`}
            type={timed ? 'datetime-local' : 'date'}
            value={event.date}
            disabled={!canEdit}
            onCommit={value => value !== '' && update({ date: value })}
            aria-describedby={`${base}-date-flag`}
          />
          <DateFlagNote id={`${base}-date-flag`} date={event.date} people={people} />
        </div>
        <div className="field">
          <label htmlFor={`${base}-date-end`}>{t('timeline.list.dateEnd')}</label>
          <CommitInput
            id={`${base}-date-end`}
            type={timed ? 'datetime-local' : 'date'}
            value={event.dateEnd ?? ''}
            min={timed ? undefined : event.date}
            disabled={!canEdit}
            onCommit={value => update({ dateEnd: value === '' ? null : value })}
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
          <LiveText id={`${base}-source`} target={{ collection: 'events', id: event.id, field: 'source' }} fallback={event.source ?? ''} maxLength={200} />
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
                      actorIds: e.target.checked ? [...event.actorIds, person.id] : event.actorIds.filter(actor => actor !== person.id),
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
      <CollaborativeEditor field={eventDescriptionField(event.id)} labelId={labelId} fallback={event.description.text} autoFocus={autoFocus} />
      {canEdit ? (
        confirming ? (
          <div className="remove-confirm" role="group" aria-labelledby={`${base}-confirm`}>
            <p id={`${base}-confirm`}>{t('timeline.list.confirmRemove', { date })}</p>
            <button type="button" className="button-danger" onClick={remove}>
              {t('timeline.list.confirm')}
            </button>
            <button type="button" className="button-secondary" ref={keepRef} onClick={() => setConfirming(false)}>
              {t('timeline.list.cancel')}
            </button>
          </div>
        ) : (
          <p className="remove-line">
            <button type="button" className="button-danger" aria-label={t('timeline.list.removeLabel', { date })} onClick={() => setConfirming(true)}>
              {t('timeline.list.remove')}
            </button>
          </p>
        )
      ) : null}
    </div>
  )
}
