// A tiny token trie turned into one regular expression.
//
// Registry variants are matched on the folded text by a single regex per context. Writing the
// alternation as a trie ("tess(?:a(?:[sep]calder)?)?") instead of a flat list keeps the engine
// from retrying every variant at every position, and the backtracking it can still do is
// bounded by the length of the longest variant.

/** Spelling variants of a folded token that mean the same thing in a place or person name. */
const TOKEN_SYNONYMS: Record<string, readonly string[]> = {
  st: ['saint', 'st'],
  ste: ['sainte', 'ste'],
  mt: ['mount', 'mont', 'mt'],
  ft: ['fort', 'ft'],
}

const CANONICAL_TOKEN = new Map<string, string>()
for (const [canonical, forms] of Object.entries(TOKEN_SYNONYMS)) for (const form of forms) CANONICAL_TOKEN.set(form, canonical)

export function canonicalToken(token: string): string {
  return CANONICAL_TOKEN.get(token) ?? token
}

/**
 * Separators allowed between two tokens of a registered name: space (line breaks included),
 * hyphen, full stop; for places also a comma ("14 Larch Crescent, Fort Ellis"). People do not
 * get the comma: "Jean Luc, Smith-Jones" is a list, not one name.
 */
const NAME_SEPARATOR = '\\.?[\\s-]+|\\.'
const PLACE_SEPARATOR = '[.,]?[\\s-]+|\\.'
const SPLIT_TOKENS = /[\s.,;:!?()[\]{}"/\u2010-\u2015-]+/

/** Splits a folded registry string into canonical tokens (apostrophes inside names kept). */
export function registryTokens(folded: string): string[] {
  return folded
    .split(SPLIT_TOKENS)
    .map(token => token.replace(/^'+|'+$/g, ''))
    .filter(token => token.length > 0)
    .map(canonicalToken)
}

export function variantKey(tokens: readonly string[]): string {
  return tokens.join(' ')
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

function tokenPattern(token: string): string {
  const forms = TOKEN_SYNONYMS[token]
  if (forms === undefined) return escapeRegex(token)
  return `(?:${[...forms]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|')})`
}

interface TrieNode {
  terminal: boolean
  children: Map<string, TrieNode>
}

function newNode(): TrieNode {
  return { terminal: false, children: new Map() }
}

export function trieRegexSource(variants: Iterable<readonly string[]>, allowComma = false): string | undefined {
  const root = newNode()
  let count = 0
  for (const tokens of variants) {
    if (tokens.length === 0) continue
    let node = root
    for (const token of tokens) {
      let child = node.children.get(token)
      if (child === undefined) {
        child = newNode()
        node.children.set(token, child)
      }
      node = child
    }
    node.terminal = true
    count += 1
  }
  if (count === 0) return undefined
  return alternation(root, allowComma ? PLACE_SEPARATOR : NAME_SEPARATOR)
}

function alternation(node: TrieNode, separator: string): string {
  // Longer tokens first so that "anne" is tried before "ann"; ties sorted for determinism.
  const entries = [...node.children.entries()].sort(([a], [b]) => b.length - a.length || a.localeCompare(b))
  const branches = entries.map(([token, child]) => {
    if (child.children.size === 0) return tokenPattern(token)
    const rest = `(?:${separator})(?:${alternation(child, separator)})`
    return `${tokenPattern(token)}(?:${rest})${child.terminal ? '?' : ''}`
  })
  return branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`
}

/** Normalises the text a trie regex matched back to the key it was built from. */
export function matchedKey(foldedMatch: string): string {
  // Most matches are a single plain token; skip the split for them.
  if (isSingleToken(foldedMatch)) return canonicalToken(foldedMatch)
  // The same few names come back all through a narrative: split each spelling once (ADR 0030).
  let key = MATCHED_KEYS.get(foldedMatch)
  if (key === undefined) {
    key = variantKey(registryTokens(foldedMatch))
    if (MATCHED_KEYS.size >= 10_000) MATCHED_KEYS.clear()
    MATCHED_KEYS.set(foldedMatch, key)
  }
  return key
}

const MATCHED_KEYS = new Map<string, string>()

/** The strings of /^[a-z0-9\u00c0-\u024f]+$/, without a regular expression call per match. */
function isSingleToken(text: string): boolean {
  if (text.length === 0) return false
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 0xc0 && code <= 0x24f))) return false
  }
  return true
}
