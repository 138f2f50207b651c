// A systemic factor framework is data: domains -> items -> definitions, in both languages of the
// interface. The product ships an openly worded default; a jurisdiction that licenses another
// framework (e.g. the Safe Systems Improvement Tool) loads it from JSON instead, so the licensed
// item list never has to live in this code base.
import { z } from 'zod'
import { parseJsonWith, type JsonProblem } from '../standards/json-problems'

export const locales = ['en', 'fr'] as const
export type Locale = (typeof locales)[number]

const text = z.string().trim().min(1).max(2000)

export const LocalizedText = z.object({ en: text, fr: text }).strict()
export type LocalizedText = z.infer<typeof LocalizedText>

// Ids end up in ratings, links and exports; keep them boring and portable.
const factorId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,79}$/, 'must be 1-80 characters: lower-case letters, digits, "_", "." or "-"')

export const FactorItem = z
  .object({
    id: factorId,
    label: LocalizedText,
    definition: LocalizedText,
  })
  .strict()
export type FactorItem = z.infer<typeof FactorItem>

export const FactorDomain = z
  .object({
    id: factorId,
    label: LocalizedText,
    items: z.array(FactorItem).min(1).max(100),
  })
  .strict()
export type FactorDomain = z.infer<typeof FactorDomain>

export const FactorFramework = z
  .object({
    id: factorId,
    name: LocalizedText,
    version: z.string().trim().min(1).max(40),
    domains: z.array(FactorDomain).min(1).max(50),
  })
  .strict()
  .superRefine((framework, ctx) => {
    // Ratings point at item ids without naming the domain, so an id must be unique across the
    // whole framework, not only within its domain; domain ids share the same space to keep
    // links unambiguous.
    const seen = new Map<string, string>()
    const claim = (id: string, path: (string | number)[]) => {
      const first = seen.get(id)
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path, message: `duplicate id "${id}" (first used at ${first})` })
      } else {
        seen.set(id, '/' + path.join('/'))
      }
    }
    framework.domains.forEach((domain, d) => {
      claim(domain.id, ['domains', d, 'id'])
      domain.items.forEach((item, i) => claim(item.id, ['domains', d, 'items', i, 'id']))
    })
  })
export type FactorFramework = z.infer<typeof FactorFramework>

export type ParseFrameworkResult = { ok: true; framework: FactorFramework } | { ok: false; problems: JsonProblem[] }

/**
 * Validates a framework loaded from JSON (text, or an already parsed value) and reports every
 * problem at once, each with its JSON pointer.
 */
export function parseFactorFramework(json: unknown): ParseFrameworkResult {
  const result = parseJsonWith(FactorFramework, json)
  return result.ok ? { ok: true, framework: result.value } : result
}

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
