// Tokens left in the text that may still identify someone: the reviewer resolves each one
// (add it to the registry as an alias, or mark it safe) before anything leaves the review.
//
// Listed:
// - capitalised words that are not ordinary words (COMMON_WORDS after suffix stripping), not a
//   pseudonym word and not marked safe. A word at the start of a sentence is capitalised
//   anyway, so there it is listed only when the narrative never uses it in lower case;
// - name parts of registered people that are also ordinary words ("Rose", "Black"), when
//   written with a capital and not already replaced: they were not replaced on their own;
// - tokens that look like identifiers: five or more digits ("10377", "4471-22"), or letters and
//   digits mixed ("XJ22B", "A47") unless they read as a measure ("10mg"), an ordinal ("3rd") or
//   a common word with a small number ("COVID-19").
// The candidate id hashes the folded token, so one decision settles every occurrence.

import { NAME_PART_STOPLIST, isCommonWord, isListedSpelling, isListedWord } from './common-words'
import { foldWord } from './fold'
import { kinshipBefore, nameCue, speechAfter, titleBefore } from './name-context'
import { ENGLISH_CALENDAR_WORDS } from './dates'
import { CapitalisedWords, countDigits, digitTokens, eachInWindows, isPossessive, isYearRange, windowsAroundSpans } from './scan'
import type { Candidate, DigitToken, ResidualCandidate, ResidualReason, ScanText } from './types'

export interface ResidualRules {
  safeWords: ReadonlySet<string>
  pseudonymWords: ReadonlySet<string>
  guardedNameParts: ReadonlySet<string>
  /** Folded given and family names of a published list (name-list.server.ts); optional. */
  names?: ReadonlySet<string>
}

// Capitals of any script the narratives meet: a Central European, Greek or Cyrillic name
// ("Željko", "Σοφία", "Олег") is as identifying as a Latin one. The words are found by
// CapitalisedWords (scan.ts), whose classes include lower-case letters past Latin-1, so the
// first letter of each word there is checked with \p{Lu}. Narratives without any such letter
// (most of them) are scanned with the Latin-1 classes alone.
/* eslint-disable no-misleading-character-class -- combining marks (U+0300-036F) sit in the letter
   classes on purpose: a decomposed letter and its accent are one letter of a name. */
const EXTENDED_LETTER = /[\u0100-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff]/
const UPPER_CASE = /\p{Lu}/u
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u

function isApostropheOrHyphen(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 45
}

/**
 * A letter, digit, underscore or combining mark of the scripts above: the class
 * `[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff0-9_\u0300-\u036f]` read
 * from the character code, because it is asked before every capitalised and lower-case word (a
 * regular expression call each was a measurable part of the scan, ADR 0052).
 */
function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95
  return (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x300 && code <= 0x52f) || (code >= 0x1e00 && code <= 0x1fff)
}
/* eslint-enable no-misleading-character-class */
// eslint-disable-next-line no-control-regex -- a range that starts at U+0000 on purpose
const NON_ASCII = /[^\x00-\x7f]/
const TITLE_WORDS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'mme', 'mlle', 'm', 'prof', 'st', 'ste', 'jr', 'sr'])
const MEASURE_OR_ORDINAL = /^\d+(?:[.,]\d+)?(?:mg|mcg|ml|cc|kg|km|cm|mm|g|lb|lbs|oz|h|hr|hrs|min|mins|am|pm|s|st|nd|rd|th|e|er|re|eme|x|k|m|yo)$/
const SENTENCE_BOUNDARY = new Set(['.', '!', '?', ':', ';', '\n', '•', '*', '>'])
const OPENERS = new Set([' ', '\t', '\r', '\u00a0', '"', "'", '“', '‘', '«', '(', '[', '–', '—', '-'])
// How far around a sentence-initial word to look for the same word in lower case. Bounded so
// that one long text costs no more than many short ones.
const LOWER_CASE_REACH = 50_000

