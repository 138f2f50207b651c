import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  englishNudgePhrases,
  findNudges,
  frenchNudgePhrases,
  individualCauseSuggestions,
  NudgePhrase,
  nudgeCategories,
  nudgeLocales,
  nudgePhrases,
  type NudgeLocale,
} from '~/domain/nudges'

describe('phrase lists as data', () => {
  it('validate against the NudgePhrase schema and have unique ids', () => {
    for (const locale of nudgeLocales) {
      const list = nudgePhrases[locale]
      for (const phrase of list) expect(NudgePhrase.safeParse(phrase).success).toBe(true)
      expect(new Set(list.map(p => p.id)).size).toBe(list.length)
    }
  })

  it('survive a JSON round trip, so a jurisdiction can ship its own', () => {
    const copy = JSON.parse(JSON.stringify(englishNudgePhrases)) as unknown[]
    expect(copy.map(p => NudgePhrase.parse(p))).toEqual(englishNudgePhrases)
  })

  it('cover hindsight, blame and judgement in both languages', () => {
    for (const list of [englishNudgePhrases, frenchNudgePhrases]) {
      expect(new Set(list.map(p => p.category))).toEqual(new Set(nudgeCategories.filter(c => c !== 'individual_cause')))
    }
  })

  it('rejects a pattern that is not a regular expression', () => {
    expect(NudgePhrase.safeParse({ id: 'x', category: 'blame', pattern: '(unclosed', suggestion: 's' }).success).toBe(false)
  })

  it('can be extended by the caller', () => {
    const ours = [
      ...englishNudgePhrases,
      { id: 'local.dropped', category: 'blame' as const, pattern: 'let (?:it|this) slide', suggestion: 'Describe what happened.' },
    ]
    expect(findNudges('The team let it slide.', 'en')).toEqual([])
    expect(findNudges('The team let it slide.', 'en', { phrases: ours }).map(n => n.ruleId)).toEqual(['local.dropped'])
  })
})

describe('suggestions practise what they preach', () => {
  it.each(nudgeLocales)('no %s suggestion trips a hindsight, blame or judgement nudge', (locale: NudgeLocale) => {
    for (const phrase of nudgePhrases[locale]) {
      const found = findNudges(phrase.suggestion, locale)
      expect(
        found.map(n => n.phrase),
        phrase.id,
      ).toEqual([])
    }
    expect(findNudges(individualCauseSuggestions[locale], locale)).toEqual([])
  })
})

describe('findNudges on any text', () => {
  it('returns in-bounds, ordered, non-overlapping spans whose phrase is the text at the span', () => {
    const words = fc.constantFrom(
      'should have',
      'visited',
      'failed to',
      'Priya',
      'négligence',
      'aurait dû',
      'appeler',
      'the',
      'É',
      'ﬁ',
      '’',
      "'",
      ' ',
      '\n',
      'obviously',
      'İ',
      'e\u0301',
      '😀',
      'faute',
      'no',
      'system',
    )
    fc.assert(
      fc.property(fc.array(words, { maxLength: 30 }), fc.constantFrom<NudgeLocale>('en', 'fr'), (parts, locale) => {
        const text = parts.join(' ')
        const nudges = findNudges(text, locale, { personNames: ['Priya'] })
        let reached = 0
        for (const n of nudges) {
          expect(n.start).toBeGreaterThanOrEqual(reached)
          expect(n.end).toBeGreaterThan(n.start)
          expect(n.end).toBeLessThanOrEqual(text.length)
          expect(text.slice(n.start, n.end)).toBe(n.phrase)
          reached = n.end
        }
      }),
    )
  })
})
