import { describe, expect, it } from 'vitest'
import { reviewStoreName, storesToClear, STORE_MAX_AGE_DAYS } from '../../../app/components/workspace/offline-store'

const DAY = 24 * 60 * 60 * 1000
const mine = reviewStoreName('user-a', 'review-1')
const mineToo = reviewStoreName('user-a', 'review-2')
const theirs = reviewStoreName('user-b', 'review-1')
// Staff drafts and anything else in the origin are not review copies.
const others = ['scir-account:acc-1', 'some-other-db']
const all = [mine, mineToo, theirs, ...others]

describe('which offline copies of review documents are cleared', () => {
  it('clears every review copy on sign-out, and nothing else', () => {
    expect(storesToClear(all, { kind: 'signed-out' }).sort()).toEqual([mine, mineToo, theirs].sort())
  })

  it('clears only the review whose access ended, for that user', () => {
    expect(storesToClear(all, { kind: 'access-ended', userId: 'user-a', reviewId: 'review-1' })).toEqual([mine])
  })

  it('while someone is signed in, clears other people’s copies and copies unused for too long', () => {
    const now = Date.parse('2026-12-04T12:00:00Z')
    const lastUsed = { [mine]: now - DAY, [mineToo]: now - (STORE_MAX_AGE_DAYS + 1) * DAY }
    expect(storesToClear(all, { kind: 'signed-in', userId: 'user-a', now, lastUsed }).sort()).toEqual([mineToo, theirs].sort())
    expect(storesToClear(all, { kind: 'signed-in', userId: 'user-b', now, lastUsed }).sort()).toEqual([mine, mineToo].sort())
  })

  it('names copies per user and review', () => {
    expect(mine).not.toBe(theirs)
    expect(mine).not.toBe(mineToo)
  })
})
