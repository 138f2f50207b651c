// Case and diacritic folding that keeps every UTF-16 offset where it was.
//
// All detectors scan the folded copy of a narrative and report offsets that are valid in the
// original, so the preview can highlight the exact characters a reviewer typed. That only works
// if folding never changes the length of the text: each code unit maps to exactly one code unit.
// Ligatures such as "œ" therefore stay as they are instead of becoming "oe".

const FOLD_TABLE = buildFoldTable()

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x2100)
  for (let code = 0; code < table.length; code += 1) {
    const char = String.fromCharCode(code)
    let folded = char
    const decomposed = char.normalize('NFD')
    // Keep the base letter only when the rest is combining marks (é -> e), never for
    // compatibility decompositions that would change the letter itself.
    if (decomposed.length > 1 && /^[\u0300-\u036f]+$/.test(decomposed.slice(1))) folded = decomposed.charAt(0)
    const lower = folded.toLowerCase()
    if (lower.length === 1) folded = lower
    table[code] = folded.charCodeAt(0)
  }
  const extra: Record<string, string> = {
    ø: 'o',
    Ø: 'o',
    ł: 'l',
    Ł: 'l',
    đ: 'd',
    Đ: 'd',
    ı: 'i',
    ħ: 'h',
    ŧ: 't',
    '\u00a0': ' ',
    '\u2007': ' ',
    '\u202f': ' ',
    '\u2018': "'",
    '\u2019': "'",
    '\u201b': "'",
    '\u02bc': "'",
    '\u2032': "'",
    '\u00b4': "'",
    '`': "'",
    '\u2010': '-',
    '\u2011': '-',
    '\u2012': '-',
    '\u2013': '-',
    '\u2014': '-',
    '\u2015': '-',
    '\u2212': '-',
    '\u201c': '"',
    '\u201d': '"',
    '\u201e': '"',
    '\u201f': '"',
    '\u2039': '"',
    '\u203a': '"',
    '\u2026': '.',
    '\u2022': '*',
    '\u2023': '*',
    // Keeps French words such as "sœur" inside Latin-1 (see foldText).
    œ: '\u00f0',
    Œ: '\u00f0',
  }
  for (const [from, to] of Object.entries(extra)) table[from.charCodeAt(0)] = to.charCodeAt(0)
  return table
}

// Characters the native lower-casing leaves alone but the table changes.
const NEEDS_TABLE = /[\u00a0-\u024f\u02bc\u1e00-\u1eff\u2007\u2010-\u203a\u202f\u2032\u2212`]/g

/**
 * Lower-cases and strips diacritics without changing the length of the text. Typographic
 * quotes, dashes and ellipses become their ASCII forms and "œ" becomes "ð", so that English and
 * French narratives fold to Latin-1 only: the regular-expression engine scans such strings
 * several times faster than two-byte ones. Other scripts are kept as they are.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase()
  if (lower.length === text.length) {
    // Most narratives are plain ASCII; the native lower-casing does the bulk of the work.
    NEEDS_TABLE.lastIndex = 0
    if (!NEEDS_TABLE.test(lower) && !BEYOND_LATIN1.test(lower)) return lower
    return foldLowerCase(lower)
  }
  return foldSlow(text)
}

// eslint-disable-next-line no-control-regex -- a range that starts at U+0000 on purpose
const BEYOND_LATIN1 = /[^\x00-\xff]/
// What the table does to a lower-cased character, limited to the characters NEEDS_TABLE selects.
const AFTER_LOWER_CASE = buildAfterLowerCase()

function buildAfterLowerCase(): Uint16Array {
  const map = new Uint16Array(FOLD_TABLE.length)
  const pattern = new RegExp(NEEDS_TABLE.source)
  for (let code = 0; code < map.length; code += 1) {
    map[code] = pattern.test(String.fromCharCode(code)) ? (FOLD_TABLE[code] ?? code) : code
  }
  return map
}

/**
 * The table applied to an already lower-cased text, in one pass over its character codes. The
 * result is built one byte per character whenever it fits: a narrative with a single
 * typographic apostrophe is stored two bytes per character, and V8 keeps that representation
 * for everything replaced or cut from it, even once folding has made it Latin-1; the
 * regular-expression engine scans a one-byte string faster, and every detector scans this one
 * (ADR 0030).
 */
function foldLowerCase(lower: string): string {
  const length = lower.length
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i += 1) {
    const code = lower.charCodeAt(i)
    const folded = code < AFTER_LOWER_CASE.length ? (AFTER_LOWER_CASE[code] as number) : code
    // Greek, Cyrillic...: the string stays two bytes per character whatever is done.
    if (folded > 0xff) return foldInPlace(lower)
    bytes[i] = folded
  }
  return latin1(bytes)
}

function foldInPlace(lower: string): string {
  return lower.replace(NEEDS_TABLE, char => String.fromCharCode(FOLD_TABLE[char.charCodeAt(0)] ?? char.charCodeAt(0)))
}

// On the server, Node's Buffer decodes Latin-1 natively (several times faster than
// String.fromCharCode); elsewhere (a browser bundle of the nudges) the portable way.
const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'latin1'): string } } })
  .Buffer

function latin1(bytes: Uint8Array): string {
  if (NodeBuffer !== undefined) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')
  return fromCodes(bytes)
}

// String.fromCharCode builds a one-byte string when every code fits in a byte; chunked to stay
// under the engine's limit on arguments.
function fromCodes(codes: Uint8Array | Uint16Array): string {
  const chunk = 8192
  let result = ''
  for (let i = 0; i < codes.length; i += chunk) result += String.fromCharCode.apply(null, codes.subarray(i, i + chunk) as unknown as number[])
  return result
}

function foldSlow(text: string): string {
  const out = new Uint16Array(text.length)
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code < FOLD_TABLE.length) {
      out[i] = FOLD_TABLE[code] ?? code
    } else {
      const lower = String.fromCharCode(code).toLowerCase()
      out[i] = lower.length === 1 ? lower.charCodeAt(0) : code
    }
  }
  return fromCodes(out)
}

/** Folds a short string (a registry entry, a safe word) the same way as the narrative. */
export function foldWord(word: string): string {
  return foldText(word)
}

const UPPER = /\p{Lu}/u

export function startsWithUpperCase(text: string, index: number): boolean {
  const char = text.charAt(index)
  return char !== '' && UPPER.test(char)
}
