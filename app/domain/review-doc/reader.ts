// Reads a review's Y.Doc into validated domain objects. Collaborators write concurrently and
// old or buggy clients may write odd things, so reading never throws: whatever cannot be
// trusted is left out and reported, and the rest of the review stays usable.
import * as Y from 'yjs'
import type { z } from 'zod'
import { coreValues } from '../vocabulary'
import { compareTimelineDates } from './calendar-dates'
import { fastSafeParse } from './fast-parse'
import { jsonPointer, problemsFromZod, type Problem } from './problems'
import { liveTextFields, VALUE_TAG_RATIONALE, type LiveTextField } from './live-text'
import { emptyRichText, readRichText, richTextOfBlocks } from './rich-text'
import {
  REVIEW_DOC_SCHEMA_VERSION,
  factorRatingSchema,
  findingSchema,
  identifierSchema,
  personSchema,
  placeSchema,
  recommendationSchema,
  safetyMapSchema,
  timelineEventSchema,
  unmetNeedSchema,
  type RichText,
  type ReviewDocument,
  type SafetyMap,
  type TimelineEvent,
} from './schema'
import { META, eventDescriptionField, findingBodyField, orderArrayName, type Collection, type OrderedCollection } from './structure'

export interface DocProblem extends Problem {
  /** error: something was left out; warning: read, but something looks wrong. */
  severity: 'error' | 'warning'
}

type Raw = Record<string, unknown>

function isPlainObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Concurrent "add if absent" on a Y.Array can add an id twice; a list of ids is a set. The list
 * is the reader's own copy (from toJSON), returned as is when it holds no duplicate.
 */
function withoutDuplicates(list: unknown[]): unknown[] {
  if (list.length < 2) return list
  const seen = new Set<unknown>()
  let duplicated = false
  for (const item of list) {
    if (typeof item === 'object' && item !== null) continue
    if (seen.has(item)) {
      duplicated = true
      break
    }
    seen.add(item)
  }
  if (!duplicated) return list
  seen.clear()
  return list.filter(item => {
    if (typeof item === 'object' && item !== null) return true
    if (seen.has(item)) return false
    seen.add(item)
    return true
  })
}

/**
 * In place: `raw` is the reader's own object, fresh from Y.Map#toJSON. A nested plain object may
 * be a value stored as is in the document (not a Y.Map), so it is copied, never changed.
 */
function normaliseLists(raw: Raw): void {
  for (const key in raw) {
    const value = raw[key]
    if (Array.isArray(value)) raw[key] = withoutDuplicates(value)
    else if (key === 'evidence' && isPlainObject(value)) {
      const evidence = { ...value }
      normaliseLists(evidence)
      raw[key] = evidence
    }
  }
}

/** valueTags are stored as a map from core value to rationale so each value is tagged at most once. */
function valueTagsAsList(value: unknown): unknown {
  if (!isPlainObject(value)) return value
  const rank = (key: string) => {
    const index = (coreValues as readonly string[]).indexOf(key)
    return index === -1 ? coreValues.length : index
  }
  return Object.keys(value)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map(key => ({ value: key, rationale: value[key] }))
}

/** The first `max` characters (code points) of a text. */
function clip(value: string, max: number): string {
  let out = ''
  let length = 0
  for (const char of value) {
    if (length++ === max) break
    out += char
  }
  return out
}

class DocReader {
  readonly problems: DocProblem[] = []

  constructor(private readonly ydoc: Y.Doc) {}

  report(path: readonly (string | number)[], message: string, severity: DocProblem['severity']): void {
    this.problems.push({ path: jsonPointer(path), message, severity })
  }

  /** A root type, or null when it was defined under the same name as another kind of type. */
  root<T>(name: string, get: () => T): T | null {
    try {
      return get()
    } catch {
      this.report([name], 'is stored as a different kind of shared type than expected; ignored', 'error')
      return null
    }
  }

