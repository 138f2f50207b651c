// The statutory clock of a review: it completes within N calendar days of the incident.
// Dates are plain calendar dates (see calendar.ts), so the count is the same on every server
// and in every season: no time zone or daylight-saving change can add or lose a day.
import { REVIEW_DEADLINE_DAYS } from '../vocabulary'
import { calendarDateOf, dayNumber, formatDay } from './calendar'

export interface ReviewDeadline {
  /** YYYY-MM-DD: the last day on which the review is still on time. */
  dueDate: string
  /** Calendar days from today to the due date: 0 on the due date, negative when overdue. */
  daysLeft: number
}

/** `today` as a calendar date; an instant is read as its UTC date (see calendarDateOf for a local one). */
function todayAsDay(today: string | Date): number {
  return dayNumber(typeof today === 'string' ? today : calendarDateOf(today))
}

function dueDay(incidentDate: string, days: number): number {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`deadline days must be a whole number >= 0, got ${days}`)
  return dayNumber(incidentDate) + days
}

/**
 * The date by which the review must complete: `reviewDeadline('2025-03-18')` is '2025-06-16'.
 * Given today as well, the due date together with the days left (the shape the review list
 * shows): `reviewDeadline('2025-03-18', '2025-06-20')` is { dueDate: '2025-06-16', daysLeft: -4 }.
 */
export function reviewDeadline(incidentDate: string, days?: number): string
export function reviewDeadline(incidentDate: string, today: string | Date, days?: number): ReviewDeadline
export function reviewDeadline(incidentDate: string, todayOrDays?: string | Date | number, days: number = REVIEW_DEADLINE_DAYS): string | ReviewDeadline {
  if (todayOrDays === undefined || typeof todayOrDays === 'number') {
    return formatDay(dueDay(incidentDate, todayOrDays ?? REVIEW_DEADLINE_DAYS))
  }
  const due = dueDay(incidentDate, days)
  return { dueDate: formatDay(due), daysLeft: due - todayAsDay(todayOrDays) }
}

/** Calendar days left until the review is due: 0 on the due date, negative once overdue. */
export function daysLeft(incidentDate: string, today: string | Date, days: number = REVIEW_DEADLINE_DAYS): number {
  return dueDay(incidentDate, days) - todayAsDay(today)
}
