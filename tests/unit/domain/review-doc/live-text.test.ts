import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  applyCommand,
  diffText,
  migrateReviewDoc,
  readReviewDoc,
  REVIEW_DOC_SCHEMA_VERSION,
  setText,
  transformPosition,
  type ReviewDocument,
} from '../../../../app/domain/review-doc'
import { read, replicaOf, seededReviewDoc, sync } from './fixtures'

const fixtures = join(__dirname, '../../../fixtures/review-doc')

/** What the browser binding does on each keystroke: one minimal edit at the caret. */
function type(ydoc: Y.Doc, collection: string, id: string, field: string, edit: (before: string) => { value: string; caret: number }) {
  const text = (ydoc.getMap(collection).get(id) as Y.Map<unknown>).get(field) as Y.Text
  const before = text.toString()
  const { value, caret } = edit(before)
  const change = diffText(before, value, caret)
  if (!change) return
  ydoc.transact(() => {
    if (change.remove > 0) text.delete(change.index, change.remove)
    if (change.insert) text.insert(change.index, change.insert)
  })
}

describe('live text fields', () => {
  it('keeps both texts when two people type in the same unmet-need gap at once', () => {
    const alice = seededReviewDoc()
    const bob = replicaOf(alice)
    // Alice types at the start, Bob at the end, character by character, neither seeing the other.
    for (const char of 'Alice: ') {
      type(alice, 'unmetNeeds', 'n-safety', 'gap', before => {
        const at = 'Alice: '.indexOf(char)
        return { value: before.slice(0, at) + char + before.slice(at), caret: at + 1 }
      })
    }
    for (const char of ' (Bob)') type(bob, 'unmetNeeds', 'n-safety', 'gap', before => ({ value: before + char, caret: before.length + 1 }))
    sync(alice, bob)
    expect(read(alice)).toEqual(read(bob))
    expect(read(alice).unmetNeeds[0]?.gap).toBe('Alice: Two weeks without a plan (Bob)')
  })

  it('keeps both texts in every kind of text field, in the same transaction as structured edits', () => {
    const alice = seededReviewDoc()
    const bob = replicaOf(alice)
    applyCommand(alice, { type: 'rateFactor', factorItemId: 'worker.workload', rating: 2, rationale: 'Alice says' })
    sync(alice, bob)
    applyCommand(alice, { type: 'rateFactor', factorItemId: 'worker.workload', rating: 2, rationale: 'Alice says high' })
    applyCommand(bob, { type: 'rateFactor', factorItemId: 'worker.workload', rating: 3, rationale: 'Bob: Alice says' })
    applyCommand(alice, { type: 'tagFindingValue', findingId: 'f-workload', value: 'systems_focused', rationale: 'Caseload is set by the system.' })
    applyCommand(bob, { type: 'tagFindingValue', findingId: 'f-workload', value: 'systems_focused', rationale: 'Per Bob: Caseload is set by the system' })
    applyCommand(alice, { type: 'updateRecommendation', id: 'r-cap', patch: { measure: 'No worker above 20 families for 6 months' } })
    applyCommand(bob, { type: 'updateRecommendation', id: 'r-cap', patch: { measure: 'No worker above 20 families for 3 months, audited' } })
    applyCommand(alice, { type: 'updatePerson', id: 'p-child', patch: { name: 'Ruby J. Calder' } })
    applyCommand(bob, { type: 'updatePerson', id: 'p-child', patch: { name: 'Ruby Calder-Smith' } })
    sync(alice, bob)
    const doc = read(alice)
    expect(doc).toEqual(read(bob))
    expect(doc.factorRatings[0]).toMatchObject({ rating: expect.any(Number), rationale: 'Bob: Alice says high' })
    expect(doc.findings[0]?.valueTags).toEqual([{ value: 'systems_focused', rationale: 'Per Bob: Caseload is set by the system.' }])
    expect(doc.recommendations[0]?.measure).toMatch(/6 months.*audited|3 months, audited.*6/s)
    expect(doc.people[0]?.name).toBe('Ruby J. Calder-Smith')
  })

  it('keeps a row readable while its required text is empty (someone retyping it), with a warning', () => {
    const ydoc = seededReviewDoc()
    const need = (ydoc.getMap('unmetNeeds').get('n-safety') as Y.Map<unknown>).get('need') as Y.Text
    need.delete(0, need.length)
    const { doc, problems } = readReviewDoc(ydoc)
    expect(doc.unmetNeeds.map(n => n.id)).toEqual(['n-safety'])
    expect(problems).toContainEqual({ path: '/unmetNeeds/n-safety/need', message: 'is empty', severity: 'warning' })
  })

  it('reads an emptied optional field as absent, and null in a command empties it', () => {
    const ydoc = seededReviewDoc()
    applyCommand(ydoc, { type: 'updateRecommendation', id: 'r-cap', patch: { owner: null } })
    const owner = (ydoc.getMap('recommendations').get('r-cap') as Y.Map<unknown>).get('owner')
    expect(owner).toBeInstanceOf(Y.Text)
    expect(read(ydoc).recommendations[0]).not.toHaveProperty('owner')
  })

  it('clips text merged past its limit instead of dropping the entity', () => {
    const ydoc = seededReviewDoc()
    const pseudonym = (ydoc.getMap('people').get('p-child') as Y.Map<unknown>).get('pseudonym') as Y.Text
    pseudonym.insert(pseudonym.length, 'x'.repeat(80))
    const { doc, problems } = readReviewDoc(ydoc)
    expect(doc.people.find(p => p.id === 'p-child')?.pseudonym).toHaveLength(60)
    expect(problems.some(p => p.path === '/people/p-child/pseudonym' && p.severity === 'warning')).toBe(true)
  })

  it('writes a command value as a minimal edit, so typing elsewhere in the field survives', () => {
    const a = new Y.Doc()
    const text = a.getText('t')
    text.insert(0, 'The gap was two weeks')
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setText(text, 'The gap was three weeks')
    b.getText('t').insert(0, 'Note: ')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(a.getText('t').toString()).toBe('Note: The gap was three weeks')
    expect(b.getText('t').toString()).toBe(a.getText('t').toString())
  })
})

