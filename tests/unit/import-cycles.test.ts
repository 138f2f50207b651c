// No module of app/ or server/ may reach itself through its imports: a cycle makes load order
// matter and hides which module owns a concern. `import type` is left out, as the compiler drops
// it (madge --circular --ts-config with skipTypeImports would agree).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'generated' || name === 'node_modules' ? [] : sourceFiles(full)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : []
  })
}

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith('~/')
    ? path.join(root, 'app', specifier.slice(2))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : null
  if (!base) return null
  if (/\.tsx?$/.test(base) && existsSync(base)) return base
  for (const extension of EXTENSIONS) if (existsSync(base + extension)) return base + extension
  return null
}

const SPECIFIERS = /(?:^|\n)\s*(?:import(?!\s+type\b)|export(?!\s+type\b))\b[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

export function importGraph(dirs: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of dirs.flatMap(dir => sourceFiles(path.join(root, dir)))) {
    const text = readFileSync(file, 'utf8')
    const targets = [...text.matchAll(SPECIFIERS)].map(m => resolve(file, m[1] ?? m[2] ?? '')).filter((t): t is string => t !== null)
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)).map(f => path.relative(root, f)))
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return found
}

describe('import cycles', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['/a', ['/b']],
      ['/b', ['/a']],
    ])
    expect(cycles(graph)).toHaveLength(1)
  })

  it('app/ and server/ have none', () => {
    expect(cycles(importGraph(['app', 'server']))).toEqual([])
  })
})
