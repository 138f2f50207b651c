// The people a review knows without anyone typing them into its registry: its members and the
// jurisdiction's staff. Each becomes a registered person of the anonymiser, under ONE
// pseudonym used for the timeline, accounts and quotes alike:
// - someone the registry already lists (same name or alias, or their email as an alias) keeps
//   the registry's pseudonym, so the worker in the timeline and the author of a quote are the
//   same "Caseworker 1";
// - otherwise the pseudonym of their staff account on this review, unless a registry person
//   already uses it for someone else (then the next free one: two people, two labels);
// - otherwise a numbered "Staff member N".
import type { RegisteredPerson } from '../anonymise'
import type { Person } from '../review-doc'
import { isPseudonymTaken, suggestPseudonym } from '../review-doc/pseudonyms'

export interface StaffUser {
  id: string
  name: string
  email: string
  /** The pseudonym of their staff account on this review, if they were invited to give one. */
  accountPseudonym?: string | null
  /** Aliases a reviewer gave them when resolving residual candidates (stored outside the document). */
  aliases?: readonly string[]
}

export interface StaffRegistry {
  /** The registry people with the staff members they turned out to be (emails as aliases). */
  people: RegisteredPerson[]
  /** Staff not in the registry, as registered people with ids "user:<id>". */
  staff: RegisteredPerson[]
  /** The one pseudonym of each user. */
  pseudonymOf: Map<string, string>
}

export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim()
}

const staffMemberLabel = { en: 'Staff member', fr: 'Membre du personnel' } as const

export function staffUserRef(userId: string): string {
  return `user:${userId}`
}

const nonBlank = (value: string) => value.trim().length > 0

/** The registry's people the anonymiser can use: those with a name and a pseudonym. */
export function registeredPeople(people: readonly Person[]): RegisteredPerson[] {
  return people
    .filter(person => nonBlank(person.name) && nonBlank(person.pseudonym))
    .map(person => ({
      id: person.id,
      name: person.name,
      aliases: person.aliases.filter(nonBlank),
      role: person.role,
      pseudonym: person.pseudonym,
      ...(person.birthDate ? { birthDate: person.birthDate } : {}),
    }))
}

export function staffRegistry(people: readonly Person[], users: readonly StaffUser[], locale: 'en' | 'fr' = 'en'): StaffRegistry {
  const registered = registeredPeople(people)
  const byName = new Map<string, RegisteredPerson>()
  for (const person of registered) {
    for (const n of [person.name, ...person.aliases]) if (!byName.has(foldName(n))) byName.set(foldName(n), person)
  }
  const taken = registered.map(p => p.pseudonym)
  const pseudonymOf = new Map<string, string>()
  const staff: RegisteredPerson[] = []
  // Stable numbering whatever order the caller read them in.
  const ordered = [...users].sort((a, b) => a.id.localeCompare(b.id))
  const unmatched: StaffUser[] = []
  for (const user of ordered) {
    const person = byName.get(foldName(user.name)) ?? byName.get(foldName(user.email))
    if (!person) {
      unmatched.push(user)
      continue
    }
    for (const alias of [user.name, user.email, ...(user.aliases ?? [])]) {
      if (nonBlank(alias) && !person.aliases.some(a => foldName(a) === foldName(alias)) && foldName(person.name) !== foldName(alias)) person.aliases.push(alias)
    }
    pseudonymOf.set(user.id, person.pseudonym)
  }
  // Account pseudonyms first, so a free account pseudonym is never taken by a "Staff member N".
  for (const user of unmatched) {
    const own = user.accountPseudonym?.trim()
    if (!own) continue
    const pseudonym = isPseudonymTaken(own, taken) ? suggestPseudonym('worker', taken) : own
    taken.push(pseudonym)
    pseudonymOf.set(user.id, pseudonym)
  }
  let n = 0
  for (const user of unmatched) {
    let pseudonym = pseudonymOf.get(user.id)
    if (pseudonym === undefined) {
      do pseudonym = `${staffMemberLabel[locale]} ${++n}`
      while (isPseudonymTaken(pseudonym, taken))
      taken.push(pseudonym)
      pseudonymOf.set(user.id, pseudonym)
    }
    if (!nonBlank(user.name)) continue
    const aliases = [user.email, ...(user.aliases ?? [])].filter(nonBlank)
    staff.push({ id: staffUserRef(user.id), name: user.name, aliases, role: 'professional', pseudonym })
  }
  return { people: registered, staff, pseudonymOf }
}
