import type { z } from 'zod'

/** Where something is wrong, as a JSON pointer (RFC 6901), and what is wrong, in plain words. */
export interface Problem {
  path: string
  message: string
}

export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map(segment => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

function issueMessage(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return 'is required'
      return `must be ${issue.expected} (got ${issue.received})`
    case 'invalid_literal':
      return `must be ${quoted(issue.expected)} (got ${quoted(issue.received)})`
    case 'invalid_enum_value':
      return `must be one of: ${issue.options.join(', ')} (got ${quoted(issue.received)})`
    case 'invalid_union_discriminator':
      return `must be one of: ${issue.options.map(String).join(', ')}`
    case 'too_small':
      if (issue.type === 'string') {
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`
      }
      if (issue.type === 'array') return `must have at least ${issue.minimum} items`
      return `must be at least ${issue.minimum}`
    case 'too_big':
      if (issue.type === 'string') return `must be at most ${issue.maximum} characters`
      if (issue.type === 'array') return `must have at most ${issue.maximum} items`
      return `must be at most ${issue.maximum}`
    case 'not_finite':
      return 'must be a finite number'
    default:
      // custom and invalid_string issues carry the message our schemas gave them.
      return issue.message
  }
}

/**
 * Zod issues as problems, one per offending location. An object with several unexpected
 * properties gives one problem per property so that each can be pointed at.
 */
export function problemsFromZod(error: z.ZodError, prefix: readonly (string | number)[] = []): Problem[] {
  const problems: Problem[] = []
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path]
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ path: jsonPointer([...path, key]), message: 'is not an allowed property' })
      }
    } else {
      problems.push({ path: jsonPointer(path), message: issueMessage(issue) })
    }
  }
  return problems
}
