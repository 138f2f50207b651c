// Ages become bands so that a child cannot be picked out by an exact age.
//
// Bands (years): under 1 ("infant"), 1-4, 5-9, 10-14, 15-17, 18-24, 25-34, 35-44, 45-54, 55-64,
// 65-89, 90 or older. The child bands follow developmental stages used in child-welfare
// practice; 90+ is collapsed as HIPAA Safe Harbor requires.
//
// Only phrases that are unmistakably ages are touched: "4 months old", "aged 7", "age: 7",
// "3-year-old", "a 3 year old boy", "7 y/o", "(4 months)", and in French "âgé de 7 ans",
// "bébé de 4 mois", "elle a 7 ans", "(7 ans)". A bare "7 years" is a duration, not an age, and
// "il y a 3 ans" means "three years ago", so neither is touched.

import type { OutputLocale } from './context'
import { digitTokens, eachInWindows, windowsAround } from './scan'
import type { Candidate, ScanText } from './types'

export const AGE_PRIORITY = 40

export interface AgeBand {
  from: number
  /** Inclusive upper bound in whole years; undefined for the open-ended top band. */
  to?: number
}

const BANDS: readonly AgeBand[] = [
  { from: 0, to: 0 },
  { from: 1, to: 4 },
  { from: 5, to: 9 },
  { from: 10, to: 14 },
  { from: 15, to: 17 },
  { from: 18, to: 24 },
  { from: 25, to: 34 },
  { from: 35, to: 44 },
  { from: 45, to: 54 },
  { from: 55, to: 64 },
  { from: 65, to: 89 },
  { from: 90 },
]

export function ageBand(years: number): AgeBand {
  const whole = Math.floor(years)
  for (const band of BANDS) if (band.to === undefined || whole <= band.to) return band
  return { from: 90 }
}

export type AgeForm = 'predicate' | 'adjective' | 'parenthetical' | 'french'

export function ageBandLabel(band: AgeBand, form: AgeForm, locale: OutputLocale): string {
  const infant = band.to === 0
  const top = band.to === undefined
  switch (form) {
    case 'predicate':
      if (locale === 'fr') return bandFrench(band)
      if (infant) return 'an infant (under 1 year)'
      return top ? 'age 90 or older' : `age ${band.from}-${band.to}`
    case 'parenthetical':
      if (locale === 'fr') return `(${bandFrench(band)})`
      if (infant) return '(infant, under 1 year)'
      return top ? '(age 90 or older)' : `(age ${band.from}-${band.to})`
    case 'adjective':
      if (infant) return 'under-1-year-old'
      return top ? '90-or-older' : `${band.from}-to-${band.to}-year-old`
    case 'french':
      return bandFrench(band)
  }
}

/** "1-4", "under 1", "90 or older" (English) or the French band, after a kept lead ("turned age 1-4"). */
function narrativeBand(band: AgeBand, locale: OutputLocale): string {
  if (locale === 'fr') return bandFrench(band)
  if (band.to === 0) return 'under 1'
  return band.to === undefined ? '90 or older' : `${band.from}-${band.to}`
}

function bandFrench(band: AgeBand): string {
  if (band.to === 0) return "moins d'un an"
  if (band.to === undefined) return '90 ans ou plus'
  return `${band.from} à ${band.to} ans`
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  'dix-sept': 17,
  'dix-huit': 18,
  'dix-neuf': 19,
  vingt: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  'soixante-dix': 70,
  'quatre-vingts': 80,
  'quatre-vingt-dix': 90,
}

const WORD_NUMBER = Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')
const NUMBER = `(?:\\d{1,3}(?:[.,]5|\\s?½)?|${WORD_NUMBER})(?:\\s+and\\s+a\\s+half|\\s+et\\s+demie?)?`
const UNIT_EN = '(?:years?|yrs?|months?|mos?|weeks?|wks?|days?)'

