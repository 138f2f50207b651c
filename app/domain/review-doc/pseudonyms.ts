// A pseudonym is how a person appears in anything that leaves the review ("Caseworker 2").
// It is suggested once, stored, and from then on only edited by a person: recomputing it when
// the registry changes would silently re-label people in findings already written.
import type { PersonRole, PlaceKind } from '../vocabulary'

/** Only a caller who knows it may say so; pseudonyms are never gendered by guesswork. */
export type GenderHint = 'female' | 'male'

const roleBase: Record<PersonRole, string> = {
  child: 'Child',
  sibling: 'Sibling',
  parent: 'Parent',
  caregiver: 'Caregiver',
  relative: 'Relative',
  household_member: 'Household member',
  worker: 'Caseworker',
  supervisor: 'Supervisor',
  professional: 'Professional',
  community_member: 'Community member',
  other: 'Person',
}

const normalise = (label: string) => label.trim().toLocaleLowerCase('en')

function takenSet(existing: Iterable<string>): Set<string> {
  const taken = new Set<string>()
  for (const label of existing) taken.add(normalise(label))
  return taken
}

function firstFree(base: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const candidate = `${base} ${n}`
    if (!taken.has(normalise(candidate))) return candidate
  }
}

/**
 * The first free pseudonym for the role, given the pseudonyms already in the registry
 * (compared case-insensitively): "Child 1", then "Child 2"; a parent is "Mother"/"Father"
 * only with a gender hint, and the second mother becomes "Mother 2".
 */
export function suggestPseudonym(role: PersonRole, existing: Iterable<string>, gender?: GenderHint): string {
  const taken = takenSet(existing)
  if (role === 'parent' && gender !== undefined) {
    const title = gender === 'female' ? 'Mother' : 'Father'
    if (!taken.has(normalise(title))) return title
    for (let n = 2; ; n++) {
      const candidate = `${title} ${n}`
      if (!taken.has(normalise(candidate))) return candidate
    }
  }
  return firstFree(roleBase[role], taken)
}

const placeBase: Record<PlaceKind, { first: string; next: string }> = {
  address: { first: 'the family home', next: 'address' },
  town: { first: 'the town', next: 'town' },
  school: { first: 'the school', next: 'school' },
  agency: { first: 'the agency', next: 'agency' },
  hospital: { first: 'the hospital', next: 'hospital' },
  other: { first: 'a place', next: 'place' },
}

/**
 * A generic label for a place: the first of a kind gets the definite label ("the school"),
 * later ones are numbered ("school 2"). The first address is assumed to be the family home,
 * which is usually so in a case record; the label is editable.
 */
export function suggestPlaceLabel(kind: PlaceKind, existing: Iterable<string>): string {
  const taken = takenSet(existing)
  const base = placeBase[kind]
  if (!taken.has(normalise(base.first))) return base.first
  for (let n = 2; ; n++) {
    const candidate = `${base.next} ${n}`
    if (!taken.has(normalise(candidate))) return candidate
  }
}

/** Whether a pseudonym is already used, compared as suggestPseudonym compares. */
export function isPseudonymTaken(pseudonym: string, existing: Iterable<string>): boolean {
  return takenSet(existing).has(normalise(pseudonym))
}

// ---------------------------------------------------------------- a pseudonym must not be a name

// The words pseudonyms are made of: a person called "Sam Parent" may still be "Parent 2".
const LABEL_WORDS = new Set(
  [...Object.values(roleBase), 'Mother', 'Father', 'Staff', 'member', 'Membre', 'personnel'].flatMap(label => label.toLocaleLowerCase('en').split(' ')),
)

function nameTokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en')
    .split(/[^\p{L}\p{N}'@.]+|(?<=\p{L})\.(?=\s|$)/u)
    .map(token => token.replace(/^[.']+|[.']+$/g, ''))
    .filter(token => token.length > 0)
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

/**
 * The registered name (or alias, or name part of three letters or more) a pseudonym would
 * reveal, or null. A pseudonym is what leaves the review: "Glen Osei" or "Mr Osei" as the
 * pseudonym of Glen Osei would take his name out in every export. Compared without case or
 * accents, token by token, so "Caseworker 2" never matches a person called "Case".
 */
export function nameInPseudonym(pseudonym: string, registeredNames: Iterable<string>, options: { parts?: boolean } = {}): string | null {
  const parts = options.parts ?? true
  const tokens = nameTokens(pseudonym)
  if (tokens.length === 0) return null
  for (const name of registeredNames) {
    const nameParts = nameTokens(name)
    if (nameParts.length === 0) continue
    if (containsRun(tokens, nameParts)) return name
    if (!parts) continue
    for (const part of nameParts) {
      if (part.length >= 3 && !/^\d+$/.test(part) && !LABEL_WORDS.has(part) && tokens.includes(part)) return name
    }
  }
  return null
}
