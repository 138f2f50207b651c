// Version policy (also in docs/review-doc.md):
// - Additive changes (a new optional field, a new collection) do not bump the version: readers
//   ignore keys they do not know and treat missing ones as absent.
// - Anything an older reader would misread (renaming or moving a key, changing a value's type
//   or meaning) bumps REVIEW_DOC_SCHEMA_VERSION and adds a step here from the old version.
// - Migrations run only on the server, on its authoritative copy of the room, after loading
//   the persisted state and before any client syncs: two authorities migrating concurrently
//   would both move the same content and duplicate it.
// - All steps run in one transaction, so a client never sees a half-migrated document.
// - A document newer than this code is never written to (commands refuse it, see commands.ts).
import * as Y from 'yjs'
import { liveTextFields } from './live-text'
import { META, collections } from './structure'
import { REVIEW_DOC_SCHEMA_VERSION } from './schema'

/** Upgrades a document from version n to n + 1. Must not throw once it has started writing. */
export type MigrationStep = (ydoc: Y.Doc) => void

/**
 * 1 → 2: the text a person writes moves from plain strings to Y.Texts inside each entity
 * (see live-text.ts), with the same characters; every text field of an entity gets one, empty
 * if it had none, so two people starting to type into it share it. Values of another kind
 * are left alone: the reader reports them as before.
 */
export function textFieldsAsYText(ydoc: Y.Doc): void {
  const toText = (map: Y.Map<unknown>, key: string) => {
    const value = map.get(key)
    if (value instanceof Y.Text) return
    if (value === undefined || typeof value === 'string') map.set(key, new Y.Text(value ?? ''))
  }
  for (const collection of collections) {
    if (!ydoc.share.has(collection)) continue
    let root: Y.Map<unknown>
    try {
      root = ydoc.getMap<unknown>(collection)
    } catch {
      continue // another kind of shared type under this name: the reader reports it
    }
    for (const entity of root.values()) {
      if (!(entity instanceof Y.Map)) continue
      for (const key of Object.keys(liveTextFields[collection])) toText(entity, key)
      const tags = collection === 'findings' ? entity.get('valueTags') : undefined
      if (tags instanceof Y.Map) for (const value of [...tags.keys()]) if (typeof tags.get(value) === 'string') toText(tags, value)
    }
  }
}

// Keyed by the version a step upgrades from.
const steps: Partial<Record<number, MigrationStep>> = { 1: textFieldsAsYText }

export class ReviewDocVersionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReviewDocVersionError'
  }
}

export interface MigrationResult {
  from: number | null
  to: number | null
  migrated: boolean
}

/** Brings the document up to REVIEW_DOC_SCHEMA_VERSION; a no-op when it is current or uninitialised. */
export function migrateReviewDoc(ydoc: Y.Doc, options: { origin?: unknown } = {}): MigrationResult {
  return runMigrations(ydoc, { target: REVIEW_DOC_SCHEMA_VERSION, steps, origin: options.origin })
}

/** The mechanism behind migrateReviewDoc, with the target and steps as parameters so it can be tested. */
export function runMigrations(ydoc: Y.Doc, plan: { target: number; steps: Partial<Record<number, MigrationStep>>; origin?: unknown }): MigrationResult {
  const { target } = plan
  const meta = ydoc.getMap<unknown>(META)
  const from = meta.get('schemaVersion')
  if (from === undefined) return { from: null, to: null, migrated: false }
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    throw new ReviewDocVersionError(`review document has an unreadable schema version: ${JSON.stringify(from)}`)
  }
  if (from > target) {
    throw new ReviewDocVersionError(`review document has schema version ${from}, newer than this code (${target}); upgrade the app`)
  }
  if (from === target) return { from, to: from, migrated: false }

  // Check the whole path first, so a missing step fails before anything is written.
  const path: MigrationStep[] = []
  for (let version = from; version < target; version++) {
    const step = plan.steps[version]
    if (!step) throw new ReviewDocVersionError(`no migration from review document schema version ${version}`)
    path.push(step)
  }
  ydoc.transact(() => {
    path.forEach((step, i) => {
      step(ydoc)
      meta.set('schemaVersion', from + i + 1)
    })
  }, plan.origin)
  return { from, to: target, migrated: true }
}
