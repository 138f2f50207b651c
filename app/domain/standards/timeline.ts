// The timeline as the standard checks see it: each event becomes the span of days on which it
// may have happened, so that exact dates, date ranges and approximate dates go through one rule.
import type { JourneyStage } from '../vocabulary'
import { foldPattern, foldText } from '../nudges/fold'
import { parseTimelineDate, type CalendarMoment } from '../workflow/calendar'
import type { EventMatcher } from './schema'

/** The little the checks need from a timeline event (the review document has much more). */
export interface TimelineEventInput {
  id: string
  /** YYYY-MM-DD or YYYY-MM-DDTHH:mm, as written in the record. */
  date: string
  /** The end of a range: the event happened somewhere from `date` to `dateEnd`. */
  dateEnd?: string
  approximate?: boolean
  stage: JourneyStage
  text?: string
}

export interface DatedEvent {
  event: TimelineEventInput
  /** The first and last day (day numbers) on which the event may have happened. */
  earliest: number
  latest: number
  /** The date as written: what decides whether the event falls after the incident. */
  written: CalendarMoment
  /** The event's position in the input, the last tie-breaker of chronological order. */
  order: number
  foldedText: string
}

/**
 * A range is read as uncertainty ("some time between") rather than duration: a check compares
 * both ends and is certain only when both agree. An approximate date (or range) widens by the
 * tolerance on each side. Returns null when a date is not a real date.
 */
export function toDatedEvent(event: TimelineEventInput, order: number, toleranceDays: number): DatedEvent | null {
  const start = parseTimelineDate(event.date)
  if (!start) return null
  let end = start
  if (event.dateEnd !== undefined && event.dateEnd !== '') {
    const parsed = parseTimelineDate(event.dateEnd)
    if (!parsed) return null
    end = parsed
  }
  const slack = event.approximate === true ? toleranceDays : 0
  return {
    event,
    earliest: Math.min(start.day, end.day) - slack,
    latest: Math.max(start.day, end.day) + slack,
    written: start,
    order,
    foldedText: foldText(event.text ?? ''),
  }
}

export function isExact(event: DatedEvent): boolean {
  return event.earliest === event.latest
}

/**
 * Chronological order: the earliest possible day first; an untimed record before the timed ones
 * of the same day (how case notes read); then the order of the input.
 */
export function chronological(a: DatedEvent, b: DatedEvent): number {
  return (
    a.earliest - b.earliest ||
    a.latest - b.latest ||
    a.written.day - b.written.day ||
    (a.written.minutes ?? -1) - (b.written.minutes ?? -1) ||
    a.order - b.order
  )
}

/**
 * Whether an event happened after the end of the review window. Only a time on both sides can
 * put a same-day event after the incident: "2025-03-18" may have been the morning before.
 */
export function isAfter(written: CalendarMoment, end: CalendarMoment): boolean {
  if (written.day !== end.day) return written.day > end.day
  return written.minutes !== undefined && end.minutes !== undefined && written.minutes > end.minutes
}

export type EventTest = (event: DatedEvent) => boolean

export function compileMatcher(matcher: EventMatcher): EventTest {
  const stages = new Set(matcher.stages)
  const excluded = new Set(matcher.excludeStages)
  const patterns = matcher.textPatterns.map(source => new RegExp(foldPattern(source), 'iu'))
  return dated => {
    if (excluded.has(dated.event.stage)) return false
    if (stages.has(dated.event.stage)) return true
    return patterns.some(pattern => pattern.test(dated.foldedText))
  }
}
