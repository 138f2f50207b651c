import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileAnonymiser, expandTwoDigitYear, inferYear, type OutputLocale } from '../../../../app/domain/anonymise'

const MS_PER_DAY = 86_400_000
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const EN_ABBREVIATIONS = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'Jun.', 'Jul.', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.']
const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const FR_WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']

function iso(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function ordinal(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return `${day}th`
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`
}

function dayLabel(offset: number, locale: OutputLocale): string {
  const word = locale === 'fr' ? 'Jour' : 'Day'
  return `${word} ${offset === 0 ? '0' : offset > 0 ? `+${offset}` : `${offset}`}`
}

interface Written {
  text: string
  locale: OutputLocale
  /** Formats without a year are only generated near the incident, where the year is not in doubt. */
  needsYear: boolean
  time?: string
}

type Format = (date: Date) => Written

const pad = (value: number): string => String(value).padStart(2, '0')
const y = (d: Date): number => d.getUTCFullYear()
const m = (d: Date): number => d.getUTCMonth() + 1
const dd = (d: Date): number => d.getUTCDate()

const formats: Record<string, Format> = {
  iso: d => ({ text: iso(d), locale: 'en', needsYear: true }),
  isoWithTime: d => ({ text: `${iso(d)}T14:05:00Z`, locale: 'en', needsYear: true, time: '14:05' }),
  isoSlashes: d => ({ text: `${y(d)}/${pad(m(d))}/${pad(dd(d))}`, locale: 'fr', needsYear: true }),
  monthFirstNumeric: d => ({ text: `${m(d)}/${dd(d)}/${y(d)}`, locale: 'en', needsYear: true }),
  monthFirstPadded: d => ({ text: `${pad(m(d))}-${pad(dd(d))}-${y(d)}`, locale: 'en', needsYear: true }),
  monthFirstTwoDigitYear: d => ({ text: `${m(d)}/${dd(d)}/${pad(y(d) % 100)}`, locale: 'en', needsYear: true }),
  dayFirstNumeric: d => ({ text: `${pad(dd(d))}/${pad(m(d))}/${y(d)}`, locale: 'fr', needsYear: true }),
  dayFirstDots: d => ({ text: `${pad(dd(d))}.${pad(m(d))}.${y(d)}`, locale: 'fr', needsYear: true }),
  dayFirstTwoDigitYear: d => ({ text: `${dd(d)}-${m(d)}-${pad(y(d) % 100)}`, locale: 'fr', needsYear: true }),
  writtenMonthFirst: d => ({ text: `${EN_MONTHS[m(d) - 1]} ${dd(d)}, ${y(d)}`, locale: 'en', needsYear: true }),
  writtenAbbreviated: d => ({ text: `${EN_ABBREVIATIONS[m(d) - 1]} ${ordinal(dd(d))}, ${y(d)}`, locale: 'en', needsYear: true }),
  writtenWithWeekday: d => ({ text: `${EN_WEEKDAYS[d.getUTCDay()]}, ${EN_MONTHS[m(d) - 1]} ${dd(d)}, ${y(d)}`, locale: 'en', needsYear: true }),
  writtenDayFirst: d => ({ text: `${dd(d)} ${EN_MONTHS[m(d) - 1]} ${y(d)}`, locale: 'en', needsYear: true }),
  writtenOrdinalOf: d => ({ text: `the ${ordinal(dd(d))} of ${EN_MONTHS[m(d) - 1]}, ${y(d)}`, locale: 'en', needsYear: true }),
  writtenHyphenated: d => ({ text: `${pad(dd(d))}-${EN_MONTHS[m(d) - 1]?.slice(0, 3)}-${y(d)}`, locale: 'en', needsYear: true }),
  french: d => ({ text: `${dd(d) === 1 ? '1er' : dd(d)} ${FR_MONTHS[m(d) - 1]} ${y(d)}`, locale: 'fr', needsYear: true }),
  frenchWithWeekday: d => ({ text: `${FR_WEEKDAYS[d.getUTCDay()]} ${dd(d)} ${FR_MONTHS[m(d) - 1]} ${y(d)}`, locale: 'fr', needsYear: true }),
  noYearMonthFirst: d => ({ text: `${EN_MONTHS[m(d) - 1]} ${dd(d)}`, locale: 'en', needsYear: false }),
  noYearWeekday: d => ({ text: `${EN_WEEKDAYS[d.getUTCDay()]}, ${EN_ABBREVIATIONS[m(d) - 1]} ${ordinal(dd(d))}`, locale: 'en', needsYear: false }),
  noYearFrench: d => ({ text: `${dd(d) === 1 ? '1er' : dd(d)} ${FR_MONTHS[m(d) - 1]}`, locale: 'fr', needsYear: false }),
}

const incidentArbitrary = fc.date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })

function context(incident: Date, locale: OutputLocale) {
  return { incidentDate: iso(incident), registry: { people: [], places: [], identifiers: [] }, options: { locale } }
}

describe('date shifting', () => {
  it.each(Object.keys(formats))('turns any %s date into the right Day offset', name => {
    const format = formats[name] as Format
    fc.assert(
      fc.property(incidentArbitrary, fc.integer({ min: -1500, max: 1500 }), (incidentAt, span) => {
        const incident = new Date(Date.UTC(incidentAt.getUTCFullYear(), incidentAt.getUTCMonth(), incidentAt.getUTCDate()))
        const written = format(new Date(incident.getTime()))
        // Without a year, only dates within four months of the incident are unambiguous.
        const offset = written.needsYear ? span : Math.trunc(span / 12)
        const date = new Date(incident.getTime() + offset * MS_PER_DAY)
        const mention = format(date)
        const result = compileAnonymiser(context(incident, mention.locale))(`Seen ${mention.text} by the worker.`)
        const expected = dayLabel(offset, mention.locale) + (mention.time === undefined ? '' : ` ${mention.time}`)
        const dates = result.replacements.filter(r => r.kind === 'date')
        expect(dates.map(r => [r.original, r.replacement])).toEqual([[mention.text, expected]])
        expect(result.text).toBe(`Seen ${expected} by the worker.`)
      }),
      { numRuns: 150, seed: 20250318 },
    )
  })

  it('reads ambiguous numeric dates month-first in English and day-first in French', () => {
    const base = { incidentDate: '2025-03-18', registry: {} }
    expect(compileAnonymiser({ ...base, options: { locale: 'en' } })('on 03/04/2025').text).toBe('on Day -14')
    expect(compileAnonymiser({ ...base, options: { locale: 'fr' } })('le 03/04/2025').text).toBe('le Jour +16')
    expect(compileAnonymiser({ ...base, options: { locale: 'en', numericDateOrder: 'day_first' } })('on 03/04/2025').text).toBe('on Day +16')
    // A part above 12 settles the order whatever the locale.
    expect(compileAnonymiser({ ...base, options: { locale: 'fr' } })('le 03/29/2025').text).toBe('le Jour +11')
  })

  it('takes abbreviated weekdays with the date they introduce, and only then', () => {
    const anonymiseText = compileAnonymiser({ incidentDate: '2025-03-18', registry: {} })
    expect(anonymiseText('Tues., March 4th: call. Thurs 6 Mar 2025 14:10. She sat 3 March visits.').text).toBe(
      'Day -14: call. Day -12 14:10. She sat Day -15 visits.',
    )
  })

  it('turns month-year mentions into calendar-month offsets', () => {
    const anonymiseText = compileAnonymiser({ incidentDate: '2025-03-18', registry: {} })
    expect(anonymiseText('in March 2024 and mars 2025, then Dec. 2024').text).toBe('in Month -12 and Month 0, then Month -3')
  })

  it('turns day ranges into offset ranges', () => {
    expect(compileAnonymiser({ incidentDate: '2025-03-18', registry: {} })('from March 3-5, 2025').text).toBe('from Day -15 to Day -13')
    expect(compileAnonymiser({ incidentDate: '2024-06-14', registry: {}, options: { locale: 'fr' } })('du 3 au 5 juin').text).toBe('du Jour -11 au Jour -9')
  })

  it('removes birth dates instead of shifting them', () => {
    const anonymiseText = compileAnonymiser({
      incidentDate: '2025-03-18',
      registry: { people: [{ id: 'c1', name: 'Ruby Calder', role: 'child', pseudonym: 'Child 1', birthDate: '2024-10-02' }] },
    })
    expect(anonymiseText('born 2024-10-02; DOB: 10/02/2024; date of birth: October 2, 2024; b. Oct 2 (2024-10-02)').text).toBe(
      'born [birth date]; DOB: [birth date]; date of birth: [birth date]; b. [birth date] ([birth date])',
    )
    expect(compileAnonymiser({ incidentDate: '2024-06-14', registry: {}, options: { locale: 'fr' } })('née le 3 mai 2019').text).toBe(
      'née le [date de naissance]',
    )
  })

  it('leaves years, times, fractions, impossible dates and plain numbers alone', () => {
    const anonymiseText = compileAnonymiser({ incidentDate: '2025-03-18', registry: {} })
    const text = 'In 2024 at 10:30, 3/4 of the visits, Day 4, February 30, 2025, 24/7, 6-8 weeks, version 1.2.3.'
    expect(anonymiseText(text).text).toBe(text)
  })

  it('expands two-digit years into the window around the incident', () => {
    expect(expandTwoDigitYear(25, 2025)).toBe(2025)
    expect(expandTwoDigitYear(35, 2025)).toBe(2035)
    expect(expandTwoDigitYear(36, 2025)).toBe(1936)
    expect(expandTwoDigitYear(96, 2025)).toBe(1996)
  })

  it('gives a year-less date the year nearest to the incident', () => {
    const incident = { year: 2025, month: 1, day: 10 }
    expect(inferYear(12, 20, incident)).toBe(2024)
    expect(inferYear(3, 1, incident)).toBe(2025)
    expect(inferYear(2, 29, incident)).toBe(2024)
  })
})
