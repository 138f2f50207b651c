import { expect, test } from 'vitest'
import { isExpired, purgeDueAt } from '~/domain/retention'

const closed = (iso: string, legalHold = false) => ({ closedAt: new Date(iso), legalHold })

test('a closed review is due the given number of calendar years after it closed', () => {
  expect(purgeDueAt(closed('2020-03-15T10:00:00Z'), 7)?.toISOString()).toBe('2027-03-15T10:00:00.000Z')
  // 29 February rolls to 1 March in a common year.
  expect(purgeDueAt(closed('2024-02-29T00:00:00Z'), 1)?.toISOString()).toBe('2025-03-01T00:00:00.000Z')
  expect(isExpired(closed('2020-03-15T10:00:00Z'), 7, new Date('2027-03-15T09:59:59Z'))).toBe(false)
  expect(isExpired(closed('2020-03-15T10:00:00Z'), 7, new Date('2027-03-15T10:00:00Z'))).toBe(true)
})

test('open reviews, held reviews and jurisdictions without a setting are kept', () => {
  const now = new Date('2100-01-01T00:00:00Z')
  expect(isExpired({ closedAt: null, legalHold: false }, 1, now)).toBe(false)
  expect(isExpired(closed('2000-01-01T00:00:00Z', true), 1, now)).toBe(false)
  expect(isExpired(closed('2000-01-01T00:00:00Z'), null, now)).toBe(false)
  expect(purgeDueAt(closed('2000-01-01T00:00:00Z', true), 1)).toBeNull()
})
