import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  applyCommand,
  countScalingDivergence,
  familyWorkerGap,
  migrateReviewDoc,
  readReviewDoc,
  scalingDiverged,
  type ReviewCommand,
} from '../../../../app/domain/review-doc'
import { expectRejected, read, replicaOf, seededReviewDoc, sync } from './fixtures'

const referralMap: ReviewCommand = {
  type: 'addSafetyMap',
  id: 'm-referral',
  date: '2024-11-06',
  title: 'At referral',
  eventIds: ['e-referral'],
  pastHarm: 'Bruise seen at daycare',
  strengths: 'Grandmother visits daily',
  scaling: { worker: 6, family: 9 },
}

describe('Signs of Safety maps in the review document', () => {
  it('adds a map with its three columns, danger statements, goals and scaling, and reads it back', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, referralMap)
    const { doc, problems } = readReviewDoc(ydoc)
    expect(problems).toEqual([])
    expect(doc.safetyMaps).toEqual([
      {
        id: 'm-referral',
        date: '2024-11-06',
        title: 'At referral',
        pastHarm: 'Bruise seen at daycare',
        futureDanger: '',
        complicatingFactors: '',
        strengths: 'Grandmother visits daily',
        existingSafety: '',
        dangerStatements: '',
        safetyGoals: '',
        nextSteps: '',
        eventIds: ['e-referral'],
        scaling: { worker: 6, family: 9 },
      },
    ])
    // Every text exists as a Y.Text from creation, so two first typists share one.
    const map = ydoc.getMap('safetyMaps').get('m-referral') as Y.Map<unknown>
    for (const field of [
      'pastHarm',
      'futureDanger',
      'complicatingFactors',
      'strengths',
      'existingSafety',
      'dangerStatements',
      'safetyGoals',
      'nextSteps',
      'title',
    ]) {
      expect(map.get(field), field).toBeInstanceOf(Y.Text)
    }
    expect(map.get('scaling')).toBeInstanceOf(Y.Map)
  })

  it('lists maps side by side in date order', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, { type: 'addSafetyMap', id: 'm-late', date: '2025-02-01' })
    applyCommand(ydoc, referralMap)
    applyCommand(ydoc, { type: 'addSafetyMap', id: 'm-mid', date: '2024-12-20' })
    expect(read(ydoc).safetyMaps.map(m => m.id)).toEqual(['m-referral', 'm-mid', 'm-late'])
    applyCommand(ydoc, { type: 'updateSafetyMap', id: 'm-late', patch: { date: '2024-01-01' } })
    expect(read(ydoc).safetyMaps.map(m => m.id)).toEqual(['m-late', 'm-referral', 'm-mid'])
  })

  it('updates texts, title and linked events; null clears the title', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, referralMap)
    applyCommand(ydoc, {
      type: 'updateSafetyMap',
      id: 'm-referral',
      patch: { dangerStatements: 'Worried Child 1 will be hit again', title: null, eventIds: ['e-referral', 'e-incident'] },
    })
    const [map] = read(ydoc).safetyMaps
    expect(map?.dangerStatements).toBe('Worried Child 1 will be hit again')
    expect(map?.title).toBeUndefined()
    expect(map?.eventIds).toEqual(['e-referral', 'e-incident'])
  })

  it('sets and clears one party’s 0-10 judgement', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, referralMap)
    applyCommand(ydoc, { type: 'setSafetyScaling', mapId: 'm-referral', party: 'supervisor', value: 0 })
    applyCommand(ydoc, { type: 'setSafetyScaling', mapId: 'm-referral', party: 'family', value: null })
    expect(read(ydoc).safetyMaps[0]?.scaling).toEqual({ worker: 6, supervisor: 0 })
  })

  it('refuses what the schema does not allow, writing nothing', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, referralMap)
    expectRejected(ydoc, { type: 'setSafetyScaling', mapId: 'm-referral', party: 'worker', value: 11 }, '/value')
    expectRejected(ydoc, { type: 'setSafetyScaling', mapId: 'm-referral', party: 'worker', value: 4.5 }, '/value')
    expectRejected(ydoc, { type: 'setSafetyScaling', mapId: 'm-referral', party: 'neighbour', value: 4 }, '/party')
    expectRejected(ydoc, { type: 'setSafetyScaling', mapId: 'm-nope', party: 'worker', value: 4 }, '/mapId')
    expectRejected(ydoc, { type: 'addSafetyMap', date: '2024-02-30' }, '/date')
    expectRejected(ydoc, { type: 'addSafetyMap', date: '2024-02-03', eventIds: ['e-missing'] }, '/eventIds/0')
    expectRejected(ydoc, { type: 'addSafetyMap', id: 'm-referral', date: '2024-02-03' }, '/id')
    expectRejected(ydoc, { type: 'addSafetyMap', date: '2024-02-03', scaling: { worker: -1 } }, '/scaling/worker')
    expectRejected(ydoc, { type: 'updateSafetyMap', id: 'm-referral', patch: { pastHarm: 'x'.repeat(5001) } }, '/patch/pastHarm')
  })

  it('removing an event unlinks it from maps; removing a map leaves the rest', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, referralMap)
    applyCommand(ydoc, { type: 'addSafetyMap', id: 'm-2', date: '2025-01-10', eventIds: ['e-incident'] })
    applyCommand(ydoc, { type: 'removeEvent', id: 'e-referral' })
    expect(read(ydoc).safetyMaps.find(m => m.id === 'm-referral')?.eventIds).toEqual([])
    applyCommand(ydoc, { type: 'removeSafetyMap', id: 'm-referral' })
    expect(read(ydoc).safetyMaps.map(m => m.id)).toEqual(['m-2'])
  })

  it('two people typing in the same map field both keep their words; scaling by two parties at once both stay', () => {
    const alice = seededReviewDoc()
    applyCommand(alice, referralMap)
    const bob = replicaOf(alice)
    const textOf = (doc: Y.Doc) => (doc.getMap('safetyMaps').get('m-referral') as Y.Map<unknown>).get('futureDanger') as Y.Text
    textOf(alice).insert(0, 'Mother may leave Child 1 alone. ')
    textOf(bob).insert(0, 'Partner returns in spring.')
    applyCommand(alice, { type: 'setSafetyScaling', mapId: 'm-referral', party: 'partner', value: 3 })
    applyCommand(bob, { type: 'setSafetyScaling', mapId: 'm-referral', party: 'supervisor', value: 5 })
    sync(alice, bob)
    const map = read(alice).safetyMaps[0]
    expect(read(bob).safetyMaps[0]).toEqual(map)
    expect(map?.futureDanger).toContain('Mother may leave Child 1 alone.')
    expect(map?.futureDanger).toContain('Partner returns in spring.')
    expect(map?.scaling).toEqual({ worker: 6, family: 9, partner: 3, supervisor: 5 })
  })

  it('a map someone removed while another edited it is gone on both; a concurrent link to a removed event is dropped with a warning', () => {
    const alice = seededReviewDoc()
    applyCommand(alice, referralMap)
    const bob = replicaOf(alice)
    applyCommand(alice, { type: 'removeEvent', id: 'e-incident' })
    applyCommand(bob, { type: 'updateSafetyMap', id: 'm-referral', patch: { eventIds: ['e-referral', 'e-incident'] } })
    sync(alice, bob)
    const { doc, problems } = readReviewDoc(alice)
    expect(doc.safetyMaps[0]?.eventIds).toEqual(['e-referral'])
    expect(problems.some(p => p.path === '/safetyMaps/m-referral/eventIds' && p.severity === 'warning')).toBe(true)
  })

  it('a map holding a judgement out of range is left out and reported, never thrown', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, referralMap)
    ydoc.transact(() => ((ydoc.getMap('safetyMaps').get('m-referral') as Y.Map<unknown>).get('scaling') as Y.Map<unknown>).set('family', 42))
    const { doc, problems } = readReviewDoc(ydoc)
    expect(doc.safetyMaps).toEqual([])
    expect(problems.some(p => p.path.startsWith('/safetyMaps/m-referral') && p.severity === 'error')).toBe(true)
  })

  it('is additive: a document with no maps migrates as a no-op and reads an empty list', () => {
    const ydoc = seededReviewDoc()
    expect(migrateReviewDoc(ydoc).migrated).toBe(false)
    expect(read(ydoc).safetyMaps).toEqual([])
  })
})

describe('family and worker scaling divergence', () => {
  it('is the gap between the family and the worker, null unless both judged', () => {
    expect(familyWorkerGap({ worker: 2, family: 8 })).toBe(6)
    expect(familyWorkerGap({ worker: 2 })).toBeNull()
    expect(familyWorkerGap({ family: 2, worker: null })).toBeNull()
  })

  it('counts 3 or more as diverged, 2 not', () => {
    expect(scalingDiverged({ worker: 5, family: 8 })).toBe(true)
    expect(scalingDiverged({ worker: 8, family: 5 })).toBe(true)
    expect(scalingDiverged({ worker: 5, family: 7 })).toBe(false)
    expect(scalingDiverged({ worker: 5 })).toBeNull()
    expect(
      countScalingDivergence([
        { scaling: { worker: 0, family: 10 } },
        { scaling: { worker: 4, family: 6 } },
        { scaling: { worker: 4 } },
        { scaling: { worker: 7, family: 4, supervisor: 1 } },
        { scaling: {} },
      ]),
    ).toEqual({ compared: 3, diverged: 2 })
  })
})