const PREDICATE_OLD = new RegExp(String.raw`(?<![\w.,-])(${NUMBER})[\s-]*(${UNIT_EN})\.?[\s-]+old(?![a-z-])`, 'g')
const ADJECTIVE_OLD = new RegExp(String.raw`(?<![\w.,-])(${NUMBER})-(year|month|week|day)s?-old(s?)(?![a-z-])`, 'g')
const AGED = new RegExp(String.raw`(?<![\w-])aged?\s*:?\s*(${NUMBER})(?:\s*(${UNIT_EN}))?(?:\s+old)?(?![\w-])(?!\s+or\s+older)`, 'g')
const YEARS_OLD_SHORT = new RegExp(String.raw`(?<![\w.,-])(${NUMBER})\s*(?:y/o|y\.o\.?|yo)(?![a-z])`, 'g')
const PARENTHETICAL = new RegExp(String.raw`\(\s*(${NUMBER})\s*(${UNIT_EN}|ans|an|mois|semaines?)(?:\s+old)?\s*\)`, 'g')
// "Zoë, 16 mois, dormait" / "Ruby, 4 months, was": an age set off by commas right after a
// capitalised word (a name). After an ordinary word ("6 weeks, 8 weeks") it is a duration.
const APPOSITIVE = new RegExp(String.raw`,\s*(${NUMBER})\s+(${UNIT_EN}|ans|mois|semaines?)(?:\s+old)?(?=\s*[,;)])`, 'g')

// "(3 ans et demi, selon la mère)": an opening parenthesis before "N ans" also marks an age.
// Narrative forms too: "à l'âge de 3 ans", "a eu 4 ans", "il aura 6 ans", "quand il avait 2 ans",
// "a fêté ses 60 ans", "un cousin de 8 ans".
const FRENCH = new RegExp(
  String.raw`((?:\bagee?s?\s+de|\b(?:enfant|bebe|nourrisson|fille|fillette|garcon|fils|frere|soeur|sður|jeune|adolescente?|mere|pere|femme|homme|cousine?|neveu|niece|voisine?|gardienne?|demi-frere|demi-soeur|demi-sður)\s+de|\b(?:a|eu|aura|aurait|avait|ayant|ses|ont|avaient)|\bfete\s+ses)\s+|\(\s*)(${NUMBER})\s+(ans|an|mois|semaines?)(\s+et\s+demie?)?(?![a-z])(?!\s+ou\s+plus)(?!\s+(?:de\s+(?:retard|prison|mariage|service|travail|vie\s+commune|relation|experience)|d'(?:experience|attente|absence)))`,
  'g',
)

// "when he was 12" has no age word to anchor on: each small number is checked for this lead.
const WAS_BEFORE =
  /(?<![\w-])(?:when|since|until|till|before|after|while|as|once)\s+(?:he|she|they|i|we|you|the\s+child|the\s+baby|the\s+boy|the\s+girl)\s+(?:was|were|turned)\s+$/

// English narrative forms: "at the age of 3", "at age 17", "turned 4", "will turn 16", "when he
// was 2", "since she was 55". The number must end the phrase or be followed by a unit of age or
// a word that starts a new phrase, so that "when he was 2 hours late" and "turned 3 corners" are
// left alone.
const NARRATIVE_FOLLOW = String.raw`(?=\s*(?:$|[.,;:!?)\]]|\s(?:in|on|at|last|this|that|next|and|but|when|before|after|during|while|the|a|with|so|then|her|his|their|or|old|she|he|they|i|we|because|until|since|by|to|of|for|now|today|yesterday|earlier|later|soon|himself|herself)\b))`
const NARRATIVE_EN = new RegExp(
  String.raw`(?<![\w-])(at\s+(?:the\s+)?age\s+(?:of\s+)?|(?:turned|turns|turning|(?:will|would|to|about\s+to)\s+turn)\s+|(?:when|since|until|till|before|after|while|as|once)\s+(?:he|she|they|i|we|you|the\s+child|the\s+baby|the\s+boy|the\s+girl)\s+(?:was|were|turned)\s+)(${NUMBER})(?:\s+(years?|yrs?|months?|weeks?)(?:\s+old)?)?(?![\w-])${NARRATIVE_FOLLOW}`,
  'g',
)
const NARRATIVE_EN_AT = new RegExp(NARRATIVE_EN.source, 'y')
const NARRATIVE_ANCHOR = /turn(?:ed|s|ing)?\s|\bage\s/g

function parseNumber(text: string): number {
  let value = 0
  const trimmed = text.trim()
  const first = trimmed.charCodeAt(0)
  const digits = first >= 48 && first <= 57 ? /^(\d{1,3})(?:[.,](5)|\s?(½))?/.exec(trimmed) : null
  if (digits) {
    value = Number(digits[1]) + (digits[2] !== undefined || digits[3] !== undefined ? 0.5 : 0)
  } else {
    const word = /^[a-z-]+/.exec(trimmed)?.[0] ?? ''
    value = NUMBER_WORDS[word] ?? 0
  }
  // Most amounts have no half: the expression runs only when one may be there.
  if ((trimmed.includes('half') || trimmed.includes('demi')) && /\band\s+a\s+half|\bet\s+demie?/.test(trimmed)) value += 0.5
  return value
}

