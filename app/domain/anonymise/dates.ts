// Dates become offsets from the incident ("Day -42"), whatever form they were written in.
//
// Rules a reviewer should know (see also the ADR notes in the final report):
// - Numeric dates (03/04/2025): a part above 12 settles the order; otherwise the configured
//   order is used (default day-first for French output, month-first for English).
// - Two-digit years land in the century window (incident year - 90, incident year + 10].
// - A date written without a year (e.g. "Feb. 1st") takes the year that puts it nearest to the
//   incident (incident year - 1, same year or + 1).
// - Month-year mentions ("March 2024") become calendar-month offsets ("Month -12"): a day
//   offset would invent precision the record does not have.
// - A date next to a birth keyword ("born", "DOB", "née le") or equal to a registered birth
//   date is removed ("[birth date]"): an offset would let a reader recompute the age.
// - A numeric date without a year ("on 3/4") is only read as a date after a date word ("on",
//   "since", "le", "depuis"...), because "3/4 of the visits" is a fraction.
// - Bare years, bare month names, weekdays alone and times of day are left as they are.
// - Times of day are kept after a shifted ISO timestamp ("Day -48 14:30"): they are not date
//   elements and the chronology needs them.
// - Impossible dates (February 30) are not dates and are left as written.

import { dayFromParts } from '../workflow/calendar'
import type { NumericDateOrder, OutputLocale } from './context'
import { startsWithUpperCase } from './fold'
import { dayOffsetLabel, dayRangeLabel, labelsFor, monthOffsetLabel } from './labels'
import { digitWindows, eachInWindows, windowsAroundWithin } from './scan'
import type { Candidate, ScanText } from './types'

export const DATE_PRIORITY = 90
export const BIRTH_DATE_PRIORITY = 95

export interface CalendarDate {
  year: number
  month: number
  day: number
}

export function dayNumber(date: CalendarDate): number {
  return dayFromParts(date.year, date.month, date.day)
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function isCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const length = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
  return day <= length
}

export function parseIsoDate(value: string): CalendarDate {
  const [year = 0, month = 0, day = 0] = value.split('-').map(Number)
  return { year, month, day }
}

/** Two-digit years: the century that puts the year in (incident - 90, incident + 10]. */
export function expandTwoDigitYear(twoDigits: number, incidentYear: number): number {
  let year = Math.floor(incidentYear / 100) * 100 + twoDigits
  if (year > incidentYear + 10) year -= 100
  if (year <= incidentYear - 90) year += 100
  return year
}

/** A date written without a year takes the year that puts it nearest to the incident. */
export function inferYear(month: number, day: number, incident: CalendarDate): number | undefined {
  const incidentDay = dayNumber(incident)
  let best: number | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const year of [incident.year - 1, incident.year, incident.year + 1]) {
    const candidate = { year, month, day }
    if (!isCalendarDate(candidate)) continue
    const distance = Math.abs(dayNumber(candidate) - incidentDay)
    // Ties go to the earlier year: reviews look back at what happened before the incident.
    if (distance < bestDistance) {
      best = year
      bestDistance = distance
    }
  }
  return best
}

// Month and weekday names as they appear in the folded text (no accents, lower case).
const MONTHS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['january', 'janvier', 'janv', 'jan']],
  [2, ['february', 'fevrier', 'febr', 'fevr', 'feb', 'fev']],
  [3, ['march', 'mars', 'mar']],
  [4, ['april', 'avril', 'apr', 'avr']],
  [5, ['may', 'mai']],
  [6, ['june', 'juin', 'jun']],
  [7, ['july', 'juillet', 'juil', 'jul']],
  [8, ['august', 'aout', 'aug']],
  [9, ['september', 'septembre', 'sept', 'sep']],
  [10, ['october', 'octobre', 'oct']],
  [11, ['november', 'novembre', 'nov']],
  [12, ['december', 'decembre', 'dec']],
]