describe('diffText', () => {
  it('finds the edit at the caret among repeated characters', () => {
    expect(diffText('hello', 'helllo', 4)).toEqual({ index: 3, remove: 0, insert: 'l' })
    expect(diffText('hello', 'helo', 2)).toEqual({ index: 2, remove: 1, insert: '' })
    expect(diffText('aaaa', 'aaaaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' })
    expect(diffText('same', 'same', 2)).toBeNull()
  })

  it('replaces a selection, and never splits a surrogate pair', () => {
    expect(diffText('one two three', 'one 2 three', 5)).toEqual({ index: 4, remove: 3, insert: '2' })
    expect(diffText('a😀b', 'a😃b')).toEqual({ index: 1, remove: 2, insert: '😃' })
  })

  it('turns any text into any other (property)', () => {
    const alphabet = ['a', 'b', ' ', 'é', '😀']
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const word = () => Array.from({ length: random(8) }, () => alphabet[random(alphabet.length)]).join('')
    for (let i = 0; i < 500; i++) {
      const before = word()
      const after = word()
      const caret = random(after.length + 1)
      const edit = diffText(before, after, caret)
      const applied = edit ? before.slice(0, edit.index) + edit.insert + before.slice(edit.index + edit.remove) : before
      expect(applied).toBe(after)
    }
  })
})

describe('transformPosition', () => {
  it('moves a caret through a remote insert or delete before it, and not after it', () => {
    expect(transformPosition(5, [{ insert: 'abc' }])).toBe(8)
    expect(transformPosition(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5)
    expect(transformPosition(5, [{ retain: 1 }, { delete: 2 }])).toBe(3)
    expect(transformPosition(5, [{ retain: 4 }, { delete: 4 }])).toBe(4)
    expect(transformPosition(5, [{ retain: 5 }, { delete: 4 }])).toBe(5)
  })

  it('leaves text inserted exactly at the caret after it, so two people at one spot do not interleave', () => {
    expect(transformPosition(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5)
    expect(transformPosition(0, [{ insert: 'abc' }])).toBe(0)
    expect(transformPosition(5, [{ retain: 2 }, { insert: 'x' }, { retain: 3 }, { insert: 'abc' }])).toBe(6)
  })
})

describe('migrating a version-1 document', () => {
  const v1 = () => {
    const ydoc = new Y.Doc()
    Y.applyUpdate(ydoc, Buffer.from(readFileSync(join(fixtures, 'v1-review.update.base64'), 'utf8').trim(), 'base64'))
    return ydoc
  }
  const expected = JSON.parse(readFileSync(join(fixtures, 'v1-review.read.json'), 'utf8')) as ReviewDocument

  it('is a real version-1 snapshot (text fields are strings)', () => {
    const ydoc = v1()
    expect(ydoc.getMap('meta').get('schemaVersion')).toBe(1)
    expect((ydoc.getMap('unmetNeeds').get('n-safety') as Y.Map<unknown>).get('gap')).toBe('Two weeks without a plan')
  })

  it('moves every text field to Y.Text with its text intact, in one transaction', () => {
    const ydoc = v1()
    let transactions = 0
    ydoc.on('afterTransaction', () => transactions++)
    expect(migrateReviewDoc(ydoc)).toEqual({ from: 1, to: REVIEW_DOC_SCHEMA_VERSION, migrated: true })
    expect(transactions).toBe(1)
    const { doc, problems } = readReviewDoc(ydoc)
    expect(problems).toEqual([])
    expect(doc).toEqual({ ...expected, schemaVersion: REVIEW_DOC_SCHEMA_VERSION })
    const need = ydoc.getMap('unmetNeeds').get('n-safety') as Y.Map<unknown>
    for (const field of ['need', 'received', 'gap']) expect(need.get(field)).toBeInstanceOf(Y.Text)
    const untouched = ydoc.getMap('unmetNeeds').get('n-school') as Y.Map<unknown>
    expect(untouched.get('gap')).toBeInstanceOf(Y.Text)
    const finding = ydoc.getMap('findings').get('f-workload') as Y.Map<unknown>
    expect((finding.get('valueTags') as Y.Map<unknown>).get('systems_focused')).toBeInstanceOf(Y.Text)
    const recommendation = ydoc.getMap('recommendations').get('r-train') as Y.Map<unknown>
    expect(recommendation.get('owner')).toBeInstanceOf(Y.Text)
    expect(migrateReviewDoc(ydoc).migrated).toBe(false)
  })

  it('lets clients that synced after the migration type into the same field and keep both texts', () => {
    const server = v1()
    migrateReviewDoc(server)
    const alice = replicaOf(server)
    const bob = replicaOf(server)
    type(alice, 'unmetNeeds', 'n-safety', 'gap', before => ({ value: `About ${before}`, caret: 6 }))
    type(bob, 'unmetNeeds', 'n-safety', 'gap', before => ({ value: `${before}!`, caret: before.length + 1 }))
    sync(alice, bob)
    expect(read(alice).unmetNeeds[0]?.gap).toBe('About Two weeks without a plan!')
    expect(() => applyCommand(alice, { type: 'updateUnmetNeed', id: 'n-school', patch: { gap: 'Not told' } })).not.toThrow()
  })
})
