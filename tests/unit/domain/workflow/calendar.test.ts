import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dayNumber as anonymiserDayNumber } from '~/domain/anonymise'
import { daysBetween as caseFileDaysBetween, shiftDay } from '~/domain/case-file'
import { dayOffset } from '~/domain/export'
import { addDays, calendarDateOf, dayFromParts, dayNumber, daysBetween, formatDay, looseDayNumber, parseTimelineDate } from '~/domain/workflow/calendar'

describe('parseTimelineDate', () => {
  it('reads a date and a date with a time', () => {
    expect(parseTimelineDate('1970-01-02')).toEqual({ day: 1 })
    expect(parseTimelineDate('1970-01-01T09:30')).toEqual({ day: 0, minutes: 570 })
  })

  it.each([
    '2025-02-29',
    '2025-02-30',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-1-1',
    '2025-01-01T24:00',
    '2025-01-01T10:60',
    '',
    'yesterday',
    '2025-01-01T10:00:00',
  ])('rejects %j', text => {
    expect(parseTimelineDate(text)).toBeNull()
  })

  it('accepts 29 February only in leap years', () => {
    expect(parseTimelineDate('2024-02-29')).not.toBeNull()
    expect(parseTimelineDate('2000-02-29')).not.toBeNull()
    expect(parseTimelineDate('1900-02-29')).toBeNull()
  })

  it('keeps years below 100 as written', () => {
    expect(formatDay(dayNumber('0050-06-01'))).toBe('0050-06-01')
  })
})

describe('day arithmetic', () => {
  it('crosses month ends, year ends and leap days', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01')
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01')
    expect(daysBetween('2024-11-06', '2025-03-18')).toBe(132)
  })

  it('round-trips every day between 1900 and 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('2200-12-31') }), day => {
        expect(dayNumber(formatDay(day))).toBe(day)
      }),
    )
  })

  it('adds and subtracts consistently', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000 }), fc.integer({ min: -1000, max: 1000 }), (day, delta) => {
        const date = formatDay(day)
        expect(daysBetween(date, addDays(date, delta))).toBe(delta)
      }),
    )
  })

  it('throws on a non-date', () => {
    expect(() => dayNumber('2025-02-30')).toThrow(RangeError)
  })
})

describe('calendarDateOf', () => {
  it('gives the UTC date without a zone and the wall-calendar date with one', () => {
    const lateEvening = new Date('2025-03-02T02:30:00Z') // 21:30 on 1 March in Toronto
    expect(calendarDateOf(lateEvening)).toBe('2025-03-02')
    expect(calendarDateOf(lateEvening, 'America/Toronto')).toBe('2025-03-01')
    expect(calendarDateOf(lateEvening, 'Pacific/Auckland')).toBe('2025-03-02')
  })
})

describe('one day number for the whole domain', () => {
  it('is shared by the anonymiser, exports and case files', () => {
    expect(anonymiserDayNumber({ year: 2025, month: 3, day: 18 })).toBe(dayNumber('2025-03-18'))
    expect(dayOffset('2025-03-18T10:00', '2025-03-01')).toBe(daysBetween('2025-03-01', '2025-03-18'))
    expect(caseFileDaysBetween('2024-02-28', '2024-03-01')).toBe(daysBetween('2024-02-28', '2024-03-01'))
    expect(shiftDay('2024-02-28T09:30', 2)).toBe('2024-03-01T09:30')
  })

  it('does not read years 0-99 as 1900-1999', () => {
    expect(anonymiserDayNumber({ year: 50, month: 1, day: 1 })).toBe(dayFromParts(50, 1, 1))
    expect(formatDay(dayFromParts(50, 1, 1))).toBe('0050-01-01')
    expect(looseDayNumber('0050-01-01')).toBe(dayFromParts(50, 1, 1))
  })

  it('rolls over loosely, or refuses strictly', () => {
    expect(looseDayNumber('2025-02-30')).toBe(dayNumber('2025-03-02'))
    expect(Number.isNaN(looseDayNumber('not a day'))).toBe(true)
    expect(() => dayNumber('2025-02-30')).toThrow(RangeError)
  })
})
