import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyCommand, readReviewDoc, ReviewCommandError, type ReviewCommand } from '../../../../app/domain/review-doc'
import { concurrently, read, replicaOf, seededReviewDoc, sync } from './fixtures'

describe('two replicas editing concurrently', () => {
  it('merge edits to different fields of the same event', () => {
    const { alice, bob } = concurrently(
      [{ type: 'updateEvent', id: 'e-referral', patch: { keyPracticeEpisode: true } }],
      [{ type: 'updateEvent', id: 'e-referral', patch: { stage: 'engagement', approximate: true } }],
    )
    const fromAlice = read(alice)
    expect(fromAlice).toEqual(read(bob))
    expect(fromAlice.events.find(e => e.id === 'e-referral')).toMatchObject({
      keyPracticeEpisode: true,
      stage: 'engagement',
      approximate: true,
    })
  })

  it('merge edits to different fields of the same recommendation and person', () => {
    const { alice, bob } = concurrently(
      [
        { type: 'updateRecommendation', id: 'r-cap', patch: { owner: 'Deputy director' } },
        { type: 'updatePerson', id: 'p-child', patch: { birthDate: '2024-10-02' } },
      ],
      [
        { type: 'updateRecommendation', id: 'r-cap', patch: { status: 'accepted', dueDate: null } },
        { type: 'updatePerson', id: 'p-child', patch: { aliases: ['Ruby', 'Rubes'] } },
      ],
    )
    const doc = read(alice)
    expect(doc).toEqual(read(bob))
    expect(doc.recommendations[0]).toMatchObject({ owner: 'Deputy director', status: 'accepted' })
    expect(doc.recommendations[0]?.dueDate).toBeUndefined()
    expect(doc.people[0]).toMatchObject({ birthDate: '2024-10-02', aliases: ['Ruby', 'Rubes'] })
  })

  it('converge, keeping both texts, when both rewrite the same text field', () => {
    const { alice, bob } = concurrently(
      [{ type: 'updateUnmetNeed', id: 'n-safety', patch: { gap: 'from Alice' } }],
      [{ type: 'updateUnmetNeed', id: 'n-safety', patch: { gap: 'from Bob' } }],
    )
    expect(read(alice)).toEqual(read(bob))
    const gap = read(alice).unmetNeeds[0]?.gap ?? ''
    expect(gap).toContain('from Alice')
    expect(gap).toContain('from Bob')
  })

  it('keep both links when two people link different evidence at once, and a link added twice once', () => {
    const { alice, bob } = concurrently(
      [{ type: 'linkEvidence', findingId: 'f-workload', kind: 'event', targetId: 'e-incident' }],
      [
        { type: 'linkEvidence', findingId: 'f-workload', kind: 'event', targetId: 'e-incident' },
        { type: 'linkEvidence', findingId: 'f-workload', kind: 'account', targetId: 'acc-2' },
      ],
    )
    const evidence = read(alice).findings[0]?.evidence
    expect(read(bob).findings[0]?.evidence).toEqual(evidence)
    expect(evidence?.eventIds).toEqual(['e-referral', 'e-incident'])
    expect(evidence?.accountIds).toEqual(['acc-1', 'acc-2'])
  })

  it('keep both intents when one removes an actor while another adds a different one', () => {
    const { alice, bob } = concurrently(
      [{ type: 'updateEvent', id: 'e-referral', patch: { actorIds: [] } }],
      [{ type: 'updateEvent', id: 'e-referral', patch: { actorIds: ['p-worker', 'p-child'] } }],
    )
    expect(read(alice).events.find(e => e.id === 'e-referral')?.actorIds).toEqual(['p-child'])
    expect(read(bob)).toEqual(read(alice))
  })

  it('keep both value tags added concurrently', () => {
    const { alice } = concurrently(
      [{ type: 'tagFindingValue', findingId: 'f-workload', value: 'family_centered', rationale: 'a' }],
      [{ type: 'tagFindingValue', findingId: 'f-workload', value: 'workforce_informed', rationale: 'b' }],
    )
    expect(read(alice).findings[0]?.valueTags.map(t => t.value)).toEqual(['family_centered', 'workforce_informed', 'systems_focused'])
  })

  it('drop, with a warning, an actor added on one side while the person was removed on the other', () => {
    const { alice, bob } = concurrently(
      [{ type: 'removePerson', id: 'p-child' }],
      [{ type: 'updateEvent', id: 'e-referral', patch: { actorIds: ['p-worker', 'p-child'] } }],
    )
    const { doc, problems } = readReviewDoc(alice)
    expect(doc.events.find(e => e.id === 'e-referral')?.actorIds).toEqual(['p-worker'])
    expect(problems).toEqual([expect.objectContaining({ path: '/events/e-referral/actorIds', severity: 'warning' })])
    expect(readReviewDoc(bob)).toEqual(readReviewDoc(alice))
  })

  it('report a pseudonym given to two people concurrently', () => {
    const { alice } = concurrently([{ type: 'addPerson', id: 'x', name: 'Owen', role: 'child' }], [{ type: 'addPerson', id: 'y', name: 'Mia', role: 'child' }])
    const { doc, problems } = readReviewDoc(alice)
    expect(doc.people.filter(p => p.pseudonym === 'Child 2')).toHaveLength(2)
    expect(problems.some(p => p.path.endsWith('/pseudonym') && p.severity === 'warning')).toBe(true)
  })

  it('keep an ordered collection free of duplicates when both move the same item', () => {
    const alice = seededReviewDoc()
    applyCommand(alice, { type: 'addFinding', id: 'f2' })
    applyCommand(alice, { type: 'addFinding', id: 'f3' })
    const bob = replicaOf(alice)
    applyCommand(alice, { type: 'moveItem', collection: 'findings', id: 'f3', toIndex: 0 })
    applyCommand(bob, { type: 'moveItem', collection: 'findings', id: 'f3', toIndex: 1 })
    sync(alice, bob)
    const ids = read(alice).findings.map(f => f.id)
    expect(ids).toEqual(read(bob).findings.map(f => f.id))
    expect([...ids].sort()).toEqual(['f-workload', 'f2', 'f3'])
  })
})

