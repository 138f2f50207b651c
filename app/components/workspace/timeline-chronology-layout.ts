// Geometry of the visual chronology, kept apart from React so it is computed once per change of
// data (lanes, markers, days) and once per zoom level (pixels, stacking), never per frame or per
// focused marker.
import type { Person, TimelineEvent } from '~/domain/review-doc'
import type { FlagSeverity, StandardFlag } from '~/domain/standards'
import { parseTimelineDate } from '~/domain/workflow/calendar'

export type LaneGrouping = 'actor' | 'source'

export type Lane = { key: string; label: string; flags: boolean }

export type Marker = {
  lane: number
  /** Fractional day numbers (days since 1970-01-01, a time of day as a fraction). */
  start: number
  end: number
  range: boolean
  approximate: boolean
  keyEpisode: boolean
  /** The most serious flag on the event (or the flag itself, for a marker of the flags lane). */
  severity: FlagSeverity | null
  eventId: string | null
  flag: StandardFlag | null
  name: string
}

export type Chronology = {
  lanes: Lane[]
  markers: Marker[]
  /** Marker indexes of each lane, in time order: the arrow keys walk these. */
  byLane: number[][]
  firstDay: number
  lastDay: number
  incidentDay: number | null
}

export function dayOf(date: string): number | null {
  const moment = parseTimelineDate(date)
  if (!moment) return null
  return moment.day + (moment.minutes ?? 0) / 1440
}

const severityRank: Record<FlagSeverity, number> = { missed: 3, possibly_missed: 2, beyond_target: 1, info: 0 }

export function worst(a: FlagSeverity | null, b: FlagSeverity): FlagSeverity {
  return a === null || severityRank[b] > severityRank[a] ? b : a
}

type Labels = {
  flagsLane: string
  noActor: string
  noSource: string
  eventName: (event: TimelineEvent, flagged: boolean) => string
  flagName: (flag: StandardFlag) => string
}

export function buildChronology(
  events: readonly TimelineEvent[],
  people: readonly Person[],
  flags: readonly StandardFlag[],
  grouping: LaneGrouping,
  incidentDate: string,
  labels: Labels,
  collator: Intl.Collator,
): Chronology {
  const severityByEvent = new Map<string, FlagSeverity>()
  for (const flag of flags) for (const id of flag.eventIds) severityByEvent.set(id, worst(severityByEvent.get(id) ?? null, flag.severity))

  // Lanes: the registry's order for people, alphabetical for sources; "none" last.
  const laneKeys: string[] = []
  const laneLabels = new Map<string, string>()
  const NONE = '\u0000none'
  if (grouping === 'actor') {
    const used = new Set(events.flatMap(event => event.actorIds))
    for (const person of people) {
      if (!used.has(person.id)) continue
      laneKeys.push(person.id)
      laneLabels.set(person.id, person.pseudonym)
    }
  } else {
    const sources = [...new Set(events.flatMap(event => (event.source ? [event.source] : [])))].sort(collator.compare)
    for (const source of sources) {
      laneKeys.push(source)
      laneLabels.set(source, source)
    }
  }
  const known = new Set(laneKeys)
  const needsNone = events.some(event => (grouping === 'actor' ? !event.actorIds.some(id => known.has(id)) : !event.source))
  if (needsNone) {
    laneKeys.push(NONE)
    laneLabels.set(NONE, grouping === 'actor' ? labels.noActor : labels.noSource)
  }

  const lanes: Lane[] = []
  const flagsLane = flags.length > 0
  if (flagsLane) lanes.push({ key: '\u0000flags', label: labels.flagsLane, flags: true })
  const laneIndex = new Map<string, number>()
  for (const key of laneKeys) {
    laneIndex.set(key, lanes.length)
    lanes.push({ key, label: laneLabels.get(key) ?? key, flags: false })
  }

  const markers: Marker[] = []
  const dayById = new Map<string, { start: number; end: number }>()
  let firstDay = Infinity
  let lastDay = -Infinity
  for (const event of events) {
    const start = dayOf(event.date)
    if (start === null) continue
    const end = event.dateEnd ? (dayOf(event.dateEnd) ?? start) : start
    dayById.set(event.id, { start, end })
    firstDay = Math.min(firstDay, start)
    lastDay = Math.max(lastDay, end)
    const severity = severityByEvent.get(event.id) ?? null
    const name = labels.eventName(event, severity !== null)
    const targets = grouping === 'actor' ? event.actorIds.filter(id => known.has(id)) : event.source && known.has(event.source) ? [event.source] : []
    for (const key of targets.length > 0 ? targets : [NONE]) {
      const lane = laneIndex.get(key)
      if (lane === undefined) continue
      markers.push({
        lane,
        start,
        end,
        range: end > start,
        approximate: event.approximate,
        keyEpisode: event.keyPracticeEpisode,
        severity,
        eventId: event.id,
        flag: null,
        name,
      })
    }
  }

  const incidentDay = dayOf(incidentDate)
  if (incidentDay !== null) {
    firstDay = Math.min(firstDay, incidentDay)
    lastDay = Math.max(lastDay, incidentDay)
  }
  if (!Number.isFinite(firstDay)) {
    firstDay = incidentDay ?? 0
    lastDay = firstDay
  }
  // A little room at both ends: the first month's tick and the edge markers stay visible.
  const margin = Math.max(2, (lastDay - firstDay) * 0.02)
  firstDay = Math.floor(firstDay - margin)
  lastDay = Math.ceil(lastDay + margin)

  if (flagsLane) {
    for (const flag of flags) {
      // A flag sits on the last event it concerns (the late record, or the anchor of a missing
      // one); a missing data point with no event at all sits on the incident.
      const days = flag.eventIds.map(id => dayById.get(id)).filter((day): day is { start: number; end: number } => day !== undefined)
      const at = days.length > 0 ? Math.max(...days.map(day => day.start)) : (incidentDay ?? lastDay)
      markers.push({
        lane: 0,
        start: at,
        end: at,
        range: false,
        approximate: false,
        keyEpisode: false,
        severity: flag.severity,
        eventId: null,
        flag,
        name: labels.flagName(flag),
      })
    }
  }

  const byLane: number[][] = lanes.map(() => [])
  markers.forEach((marker, index) => byLane[marker.lane]?.push(index))
  for (const list of byLane) list.sort((a, b) => (markers[a]?.start ?? 0) - (markers[b]?.start ?? 0) || a - b)

  return { lanes, markers, byLane, firstDay, lastDay, incidentDay }
}

