import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  REVIEW_DOC_SCHEMA_VERSION,
  applyCommand,
  applyCommands,
  eventDescriptionField,
  findingBodyField,
  initialiseReviewDoc,
  parseReviewCommand,
  readReviewDoc,
  ReviewCommandError,
  type ReviewCommand,
} from '../../../../app/domain/review-doc'
import { expectRejected, newReviewDoc, read, seededReviewDoc, stateOf } from './fixtures'

describe('reader/commands round trip', () => {
  it('reads back every entity the seed commands wrote', () => {
    const ydoc = seededReviewDoc()
    const { doc, problems } = readReviewDoc(ydoc)
    expect(problems).toEqual([])
    expect(doc.schemaVersion).toBe(REVIEW_DOC_SCHEMA_VERSION)
    expect(doc.reviewId).toBe('review-1')
    expect(doc.people).toEqual([
      { id: 'p-child', name: 'Ruby Calder', aliases: ['Ruby'], role: 'child', pseudonym: 'Child 1' },
      { id: 'p-worker', name: 'Priya Raman', aliases: [], role: 'worker', pseudonym: 'Caseworker 1' },
    ])
    expect(doc.events.map(e => e.id)).toEqual(['e-referral', 'e-incident'])
    const referral = doc.events[0]
    expect(referral).toMatchObject({
      date: '2024-11-06',
      approximate: false,
      stage: 'referral',
      source: 'intake record',
      actorIds: ['p-worker'],
      keyPracticeEpisode: false,
    })
    expect(referral?.description.text).toBe('Referral accepted.\nCaseload at assignment 31 families.')
    expect(doc.events[1]?.description.text).toBe('')
    expect(doc.unmetNeeds).toEqual([
      {
        id: 'n-safety',
        need: 'A safety plan by the third visit',
        received: 'A safety plan after the fourth visit',
        gap: 'Two weeks without a plan',
        eventIds: ['e-referral'],
        factorItemIds: ['worker.workload'],
      },
    ])
    const finding = doc.findings[0]
    expect(finding).toMatchObject({
      id: 'f-workload',
      status: 'draft',
      valueTags: [{ value: 'systems_focused', rationale: 'Caseload is set by the system' }],
      factorItemIds: ['worker.workload'],
      evidence: { eventIds: ['e-referral'], unmetNeedIds: ['n-safety'], accountIds: ['acc-1'] },
    })
    expect(finding?.body.text).toBe('Caseloads delayed the safety plan.')
    expect(doc.recommendations).toEqual([
      {
        id: 'r-cap',
        text: 'Cap caseloads at 20 families',
        findingIds: ['f-workload'],
        strength: 'stronger',
        owner: 'Director of services',
        dueDate: '2025-09-30',
        measure: 'No worker above 20 families for 3 months',
        status: 'proposed',
      },
    ])
  })

  it('updates only the fields in a patch, and null removes an optional field', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, { type: 'updateEvent', id: 'e-referral', patch: { keyPracticeEpisode: true, source: null } })
    const event = read(ydoc).events.find(e => e.id === 'e-referral')
    expect(event?.keyPracticeEpisode).toBe(true)
    expect(event?.source).toBeUndefined()
    expect(event?.stage).toBe('referral')
    expect(event?.description.text).toContain('Referral accepted.')
  })

  it('replaces id lists in the order given', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, { type: 'updateEvent', id: 'e-incident', patch: { actorIds: ['p-worker', 'p-child'] } })
    expect(read(ydoc).events.find(e => e.id === 'e-incident')?.actorIds).toEqual(['p-worker', 'p-child'])
    applyCommand(ydoc, { type: 'updateEvent', id: 'e-incident', patch: { actorIds: ['p-child', 'p-child'] } })
    expect(read(ydoc).events.find(e => e.id === 'e-incident')?.actorIds).toEqual(['p-child'])
    expect((ydoc.getMap('events').get('e-incident') as Y.Map<unknown>).toJSON().actorIds).toEqual(['p-child'])
  })

  it('keeps the timeline chronological whatever order events are added in, ties by order then id', () => {
    const ydoc = newReviewDoc()
    applyCommands(ydoc, [
      { type: 'addEvent', id: 'b', date: '2025-01-15T09:30' },
      { type: 'addEvent', id: 'a', date: '2025-01-15', order: 2 },
      { type: 'addEvent', id: 'c', date: '2025-01-15', order: 1 },
      { type: 'addEvent', id: 'd', date: '2024-12-31' },
    ])
    expect(read(ydoc).events.map(e => e.id)).toEqual(['d', 'c', 'a', 'b'])
    applyCommand(ydoc, { type: 'updateEvent', id: 'd', patch: { date: '2025-02-01' } })
    expect(read(ydoc).events.map(e => e.id)).toEqual(['c', 'a', 'b', 'd'])
  })

  it('stores date ranges and rejects a range that ends before it starts', () => {
    const ydoc = newReviewDoc()
    applyCommand(ydoc, { type: 'addEvent', id: 'stay', date: '2025-01-10', dateEnd: '2025-01-12', approximate: true })
    expect(read(ydoc).events[0]).toMatchObject({ date: '2025-01-10', dateEnd: '2025-01-12', approximate: true })
    // An untimed end closes a timed start on the same day.
    applyCommand(ydoc, { type: 'addEvent', id: 'visit', date: '2025-01-10T14:00', dateEnd: '2025-01-10' })
    expectRejected(ydoc, { type: 'addEvent', id: 'bad', date: '2025-01-10', dateEnd: '2025-01-09' }, '/dateEnd')
    expectRejected(ydoc, { type: 'updateEvent', id: 'stay', patch: { date: '2025-01-13' } }, '/patch/date')
    applyCommand(ydoc, { type: 'updateEvent', id: 'stay', patch: { date: '2025-01-13', dateEnd: null } })
    expect(read(ydoc).events.find(e => e.id === 'stay')?.dateEnd).toBeUndefined()
  })

  it('generates ids when none are given', () => {
    const ydoc = newReviewDoc()
    const { id } = applyCommand(ydoc, { type: 'addPerson', name: 'Glen Osei', role: 'supervisor' })
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(read(ydoc).people[0]).toMatchObject({ id, pseudonym: 'Supervisor 1' })
  })

  it('suggests pseudonyms from the registry and refuses one already used', () => {
    const ydoc = newReviewDoc()
    applyCommands(ydoc, [
      { type: 'addPerson', id: 'c1', name: 'A', role: 'child' },
      { type: 'addPerson', id: 'c2', name: 'B', role: 'child' },
      { type: 'addPerson', id: 'm', name: 'C', role: 'parent', gender: 'female' },
      { type: 'addPerson', id: 'f', name: 'D', role: 'parent' },
    ])
    expect(read(ydoc).people.map(p => p.pseudonym)).toEqual(['Child 1', 'Child 2', 'Mother', 'Parent 1'])
    expectRejected(ydoc, { type: 'addPerson', name: 'E', role: 'child', pseudonym: 'child 2' }, '/pseudonym')
    expectRejected(ydoc, { type: 'updatePerson', id: 'f', patch: { pseudonym: 'Mother' } }, '/patch/pseudonym')
    applyCommand(ydoc, {
      type: 'updatePerson',
      id: 'f',
      patch: { pseudonym: 'Father', nationOrCommunity: 'Dene Nation' },
    })
    expect(read(ydoc).people[3]).toMatchObject({ pseudonym: 'Father', nationOrCommunity: 'Dene Nation' })
  })

  it('suggests generic place labels and keeps identifiers', () => {
    const ydoc = newReviewDoc()
    applyCommands(ydoc, [
      { type: 'addPlace', id: 'home', name: '14 Larch Crescent', kind: 'address' },
      { type: 'addPlace', id: 'aunt', name: '3 Birch Road', kind: 'address' },
      { type: 'addPlace', id: 'hosp', name: 'St. Brendan Regional Hospital', kind: 'hospital' },
      { type: 'addIdentifier', id: 'case', value: 'CFS-2024-10377', kind: 'case_number' },
    ])
    const doc = read(ydoc)
    expect(doc.places.map(p => p.label)).toEqual(['the family home', 'address 2', 'the hospital'])
    expect(doc.identifiers).toEqual([{ id: 'case', value: 'CFS-2024-10377', kind: 'case_number' }])
    applyCommand(ydoc, { type: 'updatePlace', id: 'aunt', patch: { label: "the aunt's home" } })
    applyCommand(ydoc, { type: 'removeIdentifier', id: 'case' })
    expect(read(ydoc).places[1]?.label).toBe("the aunt's home")
    expect(read(ydoc).identifiers).toEqual([])
  })

  it('rates a factor item once, updating it in place', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, {
      type: 'rateFactor',
      factorItemId: 'worker.workload',
      rating: 2,
      rationale: 'Caseload of 31',
      eventIds: ['e-referral'],
    })
    applyCommand(ydoc, { type: 'rateFactor', factorItemId: 'worker.workload', rating: 3 })
    applyCommand(ydoc, { type: 'rateFactor', factorItemId: 'agency.turnover', rating: 0 })
    expect(read(ydoc).factorRatings).toEqual([
      { factorItemId: 'agency.turnover', rating: 0, rationale: '', eventIds: [] },
      { factorItemId: 'worker.workload', rating: 3, rationale: 'Caseload of 31', eventIds: ['e-referral'] },
    ])
    expectRejected(ydoc, { type: 'rateFactor', factorItemId: 'x', rating: 4 }, '/rating')
    expectRejected(ydoc, { type: 'rateFactor', factorItemId: 'x', rating: 1.5 }, '/rating')
    applyCommand(ydoc, { type: 'clearFactorRating', factorItemId: 'agency.turnover' })
    expect(read(ydoc).factorRatings.map(r => r.factorItemId)).toEqual(['worker.workload'])
  })

  it('tags, untags, links and unlinks on a finding', () => {
    const ydoc = seededReviewDoc()
    applyCommands(ydoc, [
      {
        type: 'tagFindingValue',
        findingId: 'f-workload',
        value: 'workforce_informed',
        rationale: 'Workers described juggling',
      },
      { type: 'tagFindingValue', findingId: 'f-workload', value: 'family_centered', rationale: 'Ruby needed a plan' },
      { type: 'untagFindingValue', findingId: 'f-workload', value: 'systems_focused' },
      { type: 'linkEvidence', findingId: 'f-workload', kind: 'event', targetId: 'e-incident' },
      { type: 'linkEvidence', findingId: 'f-workload', kind: 'event', targetId: 'e-incident' },
      { type: 'unlinkEvidence', findingId: 'f-workload', kind: 'account', targetId: 'acc-1' },
      { type: 'updateFinding', id: 'f-workload', patch: { status: 'agreed' } },
    ])
    const finding = read(ydoc).findings[0]
    expect(finding?.valueTags).toEqual([
      { value: 'family_centered', rationale: 'Ruby needed a plan' },
      { value: 'workforce_informed', rationale: 'Workers described juggling' },
    ])
    expect(finding?.evidence).toEqual({
      eventIds: ['e-referral', 'e-incident'],
      unmetNeedIds: ['n-safety'],
      accountIds: [],
    })
    expect(finding?.status).toBe('agreed')
    expectRejected(ydoc, { type: 'linkEvidence', findingId: 'f-workload', kind: 'unmetNeed', targetId: 'nope' }, '/targetId')
  })

  it('reorders ordered collections', () => {
    const ydoc = newReviewDoc()
    applyCommands(ydoc, [
      { type: 'addFinding', id: 'f1' },
      { type: 'addFinding', id: 'f2' },
      { type: 'addFinding', id: 'f3' },
    ])
    applyCommand(ydoc, { type: 'moveItem', collection: 'findings', id: 'f3', toIndex: 0 })
    expect(read(ydoc).findings.map(f => f.id)).toEqual(['f3', 'f1', 'f2'])
    applyCommand(ydoc, { type: 'moveItem', collection: 'findings', id: 'f3', toIndex: 99 })
    expect(read(ydoc).findings.map(f => f.id)).toEqual(['f1', 'f2', 'f3'])
  })

  it('passes the origin to the transaction', () => {
    const ydoc = newReviewDoc()
    const origins: unknown[] = []
    ydoc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin))
    const origin = { user: 'u1' }
    applyCommands(ydoc, [{ type: 'addPerson', name: 'A', role: 'child' }, { type: 'addFinding' }], { origin })
    expect(origins).toEqual([origin])
  })
})

