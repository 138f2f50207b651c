import { z } from 'zod'
import { identifierKinds, personRoles, placeKinds } from '../vocabulary'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(value => isRealCalendarDate(value), 'not a calendar date')

function isRealCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number)
  if (year === undefined || month === undefined || day === undefined) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const nonBlank = z.string().trim().min(1)

export const registeredPersonSchema = z.object({
  id: nonBlank,
  name: nonBlank,
  aliases: z.array(nonBlank).default([]),
  role: z.enum(personRoles),
  /** Stable role pseudonym for this review, e.g. "Child 1", "Mother", "Caseworker 2". */
  pseudonym: nonBlank,
  birthDate: isoDate.optional(),
})

export const registeredPlaceSchema = z.object({
  name: nonBlank,
  kind: z.enum(placeKinds),
  /** Overrides the generic label ("the family home", "the school", ...) for this place. */
  label: nonBlank.optional(),
})

export const registeredIdentifierSchema = z.object({
  value: nonBlank,
  kind: z.enum(identifierKinds),
})

export const anonymisationRegistrySchema = z.object({
  people: z.array(registeredPersonSchema).default([]),
  places: z.array(registeredPlaceSchema).default([]),
  identifiers: z.array(registeredIdentifierSchema).default([]),
})

export const outputLocales = ['en', 'fr'] as const
export type OutputLocale = (typeof outputLocales)[number]

export const numericDateOrders = ['month_first', 'day_first'] as const
export type NumericDateOrder = (typeof numericDateOrders)[number]

export const anonymisationOptionsSchema = z.object({
  /** Language of the labels the anonymiser writes ("Day -42" / "Jour -42"). */
  locale: z.enum(outputLocales).default('en'),
  /** Words a reviewer marked safe: never listed as residual candidates. */
  safeWords: z.array(nonBlank).default([]),
  /**
   * How to read an ambiguous numeric date such as 03/04/2025. Defaults to day-first for French
   * and month-first for English; Canadian records mix both, so a jurisdiction can pin it.
   */
  numericDateOrder: z.enum(numericDateOrders).optional(),
})

export const anonymisationContextSchema = z.object({
  registry: anonymisationRegistrySchema,
  incidentDate: isoDate,
  options: anonymisationOptionsSchema.default({}),
})

export type RegisteredPerson = z.output<typeof registeredPersonSchema>
export type RegisteredPlace = z.output<typeof registeredPlaceSchema>
export type RegisteredIdentifier = z.output<typeof registeredIdentifierSchema>
export type AnonymisationRegistry = z.output<typeof anonymisationRegistrySchema>
export type AnonymisationOptions = z.output<typeof anonymisationOptionsSchema>
/** A parsed, defaulted context: what the compiled anonymiser works from. */
export type AnonymisationContext = z.output<typeof anonymisationContextSchema>
/** What callers may pass: optional arrays and options may be left out. */
export type AnonymisationContextInput = z.input<typeof anonymisationContextSchema>
