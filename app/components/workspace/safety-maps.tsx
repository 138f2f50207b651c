// The Signs of Safety picture as it stood at the time (ADR 0040): maps side by side in date
// order, each anchored to a timeline date and linked to timeline events, with the three
// columns, danger statements, safety goals and each party's 0-10 scaling. Every text is a live
// Y.Text (two people typing in one box both keep their words); a scaling judgement is a plain
// value in the map's own Y.Map, so two parties judged at once both stay.
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  countScalingDivergence,
  familyWorkerGap,
  safetyMapColumns,
  safetyScalingParties,
  scalingDiverged,
  SAFETY_MAP_TEXT_MAX,
  SAFETY_MAP_TITLE_MAX,
  SAFETY_SCALE_MAX,
  SAFETY_SCALE_MIN,
  type SafetyMap,
  type SafetyMapTextField,
  type SafetyScalingParty,
  type TimelineEvent,
} from '~/domain/review-doc'
import { CommitInput } from './commit-input'
import { newEntityId, useWorkspace } from './context'
import { AddForm, DraftInput, Field, LinkField, LiveField, RemoveAction, describedBy } from './form-parts'
import { eventGroups, eventLabel, type LinkGroup } from './finding-fields'
import { formatTimelineDate } from './format'
import { useOthersEditing } from './presence'
import type { ViewProps } from './settings'

const isCalendarDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)

const scaleValues = Array.from({ length: SAFETY_SCALE_MAX - SAFETY_SCALE_MIN + 1 }, (_, i) => SAFETY_SCALE_MIN + i)

export function SafetyMaps({ document, announce }: ViewProps) {
  const { t, i18n } = useTranslation()
  const noDescription = t('analysis.common.noDescription')
  const events = useMemo(
    () => eventGroups(document.events, i18n.language, noDescription, t('safetyMap.events.group')),
    [document.events, i18n.language, noDescription, t],
  )
  const maps = document.safetyMaps
  const { compared, diverged } = countScalingDivergence(maps)

  return (
    <div className="safety-view">
      <h2 className="view-title">{t('safetyMap.title')}</h2>
      <p className="hint">{t('safetyMap.intro')}</p>
      <AddSafetyMap events={document.events} announce={announce} />
      <div className="section-head">
        <p className="section-count">{t('safetyMap.count', { count: maps.length })}</p>
        <p className="safety-divergence" data-testid="safety-divergence">
          {compared === 0 ? t('safetyMap.scaling.summaryNone') : t('safetyMap.scaling.summary', { diverged, compared })}
        </p>
      </div>
      {maps.length === 0 ? (
        <p>{t('safetyMap.empty')}</p>
      ) : (
        <>
          <p className="hint">{t('safetyMap.scrollHint')}</p>
          {/* Side by side: the row scrolls inside its own box, never the page. */}
          <div className="safety-maps-scroll" role="region" aria-label={t('safetyMap.title')} tabIndex={0}>
            <ol className="safety-map-list">
              {maps.map((map, index) => (
                <SafetyMapCard key={map.id} map={map} number={index + 1} events={events} announce={announce} />
              ))}
            </ol>
          </div>
        </>
      )}
    </div>
  )
}

