// A pseudonym leaves the review in every export: it may not carry anyone's registered name.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { applyCommand, nameInPseudonym, ReviewCommandError } from '../../../../app/domain/review-doc'
import { initialiseReviewDoc } from '../../../../app/domain/review-doc/init'

function doc() {
  const ydoc = new Y.Doc()
  initialiseReviewDoc(ydoc, { reviewId: 'r' })
  applyCommand(ydoc, { type: 'addPerson', id: 'g', name: 'Glen Osei', aliases: ['Gee'], role: 'worker', pseudonym: 'Caseworker 1' })
  return ydoc
}

function problem(run: () => void): string {
  try {
    run()
  } catch (error) {
    if (error instanceof ReviewCommandError) return error.problems.map(p => `${p.path} ${p.message}`).join('; ')
    throw error
  }
  return 'accepted'
}

describe('nameInPseudonym', () => {
  it('finds a whole name, an alias or a name part, without case or accents, token by token', () => {
    expect(nameInPseudonym('Glen Osei', ['Glen Osei'])).toBe('Glen Osei')
    expect(nameInPseudonym('glen osei', ['Glen Osei'])).toBe('Glen Osei')
    expect(nameInPseudonym('Mr Osei', ['Glen Osei'])).toBe('Glen Osei')
    expect(nameInPseudonym('Worker Zoë', ['Zoe Park'])).toBe('Zoe Park')
    expect(nameInPseudonym('Caseworker 2', ['Glen Osei', 'Sam Parent', 'Casey Case'])).toBeNull()
    expect(nameInPseudonym('Parent 2', ['Sam Parent'])).toBeNull()
    expect(nameInPseudonym('Oseimore 1', ['Glen Osei'])).toBeNull()
  })
})

describe('review document commands', () => {
  it('refuse a pseudonym that contains a registered name or alias, on add and on update', () => {
    const ydoc = doc()
    expect(problem(() => applyCommand(ydoc, { type: 'addPerson', name: 'Ruby Calder', role: 'child', pseudonym: 'Glen Osei' }))).toMatch(
      /\/pseudonym .*contains a registered name/,
    )
    expect(problem(() => applyCommand(ydoc, { type: 'addPerson', name: 'Ruby Calder', role: 'child', pseudonym: 'Ruby' }))).toMatch(
      /contains a registered name/,
    )
    expect(problem(() => applyCommand(ydoc, { type: 'updatePerson', id: 'g', patch: { pseudonym: 'Gee 1' } }))).toMatch(/\/patch\/pseudonym/)
    expect(problem(() => applyCommand(ydoc, { type: 'addPerson', name: 'Ruby Calder', role: 'child', pseudonym: 'Child 1' }))).toBe('accepted')
  })

  it('refuse a pseudonym with a name the review knows from outside the document (its staff)', () => {
    const ydoc = doc()
    const options = { registeredNames: ['Wren Worker'] }
    expect(problem(() => applyCommand(ydoc, { type: 'updatePerson', id: 'g', patch: { pseudonym: 'Wren' } }, options))).toMatch(/contains a registered name/)
    expect(problem(() => applyCommand(ydoc, { type: 'updatePerson', id: 'g', patch: { pseudonym: 'Caseworker 4' } }, options))).toBe('accepted')
  })

  it('refuse a new name or alias that an existing pseudonym already spells out whole', () => {
    const ydoc = doc()
    expect(problem(() => applyCommand(ydoc, { type: 'addPerson', id: 'x', name: 'Ann Bell', role: 'other', pseudonym: 'Neighbour 1' }))).toBe('accepted')
    expect(problem(() => applyCommand(ydoc, { type: 'updatePerson', id: 'g', patch: { aliases: ['Neighbour'] } }))).toMatch(
      /\/patch\/aliases .*pseudonym "Neighbour 1" contains this name/,
    )
  })
})