// Abbreviations may carry a full stop; after a full month name a full stop ends the sentence.
const ABBREVIATED_MONTHS = new Set([
  'jan',
  'janv',
  'feb',
  'febr',
  'fevr',
  'fev',
  'mar',
  'apr',
  'avr',
  'jun',
  'jul',
  'juil',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
])

const MONTH_BY_NAME = new Map<string, number>()
for (const [month, names] of MONTHS) for (const name of names) MONTH_BY_NAME.set(name, month)

const byLengthDesc = (a: string, b: string): number => b.length - a.length || a.localeCompare(b)
const MONTH_ALTERNATION = [...MONTH_BY_NAME.keys()].sort(byLengthDesc).join('|')

const ENGLISH_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
/** English month and weekday names: the residual scan never takes them for a name on a cue alone. */
export const ENGLISH_CALENDAR_WORDS: ReadonlySet<string> = new Set([...MONTHS.map(([, names]) => names[0] ?? ''), ...ENGLISH_WEEKDAYS])
const WEEKDAY_FULL = [...ENGLISH_WEEKDAYS, 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']
// Abbreviations such as "Sat" or "Wed" are also English words; they are only taken as part of a
// full date ("Thurs 6 Mar 2025", "Tues., March 4th"), never alone.
const WEEKDAY_ABBREVIATED = ['mon', 'tues', 'tue', 'wed', 'thurs', 'thur', 'thu', 'fri', 'sat', 'sun']
const WEEKDAY = `(?:(?:${WEEKDAY_FULL.join('|')})[.,]?|(?:${WEEKDAY_ABBREVIATED.join('|')})[.,]{0,2})\\s+`

const ORDINAL = '(?:st|nd|rd|th|er|re|e)?'
const RANGE_JOIN = '\\s*(?:-|au|to)\\s*'

// Every pattern refuses to start inside a word or number, which keeps scans linear.
const ISO_PATTERN = new RegExp(
  String.raw`(\d(?<![\d./-]\d)\d{3})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:t|\s+)(\d{1,2})[:h](\d{2})(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?(?![\d])(?![-/.]\d)`,
  'g',
)
const NUMERIC_PATTERN = new RegExp(String.raw`(\d(?<![\d./-]\d)\d?)([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)(?![-/.]\d)`, 'g')
const MONTH_FIRST_PATTERN = new RegExp(
  String.raw`(?<![a-z\d])(${WEEKDAY})?(${MONTH_ALTERNATION})(?![a-z])\.?\s+(?:the\s+)?(\d{1,2})${ORDINAL}(?:${RANGE_JOIN}(\d{1,2})${ORDINAL})?(?![\da-z]|:\d)(?:,?\s+(\d{4})(?!\d))?`,
  'g',
)
const DAY_FIRST_PATTERN = new RegExp(
  String.raw`(?<![a-z\d./-])(${WEEKDAY})?(?:the\s+)?(\d{1,2})${ORDINAL}(?:${RANGE_JOIN}(\d{1,2})${ORDINAL})?(?:\s+of)?[\s-]+(${MONTH_ALTERNATION})(?![a-z])\.?(?:,?[\s-]+(\d{4})(?!\d))?`,
  'g',
)
// "on 3/4" is a date; "3/4 of the visits" is a fraction. Without a year, only after a date word.
const NUMERIC_NO_YEAR_PATTERN = /(\d(?<![\d/.-]\d)\d?)\/(\d{1,2})(?![\d/]|\.\d)/g
const NUMERIC_NO_YEAR_CONTEXT = /\b(?:on|since|until|till|by|from|dated|before|after|le|du|au|depuis|avant|apres|jusqu'au)\s+$/
const FRACTION_FOLLOWS = /^\s+(?:of|des|de|du|d')\b/
// Written-out dates are only looked for around a month name.
const MONTH_ANCHOR = new RegExp(`(?<![a-z])(?:${MONTH_ALTERNATION})(?![a-z])`, 'g')
const MONTH_REACH = { before: 40, after: 40 }
const MONTH_YEAR_PATTERN = new RegExp(String.raw`(?<![a-z\d])(${MONTH_ALTERNATION})(?![a-z])\.?,?\s+(\d{4})(?!\d)`, 'g')

// Looked for in the 40 folded characters before a date.
const BIRTH_CONTEXT =
  /(?:\bborn(?:\s+on)?|\bbirth\s*date|\bbirthdate|\bdate\s+of\s+birth|\bd\.?\s?o\.?\s?b\.?|\bbirthday|\bnee?s?\s+(?:le\s+)?|\bdate\s+de\s+naissance|\bddn|\bnaissance)\s*(?:\([^)]{0,20}\)\s*)?(?:[:\-(]\s*)?(?:the\s+|le\s+|on\s+)?$/

export interface DateRules {
  incident: CalendarDate
  locale: OutputLocale
  numericDateOrder: NumericDateOrder
  /** Day numbers of registered birth dates: any mention of one is a birth date. */
  birthDays: ReadonlySet<number>
}

export function createDateDetector(rules: DateRules) {
  const incidentDay = dayNumber(rules.incident)
  const birthLabel = labelsFor(rules.locale).pattern.birth_date

  function isBirthContext(text: ScanText, start: number): boolean {
    return BIRTH_CONTEXT.test(text.folded.slice(Math.max(0, start - 40), start))
  }

  function push(text: ScanText, found: Candidate[], start: number, end: number, dates: CalendarDate[], time?: string): void {
    const first = dates[0]
    if (first === undefined || !dates.every(isCalendarDate)) return
    const days = dates.map(dayNumber)
    if (isBirthContext(text, start) || days.some(day => rules.birthDays.has(day))) {
      found.push({ start, end, kind: 'birth_date', replacement: birthLabel, priority: BIRTH_DATE_PRIORITY })
      return
    }
    const offsets = days.map(day => day - incidentDay)
    const [from = 0, to] = offsets
    let replacement = to === undefined || to === from ? dayOffsetLabel(from, rules.locale) : dayRangeLabel(from, to, rules.locale)
    if (time !== undefined) replacement += ` ${time}`
    found.push({ start, end, kind: 'date', replacement, priority: DATE_PRIORITY })
  }

  function resolveYear(month: number, day: number, written: string | undefined): number | undefined {
    if (written !== undefined) return Number(written)
    return inferYear(month, day, rules.incident)
  }

  // "Sat" and "Wed" are words too: an abbreviated weekday only belongs to the date with a capital.
  function weekdaySkip(text: ScanText, start: number, weekday: string): number {
    if (weekday === '' || WEEKDAY_FULL.some(name => weekday.startsWith(name))) return 0
    return startsWithUpperCase(text.original, start) ? 0 : weekday.length
  }

  // "May" is a modal verb too: as a month name it must be written with a capital.
  function monthAt(text: ScanText, index: number, name: string): number | undefined {
    if (name === 'may' && !startsWithUpperCase(text.original, index)) return undefined
    return MONTH_BY_NAME.get(name)
  }

  /** A part above 12 can only be the day; otherwise the configured order decides. */
  function readsDayFirst(a: number, b: number): boolean | undefined {
    if (a > 12 && b > 12) return undefined
    if (a > 12) return true
    if (b > 12) return false
    return rules.numericDateOrder === 'day_first'
  }

  return function detectDates(text: ScanText, found: Candidate[]): void {
    const { folded } = text
    // Every date has a digit (a day or a year): only the text around numbers is scanned.
    const numbers = digitWindows(text)

    eachInWindows(folded, numbers, ISO_PATTERN, match => {
      const [whole, year, , month, day, hour, minute] = match
      const start = match.index
      const time = hour !== undefined && minute !== undefined ? `${hour.padStart(2, '0')}:${minute}` : undefined
      push(text, found, start, start + whole.length, [{ year: Number(year), month: Number(month), day: Number(day) }], time)
    })

    eachInWindows(folded, numbers, NUMERIC_PATTERN, match => {
      const [whole, first, separator, second, yearText = ''] = match
      // A two-digit year with dots is more often a version or a score than a date.
      if (yearText.length === 2 && separator === '.') return
      const a = Number(first)
      const b = Number(second)
      const dayFirst = readsDayFirst(a, b)
      if (dayFirst === undefined) return
      const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), rules.incident.year) : Number(yearText)
      const date = dayFirst ? { year, month: b, day: a } : { year, month: a, day: b }
      push(text, found, match.index, match.index + whole.length, [date])
    })

    eachInWindows(folded, numbers, NUMERIC_NO_YEAR_PATTERN, match => {
      const [whole, first = '', second = ''] = match
      const start = match.index
      const end = start + whole.length
      if (!NUMERIC_NO_YEAR_CONTEXT.test(folded.slice(Math.max(0, start - 12), start))) return
      if (FRACTION_FOLLOWS.test(folded.slice(end, end + 6))) return
      const a = Number(first)
      const b = Number(second)
      const dayFirst = readsDayFirst(a, b)
      if (dayFirst === undefined) return
      const month = dayFirst ? b : a
      const day = dayFirst ? a : b
      const year = inferYear(month, day, rules.incident)
      if (year === undefined) return
      push(text, found, start, end, [{ year, month, day }])
    })

    const windows = windowsAroundWithin(folded, numbers, MONTH_ANCHOR, MONTH_REACH)
    eachInWindows(folded, windows, MONTH_FIRST_PATTERN, match => {
      const [whole, weekday = '', monthName = '', day = '', dayTo, yearText] = match
      const month = monthAt(text, match.index + weekday.length, monthName)
      if (month === undefined) return
      const year = resolveYear(month, Number(day), yearText)
      if (year === undefined) return
      const dates = [{ year, month, day: Number(day) }]
      if (dayTo !== undefined) dates.push({ year, month, day: Number(dayTo) })
      push(text, found, match.index + weekdaySkip(text, match.index, weekday), match.index + whole.length, dates)
    })

    eachInWindows(folded, windows, DAY_FIRST_PATTERN, match => {
      const [whole, weekday = '', day = '', dayTo, monthName = '', yearText] = match
      const month = monthAt(text, match.index + whole.lastIndexOf(monthName), monthName)
      if (month === undefined) return
      const year = resolveYear(month, Number(day), yearText)
      if (year === undefined) return
      const dates = [{ year, month, day: Number(day) }]
      if (dayTo !== undefined) dates.push({ year, month, day: Number(dayTo) })
      let end = match.index + whole.length
      if (whole.endsWith('.') && (!ABBREVIATED_MONTHS.has(monthName) || /^(?:$|\s*\n|\s+\p{Lu})/u.test(text.original.slice(end, end + 2)))) end -= 1
      push(text, found, match.index + weekdaySkip(text, match.index, weekday), end, dates)
    })

    eachInWindows(folded, windows, MONTH_YEAR_PATTERN, match => {
      const [whole, monthName = '', yearText = ''] = match
      const start = match.index
      const month = monthAt(text, start, monthName)
      if (month === undefined) return
      const end = start + whole.length
      if (isBirthContext(text, start)) {
        found.push({ start, end, kind: 'birth_date', replacement: birthLabel, priority: BIRTH_DATE_PRIORITY })
        return
      }
      const months = (Number(yearText) - rules.incident.year) * 12 + (month - rules.incident.month)
      // Lower priority than a full date starting at the same place ("March 2024" inside a longer match).
      found.push({ start, end, kind: 'date', replacement: monthOffsetLabel(months, rules.locale), priority: DATE_PRIORITY - 1 })
    })
  }
}