// Random commands on two replicas, synced now and then: both must always read the same.
const eventId = fc.constantFrom('e-referral', 'e-incident', 'e-new')
const personId = fc.constantFrom('p-child', 'p-worker', 'p-new')
const command: fc.Arbitrary<ReviewCommand> = fc.oneof(
  fc.record({
    type: fc.constant('updateEvent' as const),
    id: eventId,
    patch: fc.record({ keyPracticeEpisode: fc.boolean() }),
  }),
  fc.record({
    type: fc.constant('updateEvent' as const),
    id: eventId,
    patch: fc.record({ actorIds: fc.uniqueArray(personId, { maxLength: 3 }) }),
  }),
  fc.record({ type: fc.constant('setEventDescription' as const), id: eventId, text: fc.string({ maxLength: 30 }) }),
  fc.record({ type: fc.constant('removeEvent' as const), id: eventId }),
  fc.record({ type: fc.constant('addEvent' as const), id: eventId, date: fc.constantFrom('2025-01-01', '2025-01-02') }),
  fc.record({ type: fc.constant('removePerson' as const), id: personId }),
  fc.record({
    type: fc.constant('addPerson' as const),
    id: personId,
    name: fc.constant('Someone'),
    role: fc.constantFrom('child' as const, 'worker' as const),
  }),
  fc.record({
    type: fc.constant('linkEvidence' as const),
    findingId: fc.constant('f-workload'),
    kind: fc.constant('event' as const),
    targetId: eventId,
  }),
  fc.record({
    type: fc.constant('unlinkEvidence' as const),
    findingId: fc.constant('f-workload'),
    kind: fc.constant('event' as const),
    targetId: eventId,
  }),
)

describe('convergence (property)', () => {
  it('replicas applying random commands and syncing read the same document', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), command, fc.boolean()), { maxLength: 25 }), steps => {
        const alice = seededReviewDoc()
        const bob = replicaOf(alice)
        for (const [onAlice, step, syncAfter] of steps) {
          try {
            applyCommand(onAlice ? alice : bob, step)
          } catch (error) {
            // Commands invalid for the replica's current state are expected and must not write.
            if (!(error instanceof ReviewCommandError)) throw error
          }
          if (syncAfter) sync(alice, bob)
        }
        sync(alice, bob)
        const a = readReviewDoc(alice)
        const b = readReviewDoc(bob)
        expect(b.doc).toEqual(a.doc)
        expect(a.problems.filter(p => p.severity === 'error')).toEqual([])
      }),
      { numRuns: 150 },
    )
  })
})
