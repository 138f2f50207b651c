// What the data a jurisdiction loads as JSON (factor frameworks, survey instruments) has in
// common: ids that end up in ratings, answers, links and exports (boring, portable, unique
// across the document), and every problem reported at once with its JSON pointer.
import { z } from 'zod'
import { parseJsonWith, type JsonProblem } from './standards/json-problems'

export const dataId = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,79}$/, 'must be 1-80 characters: lower-case letters, digits, "_", "." or "-"')

const text = z.string().trim().min(1).max(2000)

export const LocalizedText = z.object({ en: text, fr: text }).strict()
export type LocalizedText = z.infer<typeof LocalizedText>

type IdGroups = readonly { id: string; items: readonly { id: string }[] }[]

/**
 * A whole loadable document: its id, name and version, then its own fields, among them the groups
 * (under groupsKey) whose items it rates or asks, all ids unique across the document.
 */
export function dataDocument<S extends z.ZodRawShape>(groupsKey: keyof S & string, shape: S) {
  return z
    .strictObject({ id: dataId, name: LocalizedText, version: z.string().trim().min(1).max(40), ...shape })
    .superRefine((document, ctx) => requireUniqueIds(ctx, groupsKey, (document as Record<string, unknown>)[groupsKey] as IdGroups))
}

/**
 * Groups and their items share one id space: each second use of an id is an issue at its JSON
 * path, naming where the id was first used.
 */
export function requireUniqueIds(ctx: z.RefinementCtx, groupsKey: string, groups: IdGroups) {
  const seen = new Map<string, string>()
  const claim = (id: string, path: (string | number)[]) => {
    const first = seen.get(id)
    if (first !== undefined) ctx.addIssue({ code: 'custom', path, message: `duplicate id "${id}" (first used at ${first})` })
    else seen.set(id, '/' + path.join('/'))
  }
  groups.forEach((group, g) => {
    claim(group.id, [groupsKey, g, 'id'])
    group.items.forEach((item, i) => claim(item.id, [groupsKey, g, 'items', i, 'id']))
  })
}

/** The outcome of loading one kind of JSON data, the value under its own name. */
export type JsonDataResult<K extends string, T> = ({ ok: true } & { [P in K]: T }) | { ok: false; problems: JsonProblem[] }

/** Validates data loaded from JSON (text, or an already parsed value) against its schema. */
export function parseJsonData<S extends z.ZodTypeAny, K extends string>(schema: S, json: unknown, key: K): JsonDataResult<K, z.output<S>> {
  const result = parseJsonWith(schema, json)
  return result.ok ? ({ ok: true, [key]: result.value } as { ok: true } & { [P in K]: z.output<S> }) : result
}
