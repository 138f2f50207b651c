// The case timeline of the shared document, as a list: quick add for the joint session, the
// practice-standard checks, filters, and the events. A review can hold thousands of events, so
// rows are memoised, show their description as plain text (the live editor is mounted only for
// the events someone opened), and the first screen appears at once while the rest is rendered
// in the background (see useTwoPhaseList).
import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { eventDescriptionField, type Person, type ReviewDocument, type TimelineEvent } from '~/domain/review-doc'
import { FlagsPanel, flagTextByEvent, useFlagText, useStandardFlags } from './standards-flags'
import { filterEvents, distinctSources, noFilters, TimelineFilterBar, type TimelineFilters } from './timeline-filters'
import { QuickAdd } from './timeline-quick-add'
import { eventAnchorId, EventRow, useRowLabels } from './timeline-row'
import type { WorkspaceSettings } from './settings'

type Props = {
  events: readonly TimelineEvent[]
  people: readonly Person[]
  /** Field name -> names of the others typing in it. */
  editors: ReadonlyMap<string, string>
  announce: (message: string) => void
  settings: WorkspaceSettings
  document: ReviewDocument
}

/** Rows shown at once; the rest are rendered in the background. */
const FIRST = 120

/**
 * The first rows at once, then all of them in one interruptible (transition) render, committed
 * as a new list element. Why not chunks appended to the same list: every row appended to a live
 * list is a DOM mutation, and Remix's link discovery (a MutationObserver on the whole document)
 * rescans the list's subtree for each one, which made appending 2,000 rows cost seconds. A list
 * inserted whole is one mutation. `resetKey` (the filters) starts over with a new list.
 */
function useTwoPhaseList(total: number, resetKey: string) {
  const [state, setState] = useState({ key: resetKey, all: false })
  let current = state
  if (state.key !== resetKey) {
    // New filters: their first rows first (adjusting state while rendering, as React documents).
    current = { key: resetKey, all: false }
    setState(current)
  }
  const needsMore = !current.all && total > FIRST
  useEffect(() => {
    if (!needsMore) return
    const frame = requestAnimationFrame(() => startTransition(() => setState(previous => ({ ...previous, all: true }))))
    return () => cancelAnimationFrame(frame)
  }, [needsMore])
  const showAll = useCallback(() => setState(previous => ({ ...previous, all: true })), [])
  return {
    limit: current.all ? total : Math.min(total, FIRST),
    /** Changes when the list element is replaced; stays once everything is shown. */
    listKey: `${current.key}|${current.all || total <= FIRST ? 'all' : 'first'}`,
    showAll,
  }
}

/** "#event-<id>" in the address (a link from the chronology) asks for that event. */
function eventIdFromHash(hash: string): string | null {
  return /^#event-([A-Za-z0-9_-]{1,100})$/.exec(hash)?.[1] ?? null
}

