// What the chronology says of the selected marker: an event's facts and flags, or a flag's
// explanation with links to the events it concerns.
import { Link, useLocation } from '@remix-run/react'
import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { TimelineEvent } from '~/domain/review-doc'
import { formatTimelineDate } from './format'
import type { ViewProps } from './settings'
import { FlagIcon, useFlagText, type useStandardFlags } from './standards-flags'
import type { Marker } from './timeline-chronology-layout'
import { eventAnchorId } from './timeline-row'

type Flags = ReturnType<typeof useStandardFlags>

export function ChronologyDetails({
  id,
  headingRef,
  selected,
  eventsById,
  people,
  flags,
  onShowEvent,
}: {
  id: string
  headingRef: RefObject<HTMLHeadingElement>
  selected: Marker | null
  eventsById: ReadonlyMap<string, TimelineEvent>
  people: ViewProps['document']['people']
  flags: Flags
  onShowEvent: (eventId: string) => void
}) {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  return (
    <section className="chrono-details" aria-labelledby={id}>
      <h3 id={id} ref={headingRef} tabIndex={-1}>
        {t('timeline.chronology.details.title')}
      </h3>
      {selected ? (
        selected.flag ? (
          <FlagDetails marker={selected} eventsById={eventsById} onShowEvent={onShowEvent} />
        ) : (
          <EventDetails
            event={selected.eventId ? eventsById.get(selected.eventId) : undefined}
            people={people}
            flags={flags.filter(flag => selected.eventId !== null && flag.eventIds.includes(selected.eventId))}
            listLink={selected.eventId ? `${pathname}?view=session#${eventAnchorId(selected.eventId)}` : null}
          />
        )
      ) : (
        <p>{t('timeline.chronology.details.none')}</p>
      )}
    </section>
  )
}

function EventDetails({
  event,
  people,
  flags,
  listLink,
}: {
  event: TimelineEvent | undefined
  people: ViewProps['document']['people']
  flags: Flags
  listLink: string | null
}) {
  const { t, i18n } = useTranslation()
  const flagText = useFlagText()
  if (!event) return <p>{t('timeline.chronology.details.none')}</p>
  const pseudonyms = new Map(people.map(person => [person.id, person.pseudonym]))
  const actors = event.actorIds.map(id => pseudonyms.get(id)).filter((name): name is string => name !== undefined)
  return (
    <>
      <dl className="chrono-details-facts">
        <dt>{t('timeline.chronology.details.date')}</dt>
        <dd>
          {formatTimelineDate(event.date, i18n.language)}
          {event.dateEnd ? ` ${t('workspace.timeline.until', { date: formatTimelineDate(event.dateEnd, i18n.language) })}` : null}
          {event.approximate ? ` (${t('timeline.chronology.approximate')})` : null}
        </dd>
        <dt>{t('timeline.chronology.details.stage')}</dt>
        <dd>
          {event.stage ? t(`workspace.stage.${event.stage}`) : t('timeline.chronology.noStage')}
          {event.keyPracticeEpisode ? ` · ${t('workspace.timeline.keyEpisodeBadge')}` : null}
        </dd>
        <dt>{t('timeline.chronology.details.source')}</dt>
        <dd>{event.source || t('workspace.timeline.noSource')}</dd>
        <dt>{t('timeline.chronology.details.actors')}</dt>
        <dd>{actors.length > 0 ? actors.join(', ') : t('workspace.timeline.noActors')}</dd>
        <dt>{t('timeline.chronology.details.text')}</dt>
        <dd className="chrono-details-text">{event.description.text || t('workspace.timeline.emptyDescription')}</dd>
        {flags.length > 0 ? (
          <>
            <dt>{t('timeline.chronology.details.flags')}</dt>
            {flags.map(flag => (
              <dd key={flag.id}>
                <FlagIcon severity={flag.severity} />{' '}
                {t('timeline.chronology.flagLine', { severity: flagText.severity(flag.severity), explanation: flagText.explanation(flag) })}
              </dd>
            ))}
          </>
        ) : null}
      </dl>
      {listLink ? (
        <p>
          <Link to={listLink}>{t('timeline.chronology.details.showInList')}</Link>
        </p>
      ) : null}
    </>
  )
}

function FlagDetails({
  marker,
  eventsById,
  onShowEvent,
}: {
  marker: Marker
  eventsById: ReadonlyMap<string, TimelineEvent>
  onShowEvent: (id: string) => void
}) {
  const { t, i18n } = useTranslation()
  const flagText = useFlagText()
  const flag = marker.flag
  if (!flag) return null
  const concerned = flag.eventIds.flatMap(id => {
    const event = eventsById.get(id)
    return event ? [event] : []
  })
  return (
    <>
      <p className="flag-severity">
        <FlagIcon severity={flag.severity} />
        {flagText.severity(flag.severity)}
      </p>
      <p>{flagText.explanation(flag)}</p>
      {concerned.length > 0 ? (
        <p className="flag-events">
          <span>{t('timeline.flags.events')}</span>
          {concerned.map(event => (
            <button key={event.id} type="button" className="button-link" onClick={() => onShowEvent(event.id)}>
              {t('timeline.flags.goTo', { date: formatTimelineDate(event.date, i18n.language) })}
            </button>
          ))}
        </p>
      ) : (
        <p>{t('timeline.flags.noEvents')}</p>
      )}
    </>
  )
}