describe('removing never leaves dangling references', () => {
  it('removing a person removes them from event actors', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, { type: 'removePerson', id: 'p-worker' })
    const { doc, problems } = readReviewDoc(ydoc)
    expect(problems).toEqual([])
    expect(doc.people.map(p => p.id)).toEqual(['p-child'])
    expect(doc.events.map(e => e.actorIds)).toEqual([[], ['p-child']])
  })

  it('removing an event removes it from unmet needs, ratings and evidence, and empties its description', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, { type: 'rateFactor', factorItemId: 'worker.workload', rating: 2, eventIds: ['e-referral'] })
    applyCommand(ydoc, { type: 'removeEvent', id: 'e-referral' })
    const { doc, problems } = readReviewDoc(ydoc)
    expect(problems).toEqual([])
    expect(doc.unmetNeeds[0]?.eventIds).toEqual([])
    expect(doc.factorRatings[0]?.eventIds).toEqual([])
    expect(doc.findings[0]?.evidence.eventIds).toEqual([])
    expect(ydoc.getXmlFragment(eventDescriptionField('e-referral')).length).toBe(0)
  })

  it('removing an unmet need or a finding removes it from evidence and recommendations', () => {
    const ydoc = seededReviewDoc()
    applyCommands(ydoc, [
      { type: 'removeUnmetNeed', id: 'n-safety' },
      { type: 'removeFinding', id: 'f-workload' },
    ])
    const { doc, problems } = readReviewDoc(ydoc)
    expect(problems).toEqual([])
    expect(doc.findings).toEqual([])
    expect(doc.recommendations[0]?.findingIds).toEqual([])
    expect(ydoc.getXmlFragment(findingBodyField('f-workload')).length).toBe(0)
    expect(ydoc.getArray('findingsOrder').toArray()).toEqual([])
  })
})

