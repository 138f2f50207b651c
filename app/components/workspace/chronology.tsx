// The visual chronology: the case timeline on a time axis, one lane per person or per record,
// with the practice-standard flags and the incident. One SVG of simple shapes; the markers are
// rendered once per change of data (a memoised layer drawn in days, which a zoom step rescales
// with one transform), and moving between them only moves DOM focus and the selection ring, so
// two thousand events stay smooth. The drawing is in chronology-chart.tsx, the details of the
// selected marker in chronology-details.tsx, the state in use-chronology.ts.
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Adornments, Backdrop, LaneLabels, Legend, MarkerLayer, SelectionRing } from './chronology-chart'
import { ChronologyControls } from './chronology-controls'
import { ChronologyDetails } from './chronology-details'
import { formatTimelineDate } from './format'
import { SectionHead } from './form-parts'
import type { ViewProps } from './settings'
import { FlagsPanel, useStandardFlags } from './standards-flags'
import { chartWidth, place, SIDE_PADDING, ticks, type LaneGrouping } from './timeline-chronology-layout'
import { markerKey, useChronologyData, useMarkerKeyboard, useThrottled, useViewportWidth, useZoomKeys } from './use-chronology'

const ZOOMS = [1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128]
/** Beyond this a day is wider than a screen's worth of labels: nothing more to see. */
const MAX_PX_PER_DAY = 120

