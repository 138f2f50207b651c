// Text a person writes into the review document (names, labels, the three parts of an unmet
// need, rationales, recommendations...) is stored as a Y.Text inside the entity's Y.Map from
// schema version 2 on, so two people typing in the same field at once both keep their words.
// Before, these were plain strings and the last writer replaced everyone else's text.
// Structured values (dates, stage, ratings, ids) stay plain map values. See ADR 0011.
import * as Y from 'yjs'
import type { Collection } from './structure'
import { SAFETY_MAP_TEXT_MAX, SAFETY_MAP_TITLE_MAX, safetyMapTextFields } from './safety-map'

/**
 * required: the command layer needs text (1+ characters); while someone is retyping it the
 *   field may be empty for a moment, which the reader reports as a warning instead of dropping
 *   the entity from under their caret.
 * optional: empty text reads as absent.
 * text: may be empty.
 */
export type LiveTextKind = 'required' | 'optional' | 'text'
export type LiveTextField = { readonly max: number; readonly kind: LiveTextKind }

const field = (max: number, kind: LiveTextKind): LiveTextField => ({ max, kind })

export const liveTextFields: Readonly<Record<Collection, Readonly<Record<string, LiveTextField>>>> = {
  people: { name: field(200, 'required'), pseudonym: field(60, 'required'), nationOrCommunity: field(200, 'optional') },
  places: { name: field(300, 'required'), label: field(100, 'required') },
  identifiers: { value: field(200, 'required') },
  events: { source: field(200, 'optional') },
  unmetNeeds: { need: field(5000, 'required'), received: field(5000, 'text'), gap: field(5000, 'text') },
  factorRatings: { rationale: field(5000, 'text') },
  // A finding's value tags are a Y.Map from core value to its "why", each a Y.Text.
  findings: {},
  recommendations: { text: field(5000, 'required'), owner: field(200, 'optional'), measure: field(2000, 'optional') },
  safetyMaps: {
    title: field(SAFETY_MAP_TITLE_MAX, 'optional'),
    ...Object.fromEntries(safetyMapTextFields.map(name => [name, field(SAFETY_MAP_TEXT_MAX, 'text')])),
  },
}

export const VALUE_TAG_RATIONALE: LiveTextField = field(1000, 'text')

export function liveTextField(collection: Collection, key: string): LiveTextField | undefined {
  return Object.prototype.hasOwnProperty.call(liveTextFields[collection], key) ? liveTextFields[collection][key] : undefined
}

/** The plain string of a stored text field: a Y.Text (version 2) or a string (version 1). */
export function textValue(value: unknown): string | undefined {
  if (value instanceof Y.Text) return value.toString()
  return typeof value === 'string' ? value : undefined
}

/** The Y.Text under `key`, created (from a version-1 string, or empty) when missing. */
export function textAt(map: Y.Map<unknown>, key: string): Y.Text {
  const existing = map.get(key)
  if (existing instanceof Y.Text) return existing
  const text = new Y.Text(typeof existing === 'string' ? existing : '')
  map.set(key, text)
  return text
}

export type TextEdit = { index: number; remove: number; insert: string }

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/**
 * The one contiguous edit that turns `before` into `after` (null when equal). `caret`, the
 * caret in `after` once the edit is made, disambiguates repeated characters: typing "l" in
 * "hel|lo" inserts at 3, not at the end of the run. Indices are UTF-16 units, as Y.Text's are;
 * a surrogate pair is never split.
 */
export function diffText(before: string, after: string, caret?: number): TextEdit | null {
  if (before === after) return null
  const shortest = Math.min(before.length, after.length)
  // The edited range ends at the caret, so the common tail may not reach left of it.
  const suffixLimit = caret === undefined ? shortest : Math.min(shortest, Math.max(0, after.length - caret))
  let suffix = 0
  while (suffix < suffixLimit && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++
  }
  let prefix = 0
  while (prefix < shortest - suffix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--
  return { index: prefix, remove: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) }
}

/** Makes `text` hold `value` with one minimal edit, so concurrent typing elsewhere in it survives. */
export function setText(text: Y.Text, value: string): void {
  const edit = diffText(text.toString(), value)
  if (!edit) return
  if (edit.remove > 0) text.delete(edit.index, edit.remove)
  if (edit.insert !== '') text.insert(edit.index, edit.insert)
}

type DeltaOp = { insert?: unknown; delete?: number; retain?: number }

/**
 * Moves a position in a text through someone else's change (a Y.Text delta), as a caret
 * should move: text inserted before it pushes it on, deleted text before it pulls it back.
 * Text inserted exactly at the caret stays after it, so two people typing at the same spot
 * each keep writing their own words instead of interleaving letters.
 */
export function transformPosition(position: number, delta: readonly DeltaOp[]): number {
  let oldIndex = 0
  let shift = 0
  for (const op of delta) {
    if (oldIndex >= position && op.delete === undefined) break
    if (op.retain !== undefined) oldIndex += op.retain
    else if (op.insert !== undefined) shift += typeof op.insert === 'string' ? op.insert.length : 1
    else if (op.delete !== undefined) {
      shift -= Math.min(op.delete, position - oldIndex)
      oldIndex += op.delete
    }
  }
  return Math.max(0, position + shift)
}
