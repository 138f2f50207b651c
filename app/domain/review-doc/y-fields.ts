// Small writing primitives for entity Y.Maps. Lists of ids are Y.Arrays edited in place (never
// replaced wholesale) so that two people linking different events at the same moment both
// keep their link; a list is read as a set, so a duplicate from concurrent adds is harmless.
import * as Y from 'yjs'
import { setText, textAt } from './live-text'

/**
 * undefined leaves a field alone, null removes it; an unchanged value is not rewritten. Keys in
 * `textKeys` are Y.Texts, written with a minimal edit; null empties them (the Y.Text stays, so
 * a field someone is typing in keeps its binding) and they read as absent when empty.
 */
export function setFields(entity: Y.Map<unknown>, fields: Record<string, unknown>, textKeys: ReadonlySet<string> = noKeys): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    if (textKeys.has(key)) {
      if (value === null) {
        const existing = entity.get(key)
        if (existing instanceof Y.Text) setText(existing, '')
        else if (existing !== undefined) entity.delete(key)
      } else setText(textAt(entity, key), String(value))
      continue
    }
    if (value === null) {
      if (entity.has(key)) entity.delete(key)
    } else if (entity.get(key) !== value) {
      entity.set(key, value)
    }
  }
}

const noKeys: ReadonlySet<string> = new Set()

export function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

/** The shared type under key, created (or replacing a value of the wrong kind) when needed. */
function sharedTypeAt<T extends Y.Array<unknown> | Y.Map<unknown>>(entity: Y.Map<unknown>, key: string, Kind: new () => T): T {
  const existing = entity.get(key)
  if (existing instanceof Kind) return existing
  const created = new Kind()
  entity.set(key, created)
  return created
}

export function listAt(entity: Y.Map<unknown>, key: string): Y.Array<unknown> {
  return sharedTypeAt(entity, key, Y.Array<unknown>)
}

export function mapAt(entity: Y.Map<unknown>, key: string): Y.Map<unknown> {
  return sharedTypeAt(entity, key, Y.Map<unknown>)
}

export function addToList(list: Y.Array<unknown>, id: string): void {
  if (!list.toArray().includes(id)) list.push([id])
}

/** Removes every occurrence (concurrent adds may have left more than one). */
export function removeFromList(list: Y.Array<unknown>, id: string): void {
  const items = list.toArray()
  for (let i = items.length - 1; i >= 0; i--) {
    if (items[i] === id) list.delete(i, 1)
  }
}

/**
 * Makes the list hold exactly `wanted` (in that order), deleting and inserting only what
 * differs, so concurrent additions by others survive where possible.
 */
export function syncList(list: Y.Array<unknown>, wanted: readonly string[]): void {
  const target = unique(wanted)
  const targetSet = new Set(target)
  const items = list.toArray()
  const kept = new Set<string>()
  const keep = items.map(item => {
    if (typeof item !== 'string' || !targetSet.has(item) || kept.has(item)) return false
    kept.add(item)
    return true
  })
  const keptInOrder = items.filter((_, i) => keep[i]) as string[]
  const targetKept = target.filter(id => kept.has(id))
  const sameOrder = keptInOrder.every((id, i) => id === targetKept[i])
  if (!sameOrder) {
    if (list.length > 0) list.delete(0, list.length)
    if (target.length > 0) list.push(target)
    return
  }
  for (let i = items.length - 1; i >= 0; i--) {
    if (!keep[i]) list.delete(i, 1)
  }
  let index = 0
  for (const id of target) {
    if (!kept.has(id)) list.insert(index, [id])
    index++
  }
}

/** Moves `id` to `toIndex` (clamped), removing any duplicate occurrences. */
export function moveInList(list: Y.Array<unknown>, id: string, toIndex: number): void {
  removeFromList(list, id)
  list.insert(Math.min(toIndex, list.length), [id])
}
