// The synthetic corpus of the anonymiser benchmark: the annotated narratives recombined into
// reviews whose registries have fresh names, optionally diluted with ordinary case-record prose.
// Shared by run.ts (throughput over many documents) and sweep.ts (one document per size).

import { compileAnonymiser, type AnonymisationContextInput, type Anonymiser } from '../../app/domain/anonymise'
import { corpus, type CorpusItem } from '../../tests/fixtures/anonymise/corpus'

/** mulberry32: a small deterministic generator, so every run builds the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ------------------------------------------------------------------ synthetic corpus

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'tu', 'ven', 'sor', 'dal', 'bri', 'nex', 'quo', 'zan', 'fel', 'gri', 'hul', 'jor', 'pem', 'wys', 'ad', 'el']

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

function inventName(next: () => number): string {
  const count = 2 + Math.floor(next() * 2)
  let name = ''
  for (let i = 0; i < count; i += 1) name += SYLLABLES[Math.floor(next() * SYLLABLES.length)]
  return name.charAt(0).toUpperCase() + name.slice(1)
}

function withCaseOf(model: string, word: string): string {
  if (model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase()
  if (model.charAt(0) === model.charAt(0).toUpperCase()) return word
  return word.toLowerCase()
}

interface Renaming {
  context: AnonymisationContextInput
  rename: (text: string) => string
}

/** The same registry with every person renamed, and a function that renames their mentions. */
function renamedRegistry(context: AnonymisationContextInput, next: () => number): Renaming {
  const mapping = new Map<string, string>()
  const renamePart = (part: string): string => {
    const key = fold(part)
    if (key.length < 2) return part
    let replacement = mapping.get(key)
    if (replacement === undefined) {
      replacement = inventName(next)
      mapping.set(key, replacement)
    }
    return replacement
  }
  const renameString = (value: string): string =>
    value.replace(/\p{L}[\p{L}\p{M}]*/gu, word => (/^(?:Dr|Dre|Mr|Mrs|Ms|Mme|Mlle|M|Granny)$/.test(word) ? word : renamePart(word)))
  const people = (context.registry.people ?? []).map(person => ({
    ...person,
    name: renameString(person.name),
    aliases: (person.aliases ?? []).map(renameString),
  }))
  const rename = (text: string): string =>
    text.replace(/\p{L}[\p{L}\p{M}]*/gu, word => {
      const replacement = mapping.get(fold(word))
      return replacement === undefined ? word : withCaseOf(word, replacement)
    })
  return { context: { ...context, registry: { ...context.registry, people } }, rename }
}

export interface Document {
  anonymiser: Anonymiser
  /** The renamed registry the anonymiser was compiled from. */
  context: AnonymisationContextInput
  text: string
}

// Ordinary case-record prose with no identifier in it, to dilute the narratives: real case notes
// carry far fewer identifiers per kilobyte than the adversarial corpus.
const SUBJECTS = ['The worker', 'The supervisor', 'The family', 'The panel', 'The nurse', 'The caseworker', 'The team', 'Staff', 'The parent', 'The school']
const VERBS = ['reviewed', 'discussed', 'documented', 'noted', 'followed up on', 'explained', 'updated', 'considered', 'planned', 'questioned']
const OBJECTS = [
  'the safety plan',
  'the family snapshot',
  'the assessment',
  'the case plan',
  'the referral',
  'the visit schedule',
  'the supervision notes',
  'the service options',
  'the waitlist',
  'the daycare attendance',
  'the housing situation',
  'the workload',
]
const TAILS = [
  'with the team.',
  'during the visit.',
  'before the next meeting.',
  'after the call.',
  'at the office.',
  'in supervision.',
  'as agreed.',
  'because of the caseload.',
  'and shared concerns.',
  'for the review.',
]

function fillerParagraph(next: () => number, sentences: number): string {
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)] ?? ''
  const parts: string[] = []
  for (let i = 0; i < sentences; i += 1) parts.push(`${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}`)
  return parts.join(' ')
}

export function buildCorpus(targetBytes: number, seed: number, fillerSentences: number): { documents: Document[]; bytes: number; registries: number } {
  const next = random(seed)
  const byRegistry = new Map<string, CorpusItem[]>()
  for (const item of corpus) {
    const list = byRegistry.get(item.registry.key) ?? []
    list.push(item)
    byRegistry.set(item.registry.key, list)
  }
  const groups = [...byRegistry.values()]
  const documents: Document[] = []
  let bytes = 0
  let registries = 0
  while (bytes < targetBytes) {
    // One review: a registry with fresh names, and a case file of 10 to 40 of its narratives.
    const items = groups[Math.floor(next() * groups.length)] ?? []
    const first = items[0]
    if (first === undefined) continue
    const renaming = renamedRegistry(first.registry.context, next)
    const anonymiser = compileAnonymiser(renaming.context)
    registries += 1
    const length = 10 + Math.floor(next() * 31)
    const parts: string[] = []
    for (let i = 0; i < length; i += 1) {
      parts.push(renaming.rename(items[Math.floor(next() * items.length)]?.text ?? ''))
      if (fillerSentences > 0) parts.push(fillerParagraph(next, fillerSentences))
    }
    const text = parts.join('\n\n')
    documents.push({ anonymiser, context: renaming.context, text })
    bytes += Buffer.byteLength(text, 'utf8')
  }
  return { documents, bytes, registries }
}

export interface SweepRegistry {
  anonymiser: Anonymiser
  /** The renamed registry the anonymiser was compiled from. */
  context: AnonymisationContextInput
  /** Documents of each requested size, in the order of the sizes. */
  textsBySize: string[][]
}

/**
 * For the size sweep: per registry of the narratives (the annotated corpus unless told), one
 * renamed registry and case files
 * of each size in `sizes` (bytes), made of whole narratives so that every identifier is intact,
 * optionally diluted with ordinary prose. `perRegistryBytes` of text per size and registry
 * (at least one document), so that small sizes are measured over many documents.
 */
export function buildSweep(
  sizes: readonly number[],
  perRegistryBytes: number,
  seed: number,
  fillerSentences: number,
  narratives: readonly CorpusItem[] = corpus,
): SweepRegistry[] {
  const next = random(seed)
  const byRegistry = new Map<string, CorpusItem[]>()
  for (const item of narratives) {
    const list = byRegistry.get(item.registry.key) ?? []
    list.push(item)
    byRegistry.set(item.registry.key, list)
  }
  const registries: SweepRegistry[] = []
  for (const items of byRegistry.values()) {
    const first = items[0]
    if (first === undefined) continue
    const renaming = renamedRegistry(first.registry.context, next)
    const document = (targetBytes: number): string => {
      const parts: string[] = []
      let bytes = 0
      while (bytes < targetBytes) {
        const part = renaming.rename(items[Math.floor(next() * items.length)]?.text ?? '')
        parts.push(part)
        bytes += Buffer.byteLength(part, 'utf8') + 2
        if (fillerSentences > 0) {
          const filler = fillerParagraph(next, fillerSentences)
          parts.push(filler)
          bytes += Buffer.byteLength(filler, 'utf8') + 2
        }
      }
      return parts.join('\n\n')
    }
    const textsBySize = sizes.map(size => Array.from({ length: Math.max(1, Math.round(perRegistryBytes / size)) }, () => document(size)))
    registries.push({ anonymiser: compileAnonymiser(renaming.context), context: renaming.context, textsBySize })
  }
  return registries
}