export function Timeline({ events, people, editors, announce, settings, document }: Props) {
  const { t, i18n } = useTranslation()
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set())
  const [focusId, setFocusId] = useState<string | null>(null)
  const [filters, setFilters] = useState<TimelineFilters>(noFilters)
  const [pendingFocus, setPendingFocus] = useState<string | null>(null)
  const { hash } = useLocation()
  useEffect(() => {
    const id = eventIdFromHash(hash)
    if (id) setPendingFocus(id)
  }, [hash])

  // Checks and the list of sources follow the document a render behind: typing in a description
  // changes `events` on every keystroke, and re-checking 2,000 events must not delay the keystroke.
  const checkedEvents = useDeferredValue(events)
  const flags = useStandardFlags(checkedEvents, settings.practiceStandards, settings.incidentDate)
  const flagText = useFlagText()
  const flagged = useMemo(() => flagTextByEvent(flags, flagText.explanation), [flags, flagText])
  const pseudonyms = useMemo(() => new Map(people.map(person => [person.id, person.pseudonym])), [people])
  const sources = useMemo(() => distinctSources(checkedEvents, i18n.language), [checkedEvents, i18n.language])
  const visible = useMemo(() => filterEvents(events, filters, flagged), [events, filters, flagged])
  const filterKey = useMemo(() => JSON.stringify(filters), [filters])
  const { limit, listKey, showAll } = useTwoPhaseList(visible.length, filterKey)
  const labels = useRowLabels()

  const toggle = useCallback((id: string) => {
    setOpen(previous => {
      const next = new Set(previous)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }, [])

  const onOpenNew = useCallback(
    (id: string) => {
      setOpen(previous => new Set(previous).add(id))
      setFocusId(id)
      setPendingFocus(id)
      announce(t('workspace.timeline.added'))
    },
    [announce, t],
  )

  const headingRef = useRef<HTMLHeadingElement>(null)
  const onRemoved = useCallback(
    (id: string) => {
      announce(t('timeline.list.removed'))
      // Focus would be lost with the row: move it to the next event, or to the heading.
      const row = window.document.getElementById(eventAnchorId(id))?.closest('li')
      const next = (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector<HTMLElement>('article')
      ;(next ?? headingRef.current)?.focus()
    },
    [announce, t],
  )

  const showEvent = useCallback(
    (id: string) => {
      if (!visible.some(event => event.id === id) && events.some(event => event.id === id)) {
        setFilters(noFilters)
        announce(t('timeline.filters.cleared'))
      }
      setPendingFocus(id)
    },
    [visible, events, announce, t],
  )

  // Focus a requested event once its row exists: the filters may need clearing and the row
  // may not be mounted yet.
  useEffect(() => {
    if (pendingFocus === null) return
    const index = visible.findIndex(event => event.id === pendingFocus)
    if (index === -1) {
      if (!events.some(event => event.id === pendingFocus)) setPendingFocus(null)
      return
    }
    if (index >= limit) {
      showAll()
      return
    }
    const target = window.document.getElementById(eventAnchorId(pendingFocus))
    if (!target) return
    target.scrollIntoView({ block: 'center' })
    // A new event's own editor takes the caret; anything else focuses the row itself.
    if (pendingFocus !== focusId) target.focus({ preventScroll: true })
    setPendingFocus(null)
  }, [pendingFocus, visible, events, limit, showAll, focusId])

  const rows = visible.slice(0, limit)
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <div className="section-head">
        <h2 id="timeline-title" ref={headingRef} tabIndex={-1}>
          {t('workspace.timeline.title')}
        </h2>
        <p className="section-count">{t('workspace.timeline.count', { count: events.length })}</p>
      </div>
      <QuickAdd onOpenNew={onOpenNew} announce={announce} people={people} />
      <FlagsPanel
        flags={flags}
        unmetNeeds={document.unmetNeeds}
        events={checkedEvents}
        standardsName={settings.practiceStandards.name}
        onShowEvent={showEvent}
        announce={announce}
      />
      {events.length === 0 ? (
        <p>{t('workspace.timeline.empty')}</p>
      ) : (
        <TimelineFilterBar filters={filters} onChange={setFilters} people={people} sources={sources} shown={visible.length} total={events.length} />
      )}
      {events.length > 0 && visible.length === 0 ? <p>{t('timeline.filters.noMatch')}</p> : null}
      <ol
        key={listKey}
        className="event-list"
        aria-label={t('timeline.list.label')}
        aria-busy={limit < visible.length || undefined}
        data-live="true"
        data-rendered={limit}
        data-total={visible.length}
      >
        {rows.map(event => (
          <EventRow
            key={event.id}
            event={event}
            people={people}
            pseudonyms={pseudonyms}
            labels={labels}
            expanded={open.has(event.id)}
            autoFocus={focusId === event.id}
            editors={editors.get(eventDescriptionField(event.id)) ?? ''}
            flagText={flagged.get(event.id)}
            onToggle={toggle}
            onRemoved={onRemoved}
          />
        ))}
      </ol>
      {limit < visible.length ? (
        <p className="timeline-loading" aria-hidden="true">
          {t('timeline.list.loading', { shown: limit, total: visible.length })}
        </p>
      ) : null}
    </section>
  )
}
