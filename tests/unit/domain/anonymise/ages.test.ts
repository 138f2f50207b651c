import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ageBand, ageBandLabel, compileAnonymiser } from '../../../../app/domain/anonymise'

const english = compileAnonymiser({ incidentDate: '2025-03-18', registry: {} })
const french = compileAnonymiser({ incidentDate: '2025-03-18', registry: {}, options: { locale: 'fr' } })

describe('age bands', () => {
  it('defines contiguous bands from infancy to 90 and older', () => {
    const bands = [0, 0.5, 1, 4, 5, 9, 10, 14, 15, 17, 18, 24, 25, 34, 35, 44, 45, 54, 55, 64, 65, 89, 90, 104].map(years => {
      const band = ageBand(years)
      return `${band.from}-${band.to ?? '+'}`
    })
    expect(bands).toEqual([
      '0-0',
      '0-0',
      '1-4',
      '1-4',
      '5-9',
      '5-9',
      '10-14',
      '10-14',
      '15-17',
      '15-17',
      '18-24',
      '18-24',
      '25-34',
      '25-34',
      '35-44',
      '35-44',
      '45-54',
      '45-54',
      '55-64',
      '55-64',
      '65-89',
      '65-89',
      '90-+',
      '90-+',
    ])
  })

  it('puts every age in a band that contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), years => {
        const band = ageBand(years)
        expect(years).toBeGreaterThanOrEqual(band.from)
        if (band.to !== undefined) expect(years).toBeLessThanOrEqual(band.to)
      }),
    )
  })

  it.each<[string, string]>([
    ['Ruby is 4 months old.', 'Ruby is an infant (under 1 year).'],
    ['Owen, aged 7, attends.', 'Owen, age 5-9, attends.'],
    ['Age: 8.', 'age 5-9.'],
    ['He is 15 years old.', 'He is age 15-17.'],
    ['A 3-year-old and an 8-year-old.', 'A 1-to-4-year-old and a 5-to-9-year-old.'],
    ['a 4-month-old baby', 'an under-1-year-old baby'],
    ['a 24-year-old mother', 'an 18-to-24-year-old mother'],
    ['the seven-year-old boy', 'the 5-to-9-year-old boy'],
    ['two 3-year-olds', 'two 1-to-4-year-olds'],
    ['a 7 year old boy', 'a 5-to-9-year-old boy'],
    ['Kai, 3 y/o, and Mia, 6 yo.', 'Kai, age 1-4, and Mia, age 5-9.'],
    ['Ruby (5 months) and Owen (3 years).', 'Ruby (infant, under 1 year) and Owen (age 1-4).'],
    ['She is 92 years old.', 'She is age 90 or older.'],
    ['Ruby, 4 months, was seen.', 'Ruby, an infant (under 1 year), was seen.'],
    ['Standards: 6 weeks, 8 weeks, 3 months, done.', 'Standards: 6 weeks, 8 weeks, 3 months, done.'],
  ])('%s', (input, output) => {
    expect(english(input).text).toBe(output)
  })

  it.each<[string, string]>([
    ['Zoë est âgée de 16 mois.', 'Zoë est âgée de 1 à 4 ans.'],
    ['Un garçon de 7 ans.', 'Un garçon de 5 à 9 ans.'],
    ['Elle a 3 ans et demi.', 'Elle a 1 à 4 ans.'],
    ['Un bébé de 4 mois.', "Un bébé de moins d'un an."],
    ['Léa (7 ans) joue.', 'Léa (5 à 9 ans) joue.'],
    ['une femme de 92 ans', 'une femme de 90 ans ou plus'],
    ['Zoë, 16 mois, dormait.', 'Zoë, 1 à 4 ans, dormait.'],
    ['elle a 1 an.', 'elle a 1 à 4 ans.'],
  ])('%s', (input, output) => {
    expect(french(input).text).toBe(output)
  })

  it('leaves durations alone', () => {
    const english_text = 'She worked for 7 years, moved 3 years ago after 7 years of service; 6-8 weeks; age group.'
    expect(english(english_text).text).toBe(english_text)
    const french_text = 'Il y a 3 ans, depuis 5 ans, pendant 2 ans, 3 enfants.'
    expect(french(french_text).text).toBe(french_text)
  })

  it('labels bands for each grammatical position', () => {
    expect(ageBandLabel(ageBand(0.3), 'predicate', 'en')).toBe('an infant (under 1 year)')
    expect(ageBandLabel(ageBand(12), 'adjective', 'en')).toBe('10-to-14-year-old')
    expect(ageBandLabel(ageBand(95), 'parenthetical', 'en')).toBe('(age 90 or older)')
    expect(ageBandLabel(ageBand(0.3), 'french', 'fr')).toBe("moins d'un an")
  })
})
