// The visual chronology: the case timeline on a time axis, one lane per person or per record,
// with the practice-standard flags and the incident. One SVG of simple shapes; the markers are
// rendered once per change of data (a memoised layer drawn in days, which a zoom step rescales
// with one transform), and moving between them only moves DOM focus and the selection ring, so
// two thousand events stay smooth.
import { Link, useLocation } from '@remix-run/react'
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TimelineEvent } from '~/domain/review-doc'
import { journeyStages } from '~/domain/vocabulary'
import { formatTimelineDate } from './format'
import { FlagIcon, FlagsPanel, useFlagText, useStandardFlags } from './standards-flags'
import {
  AXIS_HEIGHT,
  buildChronology,
  chartWidth,
  MARKER_RADIUS,
  place,
  SIDE_PADDING,
  ticks,
  type Chronology as ChronologyData,
  type LaneGrouping,
  type Marker,
  type Placement,
} from './timeline-chronology-layout'
import { eventAnchorId } from './timeline-row'
import type { ViewProps } from './settings'

const ZOOMS = [1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128]
/** Beyond this a day is wider than a screen's worth of labels: nothing more to see. */
const MAX_PX_PER_DAY = 120
const EXCERPT = 90

const excerpt = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line
}

const markerKey = (marker: Marker, chronology: ChronologyData) =>
  `${chronology.lanes[marker.lane]?.key ?? ''}|${marker.eventId ?? marker.flag?.id ?? ''}`

