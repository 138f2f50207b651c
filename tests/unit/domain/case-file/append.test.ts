import { describe, expect, it } from 'vitest'
import { caseFileDateFlags, importCaseFile, sameEvent, similarDescriptions, validateCaseFile, type CaseFile } from '../../../../app/domain/case-file'
import { readReviewDoc } from '../../../../app/domain/review-doc'
import { newReviewDoc } from '../review-doc/fixtures'
import { example, type Json } from './fixtures'

function valid(input: Json): CaseFile {
  const result = validateCaseFile(input)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.caseFile
}

/** A second agency's chronology: the hospital's own records, two of which the review already has. */
function hospitalChronology(): Json {
  const first = valid(example())
  return {
    format: 'scir-case-file/1',
    review: { ...first.review, summary: 'Hospital social work summary. Fictional.' },
    people: [
      // The same child and mother, under this agency's own keys and spelling.
      { key: 'pt', name: 'RUBY CALDER', role: 'child' },
      { key: 'mo', name: 'Tess', role: 'parent' },
      { key: 'sw', name: 'Nadia Brook', role: 'professional' },
    ],
    places: [{ name: 'St. Brendan Regional Hospital', kind: 'hospital' }],
    identifiers: [{ value: 'MRN-55120', kind: 'other' }],
    timeline: [
      // Already there: same day, same source, the text retyped with a time and a small change.
      { date: '2025-03-18T14:05', source: 'Hospital report', actors: ['pt'], text: first.timeline[8]!.text.replace('skull', 'skull ') + ' ' },
      // New: the same day and source, but another event.
      { date: '2025-03-18', source: 'hospital report', actors: ['sw', 'mo'], text: 'Social worker Nadia Brook meets the mother in the emergency department.' },
      { date: '2025-03-20', source: 'hospital report', actors: ['sw'], text: 'Discharge planning meeting; child protection notified.' },
    ],
  }
}

describe('importing into a review that already has a chronology', () => {
  it('adds only what is new, reuses the people it already knows, and reports the duplicates', () => {
    const ydoc = newReviewDoc()
    importCaseFile(ydoc, example())
    const before = readReviewDoc(ydoc).doc
    const result = importCaseFile(ydoc, hospitalChronology(), { allowExistingContent: true })
    const after = readReviewDoc(ydoc).doc

    expect(result.duplicates).toEqual([
      { index: 0, existingId: before.events.find(e => e.date === '2025-03-18')!.id, date: '2025-03-18T14:05', source: 'Hospital report' },
    ])
    expect(result.eventIds).toHaveLength(2)
    expect(after.events).toHaveLength(before.events.length + 2)
    // Ruby and Tessa are the people already in the registry; only the social worker is new.
    expect([...result.reusedPeople.keys()].sort()).toEqual(['mo', 'pt'])
    expect(after.people).toHaveLength(before.people.length + 1)
    const tessa = before.people.find(p => p.name === 'Tessa Calder')!
    const meeting = after.events.find(e => e.description.text.startsWith('Social worker Nadia Brook'))!
    expect(meeting.actorIds).toContain(tessa.id)
    // The hospital was already a known place; the record number is new.
    expect(after.places).toHaveLength(before.places.length)
    expect(after.identifiers).toHaveLength(before.identifiers.length + 1)

    // Importing the same second file again adds nothing.
    const again = importCaseFile(ydoc, hospitalChronology(), { allowExistingContent: true })
    expect(again.eventIds).toEqual([])
    expect(again.duplicates.map(d => d.index)).toEqual([0, 1, 2])
    expect(readReviewDoc(ydoc).doc.events).toHaveLength(after.events.length)
  })

  it('treats the same day and source with a different story as a different event', () => {
    const existing = { id: 'e1', date: '2025-01-15', source: 'case notes', description: 'Third visit, delayed by holiday closures.' }
    expect(sameEvent({ date: '2025-01-15', source: 'Case Notes', text: 'Third visit – delayed by holiday closures!' }, existing)).toBe(true)
    expect(sameEvent({ date: '2025-01-15', source: 'case notes', text: 'Phone call with the daycare about attendance.' }, existing)).toBe(false)
    expect(sameEvent({ date: '2025-01-16', source: 'case notes', text: 'Third visit, delayed by holiday closures.' }, existing)).toBe(false)
    expect(sameEvent({ date: '2025-01-15', source: 'school report', text: 'Third visit, delayed by holiday closures.' }, existing)).toBe(false)
    expect(
      similarDescriptions(
        'Home visit completed; the family reports the week was difficult.',
        'Home visit completed, family reports the week was very difficult',
      ),
    ).toBe(true)
  })

  it('flags imported dates in the future or before the child was born', () => {
    const file = valid(example())
    file.timeline[0]!.date = '2024-09-30' // before Ruby's birth (2024-10-02)
    file.timeline[1]!.date = '2031-01-01'
    expect(caseFileDateFlags(file, { today: '2026-12-04' })).toEqual([
      { index: 0, date: '2024-09-30', flag: { kind: 'beforeBirth', birthDate: '2024-10-02' } },
      { index: 1, date: '2031-01-01', flag: { kind: 'future' } },
    ])
  })
})
