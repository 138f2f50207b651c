import { describe, expect, it } from 'vitest'
import { caseFileSchema, describeProblem, validateCaseFile, validateCaseFileJson, type CaseFileProblem } from '../../../../app/domain/case-file'
import { contract, example, exampleWith, get, REMOVE, type Json } from './fixtures'

function problemsOf(input: unknown): CaseFileProblem[] {
  const result = validateCaseFile(input)
  if (result.ok) return []
  return result.problems
}

function expectProblem(input: unknown, path: string, message?: string | RegExp): void {
  const problems = problemsOf(input)
  const at = problems.filter(p => p.path === path)
  expect(at, `expected a problem at ${path}, got ${JSON.stringify(problems)}`).not.toHaveLength(0)
  if (message !== undefined) expect(at.map(p => p.message).join(' | ')).toMatch(message)
}

describe('validateCaseFile', () => {
  it('accepts the example case file', () => {
    const result = validateCaseFile(example())
    expect(result).toMatchObject({ ok: true })
    expect(caseFileSchema.safeParse(example()).success).toBe(true)
  })

  it.each([
    ['/people', 'top level'],
    ['/review/title', 'review'],
    ['/people/0/role', 'person'],
    ['/places/0/kind', 'place'],
    ['/identifiers/1/value', 'identifier'],
    ['/timeline/3/text', 'timeline entry'],
  ])('reports a missing required %s (%s)', path => {
    expectProblem(exampleWith([path, REMOVE]), path, 'is required')
  })

  it('reports a wrong format constant', () => {
    expectProblem(exampleWith(['/format', 'scir-case-file/2']), '/format', 'must be "scir-case-file/1"')
  })

  it.each(['', '/review', '/people/2', '/places/1', '/identifiers/0', '/timeline/5'])('reports an additional property in %s', at => {
    expectProblem(exampleWith([`${at}/colour`, 'red']), `${at}/colour`, 'is not an allowed property')
  })

  it.each([
    ['/review/title', 200],
    ['/review/summary', 20000],
    ['/people/0/name', 200],
    ['/people/0/aliases/0', 200],
    ['/people/0/pseudonym', 60],
    ['/places/0/name', 300],
    ['/identifiers/0/value', 200],
    ['/timeline/0/source', 200],
    ['/timeline/0/text', 50000],
  ])('reports %s longer than %i characters, and accepts exactly that many', (path, max) => {
    expectProblem(exampleWith([path, 'x'.repeat(max + 1)]), path, `must be at most ${max} characters`)
    expect(problemsOf(exampleWith([path, 'x'.repeat(max)]))).toEqual([])
  })

  it('counts characters as code points, as JSON Schema does', () => {
    expect(problemsOf(exampleWith(['/people/0/name', '\u{1F600}'.repeat(200)]))).toEqual([])
    expectProblem(exampleWith(['/people/0/name', '\u{1F600}'.repeat(201)]), '/people/0/name')
  })

  it.each(['/review/title', '/people/1/name', '/timeline/0/text', '/people/0/aliases/0', '/people/0/pseudonym'])('reports an empty %s', path => {
    expectProblem(exampleWith([path, '']), path, 'must not be empty')
  })

  it.each([
    ['/people/0/key', 'c 1'],
    ['/people/0/key', 'k'.repeat(41)],
    ['/people/0/key', ''],
    ['/timeline/0/date', '2024-11-4'],
    ['/timeline/0/date', '2024-11-04 10:00'],
    ['/timeline/0/date', '2024-11-04T9:00'],
  ])('reports %s not matching its pattern (%s)', (path, value) => {
    expectProblem(exampleWith([path, value]), path)
  })

  it.each([
    ['/review/incidentType', 'death'],
    ['/people/0/role', 'cousin'],
    ['/places/0/kind', 'park'],
    ['/identifiers/0/kind', 'passport'],
    ['/timeline/0/stage', 'intake'],
  ])('reports %s outside its enum', (path, value) => {
    expectProblem(exampleWith([path, value]), path, /must be one of/)
  })

  it.each([
    ['/review/incidentDate', '2025-02-30'],
    ['/review/incidentDate', '2023-02-29'],
    ['/people/0/birthDate', '2024-13-01'],
    ['/timeline/3/date', '2025-02-30'],
    ['/timeline/3/date', '2025-02-28T24:00'],
    ['/timeline/3/date', '2025-02-28T10:60'],
  ])('reports %s = %s, which is not a real date', (path, value) => {
    expectProblem(exampleWith([path, value]), path, /not a real calendar date/)
  })

  it('accepts a leap day', () => {
    expect(problemsOf(exampleWith(['/review/incidentDate', '2024-02-29']))).toEqual([])
  })

  it.each([
    ['/people', 500],
    ['/places', 500],
    ['/identifiers', 500],
    ['/timeline', 20000],
    ['/people/0/aliases', 20],
    ['/timeline/0/actors', 50],
  ])('reports %s with more than %i items', (path, max) => {
    const file = example()
    const first = get(get(file, path), '/0')
    const items: Json[] = Array.from({ length: max + 1 }, () => structuredClone(first))
    expectProblem(exampleWith([path, items]), path, `must have at most ${max} items`)
  })

  it('reports values of the wrong type', () => {
    expectProblem(exampleWith(['/timeline/0/approximate', 'yes']), '/timeline/0/approximate', 'must be boolean (got string)')
    expectProblem(exampleWith(['/timeline/0/actors/0', 7]), '/timeline/0/actors/0')
    expectProblem(exampleWith(['/people', {}]), '/people', 'must be array (got object)')
    expectProblem(null, '', 'must be object (got null)')
    expectProblem([], '', 'must be object (got array)')
  })

  it('reports a duplicate person key at the second use', () => {
    expectProblem(exampleWith(['/people/4/key', 'm']), '/people/4/key', 'duplicate person key "m" (first used at /people/2)')
  })

  it('reports a duplicate pseudonym, ignoring case', () => {
    expectProblem(exampleWith(['/people/1/pseudonym', 'child 1']), '/people/1/pseudonym', /duplicate pseudonym/)
  })

  it('reports a timeline actor who is not in people', () => {
    expectProblem(exampleWith(['/timeline/2/actors/1', 'ghost']), '/timeline/2/actors/1', 'refers to person key "ghost", which is not in /people')
  })

  it('lists every problem, in file order, even when the shape is broken elsewhere', () => {
    const input = exampleWith(
      ['/timeline/7/date', '2025-02-30'],
      ['/format', 'nope'],
      ['/people/7', { key: 'm', name: 'Another', role: 'relative' }],
      ['/timeline/2/actors/1', 'ghost'],
      ['/review/title', REMOVE],
      ['/timeline/9', { date: '2025-04-01', text: 'extra', mood: 'sad' }],
      ['/people/1/role', 'cousin'],
    )
    expect(problemsOf(input).map(p => p.path)).toEqual([
      '/format',
      '/review/title',
      '/people/1/role',
      '/people/7/key',
      '/timeline/2/actors/1',
      '/timeline/7/date',
      '/timeline/9/mood',
    ])
  })

  it('reports a JSON syntax error as a problem', () => {
    expect(validateCaseFileJson('{"format": ')).toMatchObject({ ok: false, problems: [{ path: '' }] })
    expect(validateCaseFileJson(JSON.stringify(example())).ok).toBe(true)
  })

  it('describes problems for people', () => {
    expect(describeProblem({ path: '/review/title', message: 'is required' })).toBe('/review/title: is required')
    expect(describeProblem({ path: '/timeline/2/date', message: 'x', csv: { file: 'timeline', row: 4, column: 'date' } })).toBe(
      'timeline CSV row 4, column date: x',
    )
  })
})