  richText(name: string): RichText {
    // Only existing roots are read: defining 20 000 empty fragments would only cost memory.
    const type = this.ydoc.share.get(name)
    if (type === undefined) return emptyRichText()
    // As getXmlFragment would, without turning a just-decoded root into a Y.XmlFragment first
    // (a transaction per root); any other kind of type is what getXmlFragment rejects.
    if (type.constructor === Y.XmlFragment) return readRichText(type as Y.XmlFragment)
    if (type.constructor === Y.AbstractType) return richTextOfBlocks(Y.XmlFragment.prototype.toArray.call(type))
    this.report([name], 'is stored as a different kind of shared type than expected; ignored', 'error')
    return emptyRichText()
  }

  /** Raw entities of a collection: each one a Y.Map read into plain JSON (the reader's own copy), keyed by id. */
  rawEntities(collection: Collection): Map<string, { map: Y.Map<unknown>; raw: Raw }> {
    const entities = new Map<string, { map: Y.Map<unknown>; raw: Raw }>()
    const map = this.root(collection, () => this.ydoc.getMap<unknown>(collection))
    if (!map) return entities
    map.forEach((value, key) => {
      if (value instanceof Y.Map) {
        const raw = value.toJSON() as Raw
        normaliseLists(raw)
        entities.set(key, { map: value, raw })
      } else this.report([collection, key], 'is not stored as a map of fields; left out', 'error')
    })
    return entities
  }

  private liveTextCheck(path: (string | number)[], value: unknown, spec: LiveTextField): unknown {
    if (typeof value !== 'string') return value
    if (value === '' && spec.kind === 'required') this.report(path, 'is empty', 'warning')
    if (value.length > spec.max && [...value].length > spec.max) {
      this.report(path, `is longer than ${spec.max} characters; read up to the limit`, 'warning')
      return clip(value, spec.max)
    }
    return value
  }

  /**
   * Live text is typed concurrently, so its limits are enforced softly: rejecting the entity
   * would pull the row from under the caret of whoever is typing. Empty optional text is
   * absent; empty required text and text merged past its limit are read (clipped) and warned.
   * Changes `raw` in place.
   */
  liveText(collection: Collection, key: string, raw: Raw, fields: readonly [string, LiveTextField][]): void {
    for (const [field, spec] of fields) {
      if (!(field in raw)) continue
      if (spec.kind === 'optional' && raw[field] === '') delete raw[field]
      else raw[field] = this.liveTextCheck([collection, key, field], raw[field], spec)
    }
    if (collection === 'findings' && isPlainObject(raw.valueTags)) {
      // A copy: the tags may be a plain object stored as is in the document.
      const tags: Raw = {}
      for (const [value, rationale] of Object.entries(raw.valueTags)) {
        tags[value] = this.liveTextCheck([collection, key, 'valueTags', value], rationale, VALUE_TAG_RATIONALE)
      }
      raw.valueTags = tags
    }
  }

  /** `complete` adds what the entity's Y.Map does not hold (its id, its rich text) to `raw`, in place. */
  validated<S extends z.ZodTypeAny>(collection: Collection, schema: S, complete: (key: string, raw: Raw) => void): Map<string, z.output<S>> {
    const valid = new Map<string, z.output<S>>()
    const fields = Object.entries(liveTextFields[collection])
    for (const [key, { map, raw: input }] of this.rawEntities(collection)) {
      this.liveText(collection, key, input, fields)
      complete(key, input)
      // An entity whose content has not changed since the last read is not validated again,
      // and keeps its object identity (cheap re-renders). Its input is kept for the comparison:
      // comparing when there is something to compare with costs less than a fingerprint per read.
      const cached = validatedCache.get(map)
      if (cached && cached.schema === schema && sameJson(cached.input, input)) {
        valid.set(key, cached.value as z.output<S>)
        continue
      }
      const result = fastSafeParse(schema, input)
      if (result.success) {
        validatedCache.set(map, { schema, input, value: result.data })
        valid.set(key, result.data as z.output<S>)
      } else {
        for (const problem of problemsFromZod(result.error, [collection, key])) {
          this.problems.push({ ...problem, severity: 'error' })
        }
        this.report([collection, key], 'is invalid and was left out', 'error')
      }
    }
    return valid
  }

