// The chronology's drawing: lane backgrounds and the time axis, the event markers (one memoised
// layer drawn in days), the flags and selection ring that keep their size at every zoom, the
// lane labels beside the chart, and the legend.
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { AXIS_HEIGHT, MARKER_RADIUS, SIDE_PADDING, type Chronology as ChronologyData, type Placement, type ticks } from './timeline-chronology-layout'

/** The lane names, beside the scrolling chart (the chart's groups carry them for screen readers). */
export function LaneLabels({ chronology, placement }: { chronology: ChronologyData; placement: Placement }) {
  return (
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
  )
}

type BackdropProps = {
  chronology: ChronologyData
  placement: Placement
  width: number
  axis: ReturnType<typeof ticks>
  incidentX: number | null
  incidentLabel: string
}

export const Backdrop = memo(function Backdrop({ chronology, placement, width, axis, incidentX, incidentLabel }: BackdropProps) {
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
export const MarkerLayer = memo(function MarkerLayer({ chronology, placement, tolerance }: LayerProps) {
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
export function Adornments({ chronology, placement, pxPerDay }: { chronology: ChronologyData; placement: Placement; pxPerDay: number }) {
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

export function SelectionRing({ placement, index, pxPerDay }: { placement: Placement; index: number; pxPerDay: number }) {
  const a = SIDE_PADDING + (placement.x0[index] ?? 0) * pxPerDay
  const b = SIDE_PADDING + (placement.x1[index] ?? 0) * pxPerDay
  const cy = placement.y[index] ?? 0
  const pad = MARKER_RADIUS + 5
  return (
    <g className="chrono-selection" aria-hidden="true">
      <rect x={a - pad} y={cy - pad} width={Math.max(b - a, 0) + pad * 2} height={pad * 2} rx={pad} />
      <rect
        className="chrono-selection-inner"
        x={a - pad + 2.5}
        y={cy - pad + 2.5}
        width={Math.max(b - a, 0) + pad * 2 - 5}
        height={pad * 2 - 5}
        rx={pad - 2.5}
      />
    </g>
  )
}

export function Legend() {
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