export function Chronology({ document, settings, announce }: ViewProps) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const [grouping, setGrouping] = useState<LaneGrouping>('actor')
  const [zoomIndex, setZoomIndex] = useState(0)
  const [selectedKey, setSelectedKey] = useState<string | null>(null)
  const scrollerRef = useRef<HTMLDivElement>(null)
  const svgRef = useRef<SVGSVGElement>(null)
  const detailsRef = useRef<HTMLHeadingElement>(null)
  const id = useId()

  // Someone typing elsewhere changes the events on every keystroke; the chart follows at most a
  // few times a second instead of redrawing thousands of markers per keystroke.
  const events = useThrottled(document.events, 400)
  const flags = useStandardFlags(events, settings.practiceStandards, settings.incidentDate)
  const eventsById = useMemo(() => new Map(events.map(event => [event.id, event])), [events])
  const chronology = useChronologyData(events, document.people, flags, grouping, settings.incidentDate)
  const keyIndex = useMemo(() => new Map(chronology.markers.map((marker, index) => [markerKey(marker, chronology), index])), [chronology])

  // Zoom 1 fits the whole record in the width the chart has.
  const viewport = useViewportWidth(scrollerRef)
  const span = Math.max(1, chronology.lastDay - chronology.firstDay)
  const fitPx = (viewport - SIDE_PADDING * 2 - 2) / span
  let maxZoomIndex = 0
  while (maxZoomIndex + 1 < ZOOMS.length && fitPx * (ZOOMS[maxZoomIndex + 1] ?? 1) <= MAX_PX_PER_DAY) maxZoomIndex++
  const effectiveZoom = Math.min(zoomIndex, maxZoomIndex)
  const zoom = ZOOMS[effectiveZoom] ?? 1
  const pxPerDay = fitPx * zoom
  // Stacking is decided at the fitted scale and kept when zooming in (where markers only move
  // apart), so a zoom step changes one transform instead of thousands of marker positions.
  const placement = useMemo(() => place(chronology, fitPx), [chronology, fitPx])
  const width = chartWidth(chronology, pxPerDay)
  const axis = useMemo(() => ticks(chronology.firstDay, chronology.lastDay, pxPerDay, language), [chronology, pxPerDay, language])

  const selectedIndex = selectedKey === null ? null : (keyIndex.get(selectedKey) ?? null)
  const selected = selectedIndex === null ? null : (chronology.markers[selectedIndex] ?? null)
  const { focusMarker, onChartKeyDown } = useMarkerKeyboard(chronology, placement, selectedIndex, svgRef, detailsRef)

  // Zooming keeps the selected marker (or the middle of the view) where it was on screen.
  const anchor = useRef<{ day: number; offset: number } | null>(null)
  const changeZoom = useCallback(
    (next: number) => {
      const scroller = scrollerRef.current
      const clamped = Math.max(0, Math.min(maxZoomIndex, next))
      if (clamped === effectiveZoom) return
      if (scroller) {
        const focusedInChart = svgRef.current?.contains(window.document.activeElement) ?? false
        const markerDays = selectedIndex !== null && focusedInChart ? placement.x0[selectedIndex] : undefined
        const markerX = markerDays === undefined ? undefined : SIDE_PADDING + markerDays * pxPerDay
        const x = markerX ?? scroller.scrollLeft + scroller.clientWidth / 2
        anchor.current = { day: chronology.firstDay + (x - SIDE_PADDING) / pxPerDay, offset: x - scroller.scrollLeft }
      }
      setZoomIndex(clamped)
      announce(t('timeline.chronology.zoomLevel', { percent: Math.round((ZOOMS[clamped] ?? 1) * 100) }))
    },
    [maxZoomIndex, effectiveZoom, selectedIndex, placement, chronology.firstDay, pxPerDay, announce, t],
  )
  useLayoutEffect(() => {
    const scroller = scrollerRef.current
    if (!scroller || !anchor.current) return
    const { day, offset } = anchor.current
    anchor.current = null
    scroller.scrollLeft = SIDE_PADDING + (day - chronology.firstDay) * pxPerDay - offset
  }, [pxPerDay, chronology.firstDay])
  useZoomKeys(key => {
    if (key === '+' || key === '=') changeZoom(effectiveZoom + 1)
    else if (key === '-' || key === '_' || key === '−') changeZoom(effectiveZoom - 1)
    else if (key === '0') changeZoom(0)
    else return false
    return true
  })

  const focusEventMarker = useCallback(
    (eventId: string) => focusMarker(chronology.markers.findIndex(marker => marker.eventId === eventId)),
    [chronology, focusMarker],
  )

  const onMarkerFocus = (event: SyntheticEvent<SVGSVGElement>) => {
    const marker = chronology.markers[Number((event.target as Element).getAttribute('data-i'))]
    if (marker) setSelectedKey(markerKey(marker, chronology))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Escape from the details (or anywhere in the view) goes back to the selected marker.
    if (event.key !== 'Escape' || selectedIndex === null || svgRef.current?.contains(window.document.activeElement)) return
    event.preventDefault()
    focusMarker(selectedIndex)
  }

  const incidentX = chronology.incidentDay === null ? null : SIDE_PADDING + (chronology.incidentDay - chronology.firstDay) * pxPerDay
  const hintId = `${id}-hint`

  return (
    // Arrow keys and +/- reach the chart from any of its controls: the handler only delegates.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section className="chronology" aria-labelledby="chronology-title" onKeyDown={onKeyDown}>
      <SectionHead id="chronology-title" heading="h2" title={t('timeline.chronology.title')} count={t('workspace.timeline.count', { count: events.length })} />
      <ChronologyControls
        id={id}
        grouping={grouping}
        onGrouping={setGrouping}
        zoomIndex={effectiveZoom}
        maxZoomIndex={maxZoomIndex}
        zoom={zoom}
        onZoom={changeZoom}
      />
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
        <LaneLabels chronology={chronology} placement={placement} />
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
              <MarkerLayer chronology={chronology} placement={placement} tolerance={settings.practiceStandards.approximateToleranceDays} />
            </g>
            <Adornments chronology={chronology} placement={placement} pxPerDay={pxPerDay} />
            {selectedIndex !== null ? <SelectionRing placement={placement} index={selectedIndex} pxPerDay={pxPerDay} /> : null}
          </svg>
        </div>
      </div>
      <Legend />

      <ChronologyDetails
        id={`${id}-details`}
        headingRef={detailsRef}
        selected={selected}
        eventsById={eventsById}
        people={document.people}
        flags={flags}
        onShowEvent={focusEventMarker}
      />

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
