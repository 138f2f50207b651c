// Registered people and places become their pseudonyms and generic labels.
//
// Which spellings of a registered person are replaced:
// - the full name and every alias, in any letter case, with or without diacritics;
// - each part of the full name (first, last, each half of "Jean-Luc" or "Smith-Jones") on its
//   own, except parts of one or two letters ("Al", "Ng") and parts in NAME_PART_STOPLIST
//   ("Rose", "Will", "Black"...), which are only replaced after a title ("Mr. Black") or inside
//   the full name; the residual scan lists them when they appear capitalised on their own;
// - any of these after a title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Mme, Mlle, M., Madame...),
//   the title being replaced too, and with a possessive ("Marcus's", "Marcus'", "Marcus’s")
//   carried over to the pseudonym ("Mother's").
// A variant that is an ordinary word ("Ruby", "Main Street") is only replaced when written with
// a capital. A part shared by several people (the family name of a mother and her children) is
// replaced by "[family name]" rather than guessed, unless an alias says which person it is
// ("Ms. Calder"). More specific registrations win over derived ones: full name and identifiers,
// then aliases, then derived variants, then single name parts.

import type { AnonymisationRegistry, OutputLocale, RegisteredPerson, RegisteredPlace } from './context'
import { NAME_PART_STOPLIST, isCommonWord } from './common-words'
import { foldWord, startsWithUpperCase } from './fold'
import { labelsFor } from './labels'
import { matchedKey, registryTokens, trieRegexSource, variantKey } from './registry-matcher'
import type { Candidate, ScanText } from './types'

export const PERSON_PRIORITY = 30
export const PLACE_PRIORITY = 88
export const IDENTIFIER_PRIORITY = 100

/** Specificity of a registration: a higher level wins a key claimed by several entries. */
const enum Level {
  NamePart = 1,
  Derived = 2,
  Alias = 3,
  Explicit = 4,
}

type TitleGroup = 'female' | 'male' | 'doctor' | 'professor' | 'neutral' | 'religious'

const TITLES: Record<string, TitleGroup> = {
  ms: 'female',
  mrs: 'female',
  miss: 'female',
  mme: 'female',
  mmes: 'female',
  mlle: 'female',
  madame: 'female',
  mademoiselle: 'female',
  mr: 'male',
  m: 'male',
  monsieur: 'male',
  messrs: 'male',
  dr: 'doctor',
  dre: 'doctor',
  docteur: 'doctor',
  docteure: 'doctor',
  doctor: 'doctor',
  prof: 'professor',
  professor: 'professor',
  professeur: 'professor',
  professeure: 'professor',
  mx: 'neutral',
  sister: 'religious',
  soeur: 'religious',
  father: 'religious',
  pere: 'religious',
  rev: 'religious',
  reverend: 'religious',
}
const TITLE_GROUPS: readonly TitleGroup[] = ['female', 'male', 'doctor', 'professor', 'neutral', 'religious']
// Titles that are also ordinary words only count when written with a capital ("did not miss").
const TITLES_NEEDING_CAPITAL = new Set(['miss', 'm', 'sister', 'soeur', 'father', 'pere', 'doctor', 'madame', 'monsieur'])
// A title is looked for just before a matched name, so that the name regex can start with the
// names themselves. "M" only counts as a title with its full stop ("M. Gagnon").
function titleBefore(text: ScanText, bodyStart: number): { group: TitleGroup; at: number } | undefined {
  const { folded, original } = text
  let i = bodyStart - 1
  let spaces = 0
  while (i >= 0 && (folded.charCodeAt(i) === 32 || folded.charCodeAt(i) === 10 || folded.charCodeAt(i) === 9)) {
    i -= 1
    spaces += 1
  }
  const dotted = folded.charCodeAt(i) === 46
  if (dotted) i -= 1
  else if (spaces === 0) return undefined
  const end = i + 1
  while (i >= 0 && folded.charCodeAt(i) >= 97 && folded.charCodeAt(i) <= 122) i -= 1
  const at = i + 1
  if (end - at === 0 || end - at > 13) return undefined
  const previous = folded.charCodeAt(i)
  if (i >= 0 && ((previous >= 48 && previous <= 57) || previous >= 0xc0)) return undefined
  const word = folded.slice(at, end)
  const group = TITLES[word]
  if (group === undefined || (word === 'm' && !dotted)) return undefined
  if (TITLES_NEEDING_CAPITAL.has(word) && !startsWithUpperCase(original, at)) return undefined
  return { group, at }
}

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'fils', 'pere'])

