import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { NAME_PART_STOPLIST, compileAnonymiser, isCommonWord } from '../../../../app/domain/anonymise'
import { looseFold, occurrences } from '../../../fixtures/anonymise/scoring'

const calder = {
  incidentDate: '2025-03-18',
  registry: {
    people: [
      { id: 'c1', name: 'Ruby Calder', aliases: ['Ruby'], role: 'child' as const, pseudonym: 'Child 1' },
      { id: 'm', name: 'Tessa Calder', aliases: ['Tess', 'Ms. Calder'], role: 'parent' as const, pseudonym: 'Mother' },
      { id: 'p', name: 'Darren Pike', aliases: ['Mr. Pike'], role: 'household_member' as const, pseudonym: "Mother's partner" },
      { id: 'n', name: 'Dr. Hana Walsh', role: 'professional' as const, pseudonym: 'Nurse 1' },
      { id: 'j', name: 'Jean-Luc Smith-Jones', role: 'worker' as const, pseudonym: 'Caseworker 2' },
      { id: 'z', name: 'Zoë Hélène Marcus', role: 'relative' as const, pseudonym: 'Aunt' },
      { id: 'u', name: 'Will Black', role: 'relative' as const, pseudonym: 'Uncle' },
      { id: 'l', name: 'Li Ng', role: 'professional' as const, pseudonym: 'Physician 1' },
    ],
    places: [
      { name: 'St. Brendan Regional Hospital', kind: 'hospital' as const },
      { name: 'Fort Ellis', kind: 'town' as const },
      { name: '14 Larch Crescent, Fort Ellis', kind: 'address' as const },
      { name: 'Millbrook Elementary School', kind: 'school' as const, label: 'the primary school' },
    ],
    identifiers: [{ value: 'CFS-2024-10377', kind: 'case_number' as const }],
  },
}

describe('registered people and places', () => {
  const anonymiseText = compileAnonymiser(calder)
  const cases: Array<[string, string]> = [
    ['Tessa Calder signed.', 'Mother signed.'],
    ['TESSA CALDER signed.', 'Mother signed.'],
    ['tessa calder signed.', 'Mother signed.'],
    ['Ms. Calder and Mrs Calder agreed.', 'Mother and Mother agreed.'],
    ['Calder, Tessa signed.', 'Mother signed.'],
    ['The Calders moved; Calder was not home.', 'The [family name] moved; [family name] was not home.'],
    ["Mr. Pike's car and Darren’s keys.", "Mother's partner's car and Mother's partner’s keys."],
    ['Dr. Walsh, Dr Hana Walsh and Hana met.', 'Nurse 1, Nurse 1 and Nurse 1 met.'],
    ['Jean-Luc, Jean Luc, Smith-Jones, Smith Jones, Jean and Jones.', 'Caseworker 2, Caseworker 2, Caseworker 2, Caseworker 2, Caseworker 2 and Caseworker 2.'],
    ["Zoë, Zoe, ZOE, Hélène, Helene and Marcus' bag.", "Aunt, Aunt, Aunt, Aunt, Aunt and Aunt's bag."],
    ["'I saw Marcus' she said.", "'I saw Aunt' she said."],
    ['Will Black said he will call Mr. Black.', 'Uncle said he will call Uncle.'],
    ['Black families and a black car; Dr. Ng and Li Ng.', 'Black families and a black car; Physician 1 and Physician 1.'],
    ['Admitted to St. Brendan Regional Hospital, then St Brendan’s.', 'Admitted to the hospital, then the hospital.'],
    ['At the St. Brendan Regional Hospital.', 'At the hospital.'],
    ['Fort Ellis is remote. The visit at 14 Larch Crescent, Fort Ellis.', 'The town is remote. The visit at the family home.'],
    ['Millbrook Elementary sent a letter.', 'The primary school sent a letter.'],
    ['File CFS-2024-10377, also cfs 2024 10377.', 'File [case number], also [case number].'],
  ]
  it.each(cases)('%s', (input, output) => {
    expect(anonymiseText(input).text).toBe(output)
  })

  it('reports every replacement with its original span and kind', () => {
    const text = 'Tess called Fort Ellis about CFS-2024-10377.'
    const result = anonymiseText(text)
    for (const replacement of result.replacements) {
      expect(text.slice(replacement.start, replacement.end)).toBe(replacement.original)
      expect(result.text.slice(replacement.outputStart, replacement.outputEnd)).toBe(replacement.replacement)
    }
    expect(result.replacements.map(r => [r.kind, r.registryRef])).toEqual([
      ['person', 'm'],
      ['place', 'Fort Ellis'],
      ['identifier', 'CFS-2024-10377'],
    ])
  })
})

// ---------------------------------------------------------------- property: random names

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'tu', 'ven', 'sor', 'dal', 'bri', 'nex', 'quo', 'zan', 'fel', 'gri', 'hul', 'jor', 'pem', 'wys']
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'ï', o: 'ö', u: 'ü' }

const nameArbitrary = fc
  .array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 3 })
  .map(parts => parts.join(''))
  .filter(word => !isCommonWord(word) && !NAME_PART_STOPLIST.has(word))

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function accent(word: string): string {
  const index = word.search(/[aeiou]/)
  if (index < 0) return word
  return word.slice(0, index) + (ACCENTED[word.charAt(index)] ?? word.charAt(index)) + word.slice(index + 1)
}

const casingArbitrary = fc.constantFrom<(word: string) => string>(
  w => w,
  w => w.toUpperCase(),
  w => capitalise(w.toLowerCase()),
)

describe('pseudonym replacement (property)', () => {
  it('replaces any registered name, part or alias in any casing, accent and possessive', () => {
    fc.assert(
      fc.property(
        nameArbitrary,
        nameArbitrary,
        nameArbitrary,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('full', 'first', 'last', 'alias', 'titled', 'hyphenated-first'),
        casingArbitrary,
        fc.boolean(),
        fc.constantFrom('', "'s", '’s', "'"),
        (first, last, alias, accentRegistry, accentMention, form, casing, hyphenate, possessive) => {
          fc.pre(first !== last && alias !== first && alias !== last)
          const given = hyphenate ? `${capitalise(first)}-${capitalise(alias)}` : capitalise(first)
          const registered = `${accentRegistry ? accent(given) : given} ${capitalise(last)}`
          const context = {
            incidentDate: '2025-01-01',
            registry: {
              people: [{ id: 'x', name: registered, aliases: hyphenate ? [] : [capitalise(alias)], role: 'parent' as const, pseudonym: 'Parent 9' }],
            },
          }
          let mention: string
          switch (form) {
            case 'full':
              mention = `${given} ${last}`
              break
            case 'first':
              mention = first
              break
            case 'last':
              mention = last
              break
            case 'alias':
              mention = alias
              break
            case 'titled':
              mention = `Ms. ${capitalise(last)}`
              break
            default:
              mention = given
          }
          mention = casing(accentMention ? accent(mention) : mention)
          // A lone apostrophe is only a possessive after a final s.
          const suffix = possessive === "'" && !/s$/i.test(mention) ? '' : possessive
          const result = compileAnonymiser(context)(`Yesterday ${mention}${suffix} bag was at the office.`)
          const expected = suffix === '' ? 'Parent 9' : `Parent 9${suffix === "'" ? "'" : suffix.charAt(0)}s`
          expect(result.text).toBe(`Yesterday ${expected} bag was at the office.`)
          for (const part of [first, last, alias]) expect(occurrences(looseFold(result.text), part)).toEqual([])
        },
      ),
      { numRuns: 400, seed: 7 },
    )
  })
})
