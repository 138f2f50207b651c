import { expect, test } from 'vitest'
import { caseFileWithIncidentOn, daysBetween, shiftDay, validateCaseFile } from '~/domain/case-file'
import { childBirthDateOf, flagDate, localToday } from '~/domain/date-flags'
import { example } from './case-file/fixtures'

test('a date is flagged when it is after today or before the child was born; times of day do not matter', () => {
  const context = { today: '2026-12-04', childBirthDate: '2024-10-02' }
  expect(flagDate('2026-12-04T23:59', context)).toBeNull()
  expect(flagDate('2026-12-05', context)).toEqual({ kind: 'future' })
  expect(flagDate('2024-10-01T08:00', context)).toEqual({ kind: 'beforeBirth', birthDate: '2024-10-02' })
  expect(flagDate('2024-10-02', context)).toBeNull()
  expect(flagDate('2020-01-01', { today: '2026-12-04' })).toBeNull()
  expect(flagDate('', context)).toBeNull()
  expect(
    childBirthDateOf([
      { role: 'sibling', birthDate: '2021-06-11' },
      { role: 'child', birthDate: '2024-10-02' },
    ]),
  ).toBe('2024-10-02')
  expect(localToday(new Date(2026, 0, 9, 12))).toBe('2026-01-09')
})

test('a case file moves as a whole: same intervals, incident on the chosen day', () => {
  const result = validateCaseFile(example())
  if (!result.ok) throw new Error('example invalid')
  const moved = caseFileWithIncidentOn(result.caseFile, '2026-11-04')
  expect(moved.review.incidentDate).toBe('2026-11-04')
  const shift = daysBetween(result.caseFile.review.incidentDate, '2026-11-04')
  moved.timeline.forEach((e, i) => expect(e.date).toBe(shiftDay(result.caseFile.timeline[i]!.date, shift)))
  expect(moved.people.find(p => p.key === 'c1')?.birthDate).toBe(shiftDay('2024-10-02', shift))
  expect(shiftDay('2024-02-28T09:30', 1)).toBe('2024-02-29T09:30')
  expect(validateCaseFile(moved).ok).toBe(true)
})
