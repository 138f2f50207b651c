// ADR 0057: the compiled fast path must return exactly what zod's safeParse returns (same
// data, same key order, same keys set to undefined), and every problem must still come from zod.
import fc from 'fast-check'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { fastParse, fastSafeParse, isCompiled } from '../../../../app/domain/review-doc/fast-parse'
import {
  factorRatingSchema,
  findingSchema,
  identifierSchema,
  personSchema,
  placeSchema,
  readReviewDoc,
  recommendationSchema,
  safetyMapSchema,
  timelineEventSchema,
  unmetNeedSchema,
} from '../../../../app/domain/review-doc'
import { importCaseFile } from '../../../../app/domain/case-file'
import { syntheticCaseFile } from '../../../../server/synthetic-case-file'
import { newReviewDoc } from './fixtures'

const description = { text: 'Home visit.', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Home visit.' }] }] } }

// Valid inputs as the reader builds them, one per schema; the properties below break them.
const schemas: [string, z.ZodTypeAny, Record<string, unknown>][] = [
  ['person', personSchema, { id: 'p-1', name: 'Ruby Calder', aliases: ['Ruby'], role: 'child', pseudonym: 'Child A', birthDate: '2015-02-28' }],
  ['place', placeSchema, { id: 'pl-1', name: '12 Elm Road', kind: 'address', label: 'the family home' }],
  ['identifier', identifierSchema, { id: 'i-1', value: 'CN-1234', kind: 'case_number' }],
  [
    'event',
    timelineEventSchema,
    {
      date: '2024-11-05',
      approximate: false,
      stage: 'worries_raised',
      source: 'hospital report',
      keyPracticeEpisode: false,
      order: 5,
      actorIds: ['p-1', 'p-2'],
      id: 'e-1',
      description,
    },
  ],
  ['unmet need', unmetNeedSchema, { id: 'n-1', need: 'A plan', received: '', gap: 'Two weeks', eventIds: ['e-1'], factorItemIds: ['worker.workload'] }],
  ['factor rating', factorRatingSchema, { factorItemId: 'worker.workload', rating: 2, rationale: 'High caseload', eventIds: [] }],
  [
    'finding',
    findingSchema,
    {
      id: 'f-1',
      body: description,
      valueTags: [{ value: 'systems_focused', rationale: 'why' }],
      factorItemIds: [],
      evidence: { eventIds: ['e-1'] },
      status: 'draft',
    },
  ],
  [
    'recommendation',
    recommendationSchema,
    { id: 'r-1', text: 'Cap caseloads', findingIds: ['f-1'], strength: 'stronger', dueDate: '2025-06-30', status: 'proposed' },
  ],
  ['safety map', safetyMapSchema, { id: 's-1', date: '2025-01-15', title: 'Initial', eventIds: ['e-1'], scaling: { worker: 4, family: 7 } }],
]

// Values that are valid for some field and wrong for others, edge cases of each check included.
const awkward = fc.oneof(
  fc.constantFrom<unknown>(
    undefined,
    null,
    '',
    ' ',
    'x'.repeat(61),
    'x'.repeat(201),
    '😀'.repeat(60),
    '😀'.repeat(61),
    'bad id',
    'e-1',
    'worker.workload',
    '2025-02-30',
    '2024-02-29',
    '2025-01-15T09:30',
    '2025-01-15T24:00',
    '2025-01-14',
    'child',
    'stronger',
    'agreed',
    'systems_focused',
    'worries_raised',
    0,
    -0,
    1,
    3,
    4,
    10,
    11,
    -1,
    0.5,
    NaN,
    Infinity,
    true,
    false,
    [],
    ['e-1', 'e-1'],
    ['bad id'],
    Array.from({ length: 51 }, (_, i) => `e-${i}`),
    {},
    { eventIds: ['e-1'], unmetNeedIds: 'x' },
    { worker: 11 },
    { value: 'family_centered', rationale: 'x' },
    [{ value: 'family_centered', rationale: 'x' }, { value: 'nope' }],
    description,
    { text: 'x', doc: 'not a node' },
    new Uint8Array([1, 2]),
  ),
  // Nested values at and around their limits: scaling judgements, value tags, evidence.
  fc.dictionary(fc.constantFrom('worker', 'supervisor', 'family', 'partner', 'other'), fc.oneof(fc.integer({ min: -1, max: 12 }), fc.constant(2.5)), {
    maxKeys: 3,
  }),
  fc.array(fc.record({ value: fc.constantFrom('family_centered', 'systems_focused', 'nope'), rationale: fc.constantFrom('', 'why', 'x'.repeat(1001)) }), {
    maxLength: 2,
  }),
  fc.dictionary(fc.constantFrom('eventIds', 'unmetNeedIds', 'accountIds', 'other'), fc.array(fc.constantFrom('e-1', 'bad id'), { maxLength: 2 }), {
    maxKeys: 3,
  }),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.anything(),
)

/** What a Y.Map can hold as a plain value. */
function storable(value: unknown): boolean {
  if (value === null || value instanceof Uint8Array) return true
  if (Array.isArray(value)) return value.every(storable)
  if (typeof value === 'object') return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(storable)
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

function expectSameResult(schema: z.ZodTypeAny, input: unknown) {
  const fast = fastSafeParse(schema, input)
  const zod = schema.safeParse(input)
  expect(fast.success).toBe(zod.success)
  if (fast.success && zod.success) {
    expect(fast.data).toStrictEqual(zod.data)
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(zod.data)) // key order too
    expect(Object.keys(fast.data as object)).toEqual(Object.keys(zod.data as object))
  } else if (!fast.success && !zod.success) {
    expect(fast.error.issues).toEqual(zod.error.issues)
  }
}

describe('fastSafeParse', () => {
  afterEach(() => {
    fastParse.enabled = true
  })

  it.each(schemas)('compiles the %s schema and returns what zod returns for a valid one', (_, schema, valid) => {
    expect(isCompiled(schema)).toBe(true)
    const zod = schema.safeParse(valid)
    expect(zod.success).toBe(true)
    expectSameResult(schema, valid)
  })

  it.each(schemas)('returns what zod returns for a %s with fields changed, removed or added', (_, schema, valid) => {
    const keys = [...Object.keys(valid), 'dateEnd', 'unexpected', 'caseFileKey', 'owner', 'measure', 'nationOrCommunity']
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), awkward, fc.boolean()), { maxLength: 3 }), changes => {
        const input: Record<string, unknown> = { ...valid }
        for (const [key, value, remove] of changes) {
          if (remove) delete input[key]
          else input[key] = value
        }
        expectSameResult(schema, input)
      }),
      { numRuns: 400 },
    )
  })

  it('returns what zod returns for anything at all', () => {
    fc.assert(
      fc.property(fc.constantFrom(...schemas), awkward, ([, schema], input) => expectSameResult(schema, input)),
      { numRuns: 300 },
    )
  })

  it('reads a bench-style review, with broken entities, exactly as zod alone does', () => {
    const source = newReviewDoc()
    importCaseFile(source, syntheticCaseFile({ events: 300, seed: 7 }))
    const update = Y.encodeStateAsUpdate(source)
    const eventIds = [...source.getMap('events').keys()]
    const fields = ['date', 'dateEnd', 'stage', 'order', 'approximate', 'actorIds', 'keyPracticeEpisode', 'unexpected']
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: eventIds.length - 1 }), fc.constantFrom(...fields), awkward), { maxLength: 4 }), breakages => {
        const replicas = [new Y.Doc(), new Y.Doc()]
        for (const replica of replicas) {
          Y.applyUpdate(replica, update)
          const events = replica.getMap<Y.Map<unknown>>('events')
          for (const [index, field, value] of breakages) {
            if (storable(value)) events.get(eventIds[index]!)!.set(field, value)
          }
        }
        fastParse.enabled = false
        const byZod = readReviewDoc(replicas[0]!)
        fastParse.enabled = true
        const fast = readReviewDoc(replicas[1]!)
        expect(fast).toStrictEqual(byZod)
        expect(JSON.stringify(fast)).toBe(JSON.stringify(byZod))
        for (const replica of replicas) replica.destroy()
      }),
      { numRuns: 25 },
    )
  })

  it('never changes values stored as is in the document (plain objects, not Y.Maps)', () => {
    const ydoc = newReviewDoc()
    const finding = new Y.Map<unknown>()
    ydoc.getMap('findings').set('f-plain', finding)
    finding.set('evidence', { eventIds: ['e-1', 'e-1'], unmetNeedIds: [] })
    finding.set('valueTags', { systems_focused: 'x'.repeat(1005) })
    const stored = JSON.stringify(finding.toJSON())
    const first = readReviewDoc(ydoc)
    const second = readReviewDoc(ydoc)
    expect(JSON.stringify(finding.toJSON())).toBe(stored)
    expect(second).toStrictEqual(first)
    expect(first.doc.findings[0]?.evidence.eventIds).toEqual([])
    expect(first.doc.findings[0]?.valueTags[0]?.rationale).toHaveLength(1000)
  })
})
