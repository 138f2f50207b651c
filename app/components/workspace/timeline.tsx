// The case timeline of the shared document, as a list: quick add for the joint session, the
// practice-standard checks, filters, and the events. A review can hold thousands of events, so
// rows are memoised, show their description as plain text (the live editor is mounted only for
// the events someone opened), and only the rows near the screen are rendered (useWindowedRows).
// Before the document has synced, the server's first rows are shown (TimelinePreviewList).
import { startTransition, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { eventDescriptionField, type Person, type ReviewDocument, type TimelineEvent } from '~/domain/review-doc'
import { FlagsPanel, flagTextByEvent, useFlagText, useStandardFlags } from './standards-flags'
import { filterEvents, distinctSources, noFilters, TimelineFilterBar, type TimelineFilters } from './timeline-filters'
import { QuickAdd } from './timeline-quick-add'
import { eventAnchorId, EventRow, useRowLabels } from './timeline-row'
import type { WorkspaceSettings } from './settings'
import type { TimelinePreview } from '~/models/timeline-rows.server'

type Props = {
  events: readonly TimelineEvent[]
  people: readonly Person[]
  /** Field name -> names of the others typing in it. */
  editors: ReadonlyMap<string, string>
  announce: (message: string) => void
  settings: WorkspaceSettings
  document: ReviewDocument
}

/** Up to this many rows the list is rendered whole; longer lists are windowed. */
const WINDOW_FROM = 150
/** Height assumed for a row not yet laid out (a closed row with a line of text and facts). */
const ROW_ESTIMATE = 170
/** Rows are kept rendered this far above and below the screen, for smooth scrolling and Tab. */
const OVERSCAN_PX = 900

type Range = { start: number; end: number }

/** From this many events, the practice-standard checks wait for a pause in the edits. */
const SETTLE_FROM = 1000
const SETTLE_MS = 300

/** `value` once it has not changed for `delay` ms (at once when delay is 0), in a transition. */
function useSettledValue<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    if (settled === value || delay === 0) return
    const timer = setTimeout(() => startTransition(() => setSettled(() => value)), delay)
    return () => clearTimeout(timer)
  }, [value, settled, delay])
  return delay === 0 ? value : settled
}

/**
 * Only the rows on (and near) the screen are in the DOM, between two paddings that stand for
 * the others: at 10,000 events a whole list is 10,000 rows to create, lay out and keep in
 * memory, and Remix's link discovery (a MutationObserver on the document) rescans every row
 * added. Heights are measured as rows are laid out and estimated for the others; the page
 * scrolls as usual (the window, not an inner box), so keyboard, find-in-list by filters and
 * "go to event" keep working (see scrollToIndex). Short lists are rendered whole.
 */