  /** The stored order, cleaned of ids removed or moved concurrently; unordered ones go last. */
  ordered<T>(collection: OrderedCollection, entities: Map<string, T>): T[] {
    const name = orderArrayName(collection)
    const order = this.root(name, () => this.ydoc.getArray<unknown>(name))?.toArray() ?? []
    const placed = new Set<string>()
    const out: T[] = []
    for (const id of order) {
      if (typeof id !== 'string' || placed.has(id)) continue
      const entity = entities.get(id)
      if (entity === undefined) continue
      placed.add(id)
      out.push(entity)
    }
    const rest = [...entities.keys()].filter(id => !placed.has(id)).sort()
    for (const id of rest) out.push(entities.get(id) as T)
    return out
  }

  /**
   * Drops references to entities that are gone (e.g. removed while someone linked them).
   * Returns the same array when nothing is dropped: validated entities are shared with the
   * cache and must never be changed in place.
   */
  existing(ids: string[], known: ReadonlySet<string>, path: (string | number)[], what: string): string[] {
    if (ids.every(id => known.has(id))) return ids
    return ids.filter(id => {
      if (known.has(id)) return true
      this.report(path, `refers to ${what} ${JSON.stringify(id)}, which is not in the document; ignored`, 'warning')
      return false
    })
  }
}

// Keyed by the entity's Y.Map, so entries go when the entity is garbage collected.
const validatedCache = new WeakMap<Y.Map<unknown>, { schema: z.ZodTypeAny; input: Raw; value: unknown }>()

/** Deep equality of JSON-like values (what the reader builds from Y.Maps). */
function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !sameJson((a as Raw)[key], (b as Raw)[key])) return false
  }
  return true
}

function mapValues<T>(entities: Map<string, T>, change: (entity: T) => T): Map<string, T> {
  const out = new Map<string, T>()
  for (const [key, entity] of entities) out.set(key, change(entity))
  return out
}

