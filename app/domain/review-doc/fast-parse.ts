// A fast path for zod's safeParse of the document's entity schemas (ADR 0057). Reading a
// 2,000-event review spent most of its time in zod's generic machinery (a context object, a
// path and a result object per field), although almost every entity is valid. The schemas are
// compiled once, from their own definitions, into plain checks that either return exactly what
// zod's parse would return or give up; on giving up the caller parses with zod, so every
// problem reported still comes from zod, word for word. Refinements (superRefine, refine) are
// the schemas' own functions, run with a context that only notes whether they added an issue.
// Anything this compiler does not know makes the whole schema "not compiled": zod only.
import { z } from 'zod'

/** Tests turn the fast path off to read the same document with zod alone and compare. */
export const fastParse = { enabled: true }

/** What a compiled check returns when it gives up (invalid, or unsure): parse with zod then. */
export const GIVE_UP: unique symbol = Symbol('give up')

type Check = (value: unknown) => unknown

// zod's getParsedType says "object" for more than plain objects (Uint8Array, class instances);
// only plain objects (what Y.Map#toJSON gives) are taken here, the rest is left to zod.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

function compileString(def: z.ZodStringDef): Check | null {
  const regexes: RegExp[] = []
  for (const check of def.checks) {
    if (check.kind !== 'regex') return null
    regexes.push(check.regex)
  }
  if (def.coerce) return null
  return value => {
    if (typeof value !== 'string') return GIVE_UP
    for (const regex of regexes) {
      regex.lastIndex = 0
      if (!regex.test(value)) return GIVE_UP
    }
    return value
  }
}

function compileNumber(def: z.ZodNumberDef): Check | null {
  if (def.coerce) return null
  const checks = def.checks
  for (const check of checks) {
    if (check.kind !== 'int' && check.kind !== 'finite' && check.kind !== 'min' && check.kind !== 'max') return null
  }
  return value => {
    if (typeof value !== 'number' || Number.isNaN(value)) return GIVE_UP
    for (const check of checks) {
      if (check.kind === 'int' ? !Number.isInteger(value) : check.kind === 'finite' ? !Number.isFinite(value) : false) return GIVE_UP
      if (check.kind === 'min' && (check.inclusive ? value < check.value : value <= check.value)) return GIVE_UP
      if (check.kind === 'max' && (check.inclusive ? value > check.value : value >= check.value)) return GIVE_UP
    }
    return value
  }
}

function compileArray(def: z.ZodArrayDef): Check | null {
  const item = compile(def.type)
  if (!item) return null
  const { minLength, maxLength, exactLength } = def
  return value => {
    if (!Array.isArray(value)) return GIVE_UP
    if (exactLength && value.length !== exactLength.value) return GIVE_UP
    if (minLength && value.length < minLength.value) return GIVE_UP
    if (maxLength && value.length > maxLength.value) return GIVE_UP
    const out: unknown[] = new Array(value.length)
    for (let i = 0; i < value.length; i++) {
      const parsed = item(value[i])
      if (parsed === GIVE_UP) return GIVE_UP
      out[i] = parsed
    }
    return out
  }
}

function compileObject(schema: z.AnyZodObject): Check | null {
  const def = schema._def
  if (!(def.catchall instanceof z.ZodNever) || (def.unknownKeys !== 'strip' && def.unknownKeys !== 'strict')) return null
  const strict = def.unknownKeys === 'strict'
  const shape = schema.shape as Record<string, z.ZodTypeAny>
  const keys = Object.keys(shape)
  const checks: Check[] = []
  for (const key of keys) {
    const check = compile(shape[key]!)
    if (!check || key === '__proto__') return null
    checks.push(check)
  }
  const known = new Set(keys)
  return value => {
    if (!isPlainObject(value)) return GIVE_UP
    if (strict) {
      for (const key in value) if (!known.has(key)) return GIVE_UP
    }
    const out: Record<string, unknown> = {}
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const parsed = checks[i]!(value[key])
      if (parsed === GIVE_UP) return GIVE_UP
      // As zod: a key given with the value undefined stays, with the value undefined.
      if (parsed !== undefined) out[key] = parsed
      else if (key in value) out[key] = undefined
    }
    return out
  }
}

// One context for every refinement (they run one at a time and never keep it): a closure per
// call would cost more than the check itself.
const issues = {
  added: false,
  addIssue(): void {
    issues.added = true
  },
  path: [] as (string | number)[],
}

/** Runs a refinement as zod would, noting only whether it added an issue. */
function compileRefinement(def: z.ZodEffectsDef): Check | null {
  if (def.effect.type !== 'refinement') return null
  const inner = compile(def.schema)
  if (!inner) return null
  const refinement = def.effect.refinement
  return value => {
    const parsed = inner(value)
    if (parsed === GIVE_UP) return GIVE_UP
    issues.added = false
    const result: unknown = refinement(parsed, issues)
    if (result instanceof Promise) return GIVE_UP
    return issues.added ? GIVE_UP : parsed
  }
}

function compileUncached(schema: z.ZodTypeAny): Check | null {
  const def = schema._def as { typeName?: string }
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodString:
      return compileString(schema._def as z.ZodStringDef)
    case z.ZodFirstPartyTypeKind.ZodNumber:
      return compileNumber(schema._def as z.ZodNumberDef)
    case z.ZodFirstPartyTypeKind.ZodBoolean:
      if ((schema._def as z.ZodBooleanDef).coerce) return null
      return value => (typeof value === 'boolean' ? value : GIVE_UP)
    case z.ZodFirstPartyTypeKind.ZodAny:
      return value => value
    case z.ZodFirstPartyTypeKind.ZodEnum: {
      const values: readonly unknown[] = (schema._def as z.ZodEnumDef).values
      return value => (typeof value === 'string' && values.includes(value) ? value : GIVE_UP)
    }
    case z.ZodFirstPartyTypeKind.ZodArray:
      return compileArray(schema._def as z.ZodArrayDef)
    case z.ZodFirstPartyTypeKind.ZodObject:
      return compileObject(schema as z.AnyZodObject)
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return compileRefinement(schema._def as z.ZodEffectsDef)
    case z.ZodFirstPartyTypeKind.ZodOptional: {
      const inner = compile((schema._def as z.ZodOptionalDef).innerType)
      return inner && (value => (value === undefined ? undefined : inner(value)))
    }
    case z.ZodFirstPartyTypeKind.ZodDefault: {
      const def = schema._def as z.ZodDefaultDef
      const inner = compile(def.innerType)
      return inner && (value => inner(value === undefined ? def.defaultValue() : value))
    }
    default:
      return null
  }
}

const compiled = new WeakMap<z.ZodTypeAny, Check | null>()

function compile(schema: z.ZodTypeAny): Check | null {
  if (compiled.has(schema)) return compiled.get(schema)!
  const check = compileUncached(schema)
  compiled.set(schema, check)
  return check
}

/**
 * What `schema.safeParse(value)` returns, computed without zod when the value is valid and the
 * schema compiles; zod's own result otherwise (so its issues, unchanged).
 */
export function fastSafeParse<S extends z.ZodTypeAny>(schema: S, value: unknown): z.SafeParseReturnType<z.input<S>, z.output<S>> {
  const check = fastParse.enabled ? compile(schema) : null
  if (check) {
    const parsed = check(value)
    if (parsed !== GIVE_UP) return { success: true, data: parsed as z.output<S> }
  }
  return schema.safeParse(value)
}

/** Whether the schema compiled (tests use it to know the fast path is really taken). */
export function isCompiled(schema: z.ZodTypeAny): boolean {
  return compile(schema) !== null
}
