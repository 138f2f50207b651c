// Identifiers found by their shape, whether or not anyone registered them (HIPAA Safe Harbor:
// contact details, addresses and small geographic units, record, health, benefit and licence
// numbers, vehicle plates, URLs, IP addresses).
//
// Every pattern is anchored so that it cannot start in the middle of a word or a number, and
// every repetition is delimited, so a scan stays linear even on long runs of digits or letters.
// Number-shaped patterns only run in the windows around numbers, the others around a cheap
// anchor ("@", "://", "plate"...): see scan.ts.
// Where a shape is also a plain count ("31 families", "Form 12", "$150", "room 12"), the pattern
// asks for context instead of guessing:
// - US ZIP codes only after a state abbreviation or the word ZIP (ZIP+4 is distinctive alone);
// - seven-digit local phone numbers only after a phone word ("call", "tel", "cell"...);
// - numbers of two digit groups ("4471-22") only after a record word ("file no.", "case");
//   alone they are left to the residual scan;
// - vehicle plates only after "plate", "licence plate", "plaque", "immatriculation".

import type { OutputLocale } from './context'
import { labelsFor } from './labels'
import { countDigits, digitTokens, digitWindows, eachInWindows, isYearRange, windowsAround, windowsAroundWords } from './scan'
import type { Candidate, DigitToken, ReplacementKind, ScanText } from './types'

type PatternKind = Exclude<ReplacementKind, 'person' | 'place' | 'identifier' | 'date' | 'age' | 'birth_date'>

const PRIORITY: Record<PatternKind, number> = {
  email: 85,
  url: 80,
  ip_address: 80,
  phone: 75,
  street_address: 70,
  vehicle_plate: 65,
  postal_code: 60,
  record_number: 50,
  health_number: 52,
  social_insurance_number: 52,
  licence_number: 52,
}

