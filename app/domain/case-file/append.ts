// Importing into a review that already has a chronology (a second agency's records): what is
// already there is matched, not added twice. See docs/decisions/0013-phase-checks-import-append.md.
import { childBirthDateOf, flagDate, type DateFlag } from '../date-flags'
import type { CaseFile, CaseFilePerson, CaseFileTimelineEntry } from './schema'

/** What a review already holds, as far as matching an import needs. */
export interface ExistingContent {
  people: { id: string; name: string; aliases?: readonly string[]; role: string; pseudonym: string }[]
  events: { id: string; date: string; source?: string; description: string }[]
  places: { name: string; kind: string }[]
  identifiers: { value: string; kind: string }[]
}

export interface DuplicateEvent {
  /** Index of the entry in the file's timeline (0-based). */
  index: number
  existingId: string
  date: string
  source?: string
}

/** Case, accents, punctuation and spacing differ between agencies' systems; the words do not. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function words(text: string): Set<string> {
  return new Set(normaliseText(text).split(' ').filter(Boolean))
}

/**
 * Two descriptions tell the same event when, normalised, they are equal, one contains the
 * other (a record copied with a note added), or they share at least 80% of their words
 * (retyped with small edits). Below that, two events on one day from one source are two events.
 */
export function similarDescriptions(a: string, b: string): boolean {
  const na = normaliseText(a)
  const nb = normaliseText(b)
  if (na === '' || nb === '') return na === nb
  if (na === nb || na.includes(nb) || nb.includes(na)) return true
  const wa = words(a)
  const wb = words(b)
  let shared = 0
  for (const w of wa) if (wb.has(w)) shared++
  return shared / Math.max(wa.size, wb.size) >= 0.8
}

/** Same day (times ignored: one agency records 09:30, another only the day), same source, similar text. */
export function sameEvent(entry: Pick<CaseFileTimelineEntry, 'date' | 'source' | 'text'>, existing: ExistingContent['events'][number]): boolean {
  return (
    entry.date.slice(0, 10) === existing.date.slice(0, 10) &&
    normaliseText(entry.source ?? '') === normaliseText(existing.source ?? '') &&
    similarDescriptions(entry.text, existing.description)
  )
}

/** The same person, when the name (or an alias) and the role match. Keys are local to each file. */
export function existingPersonFor(person: CaseFilePerson, existing: ExistingContent['people']): ExistingContent['people'][number] | undefined {
  const names = new Set([person.name, ...(person.aliases ?? [])].map(normaliseText))
  return (
    existing.find(p => p.role === person.role && names.has(normaliseText(p.name))) ??
    existing.find(p => p.role === person.role && (p.aliases ?? []).some(a => normaliseText(a) === normaliseText(person.name)))
  )
}

export function duplicateEvents(caseFile: CaseFile, existing: ExistingContent): DuplicateEvent[] {
  const found: DuplicateEvent[] = []
  caseFile.timeline.forEach((entry, index) => {
    const match = existing.events.find(e => sameEvent(entry, e))
    if (match) found.push({ index, existingId: match.id, date: entry.date, source: entry.source })
  })
  return found
}

export interface ImportDateFlag {
  index: number
  date: string
  flag: DateFlag
}

/** Timeline entries dated in the future or before the child's birth (warnings, not refusals). */
export function caseFileDateFlags(
  caseFile: CaseFile,
  context: { today: string; existingPeople?: readonly { role: string; birthDate?: string }[] },
): ImportDateFlag[] {
  const childBirthDate = childBirthDateOf(caseFile.people) ?? childBirthDateOf(context.existingPeople ?? [])
  return caseFile.timeline.flatMap((entry, index) => {
    const flag = flagDate(entry.date, { today: context.today, childBirthDate })
    return flag ? [{ index, date: entry.date, flag }] : []
  })
}