export const AXIS_HEIGHT = 44
export const ROW_HEIGHT = 18
export const LANE_PADDING = 8
export const MAX_ROWS = 4
export const MARKER_RADIUS = 6
export const SIDE_PADDING = 24

export type Placement = {
  /** Per marker: its start and end in days from the first day, and the y of its centre. */
  x0: Float64Array
  x1: Float64Array
  y: Float64Array
  laneTop: number[]
  laneHeight: number[]
  height: number
}

/**
 * Places markers vertically. Within a lane, markers that would overlap at `pxPerDay` are stacked
 * on up to MAX_ROWS rows (first free row, left to right); past that they overlap, which at that
 * density says "many records here" better than an ever taller lane would. Horizontal positions
 * are in days: the chart scales them with one transform, so zooming moves no marker one by one.
 */
export function place(chronology: Chronology, pxPerDay: number): Placement {
  const { markers, byLane, lanes, firstDay } = chronology
  const x0 = new Float64Array(markers.length)
  const x1 = new Float64Array(markers.length)
  const y = new Float64Array(markers.length)
  const laneTop: number[] = []
  const laneHeight: number[] = []
  let top = AXIS_HEIGHT
  const gap = (MARKER_RADIUS * 2 + 2) / pxPerDay
  for (let lane = 0; lane < lanes.length; lane++) {
    const rowEnds: number[] = []
    const rowOf: number[] = []
    for (const index of byLane[lane] ?? []) {
      const marker = markers[index]
      if (!marker) continue
      const start = marker.start - firstDay
      const end = marker.end - firstDay
      x0[index] = start
      x1[index] = end
      let row = rowEnds.findIndex(last => last + gap <= start)
      if (row === -1) {
        if (rowEnds.length < MAX_ROWS) row = rowEnds.length
        else row = rowEnds.indexOf(Math.min(...rowEnds))
      }
      rowEnds[row] = Math.max(rowEnds[row] ?? -Infinity, end)
      rowOf.push(row)
    }
    const rows = Math.max(1, rowEnds.length)
    let i = 0
    for (const index of byLane[lane] ?? []) y[index] = top + LANE_PADDING + ((rowOf[i++] ?? 0) + 0.5) * ROW_HEIGHT
    laneTop.push(top)
    const height = rows * ROW_HEIGHT + LANE_PADDING * 2
    laneHeight.push(height)
    top += height
  }
  return { x0, x1, y, laneTop, laneHeight, height: top + 4 }
}

/** The chart's width at a zoom level. */
export function chartWidth(chronology: Chronology, pxPerDay: number): number {
  return Math.ceil(SIDE_PADDING * 2 + (chronology.lastDay - chronology.firstDay) * pxPerDay)
}

export type Tick = { x: number; label: string | null }

const MS_PER_DAY = 86_400_000

/** Axis ticks: the finest calendar unit whose labels stay at least ~90 px apart. */
export function ticks(firstDay: number, lastDay: number, pxPerDay: number, language: string): Tick[] {
  const xOf = (day: number) => SIDE_PADDING + (day - firstDay) * pxPerDay
  const start = Math.floor(firstDay)
  const end = Math.ceil(lastDay)
  const out: Tick[] = []
  const dayFormat = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' })
  if (pxPerDay * 7 >= 90) {
    const step = pxPerDay >= 90 ? 1 : 7
    // Weeks start on Mondays (day 0, 1970-01-01, was a Thursday).
    let day = step === 1 ? start : start + ((11 - (start % 7)) % 7)
    for (; day <= end; day += step) out.push({ x: xOf(day), label: dayFormat.format(new Date(day * MS_PER_DAY)) })
    return out
  }
  const months = [1, 2, 3, 6, 12].find(step => pxPerDay * 30.4 * step >= 90) ?? 24
  const format =
    months >= 12
      ? new Intl.DateTimeFormat(language, { year: 'numeric', timeZone: 'UTC' })
      : new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' })
  const first = new Date(start * MS_PER_DAY)
  let year = first.getUTCFullYear()
  let month = first.getUTCMonth()
  // Align to the unit (quarters start in January, April...).
  month = Math.ceil(month / Math.min(months, 12)) * Math.min(months, 12)
  year += Math.floor(month / 12)
  month %= 12
  for (;;) {
    const day = Date.UTC(year, month, 1) / MS_PER_DAY
    if (day > end) break
    if (day >= start) out.push({ x: xOf(day), label: format.format(new Date(day * MS_PER_DAY)) })
    month += months
    year += Math.floor(month / 12)
    month %= 12
  }
  return out
}
