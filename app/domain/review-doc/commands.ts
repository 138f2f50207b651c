// Applies review commands to a Y.Doc. A command (or a batch) is validated completely, against
// the document as it is, before anything is written, and then written in one transaction:
// Yjs cannot roll a transaction back, so an invalid command must fail before it starts.
//
// Removing an entity never leaves references to it behind: the same transaction removes its
// id from every list that points at it (a removed person disappears from event actors, a
// removed event from unmet needs, factor ratings and finding evidence, and so on), and its
// rich-text fragment is emptied. A reference added concurrently on another client while the
// entity was removed can still arrive afterwards; readReviewDoc drops such references and
// reports them as warnings.
import * as Y from 'yjs'
import { isOrderedRange, isTimelineDate } from './calendar-dates'
import { reviewCommandSchema, type CommandOf, type ReviewCommand, type ValidReviewCommand } from './command-schema'
import { storedSchemaVersion } from './init'
import { jsonPointer, problemsFromZod, type Problem } from './problems'
import { isPseudonymTaken, nameInPseudonym, suggestPlaceLabel, suggestPseudonym } from './pseudonyms'
import { clearRichText, writePlainText } from './rich-text'
import { REVIEW_DOC_SCHEMA_VERSION, type EvidenceKind } from './schema'
import {
  collectionMap,
  collections,
  orderArrayName,
  orderedCollections,
  eventDescriptionField,
  findingBodyField,
  isOrderedCollection,
  orderArray,
  type Collection,
} from './structure'
import { liveTextFields, textAt, textValue, setText } from './live-text'
import { addToList, listAt, mapAt, moveInList, removeFromList, setFields, syncList } from './y-fields'

