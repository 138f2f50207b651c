import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { CaseFileImportError, caseFileToCommands, importCaseFile, validateCaseFile, type CaseFile } from '../../../../app/domain/case-file'
import { applyCommand, readReviewDoc, ReviewCommandError } from '../../../../app/domain/review-doc'
import { newReviewDoc, stateOf } from '../review-doc/fixtures'
import { example, exampleWith, REMOVE, type Json } from './fixtures'

function valid(input: Json): CaseFile {
  const result = validateCaseFile(input)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.caseFile
}

function counter(prefix = 'id'): () => string {
  let n = 0
  return () => `${prefix}-${++n}`
}

describe('caseFileToCommands', () => {
  it('maps people keys to registry ids, places, identifiers and timeline entries to commands', () => {
    const commands = caseFileToCommands(valid(example()), { newId: counter() })
    expect(commands.map(c => c.type)).toEqual([
      ...Array(7).fill('addPerson'),
      ...Array(3).fill('addPlace'),
      ...Array(2).fill('addIdentifier'),
      ...Array(9).fill('addEvent'),
    ])
    expect(commands[2]).toEqual({
      type: 'addPerson',
      id: 'id-3',
      name: 'Tessa Calder',
      aliases: ['Tess', 'Ms. Calder'],
      role: 'parent',
      pseudonym: 'Mother',
      birthDate: undefined,
      caseFileKey: 'm',
    })
    // Actors n1 and m of the first entry are the 7th and 3rd people.
    expect(commands[12]).toMatchObject({ type: 'addEvent', date: '2024-11-04', actorIds: ['id-7', 'id-3'], order: 0 })
  })

  it('suggests pseudonyms that do not take ones given later in the file or already in the review', () => {
    const caseFile = valid(
      exampleWith(
        ['/people/0/pseudonym', REMOVE], // c1, a child, listed before anyone named "Child 1"
        ['/people/1/role', 'child'],
        ['/people/1/pseudonym', 'Child 1'],
      ),
    )
    const pseudonyms = caseFileToCommands(caseFile, { existingPseudonyms: ['Child 2'] }).flatMap(c => (c.type === 'addPerson' ? [c.pseudonym] : []))
    expect(pseudonyms).toEqual(['Child 3', 'Child 1', 'Mother', "Mother's partner", 'Caseworker 1', 'Supervisor 1', 'Professional 1'])
  })
})

describe('importCaseFile', () => {
  it('writes the example into the review document, readable with no problems', () => {
    const ydoc = newReviewDoc()
    const { personIds, eventIds } = importCaseFile(ydoc, example())
    const { doc, problems } = readReviewDoc(ydoc)
    expect(problems).toEqual([])
    expect(doc.people.map(p => [p.caseFileKey, p.pseudonym])).toEqual([
      ['c1', 'Child 1'],
      ['c2', 'Sibling 1'],
      ['m', 'Mother'],
      ['p', "Mother's partner"],
      ['w1', 'Caseworker 1'],
      ['s1', 'Supervisor 1'],
      ['n1', 'Professional 1'],
    ])
    expect(doc.places.map(p => p.label)).toEqual(['the family home', 'the town', 'the hospital'])
    expect(doc.identifiers.map(i => i.value)).toEqual(['CFS-2024-10377', '867-555-0143'])
    expect(doc.events.map(e => e.id)).toEqual(eventIds)
    const incident = doc.events[8]
    expect(incident?.stage).toBe('incident')
    expect(incident?.actorIds).toEqual(['c1', 'm', 'p'].map(key => personIds.get(key)))
    expect(incident?.description.text).toMatch(/^Ruby admitted to St. Brendan Regional Hospital/)
  })

  it('writes in one transaction', () => {
    const ydoc = newReviewDoc()
    let transactions = 0
    ydoc.on('afterTransaction', () => transactions++)
    importCaseFile(ydoc, example(), { origin: 'import' })
    expect(transactions).toBe(1)
  })

  it('keeps file order for entries with the same date', () => {
    const ydoc = newReviewDoc()
    importCaseFile(
      ydoc,
      exampleWith([
        '/timeline',
        [
          { date: '2025-01-15', text: 'second on the day, listed first' },
          { date: '2025-01-10', text: 'earlier day' },
          { date: '2025-01-15', text: 'listed last' },
        ],
      ]),
    )
    expect(readReviewDoc(ydoc).doc.events.map(e => e.description.text)).toEqual(['earlier day', 'second on the day, listed first', 'listed last'])
  })

  it('writes nothing when the case file is invalid, and lists every problem', () => {
    const ydoc = newReviewDoc()
    const before = stateOf(ydoc)
    let caught: unknown
    try {
      importCaseFile(ydoc, exampleWith(['/timeline/3/date', '2025-02-30'], ['/timeline/2/actors/0', 'ghost']))
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(CaseFileImportError)
    expect((caught as CaseFileImportError).problems.map(p => p.path)).toEqual(['/timeline/2/actors/0', '/timeline/3/date'])
    expect(stateOf(ydoc)).toEqual(before)
  })

  it('refuses to import twice into the same review', () => {
    const ydoc = newReviewDoc()
    importCaseFile(ydoc, example())
    const before = stateOf(ydoc)
    expect(() => importCaseFile(ydoc, example())).toThrow(/would duplicate/)
    expect(stateOf(ydoc)).toEqual(before)
  })

  it('writes nothing when a command fails late in the batch (a pseudonym already in the review)', () => {
    const ydoc = newReviewDoc()
    applyCommand(ydoc, { type: 'addPerson', name: 'Someone else', role: 'professional', pseudonym: 'Mother' })
    const before = stateOf(ydoc)
    expect(() => importCaseFile(ydoc, example(), { allowExistingContent: true })).toThrow(ReviewCommandError)
    expect(stateOf(ydoc)).toEqual(before)
  })

  it('writes nothing into a document that is not initialised', () => {
    const ydoc = new Y.Doc()
    expect(() => importCaseFile(ydoc, example())).toThrow(/not initialised/)
    expect(readReviewDoc(ydoc).doc.people).toEqual([])
  })
})