// Walks the shared JSON Schema and checks each of its constraints against our zod schema, so the
// two cannot drift apart silently when the contract changes.
describe('equivalence with the JSON Schema contract', () => {
  interface Node {
    type?: string
    required?: string[]
    additionalProperties?: boolean
    properties?: Record<string, Node>
    items?: Node
    enum?: string[]
    const?: string
    minLength?: number
    maxLength?: number
    maxItems?: number
    pattern?: string
    format?: string
  }
  const root = contract as Node
  // A location in the example file where each object of the contract occurs.
  const objects: [string, Node][] = [['', root]]
  for (const [name, node] of Object.entries(root.properties ?? {})) {
    if (node.type === 'object') objects.push([`/${name}`, node])
    if (node.type === 'array' && node.items?.type === 'object') objects.push([`/${name}/0`, node.items])
  }

  const cases: [string, Json | typeof REMOVE, boolean][] = []
  for (const [at, node] of objects) {
    for (const name of node.required ?? []) cases.push([`${at}/${name}`, REMOVE, false])
    if (node.additionalProperties === false) cases.push([`${at}/notInTheContract`, 'x', false])
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      const path = `${at}/${name}`
      if (property.const !== undefined) {
        cases.push([path, property.const, true], [path, `${property.const}x`, false])
      }
      for (const value of property.enum ?? []) cases.push([path, value, true])
      if (property.enum) cases.push([path, 'not-in-the-enum', false])
      if (property.maxLength !== undefined) {
        cases.push([path, 'x'.repeat(property.maxLength), true], [path, 'x'.repeat(property.maxLength + 1), false])
      }
      if (property.minLength !== undefined && property.minLength > 0) cases.push([path, '', false])
      if (property.pattern !== undefined) cases.push([path, '!', false])
      if (property.format === 'date') cases.push([path, '2025-01-31', true], [path, '2025-1-31', false])
      if (property.type === 'boolean') cases.push([path, true, true], [path, 'true', false])
      if (property.type === 'array' && property.maxItems !== undefined && property.items?.type === 'string') {
        const item = property.items.maxLength !== undefined ? 'x' : 'c1'
        cases.push([path, Array.from({ length: property.maxItems + 1 }, () => item), false])
        if (property.items.maxLength !== undefined) {
          cases.push([`${path}/0`, 'x'.repeat(property.items.maxLength + 1), false])
        }
      }
    }
  }

  it('covers the constraints of the contract', () => {
    expect(cases.length).toBeGreaterThan(80)
  })

  const label = (value: Json | typeof REMOVE): string => {
    if (value === REMOVE) return '(removed)'
    if (typeof value === 'string' && value.length > 20) return `${value.length} characters`
    if (Array.isArray(value) && value.length > 5) return `${value.length} items`
    return JSON.stringify(value)
  }
  interface Case {
    path: string
    value: Json | typeof REMOVE
    accepted: boolean
    shown: string
  }
  it.each(cases.map(([path, value, accepted]): Case => ({ path, value, accepted, shown: label(value) })))(
    '$path = $shown is accepted: $accepted',
    ({ path, value, accepted }: Case) => {
      // Optional properties missing from the example's first entry are simply added to it.
      const problems = problemsOf(exampleWith([path, value]))
      if (accepted) expect(problems).toEqual([])
      else expect(problems.map(p => p.path)).toContain(path)
    },
  )
})