export class ReviewCommandError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid review command: ${problems.map(p => `${p.path || '/'} ${p.message}`).join('; ')}`)
    this.name = 'ReviewCommandError'
  }
}

export interface CommandResult {
  /** The entity the command created or changed (the factor item id for factor ratings). */
  id: string
}

export interface CommandOptions {
  /** Transaction origin, e.g. to let a Y.UndoManager track or ignore these changes. */
  origin?: unknown
  /**
   * Names the review knows from outside the document (its members, the jurisdiction's staff):
   * a pseudonym may not reveal them either.
   */
  registeredNames?: readonly string[]
}

const noun: Record<Collection, string> = {
  people: 'person',
  places: 'place',
  identifiers: 'identifier',
  events: 'event',
  unmetNeeds: 'unmet need',
  factorRatings: 'factor rating',
  findings: 'finding',
  recommendations: 'recommendation',
  safetyMaps: 'Signs of Safety map',
}

const evidenceList: Record<EvidenceKind, string> = {
  event: 'eventIds',
  unmetNeed: 'unmetNeedIds',
  account: 'accountIds',
}

/** The primitive fields of an entity, or null when it is stored as something other than a map. */
type Snapshot = Record<string, unknown> | null

const newId = () => globalThis.crypto.randomUUID()

const textKeys = Object.fromEntries(
  Object.entries(liveTextFields).map(([collection, fields]) => [collection, new Set(Object.keys(fields))]),
) as unknown as Record<Collection, ReadonlySet<string>>

function snapshotOf(value: unknown): Snapshot {
  if (!(value instanceof Y.Map)) return null
  const fields: Record<string, unknown> = {}
  for (const [key, field] of value.entries()) {
    if (field instanceof Y.Text) fields[key] = textValue(field)
    else if (typeof field !== 'object' || field === null) fields[key] = field
  }
  return fields
}

/**
 * One collection as validation sees it: the stored entities as the batch has changed them so
 * far. An entity is read from the document only when a command asks for it, so adding one event
 * to thousands does not read them all (issue 18); the document is not written while a batch is
 * planned, so a late read sees what an early one would have.
 */
class EntitySnapshots {
  private readonly known = new Map<string, Snapshot>()
  private readonly removed = new Set<string>()

  constructor(private readonly stored: Y.Map<unknown>) {}

  has(id: string): boolean {
    return !this.removed.has(id) && (this.known.has(id) || this.stored.has(id))
  }

  get(id: string): Snapshot | undefined {
    if (this.removed.has(id)) return undefined
    if (this.known.has(id)) return this.known.get(id)
    if (!this.stored.has(id)) return undefined
    const snapshot = snapshotOf(this.stored.get(id))
    this.known.set(id, snapshot)
    return snapshot
  }

  set(id: string, snapshot: Snapshot): void {
    this.removed.delete(id)
    this.known.set(id, snapshot)
  }

  delete(id: string): void {
    this.known.delete(id)
    this.removed.add(id)
  }

  *[Symbol.iterator](): IterableIterator<[string, Snapshot]> {
    for (const id of this.stored.keys()) if (this.has(id)) yield [id, this.get(id)!]
    for (const id of this.known.keys()) if (!this.stored.has(id) && this.has(id)) yield [id, this.get(id)!]
  }

  values(): Snapshot[] {
    return [...this].map(([, snapshot]) => snapshot)
  }
}

/** Validates commands against the document (as changed by the earlier commands of a batch) and queues their writes. */
class Planner {
  readonly problems: Problem[] = []
  readonly writes: (() => void)[] = []
  private readonly cache = new Map<Collection, EntitySnapshots>()
  private at: (string | number)[] = []

  constructor(
    private readonly ydoc: Y.Doc,
    private readonly outsideNames: readonly string[] = [],
  ) {}

  // ------------------------------------------------------------ state as validation sees it

  private state(collection: Collection): EntitySnapshots {
    let entities = this.cache.get(collection)
    if (!entities) {
      entities = new EntitySnapshots(collectionMap(this.ydoc, collection))
      this.cache.set(collection, entities)
    }
    return entities
  }

  private fail(path: (string | number)[], message: string): void {
    this.problems.push({ path: jsonPointer([...this.at, ...path]), message })
  }

  private requireNew(collection: Collection, id: string): void {
    if (this.state(collection).has(id)) this.fail(['id'], `a ${noun[collection]} with id ${JSON.stringify(id)} already exists`)
  }

  /** The entity must exist; `writable` also requires it to be stored as a map we can write into. */
  private require(collection: Collection, id: string, path: (string | number)[], writable = true): void {
    const entity = this.state(collection).get(id)
    if (entity === undefined) this.fail(path, `there is no ${noun[collection]} with id ${JSON.stringify(id)}`)
    else if (entity === null && writable) {
      this.fail(path, `the ${noun[collection]} ${JSON.stringify(id)} is stored in an unreadable form; remove it and add it again`)
    }
  }

  private requireAll(collection: Collection, ids: readonly string[] | undefined, path: (string | number)[]): void {
    ids?.forEach((id, i) => {
      if (!this.state(collection).has(id)) {
        this.fail([...path, i], `refers to ${noun[collection]} ${JSON.stringify(id)}, which is not in the document`)
      }
    })
  }

  private remember(collection: Collection, id: string, fields: Record<string, unknown>): void {
    const entities = this.state(collection)
    const before = entities.get(id) ?? {}
    const merged: Record<string, unknown> = { ...before }
    for (const [key, value] of Object.entries(fields)) {
      if (value === null) delete merged[key]
      else if (value !== undefined) merged[key] = value
    }
    entities.set(id, merged)
  }

  private field(collection: Collection, id: string, key: string): unknown {
    return this.state(collection).get(id)?.[key]
  }

  private pseudonymsExcept(personId?: string): string[] {
    const labels: string[] = []
    for (const [id, fields] of this.state('people')) {
      if (id !== personId && typeof fields?.pseudonym === 'string') labels.push(fields.pseudonym)
    }
    return labels
  }

  /** Every registered name and alias (as the batch has changed them so far), and the outside names. */
  private registeredNames(): string[] {
    const names = [...this.outsideNames]
    for (const [id, fields] of this.state('people')) {
      if (typeof fields?.name === 'string') names.push(fields.name)
      const pending = fields?.aliases
      if (Array.isArray(pending)) names.push(...pending.filter((a): a is string => typeof a === 'string'))
      else {
        const stored = collectionMap(this.ydoc, 'people').get(id)
        const aliases = stored instanceof Y.Map ? stored.get('aliases') : undefined
        if (aliases instanceof Y.Array) names.push(...aliases.toArray().filter((a): a is string => typeof a === 'string'))
      }
    }
    return names
  }

  private refuseNameAsPseudonym(pseudonym: string, path: (string | number)[]): void {
    const name = nameInPseudonym(pseudonym, this.registeredNames())
    if (name !== null) this.fail(path, `${JSON.stringify(pseudonym)} contains a registered name; a pseudonym must not identify anyone`)
  }

  private checkRange(date: unknown, dateEnd: unknown, path: (string | number)[]): void {
    if (typeof date !== 'string' || typeof dateEnd !== 'string') return
    if (isTimelineDate(date) && isTimelineDate(dateEnd) && !isOrderedRange(date, dateEnd)) {
      this.fail(path, `must not be before the start date ${date}`)
    }
  }

  // ------------------------------------------------------------ writing

  private write(step: () => void): void {
    this.writes.push(step)
  }

  private entity(collection: Collection, id: string): Y.Map<unknown> {
    return collectionMap(this.ydoc, collection).get(id) as Y.Map<unknown>
  }

  private create(collection: Collection, id: string, fields: Record<string, unknown>): Y.Map<unknown> {
    const entity = new Y.Map<unknown>()
    collectionMap(this.ydoc, collection).set(id, entity)
    setFields(entity, fields, textKeys[collection])
    // Every text field exists from the start, empty if need be: two people starting to type
    // into a field nobody has written yet must share one Y.Text, not create one each.
    for (const key of textKeys[collection]) textAt(entity, key)
    if (isOrderedCollection(collection)) addToList(orderArray(this.ydoc, collection), id)
    return entity
  }

  private remove(collection: Collection, id: string): void {
    collectionMap(this.ydoc, collection).delete(id)
    if (isOrderedCollection(collection)) removeFromList(orderArray(this.ydoc, collection), id)
  }

  /** Removes `id` from the list at `path` (e.g. ["evidence", "eventIds"]) in every entity of a collection. */
  private stripReferences(collection: Collection, path: readonly string[], id: string): void {
    for (const value of collectionMap(this.ydoc, collection).values()) {
      let node: unknown = value
      for (const key of path) node = node instanceof Y.Map ? node.get(key) : undefined
      if (node instanceof Y.Array) removeFromList(node, id)
    }
  }

  private richText(name: string, text: string | undefined): void {
    if (text !== undefined) writePlainText(this.ydoc.getXmlFragment(name), text)
  }

  /** Yjs throws when a name is already another kind of type; find that out before writing. */
  private requireFragment(name: string, path: (string | number)[]): void {
    try {
      this.ydoc.getXmlFragment(name)
    } catch {
      this.fail(path, `the rich-text field ${name} is stored as another kind of shared type`)
    }
  }

  // ------------------------------------------------------------ commands

  plan(command: ValidReviewCommand, at: (string | number)[]): string {
    this.at = at
    switch (command.type) {
      case 'addPerson':
        return this.addPerson(command)
      case 'updatePerson':
        return this.updatePerson(command)
      case 'removePerson':
        return this.removeEntity('people', command.id, () => this.stripReferences('events', ['actorIds'], command.id))
      case 'addPlace':
        return this.addPlace(command)
      case 'updatePlace':
        return this.update('places', command.id, command.patch)
      case 'removePlace':
        return this.removeEntity('places', command.id)
      case 'addIdentifier': {
        const id = command.id ?? newId()
        this.requireNew('identifiers', id)
        this.remember('identifiers', id, {})
        this.write(() => this.create('identifiers', id, { value: command.value, kind: command.kind }))
        return id
      }
      case 'updateIdentifier':
        return this.update('identifiers', command.id, command.patch)
      case 'removeIdentifier':
        return this.removeEntity('identifiers', command.id)
      case 'addEvent':
        return this.addEvent(command)
      case 'updateEvent':
        return this.updateEvent(command)
      case 'setEventDescription':
        this.require('events', command.id, ['id'])
        this.requireFragment(eventDescriptionField(command.id), ['id'])
        this.write(() => this.richText(eventDescriptionField(command.id), command.text))
        return command.id
      case 'removeEvent':
        this.requireFragment(eventDescriptionField(command.id), ['id'])
        return this.removeEntity('events', command.id, () => {
          clearRichText(this.ydoc.getXmlFragment(eventDescriptionField(command.id)))
          this.stripReferences('unmetNeeds', ['eventIds'], command.id)
          this.stripReferences('factorRatings', ['eventIds'], command.id)
          this.stripReferences('findings', ['evidence', 'eventIds'], command.id)
          this.stripReferences('safetyMaps', ['eventIds'], command.id)
        })
      case 'addUnmetNeed':
        return this.addUnmetNeed(command)
      case 'updateUnmetNeed': {
        const { eventIds, factorItemIds, ...fields } = command.patch
        this.requireAll('events', eventIds, ['patch', 'eventIds'])
        return this.update('unmetNeeds', command.id, fields, { eventIds, factorItemIds })
      }
      case 'removeUnmetNeed':
        return this.removeEntity('unmetNeeds', command.id, () => this.stripReferences('findings', ['evidence', 'unmetNeedIds'], command.id))
      case 'rateFactor':
        return this.rateFactor(command)
      case 'clearFactorRating':
        return this.removeEntity('factorRatings', command.factorItemId, undefined, ['factorItemId'])
      case 'addFinding':
        return this.addFinding(command)
      case 'updateFinding': {
        const { factorItemIds, ...fields } = command.patch
        return this.update('findings', command.id, fields, { factorItemIds })
      }
      case 'setFindingBody':
        this.require('findings', command.id, ['id'])
        this.requireFragment(findingBodyField(command.id), ['id'])
        this.write(() => this.richText(findingBodyField(command.id), command.text))
        return command.id
      case 'tagFindingValue':
        this.require('findings', command.findingId, ['findingId'])
        this.write(() => setText(textAt(mapAt(this.entity('findings', command.findingId), 'valueTags'), command.value), command.rationale))
        return command.findingId
      case 'untagFindingValue':
        this.require('findings', command.findingId, ['findingId'])
        this.write(() => setFields(mapAt(this.entity('findings', command.findingId), 'valueTags'), { [command.value]: null }))
        return command.findingId
      case 'linkEvidence':
      case 'unlinkEvidence':
        return this.evidence(command)
      case 'removeFinding':
        this.requireFragment(findingBodyField(command.id), ['id'])
        return this.removeEntity('findings', command.id, () => {
          clearRichText(this.ydoc.getXmlFragment(findingBodyField(command.id)))
          this.stripReferences('recommendations', ['findingIds'], command.id)
        })
      case 'addRecommendation':
        return this.addRecommendation(command)
      case 'updateRecommendation': {
        const { findingIds, ...fields } = command.patch
        this.requireAll('findings', findingIds, ['patch', 'findingIds'])
        return this.update('recommendations', command.id, fields, { findingIds })
      }
      case 'removeRecommendation':
        return this.removeEntity('recommendations', command.id)
      case 'addSafetyMap':
        return this.addSafetyMap(command)
      case 'updateSafetyMap': {
        const { eventIds, ...fields } = command.patch
        this.requireAll('events', eventIds, ['patch', 'eventIds'])
        return this.update('safetyMaps', command.id, fields, { eventIds })
      }
      case 'setSafetyScaling':
        this.require('safetyMaps', command.mapId, ['mapId'])
        this.write(() => {
          const scaling = this.entity('safetyMaps', command.mapId).get('scaling')
          // A map always has its scaling map from creation (addSafetyMap), so two people
          // judging at once write into the same Y.Map; a map without one gets it here.
          setFields(scaling instanceof Y.Map ? scaling : mapAt(this.entity('safetyMaps', command.mapId), 'scaling'), { [command.party]: command.value })
        })
        return command.mapId
      case 'removeSafetyMap':
        return this.removeEntity('safetyMaps', command.id)
      case 'moveItem':
        this.require(command.collection, command.id, ['id'], false)
        this.write(() => moveInList(orderArray(this.ydoc, command.collection), command.id, command.toIndex))
        return command.id
    }
  }

  /** Sets plain fields (null removes) and replaces the given id lists. */
  private update(collection: Collection, id: string, fields: Record<string, unknown>, lists: Record<string, readonly string[] | undefined> = {}): string {
    this.require(collection, id, ['id'])
    this.remember(collection, id, fields)
    this.write(() => {
      const entity = this.entity(collection, id)
      setFields(entity, fields, textKeys[collection])
      for (const [key, ids] of Object.entries(lists)) if (ids !== undefined) syncList(listAt(entity, key), ids)
    })
    return id
  }

  private removeEntity(collection: Collection, id: string, alsoWrite?: () => void, path: (string | number)[] = ['id']): string {
    this.require(collection, id, path, false)
    this.state(collection).delete(id)
    this.write(() => {
      this.remove(collection, id)
      alsoWrite?.()
    })
    return id
  }

  private addPerson(command: CommandOf<'addPerson'>): string {
    const id = command.id ?? newId()
    this.requireNew('people', id)
    const others = this.pseudonymsExcept()
    let pseudonym = command.pseudonym
    if (pseudonym === undefined) pseudonym = suggestPseudonym(command.role, others, command.gender)
    else if (isPseudonymTaken(pseudonym, others)) {
      this.fail(['pseudonym'], `${JSON.stringify(pseudonym)} is already the pseudonym of someone in this review`)
    }
    this.remember('people', id, { pseudonym, name: command.name, aliases: command.aliases ?? [] })
    this.refuseNameAsPseudonym(pseudonym, ['pseudonym'])
    this.write(() => {
      const person = this.create('people', id, {
        name: command.name,
        role: command.role,
        pseudonym,
        birthDate: command.birthDate,
        nationOrCommunity: command.nationOrCommunity,
        caseFileKey: command.caseFileKey,
      })
      syncList(listAt(person, 'aliases'), command.aliases ?? [])
    })
    return id
  }

  private updatePerson(command: CommandOf<'updatePerson'>): string {
    const { aliases, ...fields } = command.patch
    if (fields.pseudonym !== undefined && isPseudonymTaken(fields.pseudonym, this.pseudonymsExcept(command.id))) {
      this.fail(['patch', 'pseudonym'], `${JSON.stringify(fields.pseudonym)} is already the pseudonym of someone in this review`)
    }
    const id = this.update('people', command.id, fields, { aliases })
    if (aliases !== undefined) this.remember('people', command.id, { aliases })
    // A new pseudonym must not be a name, nor may a new name or alias turn up in a pseudonym.
    if (fields.pseudonym !== undefined) this.refuseNameAsPseudonym(fields.pseudonym, ['patch', 'pseudonym'])
    else if (fields.name !== undefined || aliases !== undefined) {
      for (const [, other] of this.state('people')) {
        // Whole names only: an alias such as "Nurse" must not be refused for "Public health nurse".
        const added = [...(fields.name ? [fields.name] : []), ...(aliases ?? [])]
        if (typeof other?.pseudonym === 'string' && nameInPseudonym(other.pseudonym, added, { parts: false }) !== null) {
          this.fail(
            ['patch', fields.name !== undefined ? 'name' : 'aliases'],
            `the pseudonym ${JSON.stringify(other.pseudonym)} contains this name; change that pseudonym first`,
          )
          break
        }
      }
    }
    return id
  }

  private addPlace(command: CommandOf<'addPlace'>): string {
    const id = command.id ?? newId()
    this.requireNew('places', id)
    const labels = [...this.state('places').values()].flatMap(place => (typeof place?.label === 'string' ? [place.label] : []))
    const label = command.label ?? suggestPlaceLabel(command.kind, labels)
    this.remember('places', id, { label })
    this.write(() => this.create('places', id, { name: command.name, kind: command.kind, label }))
    return id
  }

  private addEvent(command: CommandOf<'addEvent'>): string {
    const id = command.id ?? newId()
    this.requireNew('events', id)
    this.requireAll('people', command.actorIds, ['actorIds'])
    this.checkRange(command.date, command.dateEnd, ['dateEnd'])
    if (command.description !== undefined) this.requireFragment(eventDescriptionField(id), ['description'])
    this.remember('events', id, { date: command.date, dateEnd: command.dateEnd })
    this.write(() => {
      const event = this.create('events', id, {
        date: command.date,
        dateEnd: command.dateEnd,
        approximate: command.approximate ?? false,
        stage: command.stage,
        source: command.source,
        keyPracticeEpisode: command.keyPracticeEpisode ?? false,
        order: command.order ?? 0,
      })
      syncList(listAt(event, 'actorIds'), command.actorIds ?? [])
      this.richText(eventDescriptionField(id), command.description)
    })
    return id
  }

  private updateEvent(command: CommandOf<'updateEvent'>): string {
    const { actorIds, ...fields } = command.patch
    this.requireAll('people', actorIds, ['patch', 'actorIds'])
    const date = fields.date ?? this.field('events', command.id, 'date')
    const dateEnd = fields.dateEnd === null ? undefined : (fields.dateEnd ?? this.field('events', command.id, 'dateEnd'))
    this.checkRange(date, dateEnd, ['patch', fields.dateEnd === undefined ? 'date' : 'dateEnd'])
    return this.update('events', command.id, fields, { actorIds })
  }

  private addUnmetNeed(command: CommandOf<'addUnmetNeed'>): string {
    const id = command.id ?? newId()
    this.requireNew('unmetNeeds', id)
    this.requireAll('events', command.eventIds, ['eventIds'])
    this.remember('unmetNeeds', id, {})
    this.write(() => {
      const need = this.create('unmetNeeds', id, {
        need: command.need,
        received: command.received ?? '',
        gap: command.gap ?? '',
        standardsFlagId: command.standardsFlagId,
      })
      syncList(listAt(need, 'eventIds'), command.eventIds ?? [])
      syncList(listAt(need, 'factorItemIds'), command.factorItemIds ?? [])
    })
    return id
  }

  private rateFactor(command: CommandOf<'rateFactor'>): string {
    const key = command.factorItemId
    this.requireAll('events', command.eventIds, ['eventIds'])
    const existing = this.state('factorRatings').get(key)
    this.remember('factorRatings', key, { rating: command.rating })
    this.write(() => {
      const stored = collectionMap(this.ydoc, 'factorRatings').get(key)
      // An existing rating is changed field by field, so a concurrent edit of its rationale survives.
      const rating = existing && stored instanceof Y.Map ? stored : this.create('factorRatings', key, { rationale: '' })
      setFields(rating, { rating: command.rating, rationale: command.rationale }, textKeys.factorRatings)
      if (command.eventIds !== undefined || !(rating.get('eventIds') instanceof Y.Array)) {
        syncList(listAt(rating, 'eventIds'), command.eventIds ?? [])
      }
    })
    return key
  }

  private addFinding(command: CommandOf<'addFinding'>): string {
    const id = command.id ?? newId()
    this.requireNew('findings', id)
    this.requireAll('events', command.evidence?.eventIds, ['evidence', 'eventIds'])
    this.requireAll('unmetNeeds', command.evidence?.unmetNeedIds, ['evidence', 'unmetNeedIds'])
    if (command.body !== undefined) this.requireFragment(findingBodyField(id), ['body'])
    this.remember('findings', id, {})
    this.write(() => {
      const finding = this.create('findings', id, { status: command.status ?? 'draft' })
      const tags = mapAt(finding, 'valueTags')
      for (const tag of command.valueTags ?? []) tags.set(tag.value, new Y.Text(tag.rationale))
      syncList(listAt(finding, 'factorItemIds'), command.factorItemIds ?? [])
      const evidence = mapAt(finding, 'evidence')
      syncList(listAt(evidence, 'eventIds'), command.evidence?.eventIds ?? [])
      syncList(listAt(evidence, 'unmetNeedIds'), command.evidence?.unmetNeedIds ?? [])
      syncList(listAt(evidence, 'accountIds'), command.evidence?.accountIds ?? [])
      this.richText(findingBodyField(id), command.body)
    })
    return id
  }

  private evidence(command: CommandOf<'linkEvidence'> | CommandOf<'unlinkEvidence'>): string {
    this.require('findings', command.findingId, ['findingId'])
    // Accounts live outside the review document, so only their id format can be checked here.
    if (command.type === 'linkEvidence' && command.kind === 'event') this.require('events', command.targetId, ['targetId'], false)
    if (command.type === 'linkEvidence' && command.kind === 'unmetNeed') {
      this.require('unmetNeeds', command.targetId, ['targetId'], false)
    }
    this.write(() => {
      const list = listAt(mapAt(this.entity('findings', command.findingId), 'evidence'), evidenceList[command.kind])
      if (command.type === 'linkEvidence') addToList(list, command.targetId)
      else removeFromList(list, command.targetId)
    })
    return command.findingId
  }

  private addRecommendation(command: CommandOf<'addRecommendation'>): string {
    const id = command.id ?? newId()
    this.requireNew('recommendations', id)
    this.requireAll('findings', command.findingIds, ['findingIds'])
    this.remember('recommendations', id, {})
    this.write(() => {
      const recommendation = this.create('recommendations', id, {
        text: command.text,
        strength: command.strength,
        owner: command.owner,
        dueDate: command.dueDate,
        measure: command.measure,
        status: command.status ?? 'proposed',
      })
      syncList(listAt(recommendation, 'findingIds'), command.findingIds ?? [])
    })
    return id
  }

  private addSafetyMap(command: CommandOf<'addSafetyMap'>): string {
    const id = command.id ?? newId()
    this.requireNew('safetyMaps', id)
    this.requireAll('events', command.eventIds, ['eventIds'])
    this.remember('safetyMaps', id, { date: command.date })
    const { type: _type, id: _id, date, title, eventIds, scaling, ...texts } = command
    this.write(() => {
      const map = this.create('safetyMaps', id, { date, title, ...texts })
      syncList(listAt(map, 'eventIds'), eventIds ?? [])
      const judged = mapAt(map, 'scaling')
      setFields(judged, { ...(scaling ?? {}) })
    })
    return id
  }
}

/**
 * Writes touch collections and order arrays beyond the command's own (removals strip
 * references everywhere). Yjs throws when a root name is already another kind of type, and a
 * throw halfway through a transaction would leave half a write, so check them all first.
 */
function assertRootsUsable(ydoc: Y.Doc): void {
  const problems: Problem[] = []
  const roots = [
    ...collections.map(name => [name, () => collectionMap(ydoc, name)] as const),
    ...orderedCollections.map(name => [orderArrayName(name), () => orderArray(ydoc, name)] as const),
  ]
  for (const [name, get] of roots) {
    try {
      get()
    } catch {
      problems.push({
        path: jsonPointer([name]),
        message: 'is stored as another kind of shared type; nothing was written',
      })
    }
  }
  if (problems.length > 0) throw new ReviewCommandError(problems)
}

/** Validates an untrusted command (e.g. from the network) without applying it. */
export function parseReviewCommand(input: unknown): ValidReviewCommand {
  const result = reviewCommandSchema.safeParse(input)
  if (!result.success) throw new ReviewCommandError(problemsFromZod(result.error))
  return result.data
}

function run(ydoc: Y.Doc, commands: readonly unknown[], single: boolean, options: CommandOptions): CommandResult[] {
  const at = (i: number) => (single ? [] : [i])
  const problems: Problem[] = []
  const parsed: ValidReviewCommand[] = []
  commands.forEach((command, i) => {
    const result = reviewCommandSchema.safeParse(command)
    if (result.success) parsed.push(result.data)
    else problems.push(...problemsFromZod(result.error, at(i)))
  })
  if (problems.length > 0) throw new ReviewCommandError(problems)

  const version = storedSchemaVersion(ydoc)
  if (version !== REVIEW_DOC_SCHEMA_VERSION) {
    throw new ReviewCommandError([
      {
        path: '/meta/schemaVersion',
        message:
          version === null
            ? 'the review document is not initialised (or not synced yet); nothing was written'
            : `the review document has schema version ${version}, this code writes ${REVIEW_DOC_SCHEMA_VERSION}; nothing was written`,
      },
    ])
  }

  let ids: string[] = []
  // Validation runs inside the same transaction as the writes but before any of them: it may
  // define root types (which Yjs does with empty transactions of its own otherwise), and if it
  // throws, the transaction ends with nothing written.
  ydoc.transact(() => {
    assertRootsUsable(ydoc)
    const planner = new Planner(ydoc, options.registeredNames)
    ids = parsed.map((command, i) => planner.plan(command, at(i)))
    if (planner.problems.length > 0) throw new ReviewCommandError(planner.problems)
    for (const write of planner.writes) write()
  }, options.origin)
  return ids.map(id => ({ id }))
}

/** Validates and applies one command in one transaction; throws ReviewCommandError and writes nothing if invalid. */
export function applyCommand(ydoc: Y.Doc, command: ReviewCommand, options: CommandOptions = {}): CommandResult {
  const [result] = run(ydoc, [command], true, options)
  return result as CommandResult
}

/**
 * Validates every command (each against the document as changed by the ones before it), then
 * applies them all in ONE transaction: either all are written or none is.
 */
export function applyCommands(ydoc: Y.Doc, commands: readonly ReviewCommand[], options: CommandOptions = {}): CommandResult[] {
  return run(ydoc, commands, false, options)
}
