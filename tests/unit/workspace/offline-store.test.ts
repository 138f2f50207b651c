import { describe, expect, it } from 'vitest'
import {
  cachesToClear,
  OFFLINE_ASSET_CACHE,
  reviewPageCacheName,
  reviewStoreName,
  storesToClear,
  STORE_MAX_AGE_DAYS,
} from '../../../app/components/workspace/offline-store'

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

describe('which kept workspace pages (Cache Storage) are cleared with the copies', () => {
  const myPage = reviewPageCacheName('user-a', 'review-1')
  const myOtherPage = reviewPageCacheName('user-a', 'review-2')
  const theirPage = reviewPageCacheName('user-b', 'review-1')
  const caches = [myPage, myOtherPage, theirPage, OFFLINE_ASSET_CACHE, 'some-other-cache']

  it('clears every page and the scripts on sign-out, and no other cache', () => {
    expect(cachesToClear(caches, { kind: 'signed-out' }).sort()).toEqual([myPage, myOtherPage, theirPage, OFFLINE_ASSET_CACHE].sort())
  })

  it('clears only the page of the review whose access ended, keeping the scripts the others need', () => {
    expect(cachesToClear(caches, { kind: 'access-ended', userId: 'user-a', reviewId: 'review-1' })).toEqual([myPage])
    expect(cachesToClear([myPage, OFFLINE_ASSET_CACHE], { kind: 'access-ended', userId: 'user-a', reviewId: 'review-1' }).sort()).toEqual(
      [myPage, OFFLINE_ASSET_CACHE].sort(),
    )
  })

  it('while someone is signed in, clears other people’s pages and pages whose copy went unused too long', () => {
    const now = Date.parse('2026-12-04T12:00:00Z')
    const lastUsed = { [mine]: now - DAY, [mineToo]: now - (STORE_MAX_AGE_DAYS + 1) * DAY }
    expect(cachesToClear(caches, { kind: 'signed-in', userId: 'user-a', now, lastUsed }).sort()).toEqual([myOtherPage, theirPage].sort())
    expect(cachesToClear(caches, { kind: 'signed-in', userId: 'user-a', now: now + STORE_MAX_AGE_DAYS * DAY, lastUsed }).sort()).toEqual(
      [myPage, myOtherPage, theirPage, OFFLINE_ASSET_CACHE].sort(),
    )
  })
})
