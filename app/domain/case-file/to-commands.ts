// Turns a validated case file into review commands, and imports it into a review document in
// one transaction. Import is seeding: it belongs on the server's copy of the room, once (see
// docs/collab-notes.md); the review block itself goes to the Review row, not the doc.
import * as Y from 'yjs'
import { applyCommands, type CommandOptions } from '../review-doc/commands'
import type { ReviewCommand } from '../review-doc/command-schema'
import { suggestPseudonym } from '../review-doc/pseudonyms'
import { readReviewDoc } from '../review-doc/reader'
import { collectionMap } from '../review-doc/structure'
import { duplicateEvents, existingPersonFor, normaliseText, type DuplicateEvent, type ExistingContent } from './append'
import { textValue } from '../review-doc/live-text'
import type { CaseFile } from './schema'
import { validateCaseFile, type CaseFileProblem } from './validate'

export interface CaseFileToCommandsOptions {
  /** Pseudonyms already in the review, so suggestions do not collide with them. */
  existingPseudonyms?: Iterable<string>
  /** Id source; crypto.randomUUID by default. Tests pass a counter. */
  newId?: () => string
  /** What the review already has: matching people, places and identifiers are reused, duplicate events skipped. */
  existing?: ExistingContent
}

export interface CaseFileImportPlan {
  commands: ReviewCommand[]
  /** Case-file person key -> people registry id. */
  personIds: Map<string, string>
  /** Registry ids of the timeline entries added, in file order (duplicates are not added). */
  eventIds: string[]
  /** Timeline entries already in the review, not added again. */
  duplicates: DuplicateEvent[]
  /** People of the file found in the review's registry (case-file key -> registry id). */
  reusedPeople: Map<string, string>
}

export function planCaseFileImport(caseFile: CaseFile, options: CaseFileToCommandsOptions = {}): CaseFileImportPlan {
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID())
  // Pseudonyms given in the file are reserved first, so a suggestion for an earlier person
  // never takes the pseudonym a later person was given.
  const taken = [...(options.existingPseudonyms ?? []), ...caseFile.people.flatMap(p => (p.pseudonym ? [p.pseudonym] : []))]
  const existing = options.existing
  const personIds = new Map<string, string>()
  const reusedPeople = new Map<string, string>()
  const commands: ReviewCommand[] = []

  for (const person of caseFile.people) {
    const known = existing ? existingPersonFor(person, existing.people) : undefined
    if (known) {
      personIds.set(person.key, known.id)
      reusedPeople.set(person.key, known.id)
      continue
    }
    const id = newId()
    personIds.set(person.key, id)
    let pseudonym = person.pseudonym
    if (pseudonym === undefined) {
      pseudonym = suggestPseudonym(person.role, taken)
      taken.push(pseudonym)
    }
    commands.push({
      type: 'addPerson',
      id,
      name: person.name,
      aliases: person.aliases,
      role: person.role,
      pseudonym,
      birthDate: person.birthDate,
      caseFileKey: person.key,
    })
  }
  const placeKey = (p: { name: string; kind: string }) => `${p.kind}|${normaliseText(p.name)}`
  const identifierKey = (i: { value: string; kind: string }) => `${i.kind}|${normaliseText(i.value)}`
  const knownPlaces = new Set((existing?.places ?? []).map(placeKey))
  const knownIdentifiers = new Set((existing?.identifiers ?? []).map(identifierKey))
  for (const place of caseFile.places ?? []) {
    if (knownPlaces.has(placeKey(place))) continue
    commands.push({ type: 'addPlace', id: newId(), name: place.name, kind: place.kind })
  }
  for (const identifier of caseFile.identifiers ?? []) {
    if (knownIdentifiers.has(identifierKey(identifier))) continue
    commands.push({ type: 'addIdentifier', id: newId(), value: identifier.value, kind: identifier.kind })
  }
  const eventIds: string[] = []
  const duplicates = existing ? duplicateEvents(caseFile, existing) : []
  const skipped = new Set(duplicates.map(d => d.index))
  caseFile.timeline.forEach((entry, index) => {
    if (skipped.has(index)) return
    const id = newId()
    eventIds.push(id)
    const actorIds = [...new Set(entry.actors ?? [])].flatMap(key => {
      const personId = personIds.get(key)
      return personId === undefined ? [] : [personId]
    })
    commands.push({
      type: 'addEvent',
      id,
      date: entry.date,
      approximate: entry.approximate,
      stage: entry.stage,
      source: entry.source,
      actorIds,
      // File order settles the order of entries with the same date.
      order: index,
      description: entry.text,
    })
  })
  return { commands, personIds, eventIds, duplicates, reusedPeople }
}