/** A 53-bit string hash (cyrb53): stable across runs and platforms, short enough for an id. */
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

export function residualCandidateId(token: string): string {
  return `rc-${stableHash(foldWord(token))}`
}

function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false
  const code = text.charCodeAt(index)
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
  return WORD_CHAR.test(text.charAt(index))
}

/**
 * Whether `word` (folded) is written in lower case, as a whole word and with the same accents as
 * `written`, near `near`: "marié" in the text does not make the sentence-initial "Marie" ordinary.
 *
 * Each question searches up to 2 x LOWER_CASE_REACH characters, so a long text with many
 * different sentence-initial words would cost its length times their number. Once the searches
 * of one text have read more than a few times its length, the whole words of the text are
 * indexed once and the remaining questions read the index instead: the same answers, at a cost
 * that stays linear in the length of the text (ADR 0030).
 */
class LowerCaseUse {
  private readonly answers = new Map<string, boolean>()
  private searched = 0
  private words: Map<string, number[]> | undefined

  constructor(
    private readonly original: string,
    private readonly folded: string,
  ) {}

  has(word: string, written: string, near: number): boolean {
    // Remembered per word as written, whichever occurrence asked first.
    const key = `${word}\u0000${written}`
    let used = this.answers.get(key)
    if (used === undefined) {
      used = this.search(word, written, near)
      this.answers.set(key, used)
    }
    return used
  }

  private search(word: string, written: string, near: number): boolean {
    const { original, folded } = this
    const from = Math.max(0, near - LOWER_CASE_REACH)
    const to = Math.min(folded.length, near + LOWER_CASE_REACH)
    const usedAt = (at: number): boolean => {
      const first = original.charAt(at)
      return first !== first.toUpperCase() && original.slice(at, at + word.length).toLowerCase() === written
    }
    if (this.searched > SEARCH_BUDGET * folded.length && isWholeWord(word)) {
      this.words ??= wholeWords(folded)
      for (const at of this.words.get(word) ?? NO_POSITIONS) {
        if (at < from) continue
        if (at + word.length > to) break
        if (usedAt(at)) return true
      }
      return false
    }
    this.searched += to - from
    for (let at = folded.indexOf(word, from); at >= 0 && at + word.length <= to; at = folded.indexOf(word, at + 1)) {
      if (isWordCharAt(folded, at - 1) || isWordCharAt(folded, at + word.length)) continue
      if (usedAt(at)) return true
    }
    return false
  }
}

const SEARCH_BUDGET = 4
const NO_POSITIONS: readonly number[] = []

/** Whether every character of `word` is a word character: then its whole-word occurrences are runs. */
function isWholeWord(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) if (!isWordCharAt(word, i)) return false
  return word.length > 0
}

/** Start of every maximal run of word characters, by its text. */
function wholeWords(folded: string): Map<string, number[]> {
  const words = new Map<string, number[]>()
  let start = 0
  while (start < folded.length) {
    if (!isWordCharAt(folded, start)) {
      start += 1
      continue
    }
    let end = start + 1
    while (end < folded.length && isWordCharAt(folded, end)) end += 1
    const word = folded.slice(start, end)
    const positions = words.get(word)
    if (positions === undefined) words.set(word, [start])
    else positions.push(start)
    start = end
  }
  return words
}

function isSentenceStart(text: string, index: number): boolean {
  let i = index - 1
  while (i >= 0) {
    const char = text.charAt(i)
    if (char === '\n') return true
    if (!OPENERS.has(char)) break
    i -= 1
  }
  return i < 0 || SENTENCE_BOUNDARY.has(text.charAt(i))
}

