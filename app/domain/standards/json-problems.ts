// Loading a jurisdiction's data file (practice standards, a factor framework): every problem is
// reported at once, each pointed at by a JSON pointer, so an administrator fixes a file in one pass.
import type { z } from 'zod'

export interface JsonProblem {
  /** JSON pointer (RFC 6901) to the offending value; '' for the document itself. */
  path: string
  message: string
}

export type JsonParseResult<T> = { ok: true; value: T } | { ok: false; problems: JsonProblem[] }

export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map(segment => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

/** Parses JSON text (or takes an already parsed value) and validates it against `schema`. */
export function parseJsonWith<S extends z.ZodTypeAny>(schema: S, json: unknown): JsonParseResult<z.output<S>> {
  let value = json
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown
    } catch (error) {
      return { ok: false, problems: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] }
    }
  }
  const result = schema.safeParse(value)
  if (result.success) return { ok: true, value: result.data as z.output<S> }
  return {
    ok: false,
    problems: result.error.issues.map(issue => ({ path: jsonPointer(issue.path), message: issue.message })),
  }
}
