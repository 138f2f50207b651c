// De-identifies a narrative for anything that leaves a review (docs/domain.md, "De-identification
// rules"): registered people and places, identifiers found by shape, dates, ages.
//
// compileAnonymiser does the expensive work once per review context (the registry trie, the
// identifier alternation, the date rules); the function it returns is pure and deterministic.
//
// When proposals overlap, the longest wins ("14 Pike Street" is an address, not "Mr. Pike"),
// then the higher priority (a date beats the record-number shape of "2025-01-29"), then the
// earliest. Adjacent replacements of the same person ("Calder, Tessa", "Jean"-"Luc") merge.
//
// Idempotence: anonymising the output again changes nothing, because every label the
// anonymiser writes ("Day -42", "Month -3", "age 5-9", "1-to-4-year-old", "[phone]",
// pseudonyms) is shaped so that no detector matches it. It holds as long as no pseudonym or
// place label contains a registered name or a detectable pattern (e.g. a pseudonym "Calder
// child" while "Calder" is registered); residual candidates are listed again on each pass.

import { createAgeDetector } from './ages'
import { anonymisationContextSchema, type AnonymisationContext, type AnonymisationContextInput } from './context'
import { createDateDetector, dayNumber, parseIsoDate } from './dates'
import { foldText, foldWord } from './fold'
import { createRegistryDetector, guardedNameParts, pseudonymWords } from './names'
import { createPatternDetector } from './patterns'
import { publishedNames } from './name-list.server'
import { findResiduals, sharedResidualMemo } from './residuals'
import { isPossessive, isRegExpSpace } from './scan'
import type { AnonymisationResult, Candidate, Detector, Replacement, ScanText } from './types'

export type Anonymiser = (text: string) => AnonymisationResult

export function compileAnonymiser(input: AnonymisationContextInput): Anonymiser {
  const context: AnonymisationContext = anonymisationContextSchema.parse(input)
  const { registry, options } = context
  const locale = options.locale
  const incident = parseIsoDate(context.incidentDate)
  const birthDays = new Set<number>()
  for (const person of registry.people) if (person.birthDate !== undefined) birthDays.add(dayNumber(parseIsoDate(person.birthDate)))

  const detectors: Detector[] = [
    createRegistryDetector(registry, locale),
    createDateDetector({
      incident,
      locale,
      numericDateOrder: options.numericDateOrder ?? (locale === 'fr' ? 'day_first' : 'month_first'),
      birthDays,
    }),
    createAgeDetector(locale),
    createPatternDetector(locale),
  ]
  const pseudonyms = new Map(registry.people.map(person => [person.id, person.pseudonym]))
  const residualRules = {
    safeWords: new Set(options.safeWords.map(word => foldWord(word.trim()))),
    pseudonymWords: pseudonymWords(registry),
    guardedNameParts: guardedNameParts(registry),
    names: publishedNames(),
  }
  const memo = sharedResidualMemo

  return function anonymiseText(original: string): AnonymisationResult {
    const text: ScanText = { original, folded: foldText(original) }
    const proposals: Candidate[] = []
    for (const detect of detectors) detect(text, proposals)
    const accepted = mergeSamePerson(original, settleOverlaps(proposals), pseudonyms)
    const { output, replacements } = applyReplacements(original, accepted)
    return { text: output, replacements, residuals: findResiduals(text, accepted, residualRules, memo) }
  }
}

/**
 * One-off convenience. It compiles the context on every call (about a millisecond), so that a
 * registry edited in place (a residual just added as an alias) is never served from a stale
 * matcher; compile once with compileAnonymiser when anonymising many texts.
 */
export function anonymise(text: string, context: AnonymisationContextInput): AnonymisationResult {
  return compileAnonymiser(context)(text)
}

/** Keeps the longest proposal, then the highest priority, then the earliest; returns by start. */
export function settleOverlaps(proposals: readonly Candidate[]): Candidate[] {
  const byStart = proposals.filter(candidate => candidate.end > candidate.start).sort((a, b) => a.start - b.start || b.end - a.end)
  const accepted: Candidate[] = []
  let index = 0
  // Only proposals that overlap, directly or through a chain, compete: settle each cluster alone.
  while (index < byStart.length) {
    const first = byStart[index] as Candidate
    let next = index + 1
    let clusterEnd = first.end
    while (next < byStart.length && (byStart[next] as Candidate).start < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, (byStart[next] as Candidate).end)
      next += 1
    }
    if (next === index + 1) accepted.push(first)
    else accepted.push(...settleCluster(byStart.slice(index, next)))
    index = next
  }
  return accepted
}

