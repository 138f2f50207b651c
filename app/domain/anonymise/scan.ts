// Scanning helpers that keep the anonymiser fast on long narratives.
//
// A regular expression that starts with a letter class (a month name, a keyword, an optional
// weekday) makes the engine stop at nearly every position of the text. Instead, such patterns
// run only inside small windows around a cheap anchor (the month name itself, "@", "old"...),
// widened to whitespace so that look-behinds and look-aheads see the same neighbours as in the
// whole text. Numbers are found once per text and shared by every detector that needs them.

import type { DigitToken, ScanText } from './types'

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 12 || code === 11 || code === 0xa0
}

const MAX_WIDENING = 64

/** Half-open ranges of the text worth scanning, merged where they overlap. */
export type Windows = readonly number[]

/**
 * Appends [start, end) to `windows`, widened to whitespace and merged with the previous window.
 * Widening is bounded: a text without spaces must not make every window cover the whole text
 * (that would be quadratic). Windows must be added in increasing order of start.
 */
function addWindow(windows: number[], text: string, from: number, to: number): void {
  let start = Math.max(0, from)
  const startLimit = Math.max(0, start - MAX_WIDENING)
  while (start > startLimit && !isSpace(text.charCodeAt(start - 1))) start -= 1
  let end = Math.min(text.length, to)
  const endLimit = Math.min(text.length, end + MAX_WIDENING)
  while (end < endLimit && !isSpace(text.charCodeAt(end))) end += 1
  const last = windows.length - 1
  if (last > 0 && start <= (windows[last] ?? -1)) {
    windows[last] = Math.max(windows[last] ?? 0, end)
    return
  }
  windows.push(start, end)
}

/**
 * Windows of `reach` characters around every match of `anchor`, widened to whitespace and
 * merged, as a flat list [start0, end0, start1, end1, ...].
 */
export function windowsAround(text: string, anchor: RegExp, reach: { before: number; after: number }): Windows {
  const windows: number[] = []
  anchor.lastIndex = 0
  let hit: RegExpExecArray | null
  while ((hit = anchor.exec(text)) !== null) {
    addWindow(windows, text, hit.index - reach.before, hit.index + hit[0].length + reach.after)
    if (hit[0].length === 0) anchor.lastIndex += 1
  }
  return windows
}

/**
 * Like windowsAround, for anchors that are plain lower-case words found with indexOf (much
 * faster than an alternation): a hit must not be preceded by a letter.
 */
export function windowsAroundWords(text: string, words: readonly string[], reach: { before: number; after: number }): Windows {
  const hits: Array<[number, number]> = []
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const before = text.charCodeAt(at - 1)
      if (!(before >= 97 && before <= 122)) hits.push([at, at + word.length])
    }
  }
  hits.sort((a, b) => a[0] - b[0])
  const windows: number[] = []
  for (const [hitStart, hitEnd] of hits) addWindow(windows, text, hitStart - reach.before, hitEnd + reach.after)
  return windows
}

/** Windows around spans already found, given flat and in increasing order: [start0, end0, ...]. */
export function windowsAroundSpans(text: string, spans: readonly number[], reach: { before: number; after: number }): Windows {
  const windows: number[] = []
  for (let i = 0; i + 1 < spans.length; i += 2) addWindow(windows, text, (spans[i] ?? 0) - reach.before, (spans[i + 1] ?? 0) + reach.after)
  return windows
}

/**
 * Calls `visit` for every match of `pattern` inside the windows. `match.index` is moved to text
 * offsets; `offset` is the window start, for offsets taken from `match.indices`.
 *
 * `required`: literals of which every match of `pattern` contains at least one ("old" in "4
 * years old"). A window holding none of them cannot hold a match, and is skipped with an
 * `includes` instead of an `exec` (ADR 0052: the age patterns run in thousands of small windows).
 */
