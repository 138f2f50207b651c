// Names of the shared types at the top level of a review's Y.Doc. Changing any of these is a
// breaking change (bump REVIEW_DOC_SCHEMA_VERSION and write a migration).
import * as Y from 'yjs'

export const META = 'meta'

/** Each collection is a top-level Y.Map from id to an entity Y.Map. */
export const collections = ['people', 'places', 'identifiers', 'events', 'unmetNeeds', 'factorRatings', 'findings', 'recommendations', 'safetyMaps'] as const
export type Collection = (typeof collections)[number]

// Events are kept chronological and factor ratings follow the framework, so only these carry
// an explicit, user-controlled order.
export const orderedCollections = ['people', 'places', 'identifiers', 'unmetNeeds', 'findings', 'recommendations'] as const
export type OrderedCollection = (typeof orderedCollections)[number]

export function isOrderedCollection(collection: Collection): collection is OrderedCollection {
  return (orderedCollections as readonly string[]).includes(collection)
}

export function collectionMap(ydoc: Y.Doc, collection: Collection): Y.Map<unknown> {
  return ydoc.getMap<unknown>(collection)
}

export function orderArrayName(collection: OrderedCollection): string {
  return `${collection}Order`
}

export function orderArray(ydoc: Y.Doc, collection: OrderedCollection): Y.Array<unknown> {
  return ydoc.getArray<unknown>(orderArrayName(collection))
}

// Tiptap's Collaboration extension binds an editor to ydoc.getXmlFragment(field), so each
// rich-text field is its own top-level fragment with a name derived from the entity id.
export function eventDescriptionField(eventId: string): string {
  return `event:${eventId}:description`
}

export function findingBodyField(findingId: string): string {
  return `finding:${findingId}:body`
}
