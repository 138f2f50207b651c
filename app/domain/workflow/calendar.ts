// Case records and statutory deadlines speak in calendar dates ("2025-03-18"), not instants.
// Counting them as whole days since 1970-01-01 (UTC) keeps every sum and difference free of
// time zones and daylight-saving shifts: a day is always exactly one step.

const MS_PER_DAY = 86_400_000
const TIMELINE_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/

/** A timeline date as whole days since 1970-01-01, plus minutes after midnight when a time was written. */
export interface CalendarMoment {
  day: number
  minutes?: number
}

/**
 * The day number of a year, month (1-12) and day of month, rolling over like Date does
 * (2025-02-30 is 2025-03-02); NaN when a part is not a number. The one day-number
 * implementation: the anonymiser, exports and case files count days with it too.
 */
export function dayFromParts(year: number, month: number, dayOfMonth: number): number {
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not turn years 0-99 into 1900-1999.
  date.setUTCFullYear(year, month - 1, dayOfMonth)
  return Math.round(date.getTime() / MS_PER_DAY)
}

function utcDay(year: number, month: number, dayOfMonth: number): number | null {
  const day = dayFromParts(year, month, dayOfMonth)
  const date = new Date(day * MS_PER_DAY)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dayOfMonth) {
    return null // 2025-02-30 and the like roll over into another month
  }
  return day
}

/** The day number of the first ten characters of a date text, rolling over; NaN when not a date. */
export function looseDayNumber(text: string): number {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number)
  return dayFromParts(year ?? NaN, month ?? NaN, day ?? NaN)
}

/** Parses YYYY-MM-DD or YYYY-MM-DDTHH:mm; null when the text is not a real day (or time). */
export function parseTimelineDate(text: string): CalendarMoment | null {
  const match = TIMELINE_DATE.exec(text)
  if (!match) return null
  const day = utcDay(Number(match[1]), Number(match[2]), Number(match[3]))
  if (day === null) return null
  if (match[4] === undefined || match[5] === undefined) return { day }
  const hours = Number(match[4])
  const minutes = Number(match[5])
  if (hours > 23 || minutes > 59) return null
  return { day, minutes: hours * 60 + minutes }
}

/** The day number of a date (a time of day, if written, is ignored); throws on a non-date. */
export function dayNumber(text: string): number {
  const moment = parseTimelineDate(text)
  if (!moment) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`)
  return moment.day
}

/** YYYY-MM-DD for a day number. */
export function formatDay(day: number): string {
  const date = new Date(day * MS_PER_DAY)
  const year = String(date.getUTCFullYear()).padStart(4, '0')
  const month = String(date.getUTCMonth() + 1).padStart(2, '0')
  const dayOfMonth = String(date.getUTCDate()).padStart(2, '0')
  return `${year}-${month}-${dayOfMonth}`
}

export function addDays(date: string, days: number): string {
  return formatDay(dayNumber(date) + days)
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

/**
 * The calendar date of an instant. Without a time zone this is the UTC date, which is what a
 * server with no idea of the user's location can honestly say; pass the user's IANA zone
 * (e.g. "America/Toronto") to get the date on their wall calendar.
 */
export function calendarDateOf(instant: Date, timeZone?: string): string {
  if (timeZone === undefined) return formatDay(Math.floor(instant.getTime() / MS_PER_DAY))
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find(p => p.type === type)?.value ?? ''
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`
}
