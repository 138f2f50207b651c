import { describe, expect, it } from 'vitest'
import { NAME_PART_STOPLIST, anonymisationContextSchema, compileAnonymiser, isCommonWord, type AnonymisationContext } from '../../../../app/domain/anonymise'
import { corpus, plantedKinds } from '../../../fixtures/anonymise/corpus'
import { looseFold, occurrences, remainingPlanted, scoreItem } from '../../../fixtures/anonymise/scoring'

const isOrdinaryWord = (folded: string): boolean => isCommonWord(folded) || NAME_PART_STOPLIST.has(folded)

/** Every spelling of a registered person or place that must never survive anonymisation. */
function registeredVariants(context: AnonymisationContext): string[] {
  const variants = new Set<string>()
  const titles = /^(?:dr|dre|mr|mrs|ms|mme|mlle|m)\.?\s+/i
  for (const person of context.registry.people) {
    variants.add(person.name.replace(titles, ''))
    for (const alias of person.aliases) variants.add(alias)
    for (const part of person.name.replace(titles, '').split(/[\s-]+/)) {
      const folded = looseFold(part)
      // Parts of one or two letters and stoplisted parts are only replaced after a title.
      if (folded.length >= 3 && !NAME_PART_STOPLIST.has(folded)) variants.add(part)
    }
  }
  for (const place of context.registry.places) variants.add(place.name)
  for (const identifier of context.registry.identifiers) variants.add(identifier.value)
  return [...variants]
}

function stillPresent(output: string, variant: string): boolean {
  const key = looseFold(variant)
  if (!/\s/.test(key) && isOrdinaryWord(key)) {
    // An ordinary word may stay in lower case ("an ally", "à côté"); its capitalised forms may not.
    const plain = variant.normalize('NFD').replace(/\p{M}/gu, '')
    const unmarked = output.normalize('NFD').replace(/\p{M}/gu, '')
    const capitalised = plain.charAt(0).toUpperCase() + plain.slice(1)
    return occurrences(unmarked, capitalised).length > 0 || occurrences(unmarked, plain.toUpperCase()).length > 0
  }
  return occurrences(looseFold(output), key).length > 0
}

describe('anonymiser corpus', () => {
  it('has 40+ varied, annotated narratives in English and French', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40)
    expect(new Set(corpus.map(item => item.id)).size).toBe(corpus.length)
    const locales = new Set(corpus.map(item => item.registry.context.options?.locale))
    expect(locales).toEqual(new Set(['en', 'fr']))
    expect(new Set(corpus.map(item => item.genre)).size).toBeGreaterThanOrEqual(7)
    const kinds = new Set(corpus.flatMap(item => item.planted.map(([, kind]) => kind)))
    expect([...plantedKinds].filter(kind => !kinds.has(kind))).toEqual([])
    for (const item of corpus) {
      for (const [text] of item.planted) expect(occurrences(item.text, text).length, `${item.id}: ${text}`).toBeGreaterThan(0)
      for (const text of item.benign ?? []) expect(item.text.includes(text), `${item.id}: ${text}`).toBe(true)
    }
  })

  describe.each(corpus.map(item => [item.id, item] as const))('%s', (_id, item) => {
    const context = anonymisationContextSchema.parse(item.registry.context)
    const anonymiseText = compileAnonymiser(item.registry.context)
    const result = anonymiseText(item.text)

    it('leaves no planted identifier (case- and diacritic-insensitive)', () => {
      expect(remainingPlanted(item, result.text, isOrdinaryWord)).toEqual([])
      expect(scoreItem(item, result).missed.map(span => span.text)).toEqual([])
    })

    it('leaves no registered name, place or identifier in any spelling', () => {
      expect(registeredVariants(context).filter(variant => stillPresent(result.text, variant))).toEqual([])
    })

    it('writes the expected labels', () => {
      for (const [original, replacement] of item.expected ?? []) {
        expect(result.replacements.find(r => r.original === original)?.replacement, original).toBe(replacement)
      }
      for (const text of item.outputContains ?? []) expect(result.text).toContain(text)
    })

    it('keeps benign look-alikes and replaces nothing unplanted', () => {
      for (const text of item.benign ?? []) expect(result.text).toContain(text)
      expect(scoreItem(item, result).spurious).toEqual([])
    })

    it('lists unregistered names as residual candidates', () => {
      const listed = new Set(result.residuals.map(residual => residual.text))
      for (const text of item.residuals ?? []) expect(listed, text).toContain(text)
    })
  })
})
