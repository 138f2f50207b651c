// The review's members and the jurisdiction's staff as registered people: one pseudonym each,
// shared with the registry when they are in it, and names/emails replaced in every text.
import { describe, expect, it } from 'vitest'
import { buildSharedReview, exportFramework, staffRegistry } from '../../../../app/domain/export'
import { sharedIdFor } from '../../../../app/utils/digest.server'
import { defaultFactorFramework } from '../../../../app/domain/factors'
import { documentFrom } from '../../../fixtures/export/review'

const { document } = documentFrom([
  { type: 'addPerson', id: 'c1', name: 'Ruby Calder', role: 'child', pseudonym: 'Child 1' },
  { type: 'addPerson', id: 'w1', name: 'Priya Raman', role: 'worker', pseudonym: 'Caseworker 1' },
  { type: 'addPerson', id: 'w2', name: 'Wren Worker', role: 'worker', pseudonym: 'Caseworker 2' },
  {
    type: 'addFinding',
    id: 'f1',
    body: 'Wren Worker (wren.worker@example.test) met Ruby; Wren said Worker was late. Glen Osei, Glen and Osei reviewed it, glen.osei@example.test.',
  },
  { type: 'addEvent', id: 'e1', date: '2025-01-02', description: 'Home visit.', actorIds: ['w2'] },
])

describe('staffRegistry', () => {
  it('gives a staff member in the registry the registry’s pseudonym, and everyone else one of their own', () => {
    const staff = staffRegistry(document.people, [
      // Their account was given "Caseworker 1" when only accounts were compared: the bug.
      { id: 'u-wren', name: 'Wren Worker', email: 'wren.worker@example.test', accountPseudonym: 'Caseworker 1' },
      { id: 'u-glen', name: 'Glen Osei', email: 'glen.osei@example.test', accountPseudonym: 'Caseworker 1' },
      { id: 'u-ann', name: 'Ann Admin', email: 'ann@example.test' },
    ])
    expect(staff.pseudonymOf.get('u-wren')).toBe('Caseworker 2')
    // Glen's account pseudonym belongs to Priya in the registry: two people, two labels.
    expect(staff.pseudonymOf.get('u-glen')).toBe('Caseworker 3')
    expect(staff.pseudonymOf.get('u-ann')).toBe('Staff member 1')
    expect(staff.people.find(p => p.id === 'w2')!.aliases).toContain('wren.worker@example.test')
    expect(staff.staff.map(p => p.id).sort()).toEqual(['user:u-ann', 'user:u-glen'])
    expect(staffRegistry(document.people, [{ id: 'u-ann', name: 'Ann Admin', email: 'a@x.test' }], 'fr').pseudonymOf.get('u-ann')).toBe('Membre du personnel 1')
  })

  it('replaces staff full names, given names, family names and emails wherever they are written', () => {
    const staff = staffRegistry(document.people, [
      { id: 'u-wren', name: 'Wren Worker', email: 'wren.worker@example.test', accountPseudonym: null },
      { id: 'u-glen', name: 'Glen Osei', email: 'glen.osei@example.test', accountPseudonym: 'Caseworker 7' },
    ])
    const { sharedReview } = buildSharedReview({
      document,
      review: { sharedId: sharedIdFor('NW-DEMO', 'r'), jurisdiction: 'NW-DEMO', incidentDate: '2025-03-01', incidentType: 'other', phase: 'approval' },
      framework: exportFramework(defaultFactorFramework),
      excerpts: [{ pseudonym: staff.pseudonymOf.get('u-glen')!, findingId: 'f1', excerpt: 'Glen Osei wrote this; ask Wren.' }],
      registeredPeople: [...staff.people, ...staff.staff],
    })
    const out = JSON.stringify(sharedReview)
    expect(out).not.toMatch(/Wren|Worker|Glen|Osei|example\.test/)
    expect(sharedReview.findings[0]!.text).toContain('Caseworker 2')
    expect(sharedReview.findings[0]!.text).toContain('Caseworker 7')
    expect(sharedReview.timeline[0]!.actors).toEqual(['Caseworker 2'])
    expect(sharedReview.accountExcerpts[0]!.pseudonym).toBe('Caseworker 7')
  })
})
