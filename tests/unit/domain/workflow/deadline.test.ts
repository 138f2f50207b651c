import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, formatDay } from '~/domain/workflow/calendar'
import { daysLeft, reviewDeadline } from '~/domain/workflow/deadline'

describe('reviewDeadline', () => {
  it('is 90 calendar days after the incident by default', () => {
    expect(reviewDeadline('2025-03-18')).toBe('2025-06-16')
  })

  it('takes another number of days', () => {
    expect(reviewDeadline('2025-03-18', 30)).toBe('2025-04-17')
    expect(reviewDeadline('2025-03-18', 0)).toBe('2025-03-18')
  })

  it('crosses month ends and leap days', () => {
    expect(reviewDeadline('2024-12-01')).toBe('2025-03-01') // Dec 31 + Jan 31 + Feb 28
    expect(reviewDeadline('2023-12-01')).toBe('2024-02-29') // 2024 is a leap year
    expect(reviewDeadline('2025-11-30', 1)).toBe('2025-12-01')
    expect(reviewDeadline('2025-10-31', 31)).toBe('2025-12-01')
  })

  it('ignores a time of day on the incident date', () => {
    expect(reviewDeadline('2025-03-18T23:59')).toBe('2025-06-16')
  })

  it('with today, gives the due date and the days left (the review list shape)', () => {
    expect(reviewDeadline('2025-03-18', '2025-06-20')).toEqual({ dueDate: '2025-06-16', daysLeft: -4 })
    expect(reviewDeadline('2025-03-18', new Date('2025-06-16T23:00:00Z'))).toEqual({ dueDate: '2025-06-16', daysLeft: 0 })
    expect(reviewDeadline('2025-03-18', '2025-03-18', 10)).toEqual({ dueDate: '2025-03-28', daysLeft: 10 })
  })

  it('rejects bad input loudly', () => {
    expect(() => reviewDeadline('2025-02-30')).toThrow(RangeError)
    expect(() => reviewDeadline('2025-03-18', -1)).toThrow(RangeError)
    expect(() => reviewDeadline('2025-03-18', 1.5)).toThrow(RangeError)
  })
})

describe('daysLeft', () => {
  it('counts down to 0 on the due date and goes negative after', () => {
    expect(daysLeft('2025-03-18', '2025-03-18')).toBe(90)
    expect(daysLeft('2025-03-18', '2025-06-15')).toBe(1)
    expect(daysLeft('2025-03-18', '2025-06-16')).toBe(0)
    expect(daysLeft('2025-03-18', '2025-06-17')).toBe(-1)
  })

  it('is not shifted by daylight-saving changes', () => {
    // North American clocks spring forward on 2025-03-09 and fall back on 2025-11-02;
    // European ones on 2025-03-30 and 2025-10-26. None of it changes a count of calendar days.
    expect(daysLeft('2025-03-01', '2025-03-08')).toBe(83)
    expect(daysLeft('2025-03-01', '2025-03-10')).toBe(81)
    expect(daysLeft('2025-08-15', '2025-11-01')).toBe(12)
    expect(daysLeft('2025-08-15', '2025-11-03')).toBe(10)
  })

  it('reads an instant as its UTC calendar date', () => {
    expect(daysLeft('2025-03-18', new Date('2025-06-16T00:00:00Z'))).toBe(0)
    expect(daysLeft('2025-03-18', new Date('2025-06-16T23:59:59Z'))).toBe(0)
    expect(daysLeft('2025-03-18', new Date('2025-06-17T00:00:00Z'))).toBe(-1)
  })

  it('drops by exactly one per calendar day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000, max: 30_000 }), fc.integer({ min: -400, max: 400 }), (incidentDay, offset) => {
        const incident = formatDay(incidentDay)
        const today = addDays(incident, offset)
        expect(daysLeft(incident, today)).toBe(90 - offset)
        expect(daysLeft(incident, addDays(today, 1))).toBe(89 - offset)
      }),
    )
  })
})