// Words a place name is made of that say what it is, not which one it is.
const GENERIC_PLACE_WORDS = new Set([
  'hospital',
  'hopital',
  'regional',
  'general',
  'memorial',
  'health',
  'centre',
  'center',
  'clinic',
  'clinique',
  'medical',
  'medicale',
  'sante',
  'school',
  'ecole',
  'elementary',
  'elementaire',
  'secondary',
  'secondaire',
  'high',
  'junior',
  'public',
  'publique',
  'catholic',
  'catholique',
  'academy',
  'college',
  'agency',
  'agence',
  'services',
  'service',
  'society',
  'societe',
  'department',
  'office',
  'bureau',
  'children',
  "children's",
  'aid',
  'family',
  'families',
  'familles',
  'famille',
  'community',
  'communautaire',
  'daycare',
  'garderie',
  'the',
  'of',
  'de',
  'du',
  'des',
  'la',
  'le',
  "l'",
  'and',
  'et',
  'for',
  'pour',
  'aide',
  'enfance',
  "l'enfance",
  'child',
  'youth',
  'jeunesse',
  'program',
  'programme',
  'detachment',
  'police',
  'rcmp',
  'station',
  'shelter',
  'territorial',
  'provincial',
  'district',
  'county',
  'city',
  'municipal',
  'national',
  'royal',
  'university',
  'universitaire',
  'chu',
  'clsc',
  'cisss',
  'ciusss',
  'primaire',
  'polyvalente',
  'nursing',
])

type Target =
  | { type: 'person'; ref: string; label: string; familyName: boolean; plural?: boolean }
  | { type: 'place'; ref: string; label: string; absorbPossessive: boolean }
  | { type: 'identifier'; ref: string; label: string }

interface Claim {
  level: Level
  targets: Target[]
  requiresCapital: boolean
  requiresTitle: boolean
}

interface Resolved {
  target: Target
  /** Set when several entries share the key and none is more specific. */
  sharedBy?: string[]
  requiresCapital: boolean
  requiresTitle: boolean
}

function isStoplisted(token: string): boolean {
  return NAME_PART_STOPLIST.has(token) || token.length <= 2
}

function allCommon(tokens: readonly string[]): boolean {
  return tokens.every(token => isCommonWord(token) || NAME_PART_STOPLIST.has(token))
}

class ClaimBook {
  private readonly claims = new Map<string, Claim>()
  private readonly personVariants = new Map<string, string[]>()
  private readonly placeVariants = new Map<string, string[]>()

  add(key: string, trieTokens: string[], level: Level, target: Target, requiresCapital: boolean, requiresTitle = false): void {
    if (trieTokens.length === 0) return
    ;(target.type === 'place' ? this.placeVariants : this.personVariants).set(variantKey(trieTokens), trieTokens)
    const existing = this.claims.get(key)
    if (existing === undefined || existing.level < level) {
      this.claims.set(key, { level, targets: [target], requiresCapital, requiresTitle })
      return
    }
    if (existing.level > level) return
    if (!existing.targets.some(t => t.type === target.type && t.ref === target.ref)) existing.targets.push(target)
    existing.requiresCapital = existing.requiresCapital || requiresCapital
    existing.requiresTitle = existing.requiresTitle && requiresTitle
  }

  variants(type: 'person' | 'place'): Iterable<string[]> {
    return (type === 'place' ? this.placeVariants : this.personVariants).values()
  }