function yearsFrom(amount: number, unit: string | undefined): number {
  const u = unit ?? 'years'
  if (u.startsWith('mo') || u === 'm') return amount / 12
  if (u.startsWith('w') || u.startsWith('semaine')) return amount / 52
  if (u.startsWith('d') || u.startsWith('jour')) return amount / 365
  return amount
}

// Every age phrase contains one of these; the patterns only run around them, so an anchor must
// exist for every form a pattern accepts (or the same phrase would be found or not depending on
// its neighbours).
const AGE_ANCHOR = new RegExp(
  String.raw`olds?\b|\bage|\by\.?\/?o\b|\bans\b|\b(?:\d+|un)\s+an\b|\bmois\b|\bsemaines?\b|\b(?:years?|yrs?|months?|mos?|weeks?|wks?|days?)\s*[),;]`,
  'g',
)
const AGE_REACH = { before: 60, after: 40 }
// A literal every match of each pattern contains, so that windows without one are skipped.
const REQUIRED = new Map<RegExp, readonly string[]>([
  [ADJECTIVE_OLD, ['-old']],
  [PREDICATE_OLD, ['old']],
  [AGED, ['age']],
  [YEARS_OLD_SHORT, ['yo', 'y/o', 'y.o']],
  [PARENTHETICAL, ['(']],
  [APPOSITIVE, [',']],
  [FRENCH, ['an', 'mois', 'semaine']],
])

/** Whether `text` has `word` just before `at`, without copying the text before it. */
function endsAt(text: string, at: number, word: string): boolean {
  return at >= word.length && text.startsWith(word, at - word.length)
}

const DETERMINER_BEFORE = /(?:^|[^a-z])(a|an|the|this|that|her|his|their|our)\s+$/

