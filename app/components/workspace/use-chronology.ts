// The chronology's state apart from its drawing: the layout with its translated marker names,
// the width it has, keyboard moves between markers (a roving tabindex), and the zoom keys.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReviewDocument, TimelineEvent } from '~/domain/review-doc'
import { journeyStages } from '~/domain/vocabulary'
import { formatTimelineDate } from './format'
import { useFlagText, type useStandardFlags } from './standards-flags'
import { buildChronology, type Chronology as ChronologyData, type LaneGrouping, type Marker, type Placement } from './timeline-chronology-layout'

const EXCERPT = 90

const excerpt = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line
}

/** A marker's identity across relayouts: its lane and its event or flag. */
export const markerKey = (marker: Marker, chronology: ChronologyData) =>
  `${chronology.lanes[marker.lane]?.key ?? ''}|${marker.eventId ?? marker.flag?.id ?? ''}`

/** The chronology of these events, its lanes and markers named in the reader's language. */
export function useChronologyData(
  events: readonly TimelineEvent[],
  people: ReviewDocument['people'],
  flags: ReturnType<typeof useStandardFlags>,
  grouping: LaneGrouping,
  incidentDate: string,
): ChronologyData {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const flagText = useFlagText()
  const nameCache = useRef({ language, names: new WeakMap<TimelineEvent, { flagged: boolean; name: string }>() })
  return useMemo(() => {
    const started = performance.now()
    // Two thousand names: translate the pieces once, not per event, and name again only the
    // events that changed (unchanged ones keep their object, see use-review-document.ts).
    if (nameCache.current.language !== language) nameCache.current = { language, names: new WeakMap() }
    const names = nameCache.current.names
    const stages = new Map(journeyStages.map(stage => [stage, t(`workspace.stage.${stage}`)]))
    const noStage = t('timeline.chronology.noStage')
    const noText = t('timeline.chronology.noText')
    const until = t('workspace.timeline.until', { date: '\u0001' })
    const name = t('timeline.chronology.markerName', { date: '\u0001', stage: '\u0002', text: '\u0003' })
    const notes = { approximate: t('timeline.chronology.approximate'), key: t('timeline.chronology.keyEpisode'), flagged: t('timeline.chronology.flagged') }
    const dateOf = (event: TimelineEvent) =>
      formatTimelineDate(event.date, language) + (event.dateEnd ? ` ${until.replace('\u0001', formatTimelineDate(event.dateEnd, language))}` : '')
    const result = buildChronology(
      events,
      people,
      flags,
      grouping,
      incidentDate,
      {
        flagsLane: t('timeline.chronology.flagsLane'),
        noActor: t('timeline.chronology.noActor'),
        noSource: t('timeline.chronology.noSource'),
        eventName: (event, flagged) => {
          const cached = names.get(event)
          if (cached?.flagged === flagged) return cached.name
          const extra = [event.approximate ? notes.approximate : null, event.keyPracticeEpisode ? notes.key : null, flagged ? notes.flagged : null].filter(
            (note): note is string => note !== null,
          )
          const text = name
            .replace('\u0001', dateOf(event))
            .replace('\u0002', (event.stage ? stages.get(event.stage) : undefined) ?? noStage)
            .replace('\u0003', excerpt(event.description.text) || noText)
          const full = extra.length > 0 ? `${text} (${extra.join('; ')})` : text
          names.set(event, { flagged, name: full })
          return full
        },
        flagName: flag =>
          t('timeline.chronology.flagMarker', {
            severity: flagText.severity(flag.severity).toLocaleLowerCase(language),
            explanation: flagText.explanation(flag),
          }),
      },
      new Intl.Collator(language, { sensitivity: 'base' }),
    )
    performance.measure('workspace: chronology layout', { start: started, duration: performance.now() - started })
    return result
  }, [events, people, flags, grouping, incidentDate, language, t, flagText])
}

/** The width the chart has (at least 320 px), followed as the window changes. */
export function useViewportWidth(ref: RefObject<HTMLElement>, initial = 900): number {
  const [viewport, setViewport] = useState(initial)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver(() => setViewport(Math.max(320, element.clientWidth)))
    observer.observe(element)
    setViewport(Math.max(320, element.clientWidth))
    return () => observer.disconnect()
  }, [ref])
  return viewport
}

