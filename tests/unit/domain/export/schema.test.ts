// The zod contract (app/domain/export/schema.ts) and the published JSON Schema
// (docs/export/shared-review.schema.json) must judge every document the same way. Sample
// exports are checked against both, and then every field of a sample is pushed just inside
// and just outside what the JSON Schema allows (type, length in code points, range, enum,
// pattern, null, missing, extra keys): both validators must agree on each.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ageBands, buildSharedReview, exportFramework, sharedReviewSchema } from '../../../../app/domain/export'
import { sharedIdFor } from '../../../../app/utils/digest.server'
import { defaultFactorFramework } from '../../../../app/domain/factors'
import {
  coreValues,
  findingStatuses,
  incidentTypes,
  journeyStages,
  recommendationStatuses,
  recommendationStrengths,
  reviewPhases,
} from '../../../../app/domain/vocabulary'
import { calder, registries } from '../../../fixtures/anonymise/registries'
import { CALDER_INCIDENT, calderDocument } from '../../../fixtures/export/calder'
import { compileSharedReviewJsonSchema, loadSharedReviewJsonSchema, type JsonSchema } from '../../../fixtures/export/json-schema'
import { corpusReviewCommands, documentFrom } from '../../../fixtures/export/review'
import { emptySharedReview } from '../../../fixtures/export/shared-review'

const validateJson = compileSharedReviewJsonSchema()
const jsonSchema = loadSharedReviewJsonSchema()

function verdicts(value: unknown) {
  return { zod: sharedReviewSchema.safeParse(value).success, jsonSchema: validateJson(value) }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const sampleFile: Json = JSON.parse(fs.readFileSync('tests/fixtures/export/sample-shared-review.json', 'utf8')) as Json

function built(registry = calder, sharedKey = 'r') {
  const document = registry === calder ? calderDocument() : documentFrom(corpusReviewCommands(registry)).document
  return buildSharedReview({
    document,
    review: {
      sharedId: sharedIdFor('NW-DEMO', sharedKey),
      jurisdiction: 'NW-DEMO',
      incidentDate: registry === calder ? CALDER_INCIDENT : registry.context.incidentDate,
      incidentType: 'fatality',
      phase: 'shared',
    },
    framework: exportFramework(defaultFactorFramework),
    excerpts: [{ pseudonym: 'Caseworker 9', findingId: 'f1', excerpt: 'An excerpt.' }],
    locale: registry.context.options?.locale ?? 'en',
  }).sharedReview
}

const minimal = emptySharedReview()

describe('sample exports', () => {
  const samples: [string, unknown][] = [
    ['the published sample', sampleFile],
    ['the calder review', built()],
    ['a minimal review', minimal],
    ...Object.values(registries).map((r): [string, unknown] => [`the ${r.key} corpus review`, built(r, r.key)]),
  ]
  it.each(samples)('%s is valid for both validators', (_name, sample) => {
    expect(verdicts(sample)).toEqual({ zod: true, jsonSchema: true })
    if (!validateJson(sample)) throw new Error(JSON.stringify(validateJson.errors))
  })

  it('the published example in docs/export is the sample', () => {
    expect(fs.readFileSync('docs/export/example.json', 'utf8')).toBe(fs.readFileSync('tests/fixtures/export/sample-shared-review.json', 'utf8'))
  })
})

// ---------------------------------------------------------------- the schemas' shapes

function resolve(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref
  if (typeof ref === 'string') return resolve((jsonSchema.$defs as Record<string, JsonSchema>)[ref.replace('#/$defs/', '')] ?? {})
  return schema
}

/** The non-null branch of a nullable field. */
function unwrap(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const resolved = resolve(schema)
  const anyOf = resolved.anyOf as JsonSchema[] | undefined
  if (anyOf) {
    const other = anyOf.find(s => s.type !== 'null')!
    return { schema: resolve(other), nullable: anyOf.some(s => s.type === 'null') }
  }
  return { schema: resolved, nullable: false }
}

function enumAt(...path: string[]): unknown {
  let node: JsonSchema = jsonSchema
  for (const key of path) node = unwrap((node.properties as Record<string, JsonSchema>)?.[key] ?? (node.items as JsonSchema) ?? node).schema
  return node.enum
}

describe('the JSON Schema follows the vocabulary', () => {
  const defs = jsonSchema.$defs as Record<string, JsonSchema>
  it('lists the same values as the code', () => {
    expect(enumAt('review', 'incidentType')).toEqual([...incidentTypes])
    expect(enumAt('review', 'phase')).toEqual([...reviewPhases])
    expect(enumAt('review', 'childAgeBand')).toEqual([...ageBands])
    expect(resolve(defs.stage!).enum).toEqual([...journeyStages])
    const finding = defs.finding!.properties as Record<string, JsonSchema>
    expect(finding.status!.enum).toEqual([...findingStatuses])
    const value = ((finding.values!.items as JsonSchema).properties as Record<string, JsonSchema>).value!
    expect(value.enum).toEqual([...coreValues])
    const recommendation = defs.recommendation!.properties as Record<string, JsonSchema>
    expect(recommendation.strength!.enum).toEqual([...recommendationStrengths])
    expect(recommendation.status!.enum).toEqual([...recommendationStatuses])
  })
})

// ---------------------------------------------------------------- mutations

type Path = (string | number)[]

function setAt(root: Json, path: Path, value: Json | undefined): Json {
  const copy = structuredClone(root)
  let node: Json = copy
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key]!
  const last = path[path.length - 1]!
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1)
    else delete (node as Record<string, Json>)[last as string]
  } else (node as Record<string | number, Json>)[last] = value
  return copy
}

