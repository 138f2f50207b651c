// Settings are never retroactive (ADR 0036): every save of a jurisdiction's practice standards or
// factor framework is a new numbered version, a review names the versions it was opened with,
// and only its facilitator moves it to newer ones. Version 0 is the shipped defaults.

export const settingsKinds = ['practiceStandards', 'factorFramework'] as const
export type SettingsKind = (typeof settingsKinds)[number]

/** The version numbers of both settings: in force for a jurisdiction, or used by a review. */
export type SettingsPins = { practiceStandards: number; factorFramework: number }

export const DEFAULTS_VERSION = 0

/** The number the next save of a kind gets, after the highest kept one (none kept: 1). */
export function nextVersionNumber(highestKept: number | null | undefined): number {
  return (highestKept ?? DEFAULTS_VERSION) + 1
}

/** What a new review is opened with: the versions in force that day. */
export function pinsForNewReview(inForce: SettingsPins): SettingsPins {
  return { ...inForce }
}

export type NewerVersions = {
  /** The newer version of each kind the review could switch to, or null when it is up to date. */
  practiceStandards: number | null
  factorFramework: number | null
  any: boolean
}

export function newerVersions(review: SettingsPins, inForce: SettingsPins): NewerVersions {
  const newer = (kind: SettingsKind) => (inForce[kind] > review[kind] ? inForce[kind] : null)
  const practiceStandards = newer('practiceStandards')
  const factorFramework = newer('factorFramework')
  return { practiceStandards, factorFramework, any: practiceStandards !== null || factorFramework !== null }
}

export type SettingsSwitch = {
  pins: SettingsPins
  /** From -> to for each kind that changes; what the review's history records. */
  changes: Partial<Record<SettingsKind, { from: number; to: number }>>
}

/**
 * Moving a review to the versions in force. Never backwards: a review already on the newest
 * version of a kind keeps it. Null when there is nothing to switch to.
 */
export function switchToNewer(review: SettingsPins, inForce: SettingsPins): SettingsSwitch | null {
  const newer = newerVersions(review, inForce)
  if (!newer.any) return null
  const changes: SettingsSwitch['changes'] = {}
  const pins = { ...review }
  for (const kind of settingsKinds) {
    const to = newer[kind]
    if (to === null) continue
    changes[kind] = { from: review[kind], to }
    pins[kind] = to
  }
  return { pins, changes }
}

// The form editors (admin settings) work on lists: reorder, remove, insert, each returning a new
// list so React state and undo stay simple.

/** Moves the item at `index` by `delta` places; out-of-range moves leave the list as it is. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list]
  const copy = [...list]
  const [item] = copy.splice(index, 1)
  copy.splice(to, 0, item as T)
  return copy
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index)
}

export function replaceItem<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, i) => (i === index ? item : existing))
}

/** An id not yet used in `taken`: `base`, else `base-2`, `base-3`... */
export function unusedId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}