export function caseFileToCommands(caseFile: CaseFile, options: CaseFileToCommandsOptions = {}): ReviewCommand[] {
  return planCaseFileImport(caseFile, options).commands
}

export class CaseFileImportError extends Error {
  constructor(readonly problems: CaseFileProblem[]) {
    super(`case file not imported: ${problems.map(p => `${p.path || '/'} ${p.message}`).join('; ')}`)
    this.name = 'CaseFileImportError'
  }
}

export interface ImportCaseFileOptions extends CommandOptions, Pick<CaseFileToCommandsOptions, 'newId'> {
  /**
   * Adds to a review that already has content (a second agency's chronology): people, places
   * and identifiers it already has are reused and events it already has are reported, not added.
   * Without it, importing into a review with content is refused.
   */
  allowExistingContent?: boolean
}

export interface ImportCaseFileResult {
  personIds: Map<string, string>
  eventIds: string[]
  duplicates: DuplicateEvent[]
  reusedPeople: Map<string, string>
}

/** The review's current content, read the way every reader reads it. */
export function existingContentOf(ydoc: Y.Doc): ExistingContent {
  const { doc } = readReviewDoc(ydoc)
  return {
    people: doc.people.map(p => ({ id: p.id, name: p.name, aliases: p.aliases, role: p.role, pseudonym: p.pseudonym })),
    events: doc.events.map(e => ({ id: e.id, date: e.date, source: e.source, description: e.description.text })),
    places: doc.places.map(p => ({ name: p.name, kind: p.kind })),
    identifiers: doc.identifiers.map(i => ({ value: i.value, kind: i.kind })),
  }
}

function existingPseudonyms(ydoc: Y.Doc): string[] {
  const labels: string[] = []
  for (const person of collectionMap(ydoc, 'people').values()) {
    const pseudonym = person instanceof Y.Map ? textValue(person.get('pseudonym')) : undefined
    if (typeof pseudonym === 'string') labels.push(pseudonym)
  }
  return labels
}

/**
 * Validates the case file and writes it into the review document in ONE transaction: on any
 * problem it throws (CaseFileImportError or ReviewCommandError) and nothing is written.
 */
export function importCaseFile(ydoc: Y.Doc, input: unknown, options: ImportCaseFileOptions = {}): ImportCaseFileResult {
  const validation = validateCaseFile(input)
  if (!validation.ok) throw new CaseFileImportError(validation.problems)
  if (!options.allowExistingContent) {
    const occupied = (['people', 'events', 'places', 'identifiers'] as const).filter(collection => collectionMap(ydoc, collection).size > 0)
    if (occupied.length > 0) {
      throw new CaseFileImportError([{ path: '', message: `the review already has ${occupied.join(', ')}; importing again would duplicate them` }])
    }
  }
  const plan = planCaseFileImport(validation.caseFile, {
    existingPseudonyms: existingPseudonyms(ydoc),
    newId: options.newId,
    existing: options.allowExistingContent ? existingContentOf(ydoc) : undefined,
  })
  applyCommands(ydoc, plan.commands, { origin: options.origin })
  return { personIds: plan.personIds, eventIds: plan.eventIds, duplicates: plan.duplicates, reusedPeople: plan.reusedPeople }
}