export function Chronology({ document, settings, announce }: ViewProps) {
  const { t, i18n } = useTranslation()
  const { pathname } = useLocation()
  const language = i18n.language
  const [grouping, setGrouping] = useState<LaneGrouping>('actor')
  const [zoomIndex, setZoomIndex] = useState(0)
  const [selectedKey, setSelectedKey] = useState<string | null>(null)
  const [viewport, setViewport] = useState(900)
  const scrollerRef = useRef<HTMLDivElement>(null)
  const svgRef = useRef<SVGSVGElement>(null)
  const detailsRef = useRef<HTMLHeadingElement>(null)
  const id = useId()

  // Someone typing elsewhere changes the events on every keystroke; the chart follows at most a
  // few times a second instead of redrawing thousands of markers per keystroke.
  const events = useThrottled(document.events, 400)
  const flags = useStandardFlags(events, settings.practiceStandards, settings.incidentDate)
  const flagText = useFlagText()
  const nameCache = useRef({ language, names: new WeakMap<TimelineEvent, { flagged: boolean; name: string }>() })
  const eventsById = useMemo(() => new Map(events.map(event => [event.id, event])), [events])

  const chronology = useMemo(() => {
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
      document.people,
      flags,
      grouping,
      settings.incidentDate,
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
          t('timeline.chronology.flagMarker', { severity: flagText.severity(flag.severity).toLocaleLowerCase(language), explanation: flagText.explanation(flag) }),
      },
      new Intl.Collator(language, { sensitivity: 'base' }),
    )
    performance.measure('workspace: chronology layout', { start: started, duration: performance.now() - started })
    return result
  }, [events, document.people, flags, grouping, settings.incidentDate, language, t, flagText])

  const keyIndex = useMemo(() => new Map(chronology.markers.map((marker, index) => [markerKey(marker, chronology), index])), [chronology])

  // The width the chart has: zoom 1 fits the whole record in it.
  useEffect(() => {
    const scroller = scrollerRef.current
    if (!scroller) return
    const observer = new ResizeObserver(() => setViewport(Math.max(320, scroller.clientWidth)))
    observer.observe(scroller)
    setViewport(Math.max(320, scroller.clientWidth))
    return () => observer.disconnect()
  }, [])

  const span = Math.max(1, chronology.lastDay - chronology.firstDay)
  const fitPx = (viewport - SIDE_PADDING * 2 - 2) / span
  let maxZoomIndex = 0
  while (maxZoomIndex + 1 < ZOOMS.length && fitPx * (ZOOMS[maxZoomIndex + 1] ?? 1) <= MAX_PX_PER_DAY) maxZoomIndex++
  const zoom = ZOOMS[Math.min(zoomIndex, maxZoomIndex)] ?? 1
  const pxPerDay = fitPx * zoom
  // Stacking is decided at the fitted scale and kept when zooming in (where markers only move
  // apart), so a zoom step changes one transform instead of thousands of marker positions.
  const placement = useMemo(() => place(chronology, fitPx), [chronology, fitPx])
  const width = chartWidth(chronology, pxPerDay)
  const xOf = (days: number) => SIDE_PADDING + days * pxPerDay
  const axis = useMemo(() => ticks(chronology.firstDay, chronology.lastDay, pxPerDay, language), [chronology, pxPerDay, language])
  const tolerance = settings.practiceStandards.approximateToleranceDays

  const selectedIndex = selectedKey === null ? null : (keyIndex.get(selectedKey) ?? null)
  const selected = selectedIndex === null ? null : (chronology.markers[selectedIndex] ?? null)

  // Zooming keeps the selected marker (or the middle of the view) where it was on screen.
  const anchor = useRef<{ day: number; offset: number } | null>(null)
  const changeZoom = useCallback(
    (next: number) => {
      const scroller = scrollerRef.current
      const clamped = Math.max(0, Math.min(maxZoomIndex, next))
      if (clamped === Math.min(zoomIndex, maxZoomIndex)) return
      if (scroller) {
        const focusedInChart = svgRef.current?.contains(window.document.activeElement) ?? false
        const markerDays = selectedIndex !== null && focusedInChart ? placement.x0[selectedIndex] : undefined
        const markerX = markerDays === undefined ? undefined : xOf(markerDays)
        const x = markerX ?? scroller.scrollLeft + scroller.clientWidth / 2
        anchor.current = { day: chronology.firstDay + (x - SIDE_PADDING) / pxPerDay, offset: x - scroller.scrollLeft }
      }
      setZoomIndex(clamped)
      announce(t('timeline.chronology.zoomLevel', { percent: Math.round((ZOOMS[clamped] ?? 1) * 100) }))
    },
    [maxZoomIndex, zoomIndex, selectedIndex, placement, chronology.firstDay, pxPerDay, announce, t],
  )
  useLayoutEffect(() => {
    const scroller = scrollerRef.current
    if (!scroller || !anchor.current) return
    const { day, offset } = anchor.current
    anchor.current = null
    scroller.scrollLeft = SIDE_PADDING + (day - chronology.firstDay) * pxPerDay - offset
  }, [pxPerDay, chronology.firstDay])

  // Roving tabindex: exactly one marker is in the Tab order, the selected one (or the first).
  useLayoutEffect(() => {
    const svg = svgRef.current
    if (!svg) return
    const target = selectedIndex ?? chronology.byLane.find(list => list.length > 0)?.[0] ?? null
    for (const element of svg.querySelectorAll('[data-i][tabindex="0"]')) element.setAttribute('tabindex', '-1')
    if (target !== null) svg.querySelector(`[data-i="${target}"]`)?.setAttribute('tabindex', '0')
  }, [selectedIndex, chronology, placement])

  const focusMarker = useCallback((index: number | undefined) => {
    if (index === undefined) return
    svgRef.current?.querySelector<SVGElement>(`[data-i="${index}"]`)?.focus()
  }, [])

  const focusEventMarker = useCallback(
    (eventId: string) => focusMarker(chronology.markers.findIndex(marker => marker.eventId === eventId)),
    [chronology, focusMarker],
  )

  const onMarkerFocus = (event: SyntheticEvent<SVGSVGElement>) => {
    const index = Number((event.target as Element).getAttribute('data-i'))
    const marker = chronology.markers[index]
    if (marker) setSelectedKey(markerKey(marker, chronology))
  }

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

  // + and − zoom wherever the focus is in this view (on the chart, a button, or nowhere after
  // a click on the background); text fields keep their keys.
  const zoomKeys = useRef<(key: string) => boolean>(() => false)
  zoomKeys.current = key => {
    const current = Math.min(zoomIndex, maxZoomIndex)
    if (key === '+' || key === '=') changeZoom(current + 1)
    else if (key === '-' || key === '_' || key === '−') changeZoom(current - 1)
    else if (key === '0') changeZoom(0)
    else return false
    return true
  }
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
      const target = event.target
      if (target instanceof HTMLElement && (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)) return
      if (target instanceof HTMLInputElement && !['radio', 'checkbox', 'button'].includes(target.type)) return
      if (zoomKeys.current(event.key)) event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Escape from the details (or anywhere in the view) goes back to the selected marker.
    if (event.key !== 'Escape' || selectedIndex === null || svgRef.current?.contains(window.document.activeElement)) return
    event.preventDefault()
    focusMarker(selectedIndex)
  }

  const incidentX = chronology.incidentDay === null ? null : SIDE_PADDING + (chronology.incidentDay - chronology.firstDay) * pxPerDay
  const hintId = `${id}-hint`
  const effectiveZoom = Math.min(zoomIndex, maxZoomIndex)

  return (
    <section className="chronology" aria-labelledby="chronology-title" onKeyDown={onKeyDown}>
      <div className="section-head">
        <h2 id="chronology-title">{t('timeline.chronology.title')}</h2>
        <p className="section-count">{t('workspace.timeline.count', { count: events.length })}</p>
      </div>
      <div className="chrono-controls" role="group" aria-label={t('timeline.chronology.controls')}>
        <fieldset className="chrono-grouping">
          <legend>{t('timeline.chronology.lanes')}</legend>
          {(['actor', 'source'] as const).map(value => (
            <span key={value} className="field-checkbox">
              <input
                id={`${id}-group-${value}`}
                type="radio"
                name={`${id}-grouping`}
                value={value}
                checked={grouping === value}
                onChange={() => setGrouping(value)}
              />
              <label htmlFor={`${id}-group-${value}`}>{t(value === 'actor' ? 'timeline.chronology.byActor' : 'timeline.chronology.bySource')}</label>
            </span>
          ))}
        </fieldset>
        <div className="chrono-zoom">
          <button type="button" className="button-secondary" onClick={() => changeZoom(effectiveZoom - 1)} disabled={effectiveZoom === 0} aria-keyshortcuts="-">
            <span aria-hidden="true">− </span>
            {t('timeline.chronology.zoomOut')}
          </button>
          <button type="button" className="button-secondary" onClick={() => changeZoom(effectiveZoom + 1)} disabled={effectiveZoom >= maxZoomIndex} aria-keyshortcuts="+">
            <span aria-hidden="true">+ </span>
            {t('timeline.chronology.zoomIn')}
          </button>
          <button type="button" className="button-secondary" onClick={() => changeZoom(0)} disabled={effectiveZoom === 0} aria-keyshortcuts="0">
            {t('timeline.chronology.zoomFit')}
          </button>
          <p className="chrono-zoom-level" data-zoom={zoom}>
            {t('timeline.chronology.zoomLevel', { percent: Math.round(zoom * 100) })}
          </p>
        </div>
      </div>
      <p id={hintId} className="hint">
        {t('timeline.chronology.keyboardHint')}
      </p>
      {chronology.incidentDay !== null ? (
        <p className="chrono-incident-note">
          <span className="chrono-incident-swatch" aria-hidden="true" />
          {t('timeline.chronology.incidentOn', { date: formatTimelineDate(settings.incidentDate, language) })}
        </p>
      ) : null}

      {events.length === 0 ? <p>{t('timeline.chronology.empty')}</p> : null}
      <div className="chrono-body">
        <div className="chrono-lane-labels" aria-hidden="true" style={{ height: placement.height }}>
          {chronology.lanes.map((lane, index) => (
            <div
              key={lane.key}
              className={`chrono-lane-label${lane.flags ? ' chrono-lane-label-flags' : ''}`}
              style={{ top: placement.laneTop[index], height: placement.laneHeight[index] }}
            >
              {lane.label}
            </div>
          ))}
        </div>
        <div className="chrono-scroller" ref={scrollerRef}>
          <svg
            ref={svgRef}
            className="chrono-chart"
            width={width}
            height={placement.height}
            role="group"
            aria-label={t('timeline.chronology.chartLabel', { count: events.length, lanes: chronology.lanes.length })}
            aria-describedby={hintId}
            data-marker-count={chronology.markers.length}
            onFocus={onMarkerFocus}
            onKeyDown={onChartKeyDown}
            onMouseDown={event => {
              // SVG shapes do not always take focus on click: give it, so the details follow.
              const target = event.target as Element
              if (target.hasAttribute('data-i')) {
                event.preventDefault()
                ;(target as SVGElement).focus()
              }
            }}
          >
            <Backdrop
              chronology={chronology}
              placement={placement}
              width={width}
              axis={axis}
              incidentX={incidentX}
              incidentLabel={t('timeline.chronology.incident')}
            />
            <g transform={`translate(${SIDE_PADDING} 0) scale(${pxPerDay} 1)`}>
              <MarkerLayer chronology={chronology} placement={placement} tolerance={tolerance} />
            </g>
            <Adornments chronology={chronology} placement={placement} pxPerDay={pxPerDay} />
            {selectedIndex !== null ? <SelectionRing placement={placement} index={selectedIndex} pxPerDay={pxPerDay} /> : null}
          </svg>
        </div>
      </div>
      <Legend />

      <section className="chrono-details" aria-labelledby={`${id}-details`}>
        <h3 id={`${id}-details`} ref={detailsRef} tabIndex={-1}>
          {t('timeline.chronology.details.title')}
        </h3>
        {selected ? (
          selected.flag ? (
            <FlagDetails marker={selected} eventsById={eventsById} onShowEvent={focusEventMarker} />
          ) : (
            <EventDetails
              event={selected.eventId ? eventsById.get(selected.eventId) : undefined}
              people={document.people}
              flags={flags.filter(flag => selected.eventId !== null && flag.eventIds.includes(selected.eventId))}
              listLink={selected.eventId ? `${pathname}?view=session#${eventAnchorId(selected.eventId)}` : null}
            />
          )
        ) : (
          <p>{t('timeline.chronology.details.none')}</p>
        )}
      </section>

      <FlagsPanel
        flags={flags}
        unmetNeeds={document.unmetNeeds}
        events={events}
        standardsName={settings.practiceStandards.name}
        onShowEvent={focusEventMarker}
        announce={announce}
      />
    </section>
  )
}

