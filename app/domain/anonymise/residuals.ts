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
import type { Candidate, ResidualCandidate, ResidualReason } from './types'

export interface ResidualRules {
  safeWords: ReadonlySet<string>
  pseudonymWords: ReadonlySet<string>
  guardedNameParts: ReadonlySet<string>
}

const CAPITALISED = /(?<![\p{L}\p{M}\p{N}_])\p{Lu}[\p{L}\p{M}]*(?:['’][\p{L}\p{M}]+)*/gu
const ID_LIKE = /(?<![a-z0-9/-])[a-z0-9]+(?:[-/][a-z0-9]+){0,6}(?![a-z0-9/-])/g
const TITLE_WORDS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'mme', 'mlle', 'm', 'prof', 'st', 'ste', 'jr', 'sr'])
const MEASURE_OR_ORDINAL = /^\d+(?:[.,]\d+)?(?:mg|mcg|ml|cc|kg|km|cm|mm|g|lb|lbs|oz|h|hr|hrs|min|mins|am|pm|s|st|nd|rd|th|e|er|re|eme|x|k|m|yo)$/
const YEAR_RANGE = /^(?:19|20)\d\d[-/](?:(?:19|20)?\d\d)$/
const SENTENCE_BOUNDARY = /[.!?:;\n•*>]/
const OPENERS = /[\s"'“‘«(\[–—-]/

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

function isSentenceStart(text: string, index: number): boolean {
  let i = index - 1
  while (i >= 0 && OPENERS.test(text.charAt(i))) {
    if (text.charAt(i) === '\n') return true
    i -= 1
  }
  return i < 0 || SENTENCE_BOUNDARY.test(text.charAt(i))
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

/** Scans the parts of the text no replacement covers. `accepted` is sorted by start. */
export function findResiduals(original: string, folded: string, accepted: readonly Candidate[], rules: ResidualRules): ResidualCandidate[] {
  const found: Array<{ start: number; end: number; text: string; reason: ResidualReason }> = []
  let lowercaseWords: Set<string> | undefined
  const usedInLowerCase = (word: string): boolean => {
    // Built once, and only if a sentence-initial unknown word needs it.
    if (lowercaseWords === undefined) {
      lowercaseWords = new Set()
      for (const match of original.matchAll(/(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*/gu)) lowercaseWords.add(foldWord(match[0]))
    }
    return lowercaseWords.has(word)
  }

  const covered = coverageTest(accepted)

  for (const match of original.matchAll(CAPITALISED)) {
    let token = match[0]
    const start = match.index
    token = token.replace(/['’]s$/, '')
    if (token.length < 2) continue
    const end = start + token.length
    if (covered(start, end)) continue
    // "L'incident", "d'Hélène": the elided article is not part of the word.
    const word = foldWord(token).replace(/^(?:l|d|qu|j|n|s|c|m|t)'/, '')
    if (word.length < 2) continue
    if (rules.safeWords.has(word) || rules.pseudonymWords.has(word) || TITLE_WORDS.has(word)) continue
    if (rules.guardedNameParts.has(word)) {
      found.push({ start, end, text: token, reason: 'capitalised_word' })
      continue
    }
    if (isCommonWord(word) || NAME_PART_STOPLIST.has(word)) continue
    if (isSentenceStart(original, start) && usedInLowerCase(word)) continue
    found.push({ start, end, text: token, reason: 'capitalised_word' })
  }

  for (const match of folded.matchAll(ID_LIKE)) {
    const token = match[0]
    const start = match.index
    const end = start + token.length
    if (!looksLikeIdentifier(token) || covered(start, end)) continue
    const written = original.slice(start, end)
    if (rules.safeWords.has(token)) continue
    found.push({ start, end, text: written, reason: 'identifier_like' })
  }

  found.sort((a, b) => a.start - b.start || a.end - b.end)
  return withOutputOffsets(found, accepted)
}

/** Whether [start, end) overlaps any accepted replacement; queries must come in any order. */
function coverageTest(accepted: readonly Candidate[]): (start: number, end: number) => boolean {
  const starts = accepted.map((candidate) => candidate.start)
  return (start, end) => {
    // Last replacement starting before `end`.
    let low = 0
    let high = starts.length - 1
    let index = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      if ((starts[middle] ?? 0) < end) {
        index = middle
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    const candidate = index >= 0 ? accepted[index] : undefined
    return candidate !== undefined && candidate.end > start
  }
}

function withOutputOffsets(
  found: ReadonlyArray<{ start: number; end: number; text: string; reason: ResidualReason }>,
  accepted: readonly Candidate[],
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
      id: residualCandidateId(item.text),
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