export function eachInWindows(
  text: string,
  windows: Windows,
  pattern: RegExp,
  visit: (match: RegExpExecArray, offset: number) => void,
  required?: readonly string[],
): void {
  for (let w = 0; w + 1 < windows.length; w += 2) {
    const start = windows[w] ?? 0
    const end = windows[w + 1] ?? 0
    // Whole text: no slice. Otherwise scan a copy so that anchors and look-arounds stop at the
    // window edges, which are whitespace in the text.
    const slice = start === 0 && end === text.length ? text : text.slice(start, end)
    if (required !== undefined && !containsAny(slice, required)) continue
    pattern.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = pattern.exec(slice)) !== null) {
      match.index += start
      visit(match, start)
      if (match[0].length === 0) pattern.lastIndex += 1
    }
  }
}

function containsAny(text: string, literals: readonly string[]): boolean {
  for (const literal of literals) if (text.includes(literal)) return true
  return false
}

/**
 * Windows around every number in the text, found once and shared. Every number-shaped pattern
 * (phones, numeric dates, record numbers, addresses, written dates with a day or a year) has a
 * digit, so in ordinary prose most of the text never needs to be scanned for them.
 */
export function digitWindows(text: ScanText): Windows {
  if (text.digitWindows !== undefined) return text.digitWindows
  const windows: number[] = []
  const { folded } = text
  for (const token of digitTokens(text)) addWindow(windows, folded, token.start - DIGIT_REACH.before, token.end + DIGIT_REACH.after)
  text.digitWindows = windows
  return windows
}

// Before: "numéro d'assurance-maladie : ", "Wednesday, January 29"; after: "14 Larch
// Crescent, Unit 3". Generous: a pattern cut at a window edge would miss its match.
const DIGIT_REACH = { before: 64, after: 160 }

/** Windows around the matches of `anchor`, looking for the anchor only inside `within`. */
export function windowsAroundWithin(text: string, within: Windows, anchor: RegExp, reach: { before: number; after: number }): Windows {
  const windows: number[] = []
  eachInWindows(text, within, anchor, hit => addWindow(windows, text, hit.index - reach.before, hit.index + hit[0].length + reach.after))
  return windows
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** How many ASCII digits `text` holds. */
export function countDigits(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i += 1) if (isDigit(text.charCodeAt(i))) count += 1
  return count
}

function isCentury(text: string, at: number): boolean {
  const first = text.charCodeAt(at)
  const second = text.charCodeAt(at + 1)
  return (first === 49 && second === 57) || (first === 50 && second === 48)
}

/**
 * "2019-20", "2019/2020": the same strings as /^(?:19|20)\d\d[-/](?:(?:19|20)?\d\d)$/, read
 * from the character codes (asked for thousands of tokens per text).
 */
export function isYearRange(token: string): boolean {
  const length = token.length
  if (length !== 7 && length !== 9) return false
  if (!isCentury(token, 0) || !isDigit(token.charCodeAt(2)) || !isDigit(token.charCodeAt(3))) return false
  const joiner = token.charCodeAt(4)
  if (joiner !== 45 && joiner !== 47) return false
  if (length === 9 && !isCentury(token, 5)) return false
  return isDigit(token.charCodeAt(length - 2)) && isDigit(token.charCodeAt(length - 1))
}

/** Ends in "'s" or "’s" (the test of /['’]s$/). */
export function isPossessive(text: string): boolean {
  return text.endsWith("'s") || text.endsWith('’s')
}

/** The characters of a regular expression's `\s`: white space and line terminators. */
export function isRegExpSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13)
  if (code < 0xa0) return false
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

function isLowerLetter(code: number): boolean {
  return code >= 97 && code <= 122
}

function isAlnum(code: number): boolean {
  return isDigit(code) || isLowerLetter(code)
}

function isJoiner(code: number): boolean {
  return code === 45 || code === 47
}

