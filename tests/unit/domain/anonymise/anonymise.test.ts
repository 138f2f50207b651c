import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anonymisationContextSchema, anonymise, compileAnonymiser } from '../../../../app/domain/anonymise'
import { corpus } from '../../../fixtures/anonymise/corpus'
import { calder } from '../../../fixtures/anonymise/registries'

describe('anonymise', () => {
  it('is deterministic: the same input gives the same output', () => {
    for (const item of corpus) {
      const first = compileAnonymiser(item.registry.context)(item.text)
      const second = compileAnonymiser(item.registry.context)(item.text)
      expect(second).toEqual(first)
      expect(anonymise(item.text, item.registry.context)).toEqual(first)
    }
  })

  it('is idempotent: anonymising the output again changes nothing', () => {
    for (const item of corpus) {
      const anonymiseText = compileAnonymiser(item.registry.context)
      const once = anonymiseText(item.text)
      const twice = anonymiseText(once.text)
      expect(twice.text, item.id).toBe(once.text)
      expect(twice.replacements, item.id).toEqual([])
    }
  })

  it('reports spans that rebuild both texts exactly', () => {
    for (const item of corpus) {
      const result = compileAnonymiser(item.registry.context)(item.text)
      let rebuilt = ''
      let cursor = 0
      let previousEnd = 0
      for (const replacement of result.replacements) {
        expect(replacement.start).toBeGreaterThanOrEqual(previousEnd)
        expect(item.text.slice(replacement.start, replacement.end)).toBe(replacement.original)
        rebuilt += item.text.slice(cursor, replacement.start) + replacement.replacement
        expect(rebuilt.length).toBe(replacement.outputEnd)
        expect(result.text.slice(replacement.outputStart, replacement.outputEnd)).toBe(replacement.replacement)
        cursor = replacement.end
        previousEnd = replacement.end
      }
      expect(rebuilt + item.text.slice(cursor)).toBe(result.text)
    }
  })

  it('anonymises a narrative the same way alone or inside a long case file', () => {
    // Detectors only scan windows around cheap anchors; this checks that windows never change
    // what is found.
    const separator = '\n\n§\n\n'
    const byRegistry = new Map<string, typeof corpus>()
    for (const item of corpus) byRegistry.set(item.registry.key, [...(byRegistry.get(item.registry.key) ?? []), item])
    for (const items of byRegistry.values()) {
      const first = items[0]
      if (first === undefined) continue
      const anonymiseText = compileAnonymiser(first.registry.context)
      const separately = items.map(item => anonymiseText(item.text).text).join(separator)
      const together = anonymiseText(items.map(item => item.text).join(separator)).text
      expect(together, first.registry.key).toBe(separately)
    }
  })

  it('never throws and keeps spans consistent on arbitrary text', () => {
    const anonymiseText = compileAnonymiser(calder.context)
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), text => {
        const result = anonymiseText(text)
        for (const replacement of result.replacements) expect(text.slice(replacement.start, replacement.end)).toBe(replacement.original)
        expect(anonymiseText(text)).toEqual(result)
      }),
      { numRuns: 300, seed: 42 },
    )
  })

  describe('adversarial long inputs (must finish well within the test timeout)', () => {
    const anonymiseText = compileAnonymiser(calder.context)
    const size = 200_000
    const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
    it.each([
      ['letters', fill('a')],
      ['digits', fill('1')],
      ['hyphenated digits', fill('1-')],
      ['phone-like', fill('+1 ')],
      ['email-like', fill('a@')],
      ['dotted', fill('a.')],
      ['domain-like', fill('ab.com.')],
      ['colons', fill('a:')],
      ['hex colons', fill('fe80::')],
      ['capitals', fill('A')],
      ['capitalised words', fill('Aa ')],
      ['street-like', fill('12 Aa Bb ')],
      ['titles', fill('Mr. ')],
      ['names', fill('Tessa ')],
      ['name prefixes', fill('Tes')],
      ['months', fill('March 3 ')],
      ['ordinals', fill('the 3rd of ')],
      ['ages', fill('3 years old ')],
      ['parentheses', fill('(3 ')],
      ['slashes', fill('1/2/')],
      ['record words', fill('case no. ')],
      ['plates', fill('plate ')],
      ['urls', fill('http://')],
      ['apostrophes', fill("'s")],
      ['mixed', fill('Ms. Calder 867-555-0143 X0E 0P0 2024-10-02 aged 7 ')],
    ])('%s', (_label, text) => {
      const result = anonymiseText(text)
      expect(result.text.length).toBeGreaterThan(0)
    })
  })
})

describe('context schema', () => {
  it('fills defaults and accepts the registry shape', () => {
    const parsed = anonymisationContextSchema.parse({ incidentDate: '2025-03-18', registry: {} })
    expect(parsed.options).toEqual({ locale: 'en', safeWords: [] })
    expect(parsed.registry).toEqual({ people: [], places: [], identifiers: [] })
  })

  it('rejects what would make the output unsafe or ambiguous', () => {
    const bad = [
      { incidentDate: '2025-02-30', registry: {} },
      { incidentDate: '18/03/2025', registry: {} },
      { incidentDate: '2025-03-18', registry: { people: [{ id: 'x', name: 'Tessa', role: 'parent' }] } },
      { incidentDate: '2025-03-18', registry: { people: [{ id: 'x', name: ' ', role: 'parent', pseudonym: 'Mother' }] } },
      { incidentDate: '2025-03-18', registry: { places: [{ name: 'Fort Ellis', kind: 'village' }] } },
      { incidentDate: '2025-03-18', registry: {}, options: { locale: 'es' } },
    ]
    for (const input of bad) expect(anonymisationContextSchema.safeParse(input).success, JSON.stringify(input)).toBe(false)
  })
})