function settleCluster(cluster: Candidate[]): Candidate[] {
  let clusterStart = Number.POSITIVE_INFINITY
  let clusterEnd = 0
  for (const candidate of cluster) {
    clusterStart = Math.min(clusterStart, candidate.start)
    clusterEnd = Math.max(clusterEnd, candidate.end)
  }
  cluster.sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start || a.kind.localeCompare(b.kind))
  // A mask of taken characters keeps this linear in the cluster's length, however many overlap.
  const taken = new Uint8Array(clusterEnd - clusterStart)
  const kept: Candidate[] = []
  for (const candidate of cluster) {
    let free = true
    for (let i = candidate.start - clusterStart; i < candidate.end - clusterStart; i += 1) {
      if (taken[i] === 1) {
        free = false
        break
      }
    }
    if (!free) continue
    taken.fill(1, candidate.start - clusterStart, candidate.end - clusterStart)
    kept.push(candidate)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/**
 * The gap `original[from, to)` between two names: white space and hyphens only (/^[\s-]+$/), or
 * one comma in white space (/^\s*,\s*$/). Read from the character codes, without a copy of
 * the gap, because every pair of neighbouring names asks.
 */
function gapShape(original: string, from: number, to: number): 'name' | 'comma' | 'other' {
  if (from >= to) return 'other'
  let commas = 0
  let hyphens = false
  for (let i = from; i < to; i += 1) {
    const code = original.charCodeAt(i)
    if (code === 44) commas += 1
    else if (code === 45) hyphens = true
    else if (!isRegExpSpace(code)) return 'other'
  }
  if (commas === 0) return 'name'
  return commas === 1 && !hyphens ? 'comma' : 'other'
}

function mergeable(original: string, from: number, to: number, previous: Candidate, candidate: Candidate): boolean {
  const gap = gapShape(original, from, to)
  if (gap === 'name') return true
  return gap === 'comma' && (previous.sharedBy === undefined) !== (candidate.sharedBy === undefined)
}

function refsOf(candidate: Candidate): readonly string[] {
  return candidate.sharedBy ?? (candidate.registryRef === undefined ? [] : [candidate.registryRef])
}

/**
 * "Jean"-"Luc" and "Calder Tessa" are one name, and "Calder, Tessa" one person: merge them into
 * one replacement. Across a comma only when that settles a shared part, because "Dr. Walsh,
 * Hana Walsh" is a list.
 */
function mergeSamePerson(original: string, accepted: Candidate[], pseudonyms: ReadonlyMap<string, string>): Candidate[] {
  const merged: Candidate[] = []
  for (const candidate of accepted) {
    const previous = merged[merged.length - 1]
    if (
      previous === undefined ||
      previous.kind !== 'person' ||
      candidate.kind !== 'person' ||
      isPossessive(previous.replacement) ||
      !mergeable(original, previous.end, candidate.start, previous, candidate)
    ) {
      merged.push(candidate)
      continue
    }
    const shared = refsOf(previous).filter(ref => refsOf(candidate).includes(ref))
    if (shared.length === 0) {
      merged.push(candidate)
      continue
    }
    const [only] = shared
    const possessive = isPossessive(candidate.replacement) ? candidate.replacement.slice(-2) : ''
    const pseudonym = shared.length === 1 && only !== undefined ? pseudonyms.get(only) : undefined
    const combined: Candidate = {
      start: previous.start,
      end: candidate.end,
      kind: 'person',
      replacement: pseudonym === undefined ? candidate.replacement : pseudonym + possessive,
      priority: Math.max(previous.priority, candidate.priority),
    }
    if (shared.length === 1 && only !== undefined) combined.registryRef = only
    else combined.sharedBy = shared
    merged[merged.length - 1] = combined
  }
  return merged
}

function applyReplacements(original: string, accepted: readonly Candidate[]): { output: string; replacements: Replacement[] } {
  const pieces: string[] = []
  const replacements: Replacement[] = []
  let cursor = 0
  let outputLength = 0
  for (const candidate of accepted) {
    const kept = original.slice(cursor, candidate.start)
    pieces.push(kept, candidate.replacement)
    const outputStart = outputLength + kept.length
    outputLength = outputStart + candidate.replacement.length
    const replacement: Replacement = {
      start: candidate.start,
      end: candidate.end,
      original: original.slice(candidate.start, candidate.end),
      replacement: candidate.replacement,
      kind: candidate.kind,
      outputStart,
      outputEnd: outputLength,
    }
    if (candidate.registryRef !== undefined) replacement.registryRef = candidate.registryRef
    replacements.push(replacement)
    cursor = candidate.end
  }
  pieces.push(original.slice(cursor))
  return { output: pieces.join(''), replacements }
}