/** Every token of the folded text that contains a digit, found once per text. */
export function digitTokens(text: ScanText): readonly DigitToken[] {
  if (text.digitTokens !== undefined) return text.digitTokens
  const { folded } = text
  const tokens: DigitToken[] = []
  const length = folded.length
  // A character loop, not a /\d/g scan: one exec and one match array per token add up in a
  // dense text, where a number comes every forty characters (ADR 0052).
  for (let at = 0; at < length; at += 1) {
    if (!isDigit(folded.charCodeAt(at))) continue
    let start = at
    // Walk left over letters, digits and inner joiners ("cfs-2024", "a/b1").
    for (;;) {
      const before = folded.charCodeAt(start - 1)
      if (start > 0 && isAlnum(before)) start -= 1
      else if (start > 1 && isJoiner(before) && isAlnum(folded.charCodeAt(start - 2))) start -= 2
      else break
    }
    let end = at
    for (;;) {
      const code = folded.charCodeAt(end)
      if (end < length && isAlnum(code)) end += 1
      else if (end + 1 < length && isJoiner(code) && isAlnum(folded.charCodeAt(end + 1))) end += 2
      else break
    }
    // The loop's own step moves one past the token's last character.
    at = end - 1
    const token = folded.slice(start, end)
    let digits = 0
    let letters = 0
    let run = 0
    let longest = 0
    const groups: number[] = []
    let group = 0
    for (let i = 0; i < token.length; i += 1) {
      const code = token.charCodeAt(i)
      if (isJoiner(code)) {
        groups.push(group)
        group = 0
        run = 0
        continue
      }
      group += 1
      if (isDigit(code)) {
        digits += 1
        run += 1
        if (run > longest) longest = run
      } else {
        letters += 1
        run = 0
      }
    }
    groups.push(group)
    tokens.push({ start, end, text: token, digits, letters, longestDigitRun: longest, groups })
  }
  text.digitTokens = tokens
  return tokens
}

/** [A-Z\u00c0-\u00d6\u00d8-\u00de]: the capitals of Latin-1. */
function isLatinCapital(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0xde && code !== 0xd7)
}

/** [A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]: the letters of Latin-1. */
function isLatinLetter(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
  return code >= 0xc0 && code <= 0xff && code !== 0xd7 && code !== 0xf7
}

/** [A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff] */
function isAnyScriptCapital(code: number): boolean {
  if (code < 0x100) return isLatinCapital(code)
  return code <= 0x24f || (code >= 0x370 && code <= 0x52f) || (code >= 0x1e00 && code <= 0x1fff)
}

/** The Latin-1 letters, \u0100-\u024f, Greek, Cyrillic, \u1e00-\u1fff and the combining marks \u0300-\u036f. */
function isAnyScriptLetter(code: number): boolean {
  if (code < 0x100) return isLatinLetter(code)
  return code <= 0x24f || (code >= 0x300 && code <= 0x52f) || (code >= 0x1e00 && code <= 0x1fff)
}

/**
 * The capitalised words of a text, one after the other, as the global expressions
 * `[CAPITAL][LETTER]*(?:['’][LETTER]+)*` of the residual scan found them (Latin-1 only, or with
 * the other scripts when `anyScript`), read from the character codes: a dense narrative has a
 * capitalised word every twenty characters, and an `exec` with its result array per word was
 * the scan's largest cost (ADR 0052). Call `next()` until it returns false; `start` and `end`
 * then hold the word's offsets.
 */
export class CapitalisedWords {
  start = -1
  end = 0

  constructor(
    private readonly text: string,
    private readonly anyScript: boolean,
  ) {}

  next(): boolean {
    const { text, anyScript } = this
    const length = text.length
    let at = this.end
    while (at < length && !(anyScript ? isAnyScriptCapital(text.charCodeAt(at)) : isLatinCapital(text.charCodeAt(at)))) at += 1
    if (at >= length) {
      this.start = -1
      this.end = length
      return false
    }
    let end = at + 1
    for (;;) {
      while (end < length && (anyScript ? isAnyScriptLetter(text.charCodeAt(end)) : isLatinLetter(text.charCodeAt(end)))) end += 1
      const code = text.charCodeAt(end)
      if ((code !== 39 && code !== 0x2019) || end + 1 >= length) break
      const after = text.charCodeAt(end + 1)
      if (!(anyScript ? isAnyScriptLetter(after) : isLatinLetter(after))) break
      end += 2
    }
    this.start = at
    this.end = end
    return true
  }
}
