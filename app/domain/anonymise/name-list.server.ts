// Given names and family names from a published list, for the residual scan's name context
// (ADR 0016). The list ships in the npm package @cspell/dict-people-names (MIT, about 39,000
// names, mixed origins): it is read from node_modules on first use, never downloaded.
//
// Server only (the ".server" suffix keeps it out of browser bundles): the anonymiser runs on
// the server, and 290 kB of names have no business in a page.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { foldWord } from './fold'

let cached: ReadonlySet<string> | undefined

function load(): ReadonlySet<string> {
  const require = createRequire(import.meta.url)
  let file: string
  try {
    file = join(dirname(require.resolve('@cspell/dict-people-names')), 'dict', 'people-names.txt')
  } catch (error) {
    throw new Error(`The anonymiser's name list is missing: install the npm package @cspell/dict-people-names (${String(error)})`)
  }
  const names = new Set<string>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const name = line.trim()
    if (name === '' || name.startsWith('#')) continue
    names.add(foldWord(name))
  }
  return names
}

/** Folded names of the published list, loaded once per process. */
export function publishedNames(): ReadonlySet<string> {
  cached ??= load()
  return cached
}