/** "é" and an astral character ("𝄞", two UTF-16 units): lengths must be counted in code points. */
function stringOf(codePoints: number): string {
  let text = ''
  for (let i = 0; i < codePoints; i++) text += i % 3 === 0 ? '𝄞' : i % 3 === 1 ? 'é' : 'a'
  return text
}

/** Values at and around every limit the JSON Schema sets at this point. */
function probes(schema: JsonSchema): (Json | undefined)[] {
  // Wrong types and null everywhere; then the limits of this field.
  const out: (Json | undefined)[] = [{}, [], true, 'x', 1.5, -1, null]
  if (schema.type === 'string') {
    if (typeof schema.maxLength === 'number') out.push(stringOf(schema.maxLength), stringOf(schema.maxLength + 1))
    if (typeof schema.pattern === 'string') out.push('', 'ZZ', '0123456789ABCDEF0123456789ABCDEF', 'a'.repeat(33), 'AB', 'A'.repeat(33), '-AB')
  }
  if (schema.type === 'integer') {
    for (const bound of [schema.minimum, schema.maximum]) if (typeof bound === 'number') out.push(bound, bound - 1, bound + 1)
    out.push(0, 2.5, '3')
  }
  if (Array.isArray(schema.enum)) out.push(...(schema.enum as Json[]), 'not_a_value', 4)
  if ('const' in schema) out.push(schema.const as Json, 'scir-shared-review/2')
  if (schema.type === 'array' && typeof schema.maxItems === 'number' && schema.maxItems <= 200) out.push(Array.from({ length: schema.maxItems + 1 }, () => 'x'))
  return out
}

function* walk(value: Json, schema: JsonSchema, path: Path): Generator<{ path: Path; value: Json | undefined; label: string }> {
  const { schema: s } = unwrap(schema)
  for (const probe of probes(s)) yield { path, value: probe, label: JSON.stringify(probe)?.slice(0, 40) ?? 'undefined' }
  if (s.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const properties = s.properties as Record<string, JsonSchema>
    yield { path: [...path, 'unexpected'], value: 1, label: 'an extra key' }
    for (const [key, child] of Object.entries(value)) {
      yield { path: [...path, key], value: undefined, label: 'missing' }
      if (properties[key]) yield* walk(child, properties[key], [...path, key])
    }
  }
  if (s.type === 'array' && Array.isArray(value) && value.length > 0) {
    yield* walk(value[0]!, s.items as JsonSchema, [...path, 0])
  }
}

describe('zod and the JSON Schema agree', () => {
  const sample = structuredClone(sampleFile) as Json
  // The first element of every array in the sample is probed; make sure each kind exists.
  const cases = [...walk(sample, jsonSchema, [])]

  it('on every field pushed around its limits', () => {
    expect(cases.length).toBeGreaterThan(400)
    const disagreements: string[] = []
    let invalid = 0
    for (const c of cases) {
      const mutated = c.path.length === 0 ? (c.value ?? null) : setAt(sample, c.path, c.value)
      const v = verdicts(mutated)
      if (!v.jsonSchema) invalid++
      if (v.zod !== v.jsonSchema) disagreements.push(`/${c.path.join('/')} = ${c.label}: zod ${v.zod}, JSON Schema ${v.jsonSchema}`)
    }
    expect(disagreements).toEqual([])
    // Most probes break the document: the comparison is not vacuous.
    expect(invalid).toBeGreaterThan(cases.length / 2)
  })

  it('counts text length in characters (code points), as JSON Schema does', () => {
    const at = (n: number) => setAt(sample, ['accountExcerpts', 0, 'pseudonym'], stringOf(n))
    expect(verdicts(at(60))).toEqual({ zod: true, jsonSchema: true })
    expect(verdicts(at(61))).toEqual({ zod: false, jsonSchema: false })
  })
})