function useWindowedRows(ids: readonly string[], listRef: RefObject<HTMLOListElement>) {
  const windowed = ids.length > WINDOW_FROM
  const heights = useRef(new Map<string, number>())
  const [measured, setMeasured] = useState(0)
  const [range, setRange] = useState<Range>({ start: 0, end: Math.min(ids.length, 12) })

  // offsets[i]: the top of row i from the top of the list; offsets[n]: the list's height.
  const offsets = useMemo(() => {
    const out = new Float64Array(ids.length + 1)
    const known = heights.current
    for (let i = 0; i < ids.length; i++) out[i + 1] = (out[i] ?? 0) + (known.get(ids[i] ?? '') ?? ROW_ESTIMATE)
    return out
    // `measured` changes whenever a height is learnt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, measured])

  const offsetsRef = useRef(offsets)
  offsetsRef.current = offsets

  const update = useCallback(() => {
    const list = listRef.current
    const all = offsetsRef.current
    const count = all.length - 1
    if (!list || count <= WINDOW_FROM) return
    const top = list.getBoundingClientRect().top
    const from = -top - OVERSCAN_PX
    const to = -top + window.innerHeight + OVERSCAN_PX
    // First row whose bottom is below `from`, first row whose top is at or below `to`.
    let lo = 0
    let hi = count
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((all[mid + 1] ?? 0) <= from) lo = mid + 1
      else hi = mid
    }
    const start = lo
    hi = count
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((all[mid] ?? 0) < to) lo = mid + 1
      else hi = mid
    }
    const end = Math.max(lo, Math.min(count, start + 1))
    setRange(previous => (previous.start === start && previous.end === end ? previous : { start, end }))
  }, [listRef])

  // Learn the heights of the rows laid out; a change re-computes offsets (once per frame).
  useEffect(() => {
    const list = listRef.current
    if (!windowed || !list || typeof ResizeObserver === 'undefined') return
    let frame = 0
    let gap: number | null = null
    const observer = new ResizeObserver(entries => {
      let changed = false
      for (const entry of entries) {
        const row = entry.target as HTMLElement
        const id = row.dataset.eventId
        if (!id) continue
        if (gap === null) gap = parseFloat(getComputedStyle(row).marginBottom) || 0
        const height = row.getBoundingClientRect().height + gap
        if (height > 0 && heights.current.get(id) !== height) {
          heights.current.set(id, height)
          changed = true
        }
      }
      if (changed && frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0
          setMeasured(n => n + 1)
        })
    })
    const observed = new Set<Element>()
    const observeRows = () => {
      for (const row of list.children) {
        if (!observed.has(row)) {
          observed.add(row)
          observer.observe(row)
        }
      }
      for (const row of observed) {
        if (row.parentElement !== list) {
          observed.delete(row)
          observer.unobserve(row)
        }
      }
    }
    observeRows()
    const children = new MutationObserver(observeRows)
    children.observe(list, { childList: true })
    return () => {
      cancelAnimationFrame(frame)
      children.disconnect()
      observer.disconnect()
    }
  }, [windowed, listRef])

  useEffect(() => {
    if (!windowed) return
    let frame = 0
    const onScroll = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0
          update()
        })
    }
    window.addEventListener('scroll', onScroll, { passive: true })
    window.addEventListener('resize', onScroll)
    return () => {
      cancelAnimationFrame(frame)
      window.removeEventListener('scroll', onScroll)
      window.removeEventListener('resize', onScroll)
    }
  }, [windowed, update])

  // New offsets (rows measured, events added or filtered): the window may have moved.
  useLayoutEffectInBrowser(() => {
    if (windowed) update()
  }, [windowed, offsets, update])

  /** Brings row `index` into the DOM and onto the screen; the caller focuses it once rendered. */
  const scrollToIndex = useCallback(
    (index: number) => {
      const list = listRef.current
      if (!list) return
      const top = list.getBoundingClientRect().top + window.scrollY + (offsetsRef.current[index] ?? 0)
      window.scrollTo({ top: Math.max(0, top - window.innerHeight / 2) })
      setRange(previous =>
        index >= previous.start && index < previous.end ? previous : { start: Math.max(0, index - 5), end: Math.min(ids.length, index + 6) },
      )
    },
    [listRef, ids.length],
  )

  if (!windowed) return { start: 0, end: ids.length, padTop: 0, padBottom: 0, scrollToIndex }
  const start = Math.min(range.start, ids.length)
  const end = Math.min(Math.max(range.end, start), ids.length)
  return {
    start,
    end,
    padTop: offsets[start] ?? 0,
    padBottom: (offsets[ids.length] ?? 0) - (offsets[end] ?? 0),
    scrollToIndex,
  }
}

/**
 * The ids of the listed events, as the same array while they are the same ids in the same order:
 * typing in an event's text gives a new events array on every keystroke, and new ids would
 * re-add ten thousand row heights (useWindowedRows) for nothing.
 */
function useSameIds(events: readonly TimelineEvent[]): readonly string[] {
  const last = useRef<readonly string[]>([])
  return useMemo(() => {
    const before = last.current
    let same = before.length === events.length
    for (let i = 0; same && i < events.length; i++) same = before[i] === events[i]?.id
    if (!same) last.current = events.map(event => event.id)
    return last.current
  }, [events])
}