  resolve(locale: OutputLocale): Map<string, Resolved> {
    const labels = labelsFor(locale)
    const resolved = new Map<string, Resolved>()
    for (const [key, claim] of this.claims) {
      const [first] = claim.targets
      if (first === undefined) continue
      if (claim.targets.length === 1) {
        // "the Deacons" is the family, never one person, even when only one Deacon is registered.
        const target: Target = first.type === 'person' && first.plural === true ? { ...first, label: labels.ambiguousFamilyName } : first
        resolved.set(key, { target, requiresCapital: claim.requiresCapital, requiresTitle: claim.requiresTitle })
        continue
      }
      const refs = claim.targets.map(t => t.ref)
      let label = labels.ambiguousName
      if (claim.targets.some(t => t.type === 'person' && t.plural === true)) label = labels.ambiguousFamilyName
      if (claim.targets.every(t => t.type === 'place')) {
        const distinct = new Set(claim.targets.map(t => t.label))
        label = distinct.size === 1 ? first.label : labels.ambiguousPlace
      } else if (claim.targets.every(t => t.type === 'person' && t.familyName)) {
        label = labels.ambiguousFamilyName
      }
      const target: Target =
        first.type === 'place'
          ? { type: 'place', ref: refs.join('|'), label, absorbPossessive: first.absorbPossessive }
          : { type: 'person', ref: refs.join('|'), label, familyName: label === labels.ambiguousFamilyName }
      resolved.set(key, { target, sharedBy: refs, requiresCapital: claim.requiresCapital, requiresTitle: claim.requiresTitle })
    }
    return resolved
  }
}

function titleKey(group: TitleGroup, key: string): string {
  return `${group}:${key}`
}

/** Splits leading titles off a registered name: "Dr. Hana Walsh" -> doctor, [hana, walsh]. */
function splitTitles(tokens: string[]): { group?: TitleGroup; tokens: string[] } {
  let group: TitleGroup | undefined
  let index = 0
  while (index < tokens.length - 1) {
    const candidate = TITLES[tokens[index] ?? '']
    if (candidate === undefined) break
    group = candidate
    index += 1
  }
  return { group, tokens: tokens.slice(index) }
}