export function createAgeDetector(locale: OutputLocale) {
  function push(found: Candidate[], start: number, end: number, replacement: string): void {
    found.push({ start, end, kind: 'age', replacement, priority: AGE_PRIORITY })
  }

  // "a 24-year-old" becomes "an 18-to-24-year-old": the article is rewritten with the band.
  function pushAdjective(text: ScanText, found: Candidate[], start: number, end: number, years: number, plural = ''): void {
    const label = ageBandLabel(ageBand(years), 'adjective', locale) + plural
    const before = text.folded.slice(Math.max(0, start - 6), start)
    const article = /(?:^|[^a-z])(an?)\s$/.exec(before)
    if (article?.[1] !== undefined) {
      const articleStart = start - 1 - article[1].length
      const wanted = /^(?:under|8|18|11)/.test(label) ? 'an' : 'a'
      const capital = /[A-Z]/.test(text.original.charAt(articleStart))
      push(found, articleStart, end, `${capital ? wanted.charAt(0).toUpperCase() + wanted.slice(1) : wanted} ${label}`)
      return
    }
    push(found, start, end, label)
  }

  return function detectAges(text: ScanText, found: Candidate[]): void {
    const { folded } = text
    const windows = windowsAround(folded, AGE_ANCHOR, AGE_REACH)
    const near = (pattern: RegExp, visit: (match: RegExpExecArray) => void): void => eachInWindows(folded, windows, pattern, visit, REQUIRED.get(pattern))

    near(ADJECTIVE_OLD, match => {
      const [whole, amount = '', unit, plural = ''] = match
      pushAdjective(text, found, match.index, match.index + whole.length, yearsFrom(parseNumber(amount), unit), plural)
    })
    near(PREDICATE_OLD, match => {
      const [whole, amount = '', unit] = match
      const start = match.index
      const years = yearsFrom(parseNumber(amount), unit)
      const singular = unit !== undefined && !unit.endsWith('s')
      const determiner = DETERMINER_BEFORE.test(folded.slice(Math.max(0, start - 8), start))
      // "a 3 year old boy" is attributive; "Ruby was 4 months old" is predicative.
      if (determiner && (singular || parseNumber(amount) !== 1)) pushAdjective(text, found, start, start + whole.length, years)
      else push(found, start, start + whole.length, ageBandLabel(ageBand(years), 'predicate', locale))
    })
    near(AGED, match => {
      const [whole, amount = '', unit] = match
      push(found, match.index, match.index + whole.length, ageBandLabel(ageBand(yearsFrom(parseNumber(amount), unit)), 'predicate', locale))
    })
    near(YEARS_OLD_SHORT, match => {
      const [whole, amount = ''] = match
      push(found, match.index, match.index + whole.length, ageBandLabel(ageBand(parseNumber(amount)), 'predicate', locale))
    })
    near(PARENTHETICAL, match => {
      const [whole, amount = '', unit = ''] = match
      const french = unit === 'ans' || unit === 'an' || unit === 'mois' || unit.startsWith('semaine')
      const band = ageBand(yearsFrom(parseNumber(amount), french && unit.startsWith('an') ? 'years' : unit))
      const label = french ? `(${ageBandLabel(band, 'french', locale)})` : ageBandLabel(band, 'parenthetical', locale)
      push(found, match.index, match.index + whole.length, label)
    })
    near(APPOSITIVE, match => {
      const [whole, amount = '', unit = ''] = match
      const comma = match.index
      const before = text.original.slice(Math.max(0, comma - 40), comma)
      const word = /[\p{L}'’-]+$/u.exec(before)?.[0] ?? ''
      if (!/^\p{Lu}/u.test(word)) return
      const start = comma + whole.search(/[^,\s]/)
      const french = unit === 'ans' || unit === 'mois' || unit.startsWith('semaine')
      const years = yearsFrom(parseNumber(amount), unit === 'ans' ? 'years' : unit)
      push(found, start, comma + whole.length, ageBandLabel(ageBand(years), french ? 'french' : 'predicate', locale))
    })
    // "when he was 12" has no age word: the numbers are looked at instead (see WAS_BEFORE);
    // "when she was two" without a digit is a known miss.
    const narrative = (match: RegExpExecArray): void => {
      const [whole, lead = '', amount = '', unit] = match
      const years = yearsFrom(parseNumber(amount), unit)
      const written = text.original.slice(match.index, match.index + lead.length)
      // "at the age of 3" becomes "at age 1-4"; the other leads are kept as written.
      const kept = /^at\s/i.test(lead) ? `${written.charAt(0)}t age ` : written.endsWith(' ') ? `${written}age ` : `${written} age `
      push(found, match.index, match.index + whole.length, kept + narrativeBand(ageBand(years), locale))
    }
    // Its own anchors: "turned 4" has no age word, and "age " (not "agreed") starts "at the age
    // of 3". A regex of literals skips through the text faster than indexOf on common letters.
    const leads = windowsAround(folded, NARRATIVE_ANCHOR, { before: 16, after: 40 })
    if (leads.length > 0) eachInWindows(folded, leads, NARRATIVE_EN, narrative)
    for (const token of digitTokens(text)) {
      if (token.letters > 0 || token.digits > 3 || token.groups.length > 1) continue
      if (!endsAt(folded, token.start, 'was ') && !endsAt(folded, token.start, 'were ') && !endsAt(folded, token.start, 'turned ')) continue
      const lead = WAS_BEFORE.exec(folded.slice(Math.max(0, token.start - 40), token.start))
      if (lead === null) continue
      NARRATIVE_EN_AT.lastIndex = token.start - lead[0].length
      const match = NARRATIVE_EN_AT.exec(folded)
      if (match !== null) narrative(match)
    }
    near(FRENCH, match => {
      const [whole, lead = '', amount = '', unit = '', half] = match
      const start = match.index + lead.length
      if (lead.trim() === 'a') {
        // "il y a 3 ans" is "three years ago", not an age.
        if (/\by\s+$/.test(folded.slice(Math.max(0, match.index - 3), match.index))) return
        // "à 9 ans" is the tail of a band this anonymiser wrote ("5 à 9 ans"); "mère à 17 ans" is an age.
        if (/\d\s*$/.test(folded.slice(Math.max(0, match.index - 4), match.index))) return
      }
      const years = yearsFrom(parseNumber(amount) + (half === undefined ? 0 : 0.5), unit.startsWith('an') ? 'years' : unit)
      push(found, start, match.index + whole.length, ageBandLabel(ageBand(years), 'french', locale))
    })
  }
}
