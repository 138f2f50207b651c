import { describe, expect, it } from 'vitest'
import { suggestPlaceLabel, suggestPseudonym } from '../../../../app/domain/review-doc'
import { personRoles } from '../../../../app/domain/vocabulary'

describe('suggestPseudonym', () => {
  it('numbers people of the same role from 1, filling the first gap', () => {
    expect(suggestPseudonym('child', [])).toBe('Child 1')
    expect(suggestPseudonym('child', ['Child 1'])).toBe('Child 2')
    expect(suggestPseudonym('child', ['Child 2'])).toBe('Child 1')
    expect(suggestPseudonym('sibling', ['Child 1'])).toBe('Sibling 1')
  })

  it('uses a generic word for each role', () => {
    const suggestions = Object.fromEntries(personRoles.map(role => [role, suggestPseudonym(role, [])]))
    expect(suggestions).toEqual({
      child: 'Child 1',
      sibling: 'Sibling 1',
      parent: 'Parent 1',
      caregiver: 'Caregiver 1',
      relative: 'Relative 1',
      household_member: 'Household member 1',
      worker: 'Caseworker 1',
      supervisor: 'Supervisor 1',
      professional: 'Professional 1',
      community_member: 'Community member 1',
      other: 'Person 1',
    })
  })

  it('says Mother or Father only when the caller gives the hint', () => {
    expect(suggestPseudonym('parent', [], 'female')).toBe('Mother')
    expect(suggestPseudonym('parent', [], 'male')).toBe('Father')
    expect(suggestPseudonym('parent', ['Mother'], 'female')).toBe('Mother 2')
    expect(suggestPseudonym('caregiver', [], 'female')).toBe('Caregiver 1')
  })

  it('compares existing pseudonyms ignoring case and surrounding spaces', () => {
    expect(suggestPseudonym('worker', [' caseworker 1 '])).toBe('Caseworker 2')
  })
})

describe('suggestPlaceLabel', () => {
  it('gives the first of a kind a definite label and numbers the rest', () => {
    expect(suggestPlaceLabel('school', [])).toBe('the school')
    expect(suggestPlaceLabel('school', ['the school'])).toBe('school 2')
    expect(suggestPlaceLabel('address', [])).toBe('the family home')
    expect(suggestPlaceLabel('hospital', ['the family home'])).toBe('the hospital')
  })
})
