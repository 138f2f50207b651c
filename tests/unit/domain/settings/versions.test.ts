// Settings are never retroactive (ADR 0036): the pure rules of versions and switching.
import { expect, test } from 'vitest'
import { moveItem, newerVersions, nextVersionNumber, pinsForNewReview, removeItem, replaceItem, switchToNewer, unusedId } from '~/domain/settings-versions'

test('versions count from 1 after the shipped defaults (0)', () => {
  expect(nextVersionNumber(null)).toBe(1)
  expect(nextVersionNumber(undefined)).toBe(1)
  expect(nextVersionNumber(4)).toBe(5)
})

test('a new review is opened with the versions in force, as a copy', () => {
  const inForce = { practiceStandards: 3, factorFramework: 1 }
  const pins = pinsForNewReview(inForce)
  expect(pins).toEqual(inForce)
  inForce.practiceStandards = 4
  expect(pins.practiceStandards).toBe(3)
})

test('a review sees which kinds have a newer version, and only newer ones', () => {
  expect(newerVersions({ practiceStandards: 2, factorFramework: 1 }, { practiceStandards: 2, factorFramework: 1 })).toEqual({
    practiceStandards: null,
    factorFramework: null,
    any: false,
  })
  expect(newerVersions({ practiceStandards: 1, factorFramework: 1 }, { practiceStandards: 3, factorFramework: 1 })).toEqual({
    practiceStandards: 3,
    factorFramework: null,
    any: true,
  })
  expect(newerVersions({ practiceStandards: 0, factorFramework: 0 }, { practiceStandards: 0, factorFramework: 2 })).toEqual({
    practiceStandards: null,
    factorFramework: 2,
    any: true,
  })
})

test('switching moves each out-of-date kind to the version in force and says from where to where', () => {
  const change = switchToNewer({ practiceStandards: 1, factorFramework: 2 }, { practiceStandards: 3, factorFramework: 2 })
  expect(change).toEqual({ pins: { practiceStandards: 3, factorFramework: 2 }, changes: { practiceStandards: { from: 1, to: 3 } } })
  expect(switchToNewer({ practiceStandards: 0, factorFramework: 0 }, { practiceStandards: 1, factorFramework: 1 })?.changes).toEqual({
    practiceStandards: { from: 0, to: 1 },
    factorFramework: { from: 0, to: 1 },
  })
})

test('switching is never backwards and is nothing when the review is up to date', () => {
  expect(switchToNewer({ practiceStandards: 2, factorFramework: 2 }, { practiceStandards: 2, factorFramework: 2 })).toBeNull()
  // A pin above what is in force cannot happen through the product; it is left alone all the same.
  expect(switchToNewer({ practiceStandards: 5, factorFramework: 1 }, { practiceStandards: 2, factorFramework: 1 })).toBeNull()
})

test('list edits for the form editors return new lists and ignore moves past either end', () => {
  const list = ['a', 'b', 'c']
  expect(moveItem(list, 0, 1)).toEqual(['b', 'a', 'c'])
  expect(moveItem(list, 2, -2)).toEqual(['c', 'a', 'b'])
  expect(moveItem(list, 0, -1)).toEqual(list)
  expect(moveItem(list, 2, 1)).toEqual(list)
  expect(moveItem(list, 7, -1)).toEqual(list)
  expect(removeItem(list, 1)).toEqual(['a', 'c'])
  expect(replaceItem(list, 1, 'x')).toEqual(['a', 'x', 'c'])
  expect(list).toEqual(['a', 'b', 'c'])
})

test('a new entry gets an id nobody uses yet', () => {
  expect(unusedId('new-standard', ['safety-plan'])).toBe('new-standard')
  expect(unusedId('new-standard', ['new-standard', 'new-standard-2'])).toBe('new-standard-3')
})