describe('invalid commands throw and change nothing', () => {
  const cases: [string, unknown, string][] = [
    ['unknown type', { type: 'renameReview' }, '/type'],
    ['missing field', { type: 'addPerson', role: 'child' }, '/name'],
    ['unknown field', { type: 'addPerson', name: 'A', role: 'child', colour: 'red' }, '/colour'],
    ['bad enum', { type: 'addPerson', name: 'A', role: 'cousin' }, '/role'],
    ['bad date', { type: 'addEvent', date: '2025-02-30' }, '/date'],
    ['bad id', { type: 'addEvent', id: 'a:b', date: '2025-02-03' }, '/id'],
    ['too long', { type: 'addPerson', name: 'x'.repeat(201), role: 'child' }, '/name'],
    ['unknown actor', { type: 'addEvent', date: '2025-02-03', actorIds: ['p-child', 'ghost'] }, '/actorIds/1'],
    ['duplicate id', { type: 'addEvent', id: 'e-referral', date: '2025-02-03' }, '/id'],
    ['missing entity', { type: 'updateEvent', id: 'ghost', patch: { approximate: true } }, '/id'],
    ['unknown patch key', { type: 'updateEvent', id: 'e-referral', patch: { colour: 'red' } }, '/patch/colour'],
    ['missing finding', { type: 'addRecommendation', text: 'x', strength: 'weaker', findingIds: ['ghost'] }, '/findingIds/0'],
    ['text too long', { type: 'setEventDescription', id: 'e-referral', text: 'x'.repeat(50_001) }, '/text'],
    [
      'double tag',
      {
        type: 'addFinding',
        valueTags: [
          { value: 'systems_focused', rationale: '' },
          { value: 'systems_focused', rationale: '' },
        ],
      },
      '/valueTags',
    ],
    ['not an object', 'addPerson', ''],
  ]
  it.each(cases)('%s', (_, command, path) => {
    expectRejected(seededReviewDoc(), command, path)
  })

  it('a batch with one bad command writes none of them, and reports its index', () => {
    const ydoc = seededReviewDoc()
    const before = stateOf(ydoc)
    const batch = [
      { type: 'addPerson', id: 'new', name: 'New', role: 'relative' },
      { type: 'addEvent', id: 'e-new', date: '2025-01-01', actorIds: ['new'] },
      { type: 'addEvent', id: 'e-bad', date: '2025-01-01', actorIds: ['nobody'] },
    ] as ReviewCommand[]
    expect(() => applyCommands(ydoc, batch)).toThrow(/\/2\/actorIds\/0/)
    expect(stateOf(ydoc)).toEqual(before)
  })

  it('a batch sees its own earlier commands: a removed person cannot be an actor later in it', () => {
    const ydoc = seededReviewDoc()
    const batch: ReviewCommand[] = [
      { type: 'removePerson', id: 'p-child' },
      { type: 'addEvent', date: '2025-01-01', actorIds: ['p-child'] },
    ]
    expect(() => applyCommands(ydoc, batch)).toThrow(ReviewCommandError)
  })

  it('refuses to write to a document that is not initialised', () => {
    const ydoc = new Y.Doc()
    expect(() => applyCommand(ydoc, { type: 'addFinding' })).toThrow(/not initialised/)
    expect(stateOf(ydoc)).toEqual(stateOf(new Y.Doc()))
  })

  it('refuses to write to a document from a newer version of the product', () => {
    const ydoc = newReviewDoc()
    ydoc.getMap('meta').set('schemaVersion', REVIEW_DOC_SCHEMA_VERSION + 1)
    const before = stateOf(ydoc)
    expect(() => applyCommand(ydoc, { type: 'addFinding' })).toThrow(new RegExp(`schema version ${REVIEW_DOC_SCHEMA_VERSION + 1}`))
    expect(stateOf(ydoc)).toEqual(before)
  })

  it('refuses to write to a version-1 document that was not migrated (its text fields are strings)', () => {
    const ydoc = newReviewDoc()
    ydoc.getMap('meta').set('schemaVersion', 1)
    const before = stateOf(ydoc)
    expect(() => applyCommand(ydoc, { type: 'addFinding' })).toThrow(/schema version 1/)
    expect(stateOf(ydoc)).toEqual(before)
  })

  it('refuses to update an entity stored in an unreadable form, but can remove it', () => {
    const ydoc = newReviewDoc()
    ydoc.getMap('events').set('junk', 'not a map')
    expectRejected(ydoc, { type: 'updateEvent', id: 'junk', patch: { approximate: true } }, '/id')
    applyCommand(ydoc, { type: 'removeEvent', id: 'junk' })
    expect(readReviewDoc(ydoc).problems).toEqual([])
  })

  it('writes nothing when a root it would touch is another kind of shared type', () => {
    const ydoc = new Y.Doc()
    ydoc.getText('recommendations').insert(0, 'oops') // claimed as text before anyone used it as a map
    initialiseReviewDoc(ydoc, { reviewId: 'r' })
    const before = stateOf(ydoc)
    // Removing a finding would strip it from recommendations: refused up front, not halfway.
    expect(() => applyCommand(ydoc, { type: 'addFinding' })).toThrow(/\/recommendations is stored as another kind/)
    expect(stateOf(ydoc)).toEqual(before)
  })

  it('writes nothing when a rich-text field name is taken by another kind of type', () => {
    const ydoc = seededReviewDoc()
    ydoc.getText('event:e-new:description')
    const before = stateOf(ydoc)
    const batch: ReviewCommand[] = [
      { type: 'addPerson', name: 'New', role: 'other' },
      { type: 'addEvent', id: 'e-new', date: '2025-01-01', description: 'text' },
    ]
    expect(() => applyCommands(ydoc, batch)).toThrow(/\/1\/description the rich-text field/)
    expect(stateOf(ydoc)).toEqual(before)
  })

  it('parseReviewCommand validates without writing', () => {
    expect(parseReviewCommand({ type: 'addFinding' })).toEqual({ type: 'addFinding' })
    expect(() => parseReviewCommand({ type: 'addFinding', status: 'final' })).toThrow(/\/status must be one of: draft, agreed/)
  })
})
