// A change to events only is read one event at a time in the workspace (ADR 0054): the result
// must be exactly what a full read of the document gives, and anything unusual must ask for
// a full read instead.
import * as Y from 'yjs'
import { describe, expect, test } from 'vitest'
import { applyCommand, applyCommands, initialiseReviewDoc, readReviewDoc, type ReviewCommand } from '~/domain/review-doc'
import { changedEventIds, withEvents } from '~/components/workspace/use-review-document'

function setUp() {
  const ydoc = new Y.Doc()
  initialiseReviewDoc(ydoc, { reviewId: 'r-1' })
  applyCommands(ydoc, [
    { type: 'addPerson', id: 'p-1', name: 'Ruby Calder', role: 'child' },
    { type: 'addEvent', id: 'e-1', date: '2025-01-10', description: 'Referral received.' },
    { type: 'addEvent', id: 'e-2', date: '2025-03-01', actorIds: ['p-1'] },
  ])
  return { ydoc, before: readReviewDoc(ydoc).doc }
}

/** Applies a command and reads the events it changed incrementally (null: a full read). */
function incrementally(ydoc: Y.Doc, previous: ReturnType<typeof setUp>['before'], command: ReviewCommand) {
  const ids = new Set<string>()
  let eventsOnly = true
  const events = ydoc.getMap<unknown>('events')
  const listener = (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed) {
      if (changedEventIds(events, type, keys, ids)) continue
      // Rich text roots are handled elsewhere (withRichText); anything else is a full read.
      const root = [...ydoc.share].find(([, shared]) => shared === type)?.[0] ?? ''
      if (!/^event:.*:description$/.test(root)) eventsOnly = false
    }
  }
  ydoc.on('afterTransaction', listener)
  applyCommand(ydoc, command)
  ydoc.off('afterTransaction', listener)
  return eventsOnly ? withEvents(ydoc, previous, ids) : null
}

describe('events read one at a time', () => {
  const commands: ReviewCommand[] = [
    { type: 'addEvent', id: 'e-3', date: '2025-02-01', stage: 'referral', source: 'Intake log', description: 'A call.', actorIds: ['p-1'] },
    { type: 'addEvent', id: 'e-0', date: '2024-12-31' },
    { type: 'addEvent', id: 'e-4', date: '2025-03-01', order: -1 },
    { type: 'updateEvent', id: 'e-1', patch: { keyPracticeEpisode: true } },
    { type: 'updateEvent', id: 'e-1', patch: { date: '2025-04-01' } },
    { type: 'updateEvent', id: 'e-2', patch: { actorIds: [], approximate: true, stage: 'assessment' } },
  ]
  for (const command of commands) {
    test(`${command.type} ${JSON.stringify(command)} reads as a full read does`, () => {
      const { ydoc, before } = setUp()
      const next = incrementally(ydoc, before, command)
      expect(next).not.toBeNull()
      expect(next?.events).toEqual(readReviewDoc(ydoc).doc.events)
      // Unchanged events keep their objects: their rows do not re-render.
      const untouched = before.events.filter(event => !JSON.stringify(command).includes(`"${event.id}"`))
      for (const event of untouched) expect(next?.events).toContain(event)
    })
  }

  test('a removal asks for a full read', () => {
    const { ydoc, before } = setUp()
    expect(incrementally(ydoc, before, { type: 'removeEvent', id: 'e-1' })?.events ?? null).toBeNull()
  })

  test('a reference to a person the view does not know asks for a full read', () => {
    const { ydoc, before } = setUp()
    applyCommand(ydoc, { type: 'addPerson', id: 'p-2', name: 'Priya Raman', role: 'worker' })
    expect(incrementally(ydoc, before, { type: 'updateEvent', id: 'e-1', patch: { actorIds: ['p-2'] } })).toBeNull()
  })
})