function looksLikeIdentifier(token: string): boolean {
  const digits = countDigits(token)
  if (digits === 0) return false
  let letterCount = 0
  for (let i = 0; i < token.length; i += 1) {
    const code = token.charCodeAt(i)
    if (code >= 97 && code <= 122) letterCount += 1
  }
  // A measure or an ordinal ends in letters: digits alone need not be tested for one.
  if (isYearRange(token) || (letterCount > 0 && MEASURE_OR_ORDINAL.test(token))) return false
  // Digits alone: five or more, with a group of four or more ("10377", "4471-22"), so that
  // blood pressures ("100/60") and ranges ("120-180") are not listed.
  if (letterCount === 0) return digits >= 5 && token.split(/[-/]/).some(group => group.length >= 4)
  if (token.length < 3) return false
  // "covid-19", "form-12", "b12": an ordinary word with a small number is not an identifier.
  if (digits <= 2 && (letterCount <= 1 || isCommonWord(token.replace(/[^a-z]/g, '')))) return false
  return true
}

/** What an ordinary word is as a name, remembered per word (see findResiduals). */
const enum NameKind {
  NotAName,
  /** In the stoplist of names that are also ordinary words ("Frank", "Grace"). */
  NameLikeWord,
  /** A listed word that the published list also has as a name ("Staff"). */
  ListedName,
  /** Ordinary only through an inflection ("Marie" as "mari" + e): a name as written. */
  InflectedName,
  Calendar,
}

/**
 * Remembers per-word answers across calls (bounded). Every answer depends on the word alone (and
 * the name list), never on a registry, so compiled anonymisers share one (sharedResidualMemo):
 * the first narrative of each review no longer starts cold (ADR 0030).
 */
export class ResidualMemo {
  private readonly nameKinds = new Map<string, NameKind>()
  private nameKindsOf: ReadonlySet<string> | undefined

  nameKind(word: string, names: ReadonlySet<string>): NameKind {
    if (names !== this.nameKindsOf) {
      this.nameKinds.clear()
      this.nameKindsOf = names
    }
    let kind = this.nameKinds.get(word)
    if (kind === undefined) {
      if (!names.has(word)) kind = NameKind.NotAName
      else if (ENGLISH_CALENDAR_WORDS.has(word)) kind = NameKind.Calendar
      else if (NAME_PART_STOPLIST.has(word)) kind = NameKind.NameLikeWord
      else kind = isListedWord(word) ? NameKind.ListedName : NameKind.InflectedName
      if (this.nameKinds.size > 50_000) this.nameKinds.clear()
      this.nameKinds.set(word, kind)
    }
    return kind
  }

  private readonly ordinary = new Map<string, boolean>()
  private readonly ids = new Map<string, string>()

  isOrdinary(word: string): boolean {
    let known = this.ordinary.get(word)
    if (known === undefined) {
      known = isCommonWord(word) || NAME_PART_STOPLIST.has(word)
      if (this.ordinary.size > 50_000) this.ordinary.clear()
      this.ordinary.set(word, known)
    }
    return known
  }

  idFor(token: string): string {
    let id = this.ids.get(token)
    if (id === undefined) {
      id = residualCandidateId(token)
      if (this.ids.size > 50_000) this.ids.clear()
      this.ids.set(token, id)
    }
    return id
  }
}

/** The memo every compiled anonymiser uses. */
export const sharedResidualMemo = new ResidualMemo()

type Found = { start: number; end: number; text: string; reason: ResidualReason }

