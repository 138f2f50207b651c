import { describe, expect, it } from 'vitest'
import { COMMON_WORDS, compileAnonymiser, isCommonWord, residualCandidateId, type AnonymisationContextInput } from '../../../../app/domain/anonymise'

const registry: AnonymisationContextInput['registry'] = {
  people: [
    { id: 'm', name: 'Tessa Calder', aliases: ['Tess'], role: 'parent', pseudonym: 'Mother' },
    { id: 'u', name: 'Will Black', role: 'relative', pseudonym: 'Uncle' },
  ],
}

describe('residual candidates', () => {
  const text = 'Tess said Bubba came by. Bubba is her cousin. The Caseworker, the Safety Plan and Public Health agreed. Worker ref XJ22B and 10377.'

  it('lists unregistered names and identifier-like tokens with their positions', () => {
    const result = compileAnonymiser({ incidentDate: '2025-03-18', registry })(text)
    expect(result.residuals.map(r => [r.text, r.reason])).toEqual([
      ['Bubba', 'capitalised_word'],
      ['Bubba', 'capitalised_word'],
      ['XJ22B', 'identifier_like'],
      ['10377', 'identifier_like'],
    ])
    for (const residual of result.residuals) {
      expect(text.slice(residual.start, residual.end)).toBe(residual.text)
      expect(result.text.slice(residual.outputStart, residual.outputEnd)).toBe(residual.text)
    }
  })

  it('gives every occurrence of a token the same stable id', () => {
    const result = compileAnonymiser({ incidentDate: '2025-03-18', registry })(text)
    const [first, second] = result.residuals
    expect(first?.id).toBe(second?.id)
    expect(first?.id).toBe(residualCandidateId('BUBBA'))
    expect(first?.id).toMatch(/^rc-[0-9a-z]+$/)
  })

  it('stops listing a token once it is marked safe', () => {
    const result = compileAnonymiser({ incidentDate: '2025-03-18', registry, options: { safeWords: ['Bubba', 'xj22b'] } })(text)
    expect(result.residuals.map(r => r.text)).toEqual(['10377'])
  })

  it('replaces a token once it is added to the registry as an alias', () => {
    const people = [...(registry.people ?? [])]
    people[0] = { id: 'm', name: 'Tessa Calder', aliases: ['Tess'], role: 'parent', pseudonym: 'Mother' }
    people.push({ id: 'c', name: 'Bubba', aliases: [], role: 'relative', pseudonym: 'Cousin' })
    const result = compileAnonymiser({ incidentDate: '2025-03-18', registry: { people } })(text)
    expect(result.text.startsWith('Mother said Cousin came by. Cousin is her cousin.')).toBe(true)
    expect(result.residuals.map(r => r.text)).toEqual(['XJ22B', '10377'])
  })

  it('lists a name part that is also a word when it stands alone with a capital', () => {
    const result = compileAnonymiser({ incidentDate: '2025-03-18', registry })('Will Black said he will come. Will did not. Black families were not seen.')
    expect(result.text).toBe('Uncle said he will come. Will did not. Black families were not seen.')
    expect(result.residuals.map(r => r.text)).toEqual(['Will', 'Black'])
  })

  it('does not list words the narrative also uses in lower case at a sentence start', () => {
    const result = compileAnonymiser({ incidentDate: '2025-03-18', registry: {} })('Kettling was used. They avoided kettling.')
    expect(result.residuals).toEqual([])
  })

  it('ships a compact dictionary of ordinary English and French words', () => {
    expect(COMMON_WORDS.size).toBeGreaterThan(3000)
    for (const word of ['caseworker', 'mother', 'hopital', 'supervision', 'january', 'mercredi', 'visited', 'familles']) {
      expect(isCommonWord(word), word).toBe(true)
    }
    for (const word of ['bubba', 'calder', 'tessa', 'kayleigh', 'lee']) expect(isCommonWord(word), word).toBe(false)
  })
})

describe('French place names', () => {
  // The French place pattern runs only in windows holding a piece of one of its type words
  // (ADR 0052): every spelling the pattern accepts must still be found.
  const spellings = ['École', 'Ecole', 'école', 'ecole', 'Collège', 'College', 'Polyvalente', 'polyvalente', 'Garderie', 'garderie', 'CPE', 'Centre']
  spellings.push('Bibliothèque', 'Bibliotheque', 'Église', 'Eglise', 'église', 'eglise', 'Parc', 'Hôpital', 'Hopital', 'Clinique', 'Aréna', 'Arena')
  spellings.push('Maison', 'Résidence', 'Residence', 'Paroisse', 'paroisse', 'Académie', 'Academie', 'Lycée', 'Lycee', 'Crèche', 'Creche')
  const anonymiser = compileAnonymiser({ incidentDate: '2025-03-18', registry: { people: [] }, options: { locale: 'fr' } })

  it.each(spellings)('lists "%s Saint-Joseph" whole', spelling => {
    const result = anonymiser(`Près du Park, la ${spelling} Saint-Joseph ouvre.`)
    expect(result.residuals.filter(residual => residual.reason === 'place_name').map(residual => residual.text)).toEqual([`${spelling} Saint-Joseph`])
  })
})