function addPerson(book: ClaimBook, person: RegisteredPerson): void {
  const nameTokens = splitTitles(registryTokens(foldWord(person.name)))
  const core = nameTokens.tokens.filter(token => !SUFFIXES.has(token))
  const familyToken = core[core.length - 1]
  const target = (familyName: boolean): Target => ({ type: 'person', ref: person.id, label: person.pseudonym, familyName })

  const addWhole = (tokens: string[], level: Level, group: TitleGroup | undefined, family = false): void => {
    if (tokens.length === 0) return
    const key = variantKey(tokens)
    const capital = allCommon(tokens)
    const isFamily = family || (tokens.length === 1 && tokens[0] === familyToken && core.length > 1)
    book.add(key, tokens, level, target(isFamily), capital)
    if (group !== undefined) book.add(titleKey(group, key), tokens, level, target(isFamily), capital)
  }

  addWhole(nameTokens.tokens, Level.Explicit, nameTokens.group)
  if (core.length !== nameTokens.tokens.length) addWhole(core, Level.Derived, nameTokens.group)
  // "Jean-Luc" and "Smith-Jones" on their own, without the rest of the name; a hyphenated last
  // chunk is a family name.
  const chunks = foldWord(person.name).split(/\s+/)
  chunks.forEach((chunk, index) => {
    const hyphenated = registryTokens(chunk)
    if (/[-\u2010-\u2015]/.test(chunk) && hyphenated.length > 1 && hyphenated.length < core.length) {
      addWhole(hyphenated, Level.Derived, undefined, index === chunks.length - 1)
    }
  })

  for (const alias of person.aliases) {
    const aliasTokens = splitTitles(registryTokens(foldWord(alias)))
    if (aliasTokens.group !== undefined) {
      // "Ms. Calder" says who the titled form means; the bare "Calder" stays a name part.
      const key = variantKey(aliasTokens.tokens)
      book.add(titleKey(aliasTokens.group, key), aliasTokens.tokens, Level.Alias, target(false), false)
      continue
    }
    addWhole(aliasTokens.tokens, Level.Alias, undefined)
  }

  // Each part of the name, and each half of a hyphenated part, on its own.
  const parts = new Set<string>()
  for (const token of core) {
    parts.add(token)
    for (const piece of token.split(/[-']/)) if (piece.length > 0) parts.add(piece)
  }
  if (core.length === 1) parts.delete(core[0] ?? '')
  for (const part of parts) {
    const family = part === familyToken && core.length > 1
    const requiresTitle = isStoplisted(part)
    book.add(part, [part], Level.NamePart, target(family), isCommonWord(part), requiresTitle)
    for (const group of TITLE_GROUPS) {
      // "Mr. Black" is unmistakably a person even though "black" alone is an ordinary word.
      book.add(titleKey(group, part), [part], Level.NamePart, target(family), false)
    }
  }
  // "the Calders": a plural family name refers to the family, never guessed to one person.
  if (familyToken !== undefined && core.length > 1 && !isStoplisted(familyToken) && !familyToken.endsWith('s')) {
    const plural: Target = { type: 'person', ref: person.id, label: person.pseudonym, familyName: true, plural: true }
    book.add(`${familyToken}s`, [`${familyToken}s`], Level.NamePart, plural, false)
  }
}

function addPlace(book: ClaimBook, place: RegisteredPlace, locale: OutputLocale): void {
  const label = place.label ?? labelsFor(locale).place[place.kind]
  const target = (absorbPossessive: boolean): Target => ({ type: 'place', ref: place.name, label, absorbPossessive })
  const tokens = registryTokens(foldWord(place.name))
  const addVariant = (variant: string[], level: Level, absorb: boolean): void => {
    if (variant.length === 0) return
    book.add(variantKey(variant), variant, level, target(absorb), allCommon(variant))
  }
  addVariant(tokens, Level.Explicit, false)

  if (place.kind === 'address') {
    // "14 Larch Crescent, Fort Ellis": the street part alone, and the street without its number.
    const components = place.name.split(',').map(part => registryTokens(foldWord(part)))
    const street = components[0] ?? []
    addVariant(street, Level.Derived, false)
    const withoutNumber = street.filter(token => !/\d/.test(token))
    if (withoutNumber.length >= 2 || (withoutNumber.length === 1 && !allCommon(withoutNumber))) addVariant(withoutNumber, Level.Derived, false)
    return
  }

  // "St. Brendan Regional Hospital" is also "St. Brendan Regional", "St. Brendan" or "St. Brendan's";
  // "Millbrook Elementary School" is also "Millbrook Elementary". Generic words are peeled off
  // one at a time from either end while something distinctive is left.
  const distinctive = (variant: string[]): boolean =>
    variant.some(token => !isCommonWord(token) && !GENERIC_PLACE_WORDS.has(token) && token.length > 2 && !/^\d+$/.test(token))
  let core = [...tokens]
  while (core.length > 1 && GENERIC_PLACE_WORDS.has(core[core.length - 1] ?? '')) {
    core = core.slice(0, -1)
    if (distinctive(core)) addVariant(core, Level.Derived, true)
  }
  while (core.length > 1 && GENERIC_PLACE_WORDS.has(core[0] ?? '')) {
    core = core.slice(1)
    if (distinctive(core)) addVariant(core, Level.Derived, true)
  }
}

function addIdentifierPatterns(registry: AnonymisationRegistry, locale: OutputLocale): { regex?: RegExp; byKey: Map<string, Target> } {
  const labels = labelsFor(locale)
  const byKey = new Map<string, Target>()
  const sources: string[] = []
  for (const identifier of registry.identifiers) {
    const runs = foldWord(identifier.value).match(/[a-z0-9]+/g) ?? []
    if (runs.length === 0) continue
    const key = runs.join('')
    if (byKey.has(key)) continue
    byKey.set(key, { type: 'identifier', ref: identifier.value, label: labels.identifier[identifier.kind] })
    // The same number written with other separators ("867.555.0143", "8675550143") is the same number.
    sources.push(runs.join('[\\s\\-./()]{0,3}'))
  }
  if (sources.length === 0) return { byKey }
  sources.sort((a, b) => b.length - a.length || a.localeCompare(b))
  return { regex: new RegExp(`(?<![a-z0-9])(?:${sources.join('|')})(?![a-z0-9])`, 'g'), byKey }
}

const WORD_CHAR = 'a-z0-9\\u00c0-\\u024f'
const SENTENCE_START = /(?:^|[.!?\n]\s*|^\s+)$/

/** Whether an opening single quote precedes `index` in the same sentence ('I saw Marcus'). */
function insideSingleQuotes(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 200), index)
  const sentence = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n')) + 1)
  return /(?:^|[\s([])['‘](?=\S)/.test(sentence)
}

const ELISION_BEFORE = /(?:^|[^\p{L}])(d|D|qu|Qu|QU)['’]$/u
const PRECEDING_ARTICLE = /(?:^|[^a-z])(the|le|la|l')(\s*)$/

export function createRegistryDetector(registry: AnonymisationRegistry, locale: OutputLocale) {
  const book = new ClaimBook()
  for (const person of registry.people) addPerson(book, person)
  for (const place of registry.places) addPlace(book, place, locale)
  const claims = book.resolve(locale)
  const compile = (trie: string | undefined): RegExp | undefined =>
    trie === undefined ? undefined : new RegExp(`(?<![${WORD_CHAR}])(${trie})('s|')?(?![${WORD_CHAR}])`, 'g')
  // People and places are matched by separate regexes: only place names may contain a comma.
  const nameRegexes = [compile(trieRegexSource(book.variants('person'))), compile(trieRegexSource(book.variants('place'), true))].filter(
    (regex): regex is RegExp => regex !== undefined,
  )
  const identifiers = addIdentifierPatterns(registry, locale)

  function lookup(key: string, group: TitleGroup | undefined): Resolved | undefined {
    if (group !== undefined) {
      const titled = claims.get(titleKey(group, key))
      if (titled !== undefined) return titled
    }
    return claims.get(key)
  }

  function placeReplacement(text: ScanText, start: number, label: string): { start: number; replacement: string } {
    // "the St. Brendan Regional Hospital" must not become "the the hospital".
    const before = text.folded.slice(Math.max(0, start - 6), start)
    const article = PRECEDING_ARTICLE.exec(before)
    const labelArticle = /^(the |le |la |l')/.exec(label)?.[1]
    if (article?.[1] !== undefined && labelArticle !== undefined) {
      const articleStart = start - article[1].length - (article[2]?.length ?? 0)
      const written = text.original.slice(articleStart, articleStart + 1)
      const rest = label.slice(labelArticle.length)
      const article2 = written === written.toUpperCase() ? labelArticle.charAt(0).toUpperCase() + labelArticle.slice(1) : labelArticle
      return { start: articleStart, replacement: article2 + rest }
    }
    const atSentenceStart = SENTENCE_START.test(text.original.slice(Math.max(0, start - 3), start))
    return { start, replacement: atSentenceStart ? label.charAt(0).toUpperCase() + label.slice(1) : label }
  }

  return function detectRegistered(text: ScanText, found: Candidate[]): void {
    const { folded } = text
    if (identifiers.regex !== undefined) {
      for (const match of folded.matchAll(identifiers.regex)) {
        const key = (match[0].match(/[a-z0-9]+/g) ?? []).join('')
        const target = identifiers.byKey.get(key)
        if (target === undefined) continue
        found.push({
          start: match.index,
          end: match.index + match[0].length,
          kind: 'identifier',
          replacement: target.label,
          priority: IDENTIFIER_PRIORITY,
          registryRef: target.ref,
        })
      }
    }
    for (const nameRegex of nameRegexes) detectWith(nameRegex, text, found)
  }

  function detectWith(nameRegex: RegExp, text: ScanText, found: Candidate[]): void {
    const { original, folded } = text
    nameRegex.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = nameRegex.exec(folded)) !== null) {
      const [whole, body = '', possessive = ''] = match
      const bodyStart = match.index
      const matchEnd = bodyStart + whole.length
      const title = titleBefore(text, bodyStart)
      const group = title?.group
      const titleAt = title?.at ?? bodyStart
      const key = matchedKey(body)
      const resolved = lookup(key, group)
      let suffix = possessive
      if (resolved === undefined || (resolved.requiresTitle && group === undefined)) {
        nameRegex.lastIndex = match.index + 1
        continue
      }
      if (resolved.requiresCapital && group === undefined && !startsWithUpperCase(original, bodyStart)) {
        nameRegex.lastIndex = match.index + 1
        continue
      }
      const start = group === undefined ? bodyStart : titleAt
      const { target } = resolved
      // A lone apostrophe is a possessive only after a name ending in s and before a word
      // ("Marcus' backpack"); otherwise it closes a quotation ('I saw Marcus').
      let end = matchEnd
      if (suffix === "'" && !(/[sxz]$/.test(body) && /^\s+\p{L}/u.test(original.slice(matchEnd, matchEnd + 3)) && !insideSingleQuotes(original, bodyStart))) {
        end -= 1
        suffix = ''
      }
      const apostrophe = suffix === '' ? '' : original.charAt(end - suffix.length) === '\u2019' ? '\u2019' : original.charAt(end - suffix.length)
      if (target.type === 'place') {
        const placed = placeReplacement(text, start, target.label)
        const possessiveText = suffix !== '' && !target.absorbPossessive ? `${apostrophe}s` : ''
        found.push({
          start: placed.start,
          end,
          kind: 'place',
          replacement: placed.replacement + possessiveText,
          priority: PLACE_PRIORITY,
          registryRef: target.ref,
        })
        continue
      }
      const possessiveText = suffix === '' ? '' : `${apostrophe}s`
      // French elision: "la mère d'Hélène" becomes "la mère de Mère", not "d'Mère".
      let personStart = start
      let elided = ''
      const before = original.charAt(start - 1)
      if ((before === "'" || before === '\u2019') && !/^[aeiouyhàâéèêëîïôûü]/i.test(target.label)) {
        const elision = ELISION_BEFORE.exec(original.slice(Math.max(0, start - 4), start))
        if (elision?.[1] !== undefined) {
          personStart = start - elision[1].length - 1
          elided = `${elision[1]}e `
        }
      }
      const candidate: Candidate = {
        start: personStart,
        end,
        kind: 'person',
        replacement: elided + target.label + possessiveText,
        priority: PERSON_PRIORITY + (group === undefined ? 0 : 1),
        registryRef: target.ref,
      }
      if (resolved.sharedBy !== undefined) candidate.sharedBy = resolved.sharedBy
      found.push(candidate)
    }
  }
}

/** Name parts that were only replaced after a title: the residual scan lists them on their own. */
export function guardedNameParts(registry: AnonymisationRegistry): Set<string> {
  const guarded = new Set<string>()
  for (const person of registry.people) {
    for (const token of splitTitles(registryTokens(foldWord(person.name))).tokens) {
      for (const piece of token.split(/[-']/)) if (piece.length > 0 && isStoplisted(piece)) guarded.add(piece)
    }
  }
  return guarded
}

/** Folded words of every pseudonym: never residual candidates. */
export function pseudonymWords(registry: AnonymisationRegistry): Set<string> {
  const words = new Set<string>()
  for (const person of registry.people) for (const token of registryTokens(foldWord(person.pseudonym))) words.add(token)
  return words
}
