// A systemic factor framework is data: domains -> items -> definitions, in both languages of the
// interface. The product ships an openly worded default; a jurisdiction that licenses another
// framework (e.g. the Safe Systems Improvement Tool) loads it from JSON instead, so the licensed
// item list never has to live in this code base.
import { z } from 'zod'
import { dataDocument, dataId, LocalizedText, parseJsonData, type JsonDataResult } from '../json-data'

export { LocalizedText }

export const locales = ['en', 'fr'] as const
export type Locale = (typeof locales)[number]

// Ids end up in ratings, links and exports; keep them boring and portable.
const factorId = dataId

export const FactorItem = z.strictObject({
  id: factorId,
  label: LocalizedText,
  definition: LocalizedText,
})
export type FactorItem = z.infer<typeof FactorItem>

export const FactorDomain = z.strictObject({
  id: factorId,
  label: LocalizedText,
  items: z.array(FactorItem).min(1).max(100),
})
export type FactorDomain = z.infer<typeof FactorDomain>

// Ratings point at item ids without naming the domain, so an id must be unique across the whole
// framework, not only within its domain; domain ids share the same space to keep links
// unambiguous.
export const FactorFramework = dataDocument('domains', { domains: z.array(FactorDomain).min(1).max(50) })
export type FactorFramework = z.infer<typeof FactorFramework>

export type ParseFrameworkResult = JsonDataResult<'framework', FactorFramework>

/**
 * Validates a framework loaded from JSON (text, or an already parsed value) and reports every
 * problem at once, each with its JSON pointer.
 */
export const parseFactorFramework = (json: unknown): ParseFrameworkResult => parseJsonData(FactorFramework, json, 'framework')

export interface FactorItemRef {
  domain: FactorDomain
  item: FactorItem
}

/** Item id -> its item and domain, for showing a rating with its labels. */
export function indexFactorItems(framework: FactorFramework): Map<string, FactorItemRef> {
  const index = new Map<string, FactorItemRef>()
  for (const domain of framework.domains) {
    for (const item of domain.items) index.set(item.id, { domain, item })
  }
  return index
}
