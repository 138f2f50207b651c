// Finds hindsight and blame language in a piece of review writing. Pure detection: the editor
// underlines the spans and shows the suggestion; nothing is ever blocked or rewritten.
import { foldPattern, foldText } from './fold'
import {
  blameAfterName,
  blameAfterPossessive,
  blameBeforeName,
  clauseBreaks,
  individualCauseSuggestions,
  nudgePhrases,
  type NudgeCategory,
  type NudgeLocale,
  type NudgePhrase,
} from './phrases'

export interface Nudge {
  /** UTF-16 offsets into the text that was checked: text.slice(start, end) === phrase. */
  start: number
  end: number
  phrase: string
  category: NudgeCategory
  /** In the locale that was asked for. */
  suggestion: string
  /** The phrase entry that matched (e.g. 'en.should_have', 'en.person'). */
  ruleId: string
}

export interface FindNudgesOptions {
  /** Names (and aliases) of the people in the review, to catch a person named as the cause. */
  personNames?: readonly string[]
  /** Replaces the built-in phrase list of the locale, e.g. [...englishNudgePhrases, ...ours]. */
  phrases?: readonly NudgePhrase[]
}

interface CompiledPhrase {
  phrase: NudgePhrase
  pattern: RegExp
  unlessBefore?: RegExp
  unlessAfter?: RegExp
}

// How far around a match the benign-use patterns may look.
const CONTEXT = 80

function toSource(pattern: string): string {
  return foldPattern(pattern).replace(/ +/g, '\\s+')
}

function compile(phrase: NudgePhrase): CompiledPhrase {
  return {
    phrase,
    // Whole words only: no letter or digit may touch either end (so "lapse" is not found in
    // "collapse"). An apostrophe may, so French elisions such as "l'incompétence" still match.
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${toSource(phrase.pattern)})(?![\\p{L}\\p{N}])`, 'giu'),
    ...(phrase.unlessBefore ? { unlessBefore: new RegExp(`(?:${toSource(phrase.unlessBefore)})$`, 'iu') } : {}),
    ...(phrase.unlessAfter ? { unlessAfter: new RegExp(`^(?:${toSource(phrase.unlessAfter)})`, 'iu') } : {}),
  }
}

const compiledCache = new WeakMap<NudgePhrase, CompiledPhrase>()

function compiled(phrase: NudgePhrase): CompiledPhrase {
  let entry = compiledCache.get(phrase)
  if (!entry) {
    entry = compile(phrase)
    compiledCache.set(phrase, entry)
  }
  return entry
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** Patterns for the review's own people: "Priya failed to", "because of Glen", "Priya's error". */
function personPhrases(names: readonly string[], locale: NudgeLocale): NudgePhrase[] {
  const cleaned = [...new Set(names.map(name => name.trim().replace(/\s+/g, ' ')).filter(name => name.length >= 2))]
  if (cleaned.length === 0) return []
  // Longest first, so "Priya Raman" wins over "Priya".
  const alternatives = cleaned.sort((a, b) => b.length - a.length).map(escapeRegExp)
  const name = `(?:${alternatives.join('|')})`
  const words = `(?:,? (?!(?:${clauseBreaks[locale]})(?![\\p{L}']))[\\p{L}'-]+){0,3}?,?`
  const suggestion = individualCauseSuggestions[locale]
  const phrases: NudgePhrase[] = [
    { id: `${locale}.person`, category: 'individual_cause', pattern: `${name}${words} ${blameAfterName[locale]}`, suggestion },
    { id: `${locale}.person_named_after`, category: 'individual_cause', pattern: `${blameBeforeName[locale]} ${name}`, suggestion },
  ]
  if (locale === 'en') {
    phrases.push({ id: 'en.person_possessive', category: 'individual_cause', pattern: `${name}${blameAfterPossessive}`, suggestion })
  }
  return phrases
}

// When two nudges overlap, the earlier one wins, then the longer one: "Priya failed to" is one
// nudge about a person, not also a second one about "failed to".
function withoutOverlaps(nudges: Nudge[]): Nudge[] {
  const sorted = [...nudges].sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Nudge[] = []
  let reached = 0
  for (const nudge of sorted) {
    if (nudge.start < reached) continue
    kept.push(nudge)
    reached = nudge.end
  }
  return kept
}

/** Every nudge in `text`, in reading order, without overlaps. */
export function findNudges(text: string, locale: NudgeLocale, options: FindNudgesOptions = {}): Nudge[] {
  if (text.trim() === '') return []
  // foldText keeps the length, so offsets found in `folded` are offsets in `text`.
  const folded = foldText(text)
  const entries = [...personPhrases(options.personNames ?? [], locale).map(compile), ...(options.phrases ?? nudgePhrases[locale]).map(compiled)]
  const found: Nudge[] = []
  for (const entry of entries) {
    for (const match of folded.matchAll(entry.pattern)) {
      const start = match.index
      const end = start + match[0].length
      if (end === start) continue
      if (entry.unlessBefore?.test(folded.slice(Math.max(0, start - CONTEXT), start))) continue
      if (entry.unlessAfter?.test(folded.slice(end, end + CONTEXT))) continue
      found.push({
        start,
        end,
        phrase: text.slice(start, end),
        category: entry.phrase.category,
        suggestion: entry.phrase.suggestion,
        ruleId: entry.phrase.id,
      })
    }
  }
  return withoutOverlaps(found)
}