function compareSafetyMaps(a: SafetyMap, b: SafetyMap): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return compareTimelineDates(a.date, b.date) || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export function readReviewDoc(ydoc: Y.Doc): { doc: ReviewDocument; problems: DocProblem[] } {
  const reader = new DocReader(ydoc)

  const meta = reader.root(META, () => ydoc.getMap<unknown>(META))
  const version = meta?.get('schemaVersion')
  const schemaVersion = typeof version === 'number' && Number.isInteger(version) ? version : null
  if (schemaVersion === null) {
    reader.report([META, 'schemaVersion'], 'is missing: the document is not initialised (or not synced yet)', 'warning')
  } else if (schemaVersion > REVIEW_DOC_SCHEMA_VERSION) {
    reader.report([META, 'schemaVersion'], `is ${schemaVersion}, newer than this code reads (${REVIEW_DOC_SCHEMA_VERSION}); read as far as possible`, 'error')
  }
  const storedReviewId = meta?.get('reviewId')
  const reviewId = typeof storedReviewId === 'string' ? storedReviewId : null

  const withId = (key: string, raw: Raw): void => {
    raw.id = key
  }
  const people = reader.validated('people', personSchema, withId)
  const places = reader.validated('places', placeSchema, withId)
  const identifiers = reader.validated('identifiers', identifierSchema, withId)
  const validEvents = reader.validated('events', timelineEventSchema, (key, raw) => {
    raw.id = key
    raw.description = reader.richText(eventDescriptionField(key))
  })
  const validUnmetNeeds = reader.validated('unmetNeeds', unmetNeedSchema, withId)
  const validFactorRatings = reader.validated('factorRatings', factorRatingSchema, (key, raw) => {
    raw.factorItemId = key
  })
  const validFindings = reader.validated('findings', findingSchema, (key, raw) => {
    raw.id = key
    raw.valueTags = valueTagsAsList(raw.valueTags)
    raw.body = reader.richText(findingBodyField(key))
  })
  const validRecommendations = reader.validated('recommendations', recommendationSchema, withId)
  const validSafetyMaps = reader.validated('safetyMaps', safetyMapSchema, withId)

  const personIds = new Set(people.keys())
  const knownEventIds = new Set(validEvents.keys())
  const knownUnmetNeedIds = new Set(validUnmetNeeds.keys())
  const knownFindingIds = new Set(validFindings.keys())

  const events = mapValues(validEvents, event => {
    const actorIds = reader.existing(event.actorIds, personIds, ['events', event.id, 'actorIds'], 'person')
    return actorIds === event.actorIds ? event : { ...event, actorIds }
  })
  const unmetNeeds = mapValues(validUnmetNeeds, need => {
    const eventIds = reader.existing(need.eventIds, knownEventIds, ['unmetNeeds', need.id, 'eventIds'], 'event')
    return eventIds === need.eventIds ? need : { ...need, eventIds }
  })
  const factorRatings = mapValues(validFactorRatings, rating => {
    const path = ['factorRatings', rating.factorItemId, 'eventIds']
    const eventIds = reader.existing(rating.eventIds, knownEventIds, path, 'event')
    return eventIds === rating.eventIds ? rating : { ...rating, eventIds }
  })
  const findings = mapValues(validFindings, finding => {
    const path = ['findings', finding.id, 'evidence']
    const { evidence } = finding
    const eventIds = reader.existing(evidence.eventIds, knownEventIds, [...path, 'eventIds'], 'event')
    const unmetNeedIds = reader.existing(evidence.unmetNeedIds, knownUnmetNeedIds, [...path, 'unmetNeedIds'], 'unmet need')
    if (eventIds === evidence.eventIds && unmetNeedIds === evidence.unmetNeedIds) return finding
    return { ...finding, evidence: { ...evidence, eventIds, unmetNeedIds } }
  })
  const recommendations = mapValues(validRecommendations, recommendation => {
    const path = ['recommendations', recommendation.id, 'findingIds']
    const findingIds = reader.existing(recommendation.findingIds, knownFindingIds, path, 'finding')
    return findingIds === recommendation.findingIds ? recommendation : { ...recommendation, findingIds }
  })

  const safetyMaps = mapValues(validSafetyMaps, map => {
    const eventIds = reader.existing(map.eventIds, knownEventIds, ['safetyMaps', map.id, 'eventIds'], 'event')
    return eventIds === map.eventIds ? map : { ...map, eventIds }
  })

  const doc: ReviewDocument = {
    schemaVersion,
    reviewId,
    people: reader.ordered('people', people),
    places: reader.ordered('places', places),
    identifiers: reader.ordered('identifiers', identifiers),
    events: [...events.values()].sort(compareEvents),
    unmetNeeds: reader.ordered('unmetNeeds', unmetNeeds),
    factorRatings: [...factorRatings.values()].sort((a, b) => (a.factorItemId < b.factorItemId ? -1 : a.factorItemId > b.factorItemId ? 1 : 0)),
    findings: reader.ordered('findings', findings),
    recommendations: reader.ordered('recommendations', recommendations),
    // Side by side in time: the picture as it changed.
    safetyMaps: [...safetyMaps.values()].sort(compareSafetyMaps),
  }
  // Two people given the same suggestion concurrently is possible; a person must resolve it.
  const byPseudonym = new Map<string, string>()
  for (const person of doc.people) {
    const label = person.pseudonym.trim().toLocaleLowerCase('en')
    const first = byPseudonym.get(label)
    if (first === undefined) byPseudonym.set(label, person.id)
    else {
      reader.report(
        ['people', person.id, 'pseudonym'],
        `${JSON.stringify(person.pseudonym)} is also the pseudonym of person ${JSON.stringify(first)}`,
        'warning',
      )
    }
  }

  return { doc, problems: reader.problems }
}