function useThrottled<T>(value: T, ms: number): T {
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

type BackdropProps = {
  chronology: ChronologyData
  placement: Placement
  width: number
  axis: ReturnType<typeof ticks>
  incidentX: number | null
  incidentLabel: string
}

const Backdrop = memo(function Backdrop({ chronology, placement, width, axis, incidentX, incidentLabel }: BackdropProps) {
  return (
    <g aria-hidden="true">
      {chronology.lanes.map((lane, index) => (
        <rect
          key={lane.key}
          className={index % 2 === 0 ? 'chrono-lane chrono-lane-even' : 'chrono-lane'}
          x={0}
          y={placement.laneTop[index]}
          width={width}
          height={placement.laneHeight[index]}
        />
      ))}
      <line className="chrono-axis-line" x1={0} x2={width} y1={AXIS_HEIGHT - 0.5} y2={AXIS_HEIGHT - 0.5} />
      {axis.map(tick => (
        <g key={tick.x}>
          <line className="chrono-tick" x1={tick.x} x2={tick.x} y1={AXIS_HEIGHT - 8} y2={placement.height} />
          {tick.label ? (
            <text className="chrono-tick-label" x={tick.x + 4} y={AXIS_HEIGHT - 12}>
              {tick.label}
            </text>
          ) : null}
        </g>
      ))}
      {incidentX !== null ? (
        <g className="chrono-incident">
          <line x1={incidentX} x2={incidentX} y1={4} y2={placement.height} />
          <text x={incidentX - 4} y={14} textAnchor="end">
            {incidentLabel}
          </text>
        </g>
      ) : null}
    </g>
  )
})

type LayerProps = { chronology: ChronologyData; placement: Placement; tolerance: number }

/**
 * Every event marker, drawn in days (x) and pixels (y) inside a group scaled to the zoom level.
 * Each shape is a stroke of a zero-length or horizontal path with `vector-effect:
 * non-scaling-stroke`, so the scale stretches the time axis without stretching the shapes: a
 * round cap is a dot, a square cap a square, a capped line a bar. Rendered once per change of
 * data; focus moves are handled by the DOM alone.
 */
const MarkerLayer = memo(function MarkerLayer({ chronology, placement, tolerance }: LayerProps) {
  const { markers, lanes, byLane } = chronology
  const { x0, x1, y } = placement
  return (
    <>
      {lanes.map((lane, laneIndex) =>
        lane.flags ? null : (
          <g key={lane.key} role="group" aria-label={lane.label}>
            {(byLane[laneIndex] ?? []).map(index => {
              const marker = markers[index]
              if (!marker) return null
              const a = x0[index] ?? 0
              const b = x1[index] ?? 0
              const cy = y[index] ?? 0
              const d = `M${a},${cy}H${marker.range ? b : a}`
              const kind = marker.range ? 'chrono-range' : marker.keyEpisode ? 'chrono-square' : 'chrono-dot'
              const classes = `chrono-marker ${kind}${marker.keyEpisode ? ' chrono-key' : ''}${marker.approximate ? ' chrono-approximate' : ''}`
              const shape = <path key={index} data-i={index} tabIndex={-1} role="button" aria-label={marker.name} className={classes} d={d} />
              if (!marker.approximate) return shape
              // Approximate: a dashed line as wide as the uncertainty, and a hollow marker.
              return (
                <g key={index}>
                  <path className="chrono-whisker" d={`M${a - tolerance},${cy}H${b + tolerance}`} aria-hidden="true" />
                  {shape}
                  <path className={`chrono-hollow ${kind}`} d={d} aria-hidden="true" />
                </g>
              )
            })}
          </g>
        ),
      )}
    </>
  )
})

/**
 * What must keep its own proportions at every zoom level: the practice-standard flags (a
 * triangle with "!") and the small flag on flagged events. There are only a few of these.
 */
function Adornments({ chronology, placement, pxPerDay }: { chronology: ChronologyData; placement: Placement; pxPerDay: number }) {
  const { markers, lanes, byLane } = chronology
  const r = MARKER_RADIUS
  const xOf = (index: number) => SIDE_PADDING + (placement.x0[index] ?? 0) * pxPerDay
  const flagsLane = lanes.findIndex(lane => lane.flags)
  return (
    <>
      {flagsLane >= 0 ? (
        <g role="group" aria-label={lanes[flagsLane]?.label}>
          {(byLane[flagsLane] ?? []).map(index => {
            const marker = markers[index]
            if (!marker) return null
            const a = xOf(index)
            const cy = placement.y[index] ?? 0
            return (
              <g key={index} className={`chrono-flag chrono-sev-${marker.severity ?? 'info'}`}>
                <path
                  data-i={index}
                  tabIndex={-1}
                  role="button"
                  aria-label={marker.name}
                  className="chrono-marker"
                  d={`M${a},${cy - r - 2}L${a + r + 2},${cy + r}L${a - r - 2},${cy + r}Z`}
                />
                <text x={a} y={cy + r - 1.5} textAnchor="middle" aria-hidden="true">
                  !
                </text>
              </g>
            )
          })}
        </g>
      ) : null}
      <g aria-hidden="true">
        {markers.map((marker, index) => {
          if (marker.flag || !marker.severity) return null
          const a = xOf(index)
          const cy = placement.y[index] ?? 0
          return <path key={index} className="chrono-flag-tag" d={`M${a + r + 1},${cy - r - 5}L${a + r + 6},${cy - 1}L${a + r - 4},${cy - 1}Z`} />
        })}
      </g>
    </>
  )
}

function SelectionRing({ placement, index, pxPerDay }: { placement: Placement; index: number; pxPerDay: number }) {
  const a = SIDE_PADDING + (placement.x0[index] ?? 0) * pxPerDay
  const b = SIDE_PADDING + (placement.x1[index] ?? 0) * pxPerDay
  const cy = placement.y[index] ?? 0
  const pad = MARKER_RADIUS + 5
  return (
    <g className="chrono-selection" aria-hidden="true">
      <rect x={a - pad} y={cy - pad} width={Math.max(b - a, 0) + pad * 2} height={pad * 2} rx={pad} />
      <rect className="chrono-selection-inner" x={a - pad + 2.5} y={cy - pad + 2.5} width={Math.max(b - a, 0) + pad * 2 - 5} height={pad * 2 - 5} rx={pad - 2.5} />
    </g>
  )
}

function Legend() {
  const { t } = useTranslation()
  const item = (shape: JSX.Element, label: string) => (
    <li>
      <svg width={36} height={20} aria-hidden="true" className="chrono-legend-shape">
        {shape}
      </svg>
      {label}
    </li>
  )
  return (
    <div className="chrono-legend">
      <h3>{t('timeline.chronology.legend.title')}</h3>
      <ul>
        {item(<path className="chrono-marker chrono-dot" d="M18,10H18" />, t('timeline.chronology.legend.event'))}
        {item(<path className="chrono-marker chrono-range" d="M8,10H28" />, t('timeline.chronology.legend.range'))}
        {item(
          <>
            <path className="chrono-whisker" d="M1,10H35" />
            <path className="chrono-marker chrono-dot chrono-approximate" d="M18,10H18" />
            <path className="chrono-hollow chrono-dot" d="M18,10H18" />
          </>,
          t('timeline.chronology.legend.approximate'),
        )}
        {item(<path className="chrono-marker chrono-square chrono-key" d="M18,10H18" />, t('timeline.chronology.legend.key'))}
        {item(
          <g className="chrono-flag chrono-sev-missed">
            <path className="chrono-marker" d="M18,1L26,16L10,16Z" />
            <text x={18} y={14.5} textAnchor="middle">
              !
            </text>
          </g>,
          t('timeline.chronology.legend.flag'),
        )}
        {item(<line className="chrono-incident-legend" x1={18} x2={18} y1={0} y2={20} />, t('timeline.chronology.legend.incident'))}
      </ul>
    </div>
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
  flags: ReturnType<typeof useStandardFlags>
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
                <FlagIcon severity={flag.severity} /> {t('timeline.chronology.flagLine', { severity: flagText.severity(flag.severity), explanation: flagText.explanation(flag) })}
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

function FlagDetails({ marker, eventsById, onShowEvent }: { marker: Marker; eventsById: ReadonlyMap<string, TimelineEvent>; onShowEvent: (id: string) => void }) {
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
