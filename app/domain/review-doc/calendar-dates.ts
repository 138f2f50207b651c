// Dates in a review are calendar dates as written in case records, not instants: a chronology
// says "2025-01-15" or "2025-01-15T09:30" in local time, so they stay strings and are never
// passed through Date (which would shift them by the server's time zone).

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIMELINE_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    return leap ? 29 : 28
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isRealDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** Shape only: YYYY-MM-DD (the calendar may still reject it, e.g. 2025-02-30). */
export function looksLikeCalendarDate(value: string): boolean {
  return CALENDAR_DATE.test(value)
}

/** Shape only: YYYY-MM-DD or YYYY-MM-DDTHH:mm. */
export function looksLikeTimelineDate(value: string): boolean {
  return TIMELINE_DATE.test(value)
}

/** A real day of the Gregorian calendar written as YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value)
  if (!match) return false
  return isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))
}

/** A real day, optionally with a real time of day: YYYY-MM-DD or YYYY-MM-DDTHH:mm. */
export function isTimelineDate(value: string): boolean {
  const match = TIMELINE_DATE.exec(value)
  if (!match) return false
  if (!isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))) return false
  if (match[4] === undefined) return true
  return Number(match[4]) <= 23 && Number(match[5]) <= 59
}

/**
 * Chronological order of timeline dates. Plain string order is already chronological for
 * this format, and it puts an untimed entry before the timed ones of the same day, which is
 * how case records read ("on the 15th ..., then at 09:30 ...").
 */
export function compareTimelineDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Whether `end` can close a range that starts at `start`. An untimed end means "some time
 * that day", so it closes any range starting on the same day.
 */
export function isOrderedRange(start: string, end: string): boolean {
  const startDay = start.slice(0, 10)
  const endDay = end.slice(0, 10)
  if (startDay !== endDay) return startDay < endDay
  if (start.length === 10 || end.length === 10) return true
  return start <= end
}