function AddSafetyMap({ events, announce }: { events: readonly TimelineEvent[]; announce: (message: string) => void }) {
  const { t, i18n } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = useId()
  const [date, setDate] = useState('')
  const [title, setTitle] = useState('')
  const [eventId, setEventId] = useState('')
  const [invalid, setInvalid] = useState(false)
  const noDescription = t('analysis.common.noDescription')
  // The key points of the case are its key practice episodes; a review can hold thousands of
  // events, which the map's own event picker (with its filter) is for.
  const episodes = useMemo(() => events.filter(candidate => candidate.keyPracticeEpisode), [events])

  const chooseEvent = (id: string) => {
    setEventId(id)
    const event = episodes.find(candidate => candidate.id === id)
    // Anchoring to an event takes its calendar day; the time of day does not matter to a map.
    if (event) setDate(event.date.slice(0, 10))
  }

  const submit = () => {
    if (!isCalendarDate(date)) return setInvalid(true)
    const anchored = episodes.some(candidate => candidate.id === eventId) ? [eventId] : []
    const added = run(
      { type: 'addSafetyMap', id: newEntityId(), date, ...(title.trim() ? { title: title.trim() } : {}), eventIds: anchored },
      { undoable: false },
    )
    if (added) {
      setInvalid(false)
      setDate('')
      setTitle('')
      setEventId('')
      announce(t('safetyMap.add.added'))
    }
  }

  return (
    <AddForm
      base={base}
      title={t('safetyMap.add.title')}
      heading="h3"
      className="add-card safety-add"
      onSubmit={submit}
      submitLabel={t('safetyMap.add.submit')}
    >
      <div className="field-row">
        {episodes.length > 0 ? (
          <Field id={`${base}-event`} label={t('safetyMap.add.episode')} hint={t('safetyMap.add.episodeHint')}>
            <select
              id={`${base}-event`}
              value={eventId}
              disabled={!canEdit}
              onChange={e => chooseEvent(e.target.value)}
              aria-describedby={`${base}-event-hint`}
            >
              <option value="">{t('safetyMap.add.noEpisode')}</option>
              {episodes.map(candidate => (
                <option key={candidate.id} value={candidate.id}>
                  {eventLabel(candidate, i18n.language, noDescription)}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id={`${base}-date`} label={t('safetyMap.add.date')} hint={t('safetyMap.add.dateHint')} error={invalid && t('safetyMap.add.dateRequired')} alert>
          <DraftInput
            id={`${base}-date`}
            type="date"
            value={date}
            onValue={setDate}
            invalid={invalid}
            aria-describedby={describedBy(`${base}-date`, { hint: true, error: invalid })}
          />
        </Field>
        <Field id={`${base}-name`} label={t('safetyMap.add.titleField')} hint={t('safetyMap.add.titleHint')}>
          <DraftInput id={`${base}-name`} value={title} maxLength={SAFETY_MAP_TITLE_MAX} onValue={setTitle} aria-describedby={`${base}-name-hint`} />
        </Field>
      </div>
    </AddForm>
  )
}

type CardProps = {
  map: SafetyMap
  number: number
  events: readonly LinkGroup[]
  announce: (message: string) => void
}

const SafetyMapCard = memo(function SafetyMapCard({ map, number, events, announce }: CardProps) {
  const { t, i18n } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = `safety-map-${map.id}`
  const date = formatTimelineDate(map.date, i18n.language)
  const heading = map.title ? t('safetyMap.map.headingNamed', { title: map.title, date }) : t('safetyMap.map.heading', { date })
  const gap = familyWorkerGap(map.scaling)
  const diverged = scalingDiverged(map.scaling)

  const textField = (field: SafetyMapTextField) => (
    <LiveField
      key={field}
      id={`${base}-${field}`}
      label={t(`safetyMap.fields.${field}`)}
      wide
      target={{ collection: 'safetyMaps', id: map.id, field }}
      fallback={map[field]}
      multiline
      rows={3}
      maxLength={SAFETY_MAP_TEXT_MAX}
    />
  )

  return (
    <li className={`safety-map${diverged ? ' safety-map-diverged' : ''}`} data-map-date={map.date} data-map-number={number}>
      <article aria-labelledby={`${base}-heading`}>
        <header className="card-head">
          <h3 id={`${base}-heading`}>{heading}</h3>
        </header>
        <div className="field-row">
          <Field id={`${base}-date`} label={t('safetyMap.map.date')}>
            <CommitInput
              id={`${base}-date`}
              type="date"
              value={map.date}
              disabled={!canEdit}
              onCommit={value => {
                if (!isCalendarDate(value)) {
                  announce(t('safetyMap.map.dateInvalid'))
                  return false
                }
                return run({ type: 'updateSafetyMap', id: map.id, patch: { date: value } })
              }}
            />
          </Field>
          <LiveField
            id={`${base}-title`}
            label={t('safetyMap.map.titleField')}
            target={{ collection: 'safetyMaps', id: map.id, field: 'title' }}
            fallback={map.title ?? ''}
            maxLength={SAFETY_MAP_TITLE_MAX}
          />
        </div>
        {safetyMapColumns.map(group => (
          <section key={group.column} className={`safety-column safety-${group.column}`} aria-labelledby={`${base}-${group.column}`}>
            <h4 id={`${base}-${group.column}`}>{t(`safetyMap.columns.${group.column}`)}</h4>
            {group.fields.map(textField)}
            {group.column === 'worried' ? textField('dangerStatements') : null}
          </section>
        ))}
        <fieldset className="safety-scaling" aria-describedby={`${base}-scaling-hint`}>
          <legend>{t('safetyMap.scaling.title')}</legend>
          <p id={`${base}-scaling-hint`} className="hint">
            {t('safetyMap.scaling.hint')}
          </p>
          <div className="scaling-grid">
            {safetyScalingParties.map(party => (
              <ScalingSelect key={party} map={map} party={party} announce={announce} />
            ))}
          </div>
          {gap !== null ? (
            <p className={diverged ? 'scaling-diverged' : 'scaling-gap'} role="note">
              {diverged ? (
                <>
                  <span aria-hidden="true">⚠ </span>
                  {t('safetyMap.scaling.diverged', { gap })}
                </>
              ) : (
                t('safetyMap.scaling.gap', { gap })
              )}
            </p>
          ) : null}
        </fieldset>
        <LinkField
          legend={t('safetyMap.events.legend')}
          chooseLabel={t('safetyMap.events.choose')}
          groups={events}
          selected={map.eventIds}
          onChange={eventIds => run({ type: 'updateSafetyMap', id: map.id, patch: { eventIds } })}
        />
        <RemoveAction
          stem="safetyMap.map"
          values={{ date }}
          label={t('safetyMap.map.remove')}
          command={{ type: 'removeSafetyMap', id: map.id }}
          announce={announce}
        />
      </article>
    </li>
  )
})

/** One party's judgement: a choice of 0-10 or none; others see who is choosing, as in a text field. */
function ScalingSelect({ map, party, announce }: { map: SafetyMap; party: SafetyScalingParty; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { canEdit, run, setEditing } = useWorkspace()
  const id = `safety-map-${map.id}-scaling-${party}`
  const editingKey = `safetyMaps:${map.id}:scaling:${party}`
  const editors = useOthersEditing(editingKey)
  const focused = useRef(false)
  const setEditingRef = useRef(setEditing)
  setEditingRef.current = setEditing
  useEffect(
    () => () => {
      if (focused.current) setEditingRef.current(null)
    },
    [],
  )
  const value = map.scaling[party]
  const partyLabel = t(`safetyMap.parties.${party}`)

  return (
    <div className="field scaling-field">
      <label htmlFor={id}>{partyLabel}</label>
      <select
        id={id}
        value={value === undefined ? '' : String(value)}
        disabled={!canEdit}
        data-scaling={party}
        style={editors ? { borderColor: editors.color, boxShadow: `0 0 0 2px ${editors.color}` } : undefined}
        onFocus={() => {
          focused.current = true
          setEditing(editingKey)
        }}
        onBlur={() => {
          focused.current = false
          setEditing(null)
        }}
        onChange={event => {
          const raw = event.target.value
          const next = raw === '' ? null : Number(raw)
          if (next !== null && !scaleValues.includes(next)) return
          if (run({ type: 'setSafetyScaling', mapId: map.id, party, value: next })) {
            announce(next === null ? t('safetyMap.scaling.cleared', { party: partyLabel }) : t('safetyMap.scaling.set', { party: partyLabel, value: next }))
          }
        }}
      >
        <option value="">{t('safetyMap.scaling.notGiven')}</option>
        {scaleValues.map(n => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
      </select>
      {editors ? (
        <p className="editing-now live-text-editing" style={{ borderColor: editors.color }}>
          {t('workspace.presence.editing', { names: editors.names })}
        </p>
      ) : null}
    </div>
  )
}
