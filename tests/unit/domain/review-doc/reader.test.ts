import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { applyCommand, readReviewDoc } from '../../../../app/domain/review-doc'
import { newReviewDoc, seededReviewDoc } from './fixtures'

describe('readReviewDoc', () => {
  it('reports an invalid entity with its path and leaves it out, keeping the rest', () => {
    const ydoc = seededReviewDoc()
    const broken = new Y.Map<unknown>()
    ydoc.getMap('events').set('e-broken', broken)
    broken.set('date', '2025-02-30')
    broken.set('stage', 'not-a-stage')
    const { doc, problems } = readReviewDoc(ydoc)
    expect(doc.events.map(e => e.id)).toEqual(['e-referral', 'e-incident'])
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '/events/e-broken/date', message: '2025-02-30 is not a real calendar date', severity: 'error' },
        expect.objectContaining({ path: '/events/e-broken/stage', severity: 'error' }),
        expect.objectContaining({ path: '/events/e-broken', message: 'is invalid and was left out' }),
      ]),
    )
  })

  it('reports an entity that is not a map, and a root of the wrong kind, without throwing', () => {
    const ydoc = new Y.Doc()
    // Some other code claimed "findings" as text before anything read it as the Y.Map it is.
    ydoc.getText('findings').insert(0, 'oops')
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(seededReviewDoc()))
    ydoc.getMap('people').set('p-odd', 'Ruby')
    const { doc, problems } = readReviewDoc(ydoc)
    expect(doc.people.map(p => p.id)).toEqual(['p-child', 'p-worker'])
    expect(doc.findings).toEqual([])
    expect(problems.map(p => p.path)).toEqual(expect.arrayContaining(['/people/p-odd', '/findings']))
  })

  it('reports a rich-text field stored as the wrong kind of type and reads it as empty', () => {
    const ydoc = seededReviewDoc()
    ydoc.getArray('event:e-incident:description').push(['x'])
    const { doc, problems } = readReviewDoc(ydoc)
    expect(doc.events.find(e => e.id === 'e-incident')?.description.text).toBe('')
    expect(problems.map(p => p.path)).toContain('/event:e-incident:description')
  })

  it('cleans the stored order: duplicates and removed ids are skipped, unlisted ids go last', () => {
    const ydoc = seededReviewDoc()
    const order = ydoc.getArray<string>('peopleOrder')
    order.push(['p-child', 'ghost'])
    const extra = new Y.Map<unknown>()
    ydoc.getMap('people').set('a-unlisted', extra)
    extra.set('name', 'A')
    extra.set('role', 'other')
    extra.set('pseudonym', 'Person 1')
    expect(readReviewDoc(ydoc).doc.people.map(p => p.id)).toEqual(['p-child', 'p-worker', 'a-unlisted'])
  })

  it('says when a document is not initialised, or newer than this code', () => {
    expect(readReviewDoc(new Y.Doc()).problems).toEqual([expect.objectContaining({ path: '/meta/schemaVersion', severity: 'warning' })])
    const newer = newReviewDoc()
    newer.getMap('meta').set('schemaVersion', 7)
    const { doc, problems } = readReviewDoc(newer)
    expect(doc.schemaVersion).toBe(7)
    expect(problems).toEqual([expect.objectContaining({ path: '/meta/schemaVersion', severity: 'error' })])
  })

  it('ignores keys it does not know (forward compatible with additive changes)', () => {
    const ydoc = seededReviewDoc()
    ;(ydoc.getMap('people').get('p-child') as Y.Map<unknown>).set('favouriteColour', 'green')
    const { doc, problems } = readReviewDoc(ydoc)
    expect(problems).toEqual([])
    expect(doc.people[0]).not.toHaveProperty('favouriteColour')
  })

  it('keeps the identity of unchanged entities between reads, and only of those', () => {
    const ydoc = seededReviewDoc()
    const first = readReviewDoc(ydoc).doc
    applyCommand(ydoc, { type: 'updateEvent', id: 'e-incident', patch: { keyPracticeEpisode: true } })
    const second = readReviewDoc(ydoc).doc
    expect(second.events[0]).toBe(first.events[0])
    expect(second.people[0]).toBe(first.people[0])
    expect(second.events[1]).not.toBe(first.events[1])
    expect(second.events[1]?.keyPracticeEpisode).toBe(true)
    applyCommand(ydoc, { type: 'setEventDescription', id: 'e-referral', text: 'Changed' })
    expect(readReviewDoc(ydoc).doc.events[0]?.description.text).toBe('Changed')
  })

  it('does not let a dropped reference leak into later reads', () => {
    const ydoc = seededReviewDoc()
    // A reference to a person who is not (yet) in the registry, as after a concurrent removal.
    ;((ydoc.getMap('events').get('e-incident') as Y.Map<unknown>).get('actorIds') as Y.Array<string>).push(['p-late'])
    expect(readReviewDoc(ydoc).doc.events[1]?.actorIds).toEqual(['p-child', 'p-worker'])
    applyCommand(ydoc, { type: 'addPerson', id: 'p-late', name: 'Late', role: 'relative' })
    expect(readReviewDoc(ydoc).doc.events[1]?.actorIds).toEqual(['p-child', 'p-worker', 'p-late'])
  })

  it('never throws whatever is written into the collections (property)', () => {
    const collections = ['people', 'places', 'identifiers', 'events', 'unmetNeeds', 'factorRatings', 'findings', 'recommendations']
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }))
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...collections),
            fc.string({ maxLength: 8 }),
            fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 5, noNullPrototype: true }),
            fc.boolean(),
          ),
        ),
        entries => {
          const ydoc = seededReviewDoc()
          for (const [collection, key, fields, asMap] of entries) {
            if (!asMap) {
              ydoc.getMap(collection).set(key, fields)
              continue
            }
            const entity = new Y.Map<unknown>()
            ydoc.getMap(collection).set(key, entity)
            for (const [field, v] of Object.entries(fields)) entity.set(field, v)
          }
          const { doc } = readReviewDoc(ydoc)
          expect(Array.isArray(doc.events)).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })
})
