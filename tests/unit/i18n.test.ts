import { expect, test } from 'vitest'
import { en } from '~/locales/en'
import { fr } from '~/locales/fr'

function leaves(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

// Words that are spelled the same in both languages.
const sameInBothLanguages = new Set([
  'members.colActions',
  'users.colActions',
  'reviews.colType',
  'review.incident',
  'tracker.none',
  'tracker.colRecommendation',
  'analysis.registry.roles.parent',
  'timeline.chronology.incident',
  'timeline.chronology.details.date',
  'surveys.admin.colDates',
  'surveys.admin.colActions',
])

test('French has exactly the keys English has', () => {
  expect([...leaves(fr).keys()].sort()).toEqual([...leaves(en).keys()].sort())
})

test('no French string is left in English', () => {
  const english = leaves(en)
  const untranslated = [...leaves(fr)].filter(([key, value]) => value === english.get(key) && !sameInBothLanguages.has(key)).map(([k]) => k)
  expect(untranslated).toEqual([])
})

test('French keeps every interpolation placeholder', () => {
  const english = leaves(en)
  for (const [key, value] of leaves(fr)) {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map(m => m[1]).sort()
    expect(placeholders(value), key).toEqual(placeholders(english.get(key)!))
  }
})