const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}(?![a-z0-9-])/g
const URL_WITH_SCHEME = /(?<![a-z0-9@.])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'()[\]{}]{1,2000}/g
// Tried only where a top-level domain was seen, from the start of the run of host characters.
const BARE_DOMAIN =
  /(?<![a-z0-9@./-])(?:[a-z0-9][a-z0-9-]{0,62}\.){1,6}(?:com|org|net|ca|gov|edu|fr|info|io|uk|biz)(?:\/[^\s<>"'()[\]{}]{0,2000})?(?![a-z0-9-])/y
const DOMAIN_HINT = /\.(?:com|org|net|ca|gov|edu|fr|info|io|uk|biz)(?![a-z0-9-])/g
const URL_ANCHOR = /:\/\/|www\./g
const IPV6_ANCHOR = /::|:[0-9a-f]{1,4}:/g
const IPV4 = /\d(?<![\d.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?![\d]|\.\d)/g
const IPV6 = /(?<![0-9a-f:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![0-9a-f:])/g
const PHONE_NORTH_AMERICAN = /(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)(?:\s*(?:ext\.?|x|poste|#)\s*\d{1,5}(?!\d))?/g
const PHONE_INTERNATIONAL = /\+(?<![\w+]\+)\d{1,3}(?:[\s.-]?\(\d{1,4}\)\d{0,4}|[\s.-]\d{1,4}){2,6}(?!\d)/g
const PHONE_COMPACT_INTERNATIONAL = /\+(?<![\w+]\+)\d{8,15}(?!\d)/g
const PHONE_FRENCH = /0(?<![\w+.-]0)[1-9](?:[\s.-]?\d{2}){4}(?![\d])/g
const PHONE_LOCAL = /\d(?<![\d.-]\d)\d{2}[-.]\d{4}(?![\d-]|\.\d)/g
const PHONE_WORDS =
  /(?:phone|tel|telephone|cell|cellphone|mobile|fax|call|called|calls|text|texted|number|numero|cellulaire|rejoint|joindre|contact|contacted|at|au)\b[^\n\d]{0,12}$/
// A seven-digit number written with a space or across a line break ("Phone: 555 0199",
// "Tel.\n555-0142") needs a phone word just before it; the word may end the previous line.
const PHONE_LOCAL_SPACED = /\d(?<![\d.-]\d)\d{2}(?:(?:[ \t]+|[ \t]*\n[ \t]*)\d{4}(?![\d-]|\.\d|[ \t]\d)|[ \t]*\n[ \t]*-?\d{4}(?![\d-]|\.\d))/g
const PHONE_WORDS_ACROSS_LINES =
  /(?:phone|tel|telephone|cell|cellphone|mobile|fax|number|numero|cellulaire|portable|rejoint|joindre|call|called|text|texted)\b[^\d]{0,12}$/
// National numbers with a trunk 0, as in the UK, France or Belgium ("020 7946 0958", "07700 900
// 123", "0470 12 34 56"): ten or eleven digits in two to five groups.
const PHONE_TRUNK = /0(?<![\w+.-]0)\d{1,4}(?:[ .-]\d{2,4}){1,4}(?![\d]|[ .-]\d)/g

// Written to start at its first digit so that the engine can skip letters quickly.
const POSTAL_CODE_CA = /\d[abceghj-nprstv-z][\s-]?\d[abceghj-nprstv-z]\d(?![a-z0-9])/g
const POSTAL_FIRST_LETTER = /[abceghj-nprstvxy]/
const ZIP = /\d(?<![\d-]\d)\d{4}(?:-\d{4})?(?![\d-])/g
const ZIP_CONTEXT =
  /(?:\b(?:A[LKZR]|C[AOT]|D[EC]|F[LM]|G[AU]|HI|I[ADLN]|K[SY]|LA|M[ADEHINOPST]|N[CDEHJMVY]|O[HKR]|P[AR]|RI|S[CD]|T[NX]|UT|V[AIT]|W[AIVY])|\b(?:ZIP|Zip|zip)(?:\s+[Cc]ode)?:?)[.,]?\s{1,3}$/
const ZIP_PLUS_FOUR = /^\d{5}-\d{4}$/
// "my zip code is 35350", "son code postal, d'après lui, est 35350": the cue need not be right
// before the number, but within the same clause.
const ZIP_CUE_AHEAD = /(?:\bzip(?:\s*code)?|\bpostal\s+code|\bpostcode|\bcode\s+postal)\b[^\n\d.;]{0,30}$/

// Street types in the three casings a narrative uses: Title, UPPER and lower.
function casings(words: readonly string[]): string {
  const forms = new Set<string>()
  for (const word of words) {
    forms.add(word)
    forms.add(word.toUpperCase())
    forms.add(word.charAt(0).toUpperCase() + word.slice(1))
  }
  return [...forms]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map(form => form.replace(/\./g, '\\.'))
    .join('|')
}

const STREET_TYPES = casings([
  'street',
  'st.',
  'st',
  'avenue',
  'ave.',
  'ave',
  'road',
  'rd.',
  'rd',
  'crescent',
  'cres.',
  'cres',
  'drive',
  'dr.',
  'dr',
  'lane',
  'ln.',
  'ln',
  'boulevard',
  'blvd.',
  'blvd',
  'court',
  'ct.',
  'ct',
  'place',
  'pl.',
  'way',
  'trail',
  'terrace',
  'highway',
  'hwy.',
  'hwy',
  'circle',
  'close',
  'row',
  'square',
  'sq.',
  'parkway',
  'pkwy',
  'gate',
  'heights',
  'grove',
  'line',
  'sideroad',
  'concession',
  'loop',
  'bay',
  'mews',
  'path',
  'ridge',
  'landing',
  'gardens',
  'crossing',
  'alley',
])
const FRENCH_STREET_TYPES = casings([
  'rue',
  'avenue',
  'av.',
  'boulevard',
  'boul.',
  'bd',
  'chemin',
  'ch.',
  'route',
  'rang',
  'place',
  'allée',
  'impasse',
  'promenade',
  'montée',
  'côte',
  'croissant',
  'cours',
  'quai',
  'rond-point',
  'ruelle',
  'sentier',
  'terrasse',
])
const UNIT_WORDS = casings([
  'unit',
  'apt.',
  'apt',
  'apartment',
  'suite',
  'ste.',
  'bsmt',
  'basement',
  'app.',
  'app',
  'appartement',
  'bureau',
  'unité',
  'local',
  'logement',
])
// A street-name word may end with a full stop ("St. Clair"); French names do not continue past
// one, so that "8 av. des Pins. Son employeur" stops at "Pins".
const NAME_WORD = "[\\p{Lu}\\d][\\p{L}\\d'’]*\\.?"
const FRENCH_NAME_WORD = `(?!(?:${casings(['unit', 'apt.', 'apt', 'apartment', 'suite', 'app.', 'app', 'appartement', 'bureau', 'unité', 'local', 'logement'])})(?![\\p{L}]))[\\p{Lu}\\d][\\p{L}\\d'’]*`
// A civic number ("14", "14B", "12-14") after its first digit: the address patterns match that
// digit first and only then look behind it, so that the engine skips quickly to digits (ADR 0030).
const CIVIC_NUMBER_REST = '\\d{0,5}[A-Za-z]?(?:-\\d{1,6}[A-Za-z]?)?'
// A unit written before the civic number ("Unit 3, 88 Elm Avenue") is found by looking back
// from the number, so that the address patterns start with a digit.
const UNIT_BEFORE = new RegExp(`(?:${UNIT_WORDS}|#)\\s*#?\\s*\\d{1,5}[A-Za-z]?\\s*[,-]\\s*$`)
const UNIT_AFTER = `(?:,?\\s+(?:${UNIT_WORDS})\\s*#?\\s*\\d{1,5}[A-Za-z]?|,?\\s*#\\s*\\d{1,5}[A-Za-z]?)?`
const DIRECTION = '(?:\\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Nord|Sud|Est|Ouest)\\b)?'

const STREET_ADDRESS = new RegExp(
  `\\d(?<![\\p{L}\\d#-]\\d)${CIVIC_NUMBER_REST}\\s+(?:${NAME_WORD}\\s+){1,4}(?:${STREET_TYPES})(?![\\p{L}\\d])${DIRECTION}${UNIT_AFTER}`,
  'gu',
)
const FRENCH_STREET_ADDRESS = new RegExp(
  `\\d(?<![\\p{L}\\d#-]\\d)${CIVIC_NUMBER_REST}(?:\\s*(?:bis|ter))?,?\\s+(?:${FRENCH_STREET_TYPES})\\s+(?:(?:de\\s+la|de\\s+l['’]|du|des|de|d['’]|la|le|les|l['’])\\s*)?${FRENCH_NAME_WORD}(?:[\\s-]+(?:(?:de|du|des|la|le)\\s+)?${FRENCH_NAME_WORD}){0,3}${DIRECTION}${UNIT_AFTER}`,
  'gu',
)
const BIRTH_YEAR_CUE = /(?<![a-z])(?:born|b\.|nee?s?|ne\(e\)|birth\s+year|year\s+of\s+birth|annee\s+de\s+naissance)(?:\s+(?:in|en|on|:|-))?\s*:?\s*$/

// The lines after a street: town, province or state, postal code, country ("52 Juniper Road\n
// Portage Bay, MB R3T 2N2\nCanada", "8 rue du Moulin Apt 3, 35000 Rennes, France"). They are
// taken into the address one segment at a time; a town only when a province, a postal code or a
// country follows it, or the line ends after it, so that "12 Main St, Ruby said" keeps "Ruby".
const REGION_CODES =
  'AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|PEI|QC|SK|YT|AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY'
const REGION_NAMES = [
  'Alberta',
  'British Columbia',
  'Colombie-Britannique',
  'Manitoba',
  'New Brunswick',
  'Nouveau-Brunswick',
  'Newfoundland and Labrador',
  'Newfoundland',
  'Terre-Neuve-et-Labrador',
  'Nova Scotia',
  'Nouvelle-Écosse',
  'Ontario',
  'Prince Edward Island',
  'Île-du-Prince-Édouard',
  'Quebec',
  'Québec',
  'Saskatchewan',
  'Yukon',
  'Nunavut',
  'Northwest Territories',
  'Territoires du Nord-Ouest',
  'Alabama',
  'Alaska',
  'Arizona',
  'Arkansas',
  'California',
  'Colorado',
  'Connecticut',
  'Delaware',
  'Florida',
  'Georgia',
  'Hawaii',
  'Idaho',
  'Illinois',
  'Indiana',
  'Iowa',
  'Kansas',
  'Kentucky',
  'Louisiana',
  'Maine',
  'Maryland',
  'Massachusetts',
  'Michigan',
  'Minnesota',
  'Mississippi',
  'Missouri',
  'Montana',
  'Nebraska',
  'Nevada',
  'New Hampshire',
  'New Jersey',
  'New Mexico',
  'New York',
  'North Carolina',
  'North Dakota',
  'Ohio',
  'Oklahoma',
  'Oregon',
  'Pennsylvania',
  'Rhode Island',
  'South Carolina',
  'South Dakota',
  'Tennessee',
  'Texas',
  'Utah',
  'Vermont',
  'Virginia',
  'Washington',
  'West Virginia',
  'Wisconsin',
  'Wyoming',
]
  .sort((a, b) => b.length - a.length)
  .join('|')
const COUNTRIES =
  'Canada|USA|U\\.S\\.A\\.|U\\.S\\.|United States(?: of America)?|France|Belgique|Belgium|Suisse|Switzerland|UK|United Kingdom|England|Royaume-Uni|Mexico|Mexique'
const TAIL_SEPARATOR = '(?:,[ \\t]*|[ \\t]*\\n[ \\t]*)'
const TAIL_TOWN = "(?:St\\.|Ste\\.|Mt\\.|\\p{Lu}[\\p{L}\\p{M}'’-]*)(?:[ -](?:(?:de|du|des|la|le|les|sur|en|on|upon)[ -])?\\p{Lu}[\\p{L}\\p{M}'’-]*){0,3}"
const TAIL_REGION = new RegExp(`(?:${TAIL_SEPARATOR}|[ \\t]+)\\(?(?:${REGION_CODES}|${REGION_NAMES})\\)?(?![\\p{L}\\d])`, 'uy')
const TAIL_POSTAL = new RegExp(`(?:${TAIL_SEPARATOR}|[ \\t]+)(?:[A-Z]\\d[A-Z][ -]?\\d[A-Z]\\d|\\d{5}(?:-\\d{4})?)(?![\\p{L}\\d])`, 'uy')
const TAIL_POSTAL_TOWN = new RegExp(`${TAIL_SEPARATOR}\\d{5}[ \\t]+${TAIL_TOWN}(?![\\p{L}\\d])`, 'uy')
const TAIL_COUNTRY = new RegExp(`${TAIL_SEPARATOR}(?:${COUNTRIES})(?![\\p{L}\\d])`, 'uy')
const TAIL_TOWN_SEGMENT = new RegExp(`${TAIL_SEPARATOR}${TAIL_TOWN}(?![\\p{L}\\d])`, 'uy')
const LINE_ENDS = /^[ \t]*(?:$|\n|[.;](?:\s|$))/

function stickyAt(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at
  const match = pattern.exec(text)
  return match === null ? -1 : at + match[0].length
}

/** Where the town, region, postal code and country lines after a street address end. */
function addressTailEnd(original: string, end: number): number {
  let at = end
  let townTaken = false
  for (let segments = 0; segments < 6; segments += 1) {
    let next = -1
    for (const pattern of [TAIL_POSTAL_TOWN, TAIL_REGION, TAIL_POSTAL, TAIL_COUNTRY]) {
      next = stickyAt(pattern, original, at)
      if (next >= 0) break
    }
    if (next < 0 && !townTaken) {
      const town = stickyAt(TAIL_TOWN_SEGMENT, original, at)
      if (town >= 0) {
        const confirmed =
          LINE_ENDS.test(original.slice(town, town + 3)) || [TAIL_REGION, TAIL_POSTAL, TAIL_COUNTRY].some(pattern => stickyAt(pattern, original, town) >= 0)
        if (confirmed) {
          next = town
          townTaken = true
        }
      }
    }
    if (next < 0) break
    at = next
  }
  return at
}

const POST_OFFICE_BOX = /(?<![\p{L}\d])(?:P\.?\s?O\.?\s*Box|PO Box|Box|C\.P\.|[Cc]ase postale)\s+\d{1,6}(?!\d)/gu
const POST_OFFICE_ANCHOR = /box|c\.p\.|case postale/g

// Record numbers after a word that says what they are. Only the number is replaced.
interface RecordWord {
  kind: PatternKind
  words: string
}
const RECORD_WORDS: readonly RecordWord[] = [
  {
    kind: 'health_number',
    words:
      "health\\s+card|health\\s+(?:card\\s+)?number|health\\s+insurance(?:\\s+number)?|hcn|ohip|ramq|phn|personal\\s+health\\s+number|medicare|carte\\s+(?:sante|d'assurance[\\s-]maladie)|assurance[\\s-]maladie|numero\\s+d'assurance[\\s-]maladie",
  },
  {
    kind: 'social_insurance_number',
    words: "sin|social\\s+insurance(?:\\s+number)?|nas|numero\\s+d'assurance\\s+sociale|ssn|social\\s+security(?:\\s+number)?",
  },
  {
    kind: 'licence_number',
    words: "driver'?s\\s+licen[cs]e|licen[cs]e(?!\\s+plate)|permis(?:\\s+de\\s+conduire)?",
  },
  {
    kind: 'record_number',
    words:
      'case|file|record|dossier|client|chart|mrn|patient|member|account|reference|ref|incident|occurrence|report|docket|court\\s+file|matter|referral|cas|fiche|no\\.|n°|n[o°]\\.?|num\\.?|#',
  },
]
// A letter prefix is glued to the number ("CFS-2024", "A1234567"): "du 2024-06-14" is a date.
// Health numbers may have a four-letter prefix and a space (RAMQ "LAVL 1905 0312").
const ID_TAIL = '\\d[\\da-z]{0,20}(?:[-/.][\\da-z]{1,20}){0,5}(?:\\s\\d{2,6}){0,3}'
const ID_BODY = `(?:[a-z]{1,6}[-/]?)?${ID_TAIL}`
const HEALTH_ID_BODY = `(?:[a-z]{4}\\s?|[a-z]{1,6}[-/]?)?${ID_TAIL}`
const RECORD_JOINER = '\\s*(?:(?:no\\.?|number|num\\.?|numero|n°|#|id)\\s*)?(?:(?:is|was|:|-)\\s*)?[:#]?\\s*'
// One pass for every record word: the group that matched says which kind of number follows.
const KEYWORD_RECORDS = new RegExp(
  `(?<![a-z0-9])(?:${RECORD_WORDS.map(({ kind, words }) => `(?:${words})(?![a-z])${RECORD_JOINER}(${kind === 'health_number' ? HEALTH_ID_BODY : ID_BODY})`).join('|')})(?![a-z0-9])`,
  'dg',
)
const SPACED_SIN = /\d(?<![\d-]\d)\d{2}[ -]\d{3}[ -]\d{3}(?![\d]|[ -]\d)/g
const SPACED_HEALTH_CARD = /\d(?<![\d-]\d)\d{3}[ -]\d{3}[ -]\d{3}(?:[ -]?[a-z]{2})?(?![\da-z]|[ -]\d)/g
const UNIT_SUFFIXED = /^\d+(?:mg|mcg|ml|cc|kg|km|cm|mm|g|lb|lbs|oz|h|hr|hrs|min|mins|am|pm|s|st|nd|rd|th|e|er|eme|x|k|m)$/

const PLATE_WORDS = ['plate', 'plaque', 'immatriculation']
const PLATE =
  /(?:licen[cs]e\s+plate|plate\s+(?:number|no\.?|#)|plate|plaque(?:\s+d'immatriculation)?|immatriculation)\s*(?:number|no\.?|#|:|was|is|reading|reads)?\s*[:#]?\s*([a-z0-9]{1,4}(?:[ -]?[a-z0-9]{1,4}){1,2})(?![a-z0-9])/dg

function isHostChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 46
}

// A full stop or comma: the number around it is an amount ("$1500000", "1.2345678"). Declared
// here, not in classifyDigitToken, so that no closure is made per digit token.
function decimal(code: number): boolean {
  return code === 46 || code === 44
}

function validIpv4(text: string): boolean {
  return text.split('.').every(octet => Number(octet) <= 255)
}

function validIpv6(text: string): boolean {
  const halves = text.split('::')
  if (halves.length > 2) return false
  const groups = halves.flatMap(half => (half === '' ? [] : half.split(':')))
  if (groups.some(group => group.length === 0 || group.length > 4)) return false
  if (halves.length === 1 && groups.length !== 8) return false
  if (halves.length === 2 && groups.length > 7) return false
  // "::" alone or a clock time is not an address; ask for some hex in it.
  return groups.join('').length >= 2
}

function trimUrl(match: string): string {
  return match.replace(/[.,;:!?]+$/, '')
}

export function createPatternDetector(locale: OutputLocale) {
  const labels = labelsFor(locale).pattern
  const birthYearLabel = labelsFor(locale).birthYear

  function push(found: Candidate[], start: number, end: number, kind: PatternKind): void {
    found.push({ start, end, kind, replacement: labels[kind], priority: PRIORITY[kind] })
  }

  function each(regex: RegExp, text: string, visit: (match: RegExpExecArray) => void): void {
    regex.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = regex.exec(text)) !== null) {
      visit(match)
      if (match[0].length === 0) regex.lastIndex += 1
    }
  }

  return function detectPatterns(text: ScanText, found: Candidate[]): void {
    const { original, folded } = text
    const numbers = digitWindows(text)
    const near = (
      anchor: RegExp,
      pattern: RegExp,
      before: number,
      after: number,
      visit: (m: RegExpExecArray, offset: number) => void,
      on: string = folded,
    ): void => {
      const windows = windowsAround(folded, anchor, { before, after })
      if (windows.length > 0) eachInWindows(on, windows, pattern, visit)
    }

    near(/@/g, EMAIL, 70, 300, m => push(found, m.index, m.index + m[0].length, 'email'))
    near(URL_ANCHOR, URL_WITH_SCHEME, 12, 2010, m => push(found, m.index, m.index + trimUrl(m[0]).length, 'url'))
    let domainStart = -1
    each(DOMAIN_HINT, folded, hint => {
      let start = hint.index
      while (start > 0 && hint.index - start < 260 && isHostChar(folded.charCodeAt(start - 1))) start -= 1
      if (start === domainStart) return
      domainStart = start
      BARE_DOMAIN.lastIndex = start
      const m = BARE_DOMAIN.exec(folded)
      if (m !== null) push(found, start, start + trimUrl(m[0]).length, 'url')
    })
    eachInWindows(folded, numbers, IPV4, m => {
      if (validIpv4(m[0])) push(found, m.index, m.index + m[0].length, 'ip_address')
    })
    near(IPV6_ANCHOR, IPV6, 45, 45, m => {
      if (validIpv6(m[0])) push(found, m.index, m.index + m[0].length, 'ip_address')
    })

    eachInWindows(folded, numbers, PHONE_NORTH_AMERICAN, m => push(found, m.index, m.index + m[0].length, 'phone'))
    eachInWindows(folded, numbers, PHONE_INTERNATIONAL, m => {
      const count = countDigits(m[0])
      if (count >= 8 && count <= 15) push(found, m.index, m.index + m[0].length, 'phone')
    })
    eachInWindows(folded, numbers, PHONE_COMPACT_INTERNATIONAL, m => push(found, m.index, m.index + m[0].length, 'phone'))
    eachInWindows(folded, numbers, PHONE_FRENCH, m => push(found, m.index, m.index + m[0].length, 'phone'))
    eachInWindows(folded, numbers, PHONE_LOCAL, m => {
      const before = folded.slice(Math.max(0, m.index - 24), m.index)
      if (PHONE_WORDS.test(before) || ((before.match(/\n/g)?.length ?? 0) === 1 && PHONE_WORDS_ACROSS_LINES.test(before))) {
        push(found, m.index, m.index + m[0].length, 'phone')
      }
    })
    eachInWindows(folded, numbers, PHONE_LOCAL_SPACED, m => {
      const before = folded.slice(Math.max(0, m.index - 24), m.index)
      if ((before.match(/\n/g)?.length ?? 0) <= 1 && PHONE_WORDS_ACROSS_LINES.test(before)) push(found, m.index, m.index + m[0].length, 'phone')
    })
    eachInWindows(folded, numbers, PHONE_TRUNK, m => {
      const count = countDigits(m[0])
      if (count >= 10 && count <= 11) push(found, m.index, m.index + m[0].length, 'phone')
    })
    // "born in 2019", "b. 1961", "née en 1960": a birth year on its own. Each year-shaped number
    // looks back for the cue, rather than a cue pattern running through every number's window.
    for (const token of digitTokens(text)) {
      // Four digits alone: a year when it starts with 19 or 20.
      if (token.digits !== 4 || token.letters > 0 || token.groups.length > 1 || !(token.text.startsWith('19') || token.text.startsWith('20'))) continue
      const after = folded.charCodeAt(token.end)
      if (after === 47 || after === 45 || (after === 46 && folded.charCodeAt(token.end + 1) >= 48 && folded.charCodeAt(token.end + 1) <= 57)) continue
      if (BIRTH_YEAR_CUE.test(folded.slice(Math.max(0, token.start - 32), token.start))) {
        found.push({ start: token.start, end: token.end, kind: 'birth_date', replacement: birthYearLabel, priority: PRIORITY.postal_code + 5 })
      }
    }

    eachInWindows(folded, numbers, POSTAL_CODE_CA, m => {
      const letter = folded.charAt(m.index - 1)
      const before = m.index >= 2 ? folded.charCodeAt(m.index - 2) : 32
      const boundary = !((before >= 97 && before <= 122) || (before >= 48 && before <= 57))
      if (POSTAL_FIRST_LETTER.test(letter) && boundary) push(found, m.index - 1, m.index + m[0].length, 'postal_code')
    })
    eachInWindows(folded, numbers, ZIP, m => {
      if (
        ZIP_PLUS_FOUR.test(m[0]) ||
        ZIP_CONTEXT.test(original.slice(Math.max(0, m.index - 16), m.index)) ||
        ZIP_CUE_AHEAD.test(folded.slice(Math.max(0, m.index - 48), m.index))
      ) {
        push(found, m.index, m.index + m[0].length, 'postal_code')
      }
    })

    // "12 Main St. She left": the full stop of "St." also ends the sentence; keep it.
    const pushAddress = (m: RegExpExecArray): void => {
      let start = m.index
      let end = start + m[0].length
      if (m[0].endsWith('.') && /^(?:$|\s*\n|\s+\p{Lu})/u.test(original.slice(end, end + 2))) end -= 1
      end = addressTailEnd(original, end)
      const unit = UNIT_BEFORE.exec(original.slice(Math.max(0, start - 24), start))
      if (unit !== null) start -= unit[0].length
      push(found, start, end, 'street_address')
    }
    eachInWindows(original, numbers, STREET_ADDRESS, pushAddress)
    eachInWindows(original, numbers, FRENCH_STREET_ADDRESS, pushAddress)
    near(POST_OFFICE_ANCHOR, POST_OFFICE_BOX, 12, 16, m => push(found, m.index, m.index + m[0].length, 'street_address'), original)

    // A record number has digits: look for record words only near numbers.
    eachInWindows(folded, numbers, KEYWORD_RECORDS, (m, offset) => {
      for (let group = 0; group < RECORD_WORDS.length; group += 1) {
        const span = m.indices?.[group + 1]
        const body = m[group + 1]
        // A bare year after a record word is a year ("Annual Report 2024"), not a number.
        if (span === undefined || body === undefined || countDigits(body) < 3 || /^(?:19|20)\d\d$/.test(body)) continue
        push(found, span[0] + offset, span[1] + offset, (RECORD_WORDS[group] as RecordWord).kind)
      }
    })
    for (const token of digitTokens(text)) classifyDigitToken(token, folded, found)
    eachInWindows(folded, numbers, SPACED_SIN, m => push(found, m.index, m.index + m[0].length, 'social_insurance_number'))
    eachInWindows(folded, numbers, SPACED_HEALTH_CARD, m => push(found, m.index, m.index + m[0].length, 'health_number'))

    eachInWindows(folded, windowsAroundWords(folded, PLATE_WORDS, { before: 2, after: 60 }), PLATE, (m, offset) => {
      const span = m.indices?.[1]
      const plate = m[1]
      if (span === undefined || plate === undefined) return
      // "plate ABC 123 seen": try the longest run of groups that still looks like a plate.
      const groups = plate.split(/(?=[ -])/)
      for (let count = groups.length; count >= 1; count -= 1) {
        const written = groups.slice(0, count).join('')
        const alnum = written.replace(/[^a-z0-9]/g, '')
        const hasDigit = /\d/.test(alnum)
        const hasLetter = /[a-z]/.test(alnum)
        if (alnum.length >= 5 && alnum.length <= 8 && hasDigit && (hasLetter || alnum.length >= 6)) {
          push(found, span[0] + offset, span[0] + offset + written.length, 'vehicle_plate')
          return
        }
      }
    })
  }

  /** Hyphenated, mixed and long numbers, from the tokens every detector shares. */
  function classifyDigitToken(token: DigitToken, folded: string, found: Candidate[]): void {
    const { start, end, text: value, letters } = token
    if (token.groups.length > 1) {
      if (token.digits < 4 || isYearRange(value)) return
      if (letters > 0) {
        // "CFS-2024-10377" has a real number in it; "25-to-34-year-old" only small ones.
        if (token.longestDigitRun >= 3) push(found, start, end, 'record_number')
        return
      }
      if (token.groups.length >= 3) {
        const shape = token.groups.join('-')
        const kind = shape === '4-3-3' ? 'health_number' : shape === '3-3-3' ? 'social_insurance_number' : 'record_number'
        push(found, start, end, kind)
      }
      return
    }
    if (letters === 0) {
      // Seven digits or more, unless it is an amount ("$1500000", "1.2345678").
      const before = folded.charCodeAt(start - 1)
      const after = folded.charCodeAt(end)
      if (token.digits >= 7 && before !== 36 && !decimal(before) && !(decimal(after) && folded.charCodeAt(end + 1) >= 48 && folded.charCodeAt(end + 1) <= 57)) {
        push(found, start, end, 'record_number')
      }
      return
    }
    if (value.length >= 5 && value.length <= 20 && token.digits >= 4 && !UNIT_SUFFIXED.test(value)) push(found, start, end, 'record_number')
  }
}