/**
 * Keyboard moves between markers: arrows along a lane and to the nearest marker of the next
 * lane, Home and End, Enter to the details. Exactly one marker is in the Tab order, the
 * selected one (or the first).
 */
export function useMarkerKeyboard(
  chronology: ChronologyData,
  placement: Placement,
  selectedIndex: number | null,
  svgRef: RefObject<SVGSVGElement>,
  detailsRef: RefObject<HTMLHeadingElement>,
) {
  useLayoutEffect(() => {
    const svg = svgRef.current
    if (!svg) return
    const target = selectedIndex ?? chronology.byLane.find(list => list.length > 0)?.[0] ?? null
    for (const element of svg.querySelectorAll('[data-i][tabindex="0"]')) element.setAttribute('tabindex', '-1')
    if (target !== null) svg.querySelector(`[data-i="${target}"]`)?.setAttribute('tabindex', '0')
  }, [selectedIndex, chronology, placement, svgRef])

  const focusMarker = useCallback(
    (index: number | undefined) => {
      if (index === undefined) return
      svgRef.current?.querySelector<SVGElement>(`[data-i="${index}"]`)?.focus()
    },
    [svgRef],
  )

  const onChartKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const index = Number((event.target as Element).getAttribute('data-i'))
    const marker = chronology.markers[index]
    if (!marker) return
    const lane = chronology.byLane[marker.lane] ?? []
    const position = lane.indexOf(index)
    let next: number | undefined
    switch (event.key) {
      case 'ArrowRight':
        next = lane[position + 1]
        break
      case 'ArrowLeft':
        next = lane[position - 1]
        break
      case 'Home':
        next = lane[0]
        break
      case 'End':
        next = lane[lane.length - 1]
        break
      case 'ArrowUp':
      case 'ArrowDown': {
        const step = event.key === 'ArrowUp' ? -1 : 1
        for (let other = marker.lane + step; other >= 0 && other < chronology.byLane.length; other += step) {
          const candidates = chronology.byLane[other] ?? []
          if (candidates.length === 0) continue
          next = nearest(candidates, chronology.markers, marker.start)
          break
        }
        break
      }
      case 'Enter':
      case ' ':
        event.preventDefault()
        detailsRef.current?.focus()
        return
      default:
        return
    }
    event.preventDefault()
    focusMarker(next)
  }

  return { focusMarker, onChartKeyDown }
}

/**
 * + and − (and 0) wherever the focus is in the page (on the chart, a button, or nowhere after a
 * click on the background); text fields keep their keys. `handle` says whether it took the key.
 */
export function useZoomKeys(handle: (key: string) => boolean) {
  const latest = useRef(handle)
  latest.current = handle
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
      const target = event.target
      if (target instanceof HTMLElement && (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)) return
      if (target instanceof HTMLInputElement && !['radio', 'checkbox', 'button'].includes(target.type)) return
      if (latest.current(event.key)) event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value)
  const last = useRef(0)
  useEffect(() => {
    if (value === shown) return
    const apply = () => {
      last.current = performance.now()
      setShown(value)
    }
    const wait = last.current + ms - performance.now()
    if (wait <= 0) {
      apply()
      return
    }
    const timer = setTimeout(apply, wait)
    return () => clearTimeout(timer)
  }, [value, shown, ms])
  return shown
}

/** The marker of `candidates` (a lane, in time order) closest in time to `day`. */
function nearest(candidates: readonly number[], markers: readonly Marker[], day: number): number | undefined {
  let low = 0
  let high = candidates.length - 1
  while (low < high) {
    const middle = (low + high) >> 1
    if ((markers[candidates[middle] ?? 0]?.start ?? 0) < day) low = middle + 1
    else high = middle
  }
  const after = candidates[low]
  const before = candidates[low - 1]
  if (before === undefined) return after
  const distance = (index: number | undefined) => Math.abs((markers[index ?? 0]?.start ?? 0) - day)
  return distance(before) <= distance(after) ? before : after
}
