// A review document gets its initial content exactly once, from the server's copy of the room
// (see docs/collab-notes.md: seeding on clients duplicates content). Initialisation
// only sets keys of the meta map, so even an accidental second run converges instead of
// duplicating anything.
import * as Y from 'yjs'
import { META } from './structure'
import { REVIEW_DOC_SCHEMA_VERSION } from './schema'

export interface ReviewDocInit {
  /** The Review row this document belongs to; guards against loading the wrong room. */
  reviewId: string
}

export class ReviewDocMismatchError extends Error {
  constructor(expected: string, found: unknown) {
    super(`review document belongs to review ${JSON.stringify(found)}, not ${JSON.stringify(expected)}`)
    this.name = 'ReviewDocMismatchError'
  }
}

/**
 * Writes meta.schemaVersion and meta.reviewId if the document has none yet. Returns whether it
 * wrote anything. Call on the server after loading the persisted state and before any client
 * syncs; never on a client.
 */
export function initialiseReviewDoc(ydoc: Y.Doc, init: ReviewDocInit, options: { origin?: unknown } = {}): { initialised: boolean } {
  const meta = ydoc.getMap<unknown>(META)
  if (meta.has('schemaVersion')) {
    const stored = meta.get('reviewId')
    if (stored !== undefined && stored !== init.reviewId) throw new ReviewDocMismatchError(init.reviewId, stored)
    return { initialised: false }
  }
  ydoc.transact(() => {
    meta.set('schemaVersion', REVIEW_DOC_SCHEMA_VERSION)
    meta.set('reviewId', init.reviewId)
  }, options.origin)
  return { initialised: true }
}

/** The stored schema version, or null when the document is not initialised (or not synced yet). */
export function storedSchemaVersion(ydoc: Y.Doc): number | null {
  const version = ydoc.getMap<unknown>(META).get('schemaVersion')
  return typeof version === 'number' ? version : null
}
