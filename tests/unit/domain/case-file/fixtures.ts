import contractJson from './fixtures/case-file.schema.json'
import exampleJson from './fixtures/example-case-file.json'

// Copies of the case-file contract and its fictional example (docs/contracts), so the tests run wherever the repository is checked out.
export const contract: unknown = contractJson

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/** A fresh, mutable copy of the example case file. */
export function example(): Json {
  return structuredClone(exampleJson) as Json
}

export const REMOVE = Symbol('remove')

function container(root: Json, segments: string[]): Json[] | { [key: string]: Json } {
  let node: Json = root
  for (const segment of segments) {
    const next: Json | undefined = Array.isArray(node) ? node[Number(segment)] : typeof node === 'object' && node !== null ? node[segment] : undefined
    if (next === undefined) throw new Error(`no ${segment} in test fixture`)
    node = next
  }
  if (typeof node !== 'object' || node === null) throw new Error('fixture path does not lead to a container')
  return node
}

/** Sets (or with REMOVE deletes) the value at each JSON pointer. */
export function edit(root: Json, changes: [pointer: string, value: Json | typeof REMOVE][]): Json {
  for (const [pointer, value] of changes) {
    const segments = pointer.split('/').slice(1)
    const last = segments.pop() as string
    const parent = container(root, segments)
    if (Array.isArray(parent)) {
      if (value === REMOVE) parent.splice(Number(last), 1)
      else parent[Number(last)] = value
    } else if (value === REMOVE) delete parent[last]
    else parent[last] = value
  }
  return root
}

export function exampleWith(...changes: [pointer: string, value: Json | typeof REMOVE][]): Json {
  return edit(example(), changes)
}

export function get(root: Json, pointer: string): Json {
  const segments = pointer.split('/').slice(1)
  const last = segments.pop() as string
  const parent = container(root, segments)
  const value = Array.isArray(parent) ? parent[Number(last)] : parent[last]
  if (value === undefined) throw new Error(`nothing at ${pointer}`)
  return value
}
