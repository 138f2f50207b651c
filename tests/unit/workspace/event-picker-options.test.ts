// Typing in one event's text must not re-label every event of the pickers (ADR 0059): the
// options of unchanged events are the same objects as before, so a keystroke costs one label.
import * as Y from 'yjs'
import { describe, expect, test } from 'vitest'
import { applyCommands, initialiseReviewDoc, readReviewDoc, type TimelineEvent } from '~/domain/review-doc'
import { eventGroups } from '~/components/workspace/finding-fields'

function events(): TimelineEvent[] {
  const ydoc = new Y.Doc()
  initialiseReviewDoc(ydoc, { reviewId: 'r-1' })
  applyCommands(ydoc, [
    { type: 'addEvent', id: 'e-1', date: '2025-01-10', description: 'Referral received.' },
    { type: 'addEvent', id: 'e-2', date: '2025-03-01T14:30', description: 'Home visit.' },
    { type: 'addEvent', id: 'e-3', date: '2025-04-02' },
  ])
  return readReviewDoc(ydoc).doc.events
}

const optionsOf = (list: readonly TimelineEvent[], language = 'en') => eventGroups(list, language, '(no description)', 'Events')[0]?.options ?? []

describe('event picker options', () => {
  test('an event typed in is labelled again, the others keep their option', () => {
    const before = events()
    const first = optionsOf(before)
    // What the read model gives after a keystroke in e-2: a new object for e-2 only.
    const typed = before.map(event => (event.id === 'e-2' ? { ...event, description: { ...event.description, text: 'Home visit, typed.' } } : event))
    const second = optionsOf(typed)
    expect(second.map(option => option.id)).toEqual(['e-1', 'e-2', 'e-3'])
    expect(second[0]).toBe(first[0])
    expect(second[2]).toBe(first[2])
    expect(second[1]).not.toBe(first[1])
    expect(second[1]?.label).toContain('Home visit, typed.')
    expect(second[2]?.label).toContain('(no description)')
  })

  test('another language or empty text gives new labels', () => {
    const list = events()
    const english = optionsOf(list, 'en')
    const french = optionsOf(list, 'fr')
    expect(french[0]).not.toBe(english[0])
    expect(french[0]?.label).toMatch(/janvier/)
    expect(optionsOf(list, 'en')[0]?.label).toMatch(/January/)
    expect(eventGroups(list, 'en', '(vide)', 'Events')[0]?.options[2]?.label).toContain('(vide)')
  })
})
