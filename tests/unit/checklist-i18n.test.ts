import { expect, test } from 'vitest'
import { checklistKeys, checklistMessages } from '~/domain/workflow'
import { en } from '~/locales/en'
import { fr } from '~/locales/fr'

function lookup(tree: unknown, key: string) {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree)
}

test('every checklist item the domain can produce has an English and a French string with the same parameters', () => {
  for (const key of checklistKeys) {
    const english = lookup(en, key)
    const french = lookup(fr, key)
    expect(typeof english, key).toBe('string')
    expect(typeof french, key).toBe('string')
    const params = [...checklistMessages[key].matchAll(/\{(\w+)\}/g)].map(m => `{{${m[1]}}}`)
    for (const p of params) {
      expect(english, key).toContain(p)
      expect(french, key).toContain(p)
    }
  }
})