// The live list only renders in the browser, but the module is also loaded on the server.
const useLayoutEffectInBrowser = typeof window === 'undefined' ? useEffect : useLayoutEffect

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
  // In long timelines a check takes longer than a frame, so it waits for a pause in the edits.
  const deferredEvents = useDeferredValue(events)
  const settledEvents = useSettledValue(events, events.length > SETTLE_FROM ? SETTLE_MS : 0)
  // (Below the threshold the deferred value is used, which React keeps a render behind.)
  const checkedEvents = events.length > SETTLE_FROM ? settledEvents : deferredEvents
  const flags = useStandardFlags(checkedEvents, settings.practiceStandards, settings.incidentDate)
  const flagText = useFlagText()
  const flagged = useMemo(() => flagTextByEvent(flags, flagText.explanation), [flags, flagText])
  const pseudonyms = useMemo(() => new Map(people.map(person => [person.id, person.pseudonym])), [people])
  const sources = useMemo(() => distinctSources(checkedEvents, i18n.language), [checkedEvents, i18n.language])
  const visible = useMemo(() => filterEvents(events, filters, flagged), [events, filters, flagged])
  const visibleIds = useSameIds(visible)
  const listRef = useRef<HTMLOListElement>(null)
  const { start, end, padTop, padBottom, scrollToIndex } = useWindowedRows(visibleIds, listRef)
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

  // Read at the click: the flags panel keeps one handler while the list changes under typing.
  const listed = useRef({ visible, events })
  listed.current = { visible, events }
  const showEvent = useCallback(
    (id: string) => {
      const { visible, events } = listed.current
      if (!visible.some(event => event.id === id) && events.some(event => event.id === id)) {
        setFilters(noFilters)
        announce(t('timeline.filters.cleared'))
      }
      setPendingFocus(id)
    },
    [announce, t],
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
    const target = window.document.getElementById(eventAnchorId(pendingFocus))
    if (!target) {
      if (index < start || index >= end) scrollToIndex(index)
      return
    }
    target.scrollIntoView({ block: 'center' })
    // A new event's own editor takes the caret; anything else focuses the row itself.
    if (pendingFocus !== focusId) target.focus({ preventScroll: true })
    setPendingFocus(null)
  }, [pendingFocus, visible, events, start, end, scrollToIndex, focusId])

  const rows = visible.slice(start, end)
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
        ref={listRef}
        className="event-list"
        aria-label={t('timeline.list.label')}
        data-live="true"
        data-first={start}
        data-rendered={rows.length}
        data-total={visible.length}
        style={padTop > 0 || padBottom > 0 ? { paddingTop: padTop, paddingBottom: padBottom } : undefined}
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
    </section>
  )
}

const ignore = () => {}

/**
 * The first rows as last projected, rendered on the server and shown until the live document
 * has synced: the same section, controls and row markup as the live timeline, read-only.
 */
export function TimelinePreviewList({ preview, canWrite }: { preview: TimelinePreview; canWrite: boolean }) {
  const { t } = useTranslation()
  const labels = useRowLabels()
  const pseudonyms = useMemo(() => new Map(Object.entries(preview.pseudonyms)), [preview])
  return (
    <section className="timeline" aria-labelledby="timeline-title" aria-busy="true">
      <div className="section-head">
        <h2 id="timeline-title" tabIndex={-1}>
          {t('workspace.timeline.title')}
        </h2>
        <p className="section-count">{t('workspace.timeline.count', { count: preview.total })}</p>
      </div>
      <QuickAdd onOpenNew={ignore} announce={ignore} people={noPeople} />
      {preview.total === 0 ? (
        <p>{t('workspace.timeline.empty')}</p>
      ) : (
        <TimelineFilterBar filters={noFilters} onChange={ignore} people={noPeople} sources={noSources} shown={preview.total} total={preview.total} disabled />
      )}
      <ol className="event-list" aria-label={t('timeline.list.label')} data-rendered={preview.events.length} data-total={preview.total}>
        {preview.events.map(event => (
          <EventRow key={event.id} event={event} pseudonyms={pseudonyms} labels={labels} previewWritable={canWrite} {...closedRow} />
        ))}
      </ol>
    </section>
  )
}
const noPeople: readonly Person[] = []
const noSources: readonly string[] = []
/** A preview row is closed, with no one typing in it and no checks yet. */
const closedRow = { people: noPeople, expanded: false, autoFocus: false, editors: '', flagText: undefined, onToggle: ignore, onRemoved: ignore }