/** Scans the parts of the text no replacement covers. `accepted` is sorted by start. */
export function findResiduals(
  text: ScanText,
  accepted: readonly Candidate[],
  rules: ResidualRules,
  memo: ResidualMemo = new ResidualMemo(),
): ResidualCandidate[] {
  const { original, folded } = text
  const names = rules.names ?? EMPTY
  const found: Found[] = []
  const lowerCaseUse = new LowerCaseUse(original, folded)
  const usedInLowerCase = (word: string, written: string, near: number): boolean => lowerCaseUse.has(word, written, near)

  const coveredCapital = coverageCursor(accepted)
  const coveredNumber = coverageCursor(accepted)
  const covered = (start: number, end: number): boolean => overlapsAccepted(accepted, start, end)

  // Capitalised words that are ordinary words but also names, kept until their context is known.
  const maybe: Array<Found & { sentenceStart: boolean }> = []
  const flagged: Found[] = []
  // Place types among the capitalised words anchor the place-name patterns (after the loop).
  const placeTypes: number[] = []

  const capitalised = new CapitalisedWords(original, EXTENDED_LETTER.test(original))
  while (capitalised.next()) {
    const start = capitalised.start
    const matchEnd = capitalised.end
    if (original.charCodeAt(start) >= 0x100 && !UPPER_CASE.test(original.charAt(start))) continue
    if (PLACE_SHAPES.has(folded.charCodeAt(start) * 64 + matchEnd - start) && PLACE_TYPE_SET.has(folded.slice(start, matchEnd)))
      placeTypes.push(start, matchEnd)
    if (start > 0 && isWordCode(original.charCodeAt(start - 1))) continue
    // "XJ22B" is one token: it is looked at as a possible identifier, not as a name.
    const next = original.charCodeAt(matchEnd)
    if (next >= 48 && next <= 57) continue
    let token = original.slice(start, matchEnd)
    if (token.endsWith("'s") || token.endsWith('’s')) token = token.slice(0, -2)
    if (token.length < 2) continue
    const end = start + token.length
    if (coveredCapital(start, end)) continue
    // "L'incident", "d'Hélène": the elided article is not part of the word.
    let word = folded.slice(start, end)
    const apostrophe = word.indexOf("'")
    if (apostrophe === 1 || apostrophe === 2) word = word.replace(/^(?:l|d|qu|j|n|s|c|m|t)'/, '')
    if (word.length < 2) continue
    if (rules.safeWords.has(word) || rules.pseudonymWords.has(word) || TITLE_WORDS.has(word)) continue
    if (rules.guardedNameParts.has(word)) {
      flagged.push({ start, end, text: token, reason: 'capitalised_word' })
      continue
    }
    if (memo.isOrdinary(word)) {
      const kind = memo.nameKind(word, names)
      if (kind === NameKind.NotAName) continue
      const written = original.slice(end - word.length, end).toLowerCase()
      // "Ángel" is not written like "angel", and "Marie" is a name, not "mari" inflected.
      const ordinaryAsWritten = NON_ASCII.test(written) ? isListedSpelling(written) : kind !== NameKind.InflectedName
      if (ordinaryAsWritten) {
        // Names that are ordinary words ("Frank", "Grace") wait for a cue. Other listed names
        // ("Staff", "Day" are in the published list) only count inside a sentence.
        if (kind === NameKind.Calendar) continue
        if (kind === NameKind.NameLikeWord) {
          maybe.push({ start, end, text: token, reason: 'name_in_context', sentenceStart: isSentenceStart(original, start) })
        } else if (!isSentenceStart(original, start)) {
          maybe.push({ start, end, text: token, reason: 'name_in_context', sentenceStart: false })
        }
        continue
      }
      const sentenceStart = isSentenceStart(original, start)
      if (sentenceStart && usedInLowerCase(word, written, start)) continue
      flagged.push({ start, end, text: token, reason: 'capitalised_word' })
      continue
    }
    if (isSentenceStart(original, start) && usedInLowerCase(word, original.slice(end - word.length, end).toLowerCase(), start)) continue
    flagged.push({ start, end, text: token, reason: 'capitalised_word' })
  }
  // Place names ("Riverside Elementary School") are listed whole; their words are not listed again.
  const places = placeTypes.length === 0 ? [] : findPlaceNames(text, windowsAroundSpans(original, placeTypes, { before: 90, after: 90 }), covered, memo)
  const outsidePlaces = <T extends Found>(items: T[]): T[] => {
    if (places.length === 0) return items
    let cursor = 0
    return items.filter(item => {
      while (cursor < places.length && (places[cursor] as Found).end <= item.start) cursor += 1
      const place = places[cursor]
      return !(place !== undefined && place.start <= item.start)
    })
  }
  found.push(...places)
  const kept = outsidePlaces(flagged)
  found.push(...kept, ...namesInContext(original, outsidePlaces(maybe), kept))
  if (names.size > 0) found.push(...lowerCaseNames(text, names, covered, memo))

  const grouped = spacedDigitGroups(text, original, covered)
  found.push(...grouped)
  let groupCursor = 0
  for (const token of digitTokens(text)) {
    while (groupCursor < grouped.length && (grouped[groupCursor] as Found).end <= token.start) groupCursor += 1
    const group = grouped[groupCursor]
    if (group !== undefined && group.start <= token.start) continue
    if (coveredNumber(token.start, token.end) || !looksLikeIdentifier(token.text)) continue
    if (rules.safeWords.has(token.text)) continue
    found.push({ start: token.start, end: token.end, text: original.slice(token.start, token.end), reason: 'identifier_like' })
  }

  found.sort((a, b) => a.start - b.start || a.end - b.end)
  return withOutputOffsets(
    // Single words were checked against the safe words already; phrases and digit groups not.
    found.filter(item => (item.reason !== 'place_name' && !item.text.includes(' ')) || !rules.safeWords.has(foldWord(item.text))),
    accepted,
    memo,
  )
}

const EMPTY: ReadonlySet<string> = new Set()

/**
 * Ordinary words that are also names become candidates with a cue ("Ms. White", "her son
 * Frank", "Grace told", "Walker, the landlord") or next to a name ("Rose Foster"), repeatedly
 * so that "Mark Foster, the neighbour" lists both words.
 */
function namesInContext(original: string, maybe: ReadonlyArray<Found & { sentenceStart: boolean }>, flagged: readonly Found[]): Found[] {
  const chosen = new Uint8Array(maybe.length)
  const starts = new Set<number>()
  const ends = new Set<number>()
  for (const item of flagged) {
    starts.add(item.start)
    ends.add(item.end)
  }
  maybe.forEach((item, index) => {
    if (nameCue(original, item.start, item.end, item.sentenceStart)) {
      chosen[index] = 1
      starts.add(item.start)
      ends.add(item.end)
    }
  })
  // Neighbours: a given name before a listed or cued name ("Rose Foster" where "Foster" has a
  // cue, "Grace Okafor"); a family name only after a cued given name ("Frank White said"), since
  // "Queen Street" is a street.
  const cuedEnds = new Set<number>()
  maybe.forEach((item, index) => {
    if (chosen[index] === 1) cuedEnds.add(item.end)
  })
  for (let pass = 0; pass < 3; pass += 1) {
    let changed = false
    maybe.forEach((item, index) => {
      if (chosen[index] === 1) return
      const after = original.charAt(item.end) === ' ' && starts.has(item.end + 1)
      const before = original.charAt(item.start - 1) === ' ' && cuedEnds.has(item.start - 1)
      if (after || before) {
        chosen[index] = 1
        starts.add(item.start)
        ends.add(item.end)
        cuedEnds.add(item.end)
        changed = true
      }
    })
    if (!changed) break
  }
  return maybe.filter((_, index) => chosen[index] === 1).map(({ start, end, text, reason }) => ({ start, end, text, reason }))
}

// A sentence typed without capitals ("spoke w/ eva kleist"): the name list and the cues are all
// there is to go on. Only such sentences are scanned, so ordinary prose costs nothing extra.
const LOWER_SENTENCE_START = /[.!?\n][ \t\r\n]*(?=[a-z\u00e0-\u00ff])/g
const LOWER_AFTER_MARK = /^[ \t\r\n]*[a-z\u00e0-\u00ff]/
const LOWER_WORD = /[\p{Ll}][\p{L}\p{M}'’-]*/gu
const SENTENCE_END = /[.!?\n]/g
const MAX_SENTENCE = 400

function lowerCaseNames(text: ScanText, names: ReadonlySet<string>, covered: (start: number, end: number) => boolean, memo: ResidualMemo): Found[] {
  const { original, folded } = text
  const found: Found[] = []
  const isName = (word: string): boolean => {
    const parts = word.split('-')
    return parts.every(part => part.length >= 3 && names.has(part) && !memo.isOrdinary(part)) && !memo.isOrdinary(word)
  }
  let scannedTo = 0
  const starts: number[] = []
  if (LOWER_AFTER_MARK.test(original.slice(0, 8))) starts.push(original.search(/\S/))
  // One match per sentence that starts in lower case; the engine skips the others itself.
  LOWER_SENTENCE_START.lastIndex = 0
  let mark: RegExpExecArray | null
  while ((mark = LOWER_SENTENCE_START.exec(original)) !== null) starts.push(mark.index + mark[0].length)
  for (const sentenceStart of starts) {
    const from = sentenceStart
    if (from < scannedTo) continue
    SENTENCE_END.lastIndex = from
    const stop = SENTENCE_END.exec(original)
    const to = Math.min(stop === null ? original.length : stop.index + 1, from + MAX_SENTENCE)
    scannedTo = to
    const words: Array<{ start: number; end: number; name: boolean }> = []
    LOWER_WORD.lastIndex = 0
    const slice = original.slice(from, to)
    let word: RegExpExecArray | null
    while ((word = LOWER_WORD.exec(slice)) !== null) {
      const start = from + word.index
      if (start > 0 && isWordCode(original.charCodeAt(start - 1))) continue
      let end = start + word[0].length
      if (isPossessive(word[0])) end -= 2
      while (end > start && isApostropheOrHyphen(original.charCodeAt(end - 1))) end -= 1
      words.push({ start, end, name: end - start >= 3 && !covered(start, end) && isName(folded.slice(start, end)) })
    }
    words.forEach((entry, index) => {
      if (!entry.name) return
      const previous = words[index - 1]
      const next = words[index + 1]
      const pair =
        (previous?.name === true && original.slice(previous.end, entry.start) === ' ') || (next?.name === true && original.slice(entry.end, next.start) === ' ')
      if (pair || titleBefore(original, entry.start) || kinshipBefore(original, entry.start) || speechAfter(original, entry.end)) {
        found.push({ start: entry.start, end: entry.end, text: original.slice(entry.start, entry.end), reason: 'name_in_context' })
      }
    })
  }
  return found
}

// "4471 2290 331", "555 0199": digits grouped by single spaces, seven or more in all. Each group
// alone is too short to look like anything.
function spacedDigitGroups(text: ScanText, original: string, covered: (start: number, end: number) => boolean): Found[] {
  const found: Found[] = []
  const tokens = digitTokens(text)
  let index = 0
  while (index < tokens.length) {
    const first = tokens[index] as DigitToken
    let last = first
    let digits = first.letters === 0 && first.groups.length === 1 ? first.digits : -1
    let next = index + 1
    while (digits >= 0 && next < tokens.length) {
      const candidate = tokens[next] as DigitToken
      const gap = original.charCodeAt(last.end)
      if (candidate.start !== last.end + 1 || (gap !== 32 && gap !== 0xa0) || candidate.letters > 0 || candidate.groups.length > 1) break
      digits += candidate.digits
      last = candidate
      next += 1
    }
    if (
      last !== first &&
      digits >= 7 &&
      !covered(first.start, last.end) &&
      !(digits === 8 && /^(?:19|20)\d\d (?:19|20)\d\d$/.test(original.slice(first.start, last.end)))
    ) {
      found.push({ start: first.start, end: last.end, text: original.slice(first.start, last.end), reason: 'identifier_like' })
    }
    index = next
  }
  return found
}

// Places named by what they are: "Riverside Elementary School", "Grace Baptist Church",
// "École primaire Saint-Joseph", "Polyvalente des Monts". Found around the type word.
const PLACE_TYPES_EN = [
  'school',
  'elementary',
  'secondary',
  'academy',
  'college',
  'church',
  'chapel',
  'mosque',
  'synagogue',
  'temple',
  'centre',
  'center',
  'park',
  'library',
  'daycare',
  'clinic',
  'hospital',
  'arena',
  'shelter',
  'mall',
  'motel',
  'hotel',
  'manor',
  'lodge',
  'rink',
  'preschool',
  'kindergarten',
  'montessori',
  'playground',
  'campground',
]
const PLACE_TYPES_FR = [
  'ecole',
  'college',
  'polyvalente',
  'garderie',
  'cpe',
  'centre',
  'bibliotheque',
  'eglise',
  'parc',
  'hopital',
  'clinique',
  'arena',
  'maison',
  'residence',
  'paroisse',
  'academie',
  'lycee',
  'creche',
]
const PLACE_ANCHORS = [...new Set([...PLACE_TYPES_EN, ...PLACE_TYPES_FR])]
const PLACE_TYPE_SET = new Set(PLACE_ANCHORS)
// First letter and length of each type word: most capitalised words are ruled out without a slice.
const PLACE_SHAPES = new Set(PLACE_ANCHORS.map(word => word.charCodeAt(0) * 64 + word.length))
const CAPITAL_WORD = "(?:St\\.|Ste\\.|Mt\\.|\\p{Lu}[\\p{L}\\p{M}'’-]*)"
const ENGLISH_PLACE = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}'’.-])${CAPITAL_WORD}(?:[ \\t]+${CAPITAL_WORD}){1,6}`, 'gu')
const FRENCH_PLACE = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}-])(?:[ÉEée]cole|Coll[èe]ge|[Pp]olyvalente|[Gg]arderie|CPE|Centre|Biblioth[èe]que|[ÉEée]glise|Parc|H[ôo]pital|Clinique|Ar[ée]na|Maison|R[ée]sidence|[Pp]aroisse|Acad[ée]mie|Lyc[ée]e|Cr[èe]che)` +
    `(?:[ \\t]+(?:primaire|secondaire|communautaire|publique|catholique|municipale|privée|alternative|internationale))*` +
    `(?:[ \\t]+(?:(?:de[ \\t]+la|de[ \\t]+l['’]|du|des|de|d['’]|les|la|le|l['’])[ \\t]*)?\\p{Lu}[\\p{L}\\p{M}'’-]*){1,4}`,
  'gu',
)
// A piece of each type word of FRENCH_PLACE, as written there: most windows are around English
// type words, and a window without any of these cannot hold a French place name.
const FRENCH_PLACE_LITERALS = [
  'cole',
  'Coll',
  'olyvalente',
  'arderie',
  'CPE',
  'Centre',
  'Biblioth',
  'glise',
  'Parc',
  'pital',
  'Clinique',
  'Arena',
  'Aréna',
  'Maison',
  'sidence',
  'aroisse',
  'Acad',
  'Lyc',
  'Crèche',
  'Creche',
]
const LEADING_FUNCTION_WORD = /^(?:the|a|an|at|in|to|from|for|of|and|on|by|with|la|le|les|l'|au|aux|a|de|du|des|en|et|sa|son|ses|his|her|their)$/

function findPlaceNames(text: ScanText, windows: readonly number[], covered: (start: number, end: number) => boolean, memo: ResidualMemo): Found[] {
  const { original, folded } = text
  const found: Found[] = []
  const add = (start: number, end: number): void => {
    if (end - start < 4 || covered(start, end)) return
    const last = found[found.length - 1]
    if (last !== undefined && start < last.end) {
      if (end - start <= last.end - last.start) return
      found.pop()
    }
    found.push({ start, end, text: original.slice(start, end), reason: 'place_name' })
  }
  const wordsOf = (start: number, end: number): Array<{ start: number; end: number; word: string }> => {
    const words: Array<{ start: number; end: number; word: string }> = []
    const pattern = /[^\s]+/g
    const slice = folded.slice(start, end)
    let hit: RegExpExecArray | null
    while ((hit = pattern.exec(slice)) !== null) {
      let word = hit[0]
      if (isPossessive(word)) word = word.slice(0, -2)
      if (word.endsWith('.')) word = word.slice(0, -1)
      words.push({ start: start + hit.index, end: start + hit.index + hit[0].length, word })
    }
    return words
  }
  eachInWindows(original, windows, ENGLISH_PLACE, m => {
    const words = wordsOf(m.index, m.index + m[0].length)
    let lastType = -1
    words.forEach((entry, index) => {
      if (index > 0 && PLACE_TYPE_SET.has(entry.word)) lastType = index
    })
    if (lastType < 1) return
    let first = 0
    while (first < lastType && LEADING_FUNCTION_WORD.test(words[first]?.word ?? '')) first += 1
    const named = words.slice(first, lastType + 1)
    // Something in it must say which one: "Community Centre" or "High School" alone does not.
    if (!named.some(entry => !PLACE_TYPE_SET.has(entry.word) && !memo.isOrdinary(entry.word) && !/^(?:st|ste|mt|saint|sainte)$/.test(entry.word))) {
      if (!named.some(entry => !PLACE_TYPE_SET.has(entry.word) && !LEADING_FUNCTION_WORD.test(entry.word) && !GENERIC_PLACE_WORD.test(entry.word))) return
    }
    if (named.length < 2) return
    add((named[0] as { start: number }).start, (named[named.length - 1] as { end: number }).end)
  })
  found.sort((a, b) => a.start - b.start)
  eachInWindows(original, windows, FRENCH_PLACE, m => add(m.index, m.index + m[0].length), FRENCH_PLACE_LITERALS)
  return found.sort((a, b) => a.start - b.start)
}

const GENERIC_PLACE_WORD =
  /^(?:community|public|catholic|high|junior|senior|middle|regional|general|memorial|children|family|families|health|medical|city|county|municipal|national|provincial|central|new|old|north|south|east|west|first|united|main|youth|day|care|food|mental|primary)$/

/** Whether [start, end) overlaps an accepted replacement (binary search; `accepted` is sorted and disjoint). */
function overlapsAccepted(accepted: readonly Candidate[], start: number, end: number): boolean {
  let low = 0
  let high = accepted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((accepted[middle] as Candidate).end <= start) low = middle + 1
    else high = middle
  }
  const candidate = accepted[low]
  return candidate !== undefined && candidate.start < end
}

/**
 * Whether [start, end) overlaps an accepted replacement. `accepted` is sorted and disjoint, and
 * queries come in increasing order, so a cursor replaces a search.
 */
function coverageCursor(accepted: readonly Candidate[]): (start: number, end: number) => boolean {
  let next = 0
  return (start, end) => {
    while (next < accepted.length && (accepted[next] as Candidate).end <= start) next += 1
    const candidate = accepted[next]
    return candidate !== undefined && candidate.start < end
  }
}

function withOutputOffsets(found: readonly Found[], accepted: readonly Candidate[], memo: ResidualMemo): ResidualCandidate[] {
  const residuals: ResidualCandidate[] = []
  let delta = 0
  let next = 0
  for (const item of found) {
    while (next < accepted.length && (accepted[next]?.end ?? Number.POSITIVE_INFINITY) <= item.start) {
      const replaced = accepted[next]
      if (replaced !== undefined) delta += replaced.replacement.length - (replaced.end - replaced.start)
      next += 1
    }
    residuals.push({
      id: memo.idFor(item.text),
      text: item.text,
      reason: item.reason,
      start: item.start,
      end: item.end,
      outputStart: item.start + delta,
      outputEnd: item.end + delta,
    })
  }
  return residuals
}
