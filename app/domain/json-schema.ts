// JSON Schema (draft 2020-12) generated from the zod schemas of the data files an administrator
// loads, so the published schema (docs/schemas) cannot drift from what the server accepts
// (ADR 0037). Only the zod features those schemas use are covered; anything else throws, so a
// new feature is noticed when the schemas are regenerated. Checks written as refinements
// (unique ids, warnDays <= limitDays, valid regular expressions) cannot be expressed here: the
// schema's description says so and the server reports them.
import { z } from 'zod'

export type JsonSchema = { [key: string]: unknown }

function stringSchema(def: z.ZodStringDef): JsonSchema {
  const out: JsonSchema = { type: 'string' }
  for (const check of def.checks) {
    if (check.kind === 'min') out.minLength = check.value
    else if (check.kind === 'max') out.maxLength = check.value
    else if (check.kind === 'regex') out.pattern = check.regex.source
    else if (check.kind === 'trim') continue
    else throw new Error(`json-schema: unsupported string check ${check.kind}`)
  }
  return out
}

function numberSchema(def: z.ZodNumberDef): JsonSchema {
  const out: JsonSchema = { type: 'number' }
  for (const check of def.checks) {
    if (check.kind === 'int') out.type = 'integer'
    else if (check.kind === 'min') out[check.inclusive ? 'minimum' : 'exclusiveMinimum'] = check.value
    else if (check.kind === 'max') out[check.inclusive ? 'maximum' : 'exclusiveMaximum'] = check.value
    else throw new Error(`json-schema: unsupported number check ${check.kind}`)
  }
  return out
}

/** Whether a property may be left out of the JSON (optional, or filled in by a default). */
function mayBeOmitted(schema: z.ZodTypeAny): boolean {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || (schema instanceof z.ZodEffects && mayBeOmitted(schema.innerType()))
}

export function toJsonSchema(schema: z.ZodTypeAny): JsonSchema {
  if (schema instanceof z.ZodString) return stringSchema(schema._def)
  if (schema instanceof z.ZodNumber) return numberSchema(schema._def)
  if (schema instanceof z.ZodEnum) return { type: 'string', enum: [...(schema.options as string[])] }
  if (schema instanceof z.ZodLiteral) return { const: schema.value as unknown }
  if (schema instanceof z.ZodOptional) return toJsonSchema(schema.unwrap())
  if (schema instanceof z.ZodDefault) return { ...toJsonSchema(schema.removeDefault()), default: schema._def.defaultValue() as unknown }
  if (schema instanceof z.ZodEffects) {
    if (schema._def.effect.type !== 'refinement') throw new Error('json-schema: transforms are not supported')
    return toJsonSchema(schema.innerType())
  }
  if (schema instanceof z.ZodArray) {
    const def = schema._def
    return {
      type: 'array',
      items: toJsonSchema(def.type),
      ...(def.minLength ? { minItems: def.minLength.value } : {}),
      ...(def.maxLength ? { maxItems: def.maxLength.value } : {}),
    }
  }
  if (schema instanceof z.ZodDiscriminatedUnion) {
    return { oneOf: (schema.options as z.ZodTypeAny[]).map(option => toJsonSchema(option)) }
  }
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodTypeAny>
    const required = Object.keys(shape).filter(key => !mayBeOmitted(shape[key]!))
    return {
      type: 'object',
      properties: Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, toJsonSchema(value)])),
      ...(required.length ? { required } : {}),
      ...(schema._def.unknownKeys === 'strict' ? { additionalProperties: false } : {}),
    }
  }
  throw new Error(`json-schema: unsupported zod type ${schema.constructor.name}`)
}

/** A whole published schema: header, title and the note about checks it cannot express. */
export function publishedSchema(schema: z.ZodTypeAny, meta: { id: string; title: string; description: string }): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: meta.id,
    title: meta.title,
    description: meta.description,
    ...toJsonSchema(schema),
  }
}
