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

import { NAME_PART_STOPLIST, isCommonWord } from './common-words'
import { foldWord } from './fold'
import { digitTokens } from './scan'
import type { Candidate, ResidualCandidate, ResidualReason, ScanText } from './types'

export interface ResidualRules {
  safeWords: ReadonlySet<string>
  pseudonymWords: ReadonlySet<string>
  guardedNameParts: ReadonlySet<string>
}

// Latin-script capitals only (the product serves English and French narratives); written
// without the Unicode flag so that the engine can skip lower-case text quickly.
const LATIN_LETTER = 'A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f'
const CAPITALISED = new RegExp(`[A-Z\u00c0-\u00d6\u00d8-\u00de][${LATIN_LETTER}]*(?:['’][${LATIN_LETTER}]+)*`, 'g')
const WORD_BEFORE = new RegExp(`[${LATIN_LETTER}0-9_\u0300-\u036f]`)
const TITLE_WORDS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'mme', 'mlle', 'm', 'prof', 'st', 'ste', 'jr', 'sr'])
const MEASURE_OR_ORDINAL = /^\d+(?:[.,]\d+)?(?:mg|mcg|ml|cc|kg|km|cm|mm|g|lb|lbs|oz|h|hr|hrs|min|mins|am|pm|s|st|nd|rd|th|e|er|re|eme|x|k|m|yo)$/
const YEAR_RANGE = /^(?:19|20)\d\d[-/](?:(?:19|20)?\d\d)$/
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

function isLetterCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f)
}

/** Whether `word` (folded) is written in lower case, as a whole word, near `near`. */
function occursInLowerCase(original: string, folded: string, word: string, near: number): boolean {
  const from = Math.max(0, near - LOWER_CASE_REACH)
  const to = Math.min(folded.length, near + LOWER_CASE_REACH)
  for (let at = folded.indexOf(word, from); at >= 0 && at + word.length <= to; at = folded.indexOf(word, at + 1)) {
    if (isLetterCode(folded.charCodeAt(at - 1)) || isLetterCode(folded.charCodeAt(at + word.length))) continue
    const first = original.charAt(at)
    if (first !== first.toUpperCase()) return true
  }
  return false
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

function digitCount(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code >= 48 && code <= 57) count += 1
  }
  return count
}

function looksLikeIdentifier(token: string): boolean {
  const digits = digitCount(token)
  if (digits === 0) return false
  if (YEAR_RANGE.test(token) || MEASURE_OR_ORDINAL.test(token)) return false
  const letters = token.replace(/[^a-z]/g, '')
  // Digits alone: five or more, with a group of four or more ("10377", "4471-22"), so that
  // blood pressures ("100/60") and ranges ("120-180") are not listed.
  if (letters.length === 0) return digits >= 5 && token.split(/[-/]/).some((group) => group.length >= 4)
  if (token.length < 3) return false
  // "covid-19", "form-12", "b12": an ordinary word with a small number is not an identifier.
  if (digits <= 2 && (letters.length <= 1 || isCommonWord(letters))) return false
  return true
}

/** Remembers per-word answers across calls of one compiled anonymiser (bounded). */
export class ResidualMemo {
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

/** Scans the parts of the text no replacement covers. `accepted` is sorted by start. */
export function findResiduals(text: ScanText, accepted: readonly Candidate[], rules: ResidualRules, memo: ResidualMemo = new ResidualMemo()): ResidualCandidate[] {
  const { original, folded } = text
  const found: Array<{ start: number; end: number; text: string; reason: ResidualReason }> = []
  const lowerCaseUse = new Map<string, boolean>()
  const usedInLowerCase = (word: string, near: number): boolean => {
    let used = lowerCaseUse.get(word)
    if (used === undefined) {
      used = occursInLowerCase(original, folded, word, near)
      lowerCaseUse.set(word, used)
    }
    return used
  }

  const coveredCapital = coverageCursor(accepted)
  const coveredNumber = coverageCursor(accepted)

  CAPITALISED.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = CAPITALISED.exec(original)) !== null) {
    const start = match.index
    if (start > 0 && WORD_BEFORE.test(original.charAt(start - 1))) continue
    // "XJ22B" is one token: it is looked at as a possible identifier, not as a name.
    const next = original.charCodeAt(start + match[0].length)
    if (next >= 48 && next <= 57) continue
    let token = match[0]
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
      found.push({ start, end, text: token, reason: 'capitalised_word' })
      continue
    }
    if (memo.isOrdinary(word)) continue
    if (isSentenceStart(original, start) && usedInLowerCase(word, start)) continue
    found.push({ start, end, text: token, reason: 'capitalised_word' })
  }

  for (const token of digitTokens(text)) {
    if (coveredNumber(token.start, token.end) || !looksLikeIdentifier(token.text)) continue
    if (rules.safeWords.has(token.text)) continue
    found.push({ start: token.start, end: token.end, text: original.slice(token.start, token.end), reason: 'identifier_like' })
  }

  found.sort((a, b) => a.start - b.start || a.end - b.end)
  return withOutputOffsets(found, accepted, memo)
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

function withOutputOffsets(
  found: ReadonlyArray<{ start: number; end: number; text: string; reason: ResidualReason }>,
  accepted: readonly Candidate[],
  memo: ResidualMemo,
): ResidualCandidate[] {
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
