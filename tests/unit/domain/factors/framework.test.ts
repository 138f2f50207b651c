import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultFactorFramework, factorRatingLabel, factorRatingScale, indexFactorItems, parseFactorFramework, type FactorFramework } from '~/domain/factors'
import { factorRatings } from '~/domain/vocabulary'

const jsonPath = path.resolve('app/domain/factors/default-framework.json')

function clone(framework: FactorFramework): FactorFramework {
  return JSON.parse(JSON.stringify(framework)) as FactorFramework
}

describe('the default framework', () => {
  it('has the six domains of docs/domain.md, each with 3-6 items', () => {
    expect(defaultFactorFramework.domains.map(d => d.label.en)).toEqual([
      'Child and family',
      'Worker and team',
      'Task and tools',
      'Organisation',
      'Inter-agency and community',
      'External and regulatory',
    ])
    for (const domain of defaultFactorFramework.domains) {
      expect(domain.items.length).toBeGreaterThanOrEqual(3)
      expect(domain.items.length).toBeLessThanOrEqual(6)
    }
  })

  it('is written in both languages, never by copying the English', () => {
    for (const domain of defaultFactorFramework.domains) {
      for (const item of domain.items) {
        expect(item.definition.fr).not.toBe(item.definition.en)
        expect(item.definition.en.split(/[.!?](\s|$)/).filter(s => s.trim().length > 1).length).toBeLessThanOrEqual(2)
        expect(item.definition.fr).toMatch(/[éèàçêôû’]/) // French, not English with a French label
      }
    }
  })

  it('covers the themes docs/domain.md names for each domain', () => {
    const text = (id: string) => JSON.stringify(defaultFactorFramework.domains.find(d => d.id === id)?.items.map(i => [i.label.en, i.definition.en]))
    expect(text('child_family')).toMatch(/culture/i)
    expect(text('child_family')).toMatch(/bias/i)
    expect(text('worker_team')).toMatch(/caseload/i)
    expect(text('worker_team')).toMatch(/supervision/i)
    expect(text('task_tools')).toMatch(/time standards/i)
    expect(text('organisation')).toMatch(/turnover/i)
    expect(text('interagency_community')).toMatch(/waitlists/i)
    expect(text('external_regulatory')).toMatch(/court/i)
  })

  it('is the same as default-framework.json, which validates on its own', () => {
    const fromFile = parseFactorFramework(fs.readFileSync(jsonPath, 'utf8'))
    expect(fromFile.ok).toBe(true)
    // The module parses the JSON at load; this proves the file also passes the parser users get.
    if (fromFile.ok) expect(fromFile.framework).toEqual(defaultFactorFramework)
  })

  it('indexes items by id', () => {
    const index = indexFactorItems(defaultFactorFramework)
    expect(index.get('worker_team.workload')?.domain.id).toBe('worker_team')
    expect(index.size).toBe(defaultFactorFramework.domains.reduce((n, d) => n + d.items.length, 0))
  })
})

describe('parseFactorFramework', () => {
  it('accepts a jurisdiction framework as text or as a parsed value', () => {
    const own = {
      id: 'jurisdiction-x',
      name: { en: 'Our framework', fr: 'Notre cadre' },
      version: '2024.1',
      domains: [
        {
          id: 'd1',
          label: { en: 'Domain', fr: 'Domaine' },
          items: [{ id: 'd1.i1', label: { en: 'Item', fr: 'Élément' }, definition: { en: 'Defined.', fr: 'Défini.' } }],
        },
      ],
    }
    expect(parseFactorFramework(own).ok).toBe(true)
    expect(parseFactorFramework(JSON.stringify(own)).ok).toBe(true)
  })

  it('reports every problem at once, each by its JSON pointer', () => {
    const bad = clone(defaultFactorFramework) as unknown as Record<string, unknown> & FactorFramework
    const first = bad.domains[0]
    if (!first || !first.items[0]) throw new Error('default framework changed shape')
    ;(first.items[0].label as { fr?: string }).fr = undefined
    first.items[0].definition.en = '   '
    bad.extra = true
    const result = parseFactorFramework(bad)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const paths = result.problems.map(p => p.path)
    expect(paths.sort()).toEqual(['', '/domains/0/items/0/definition/en', '/domains/0/items/0/label/fr'])
    expect(result.problems.find(p => p.path === '')?.message).toMatch(/extra/)
    // Zod checks uniqueness only once the shape is valid, so duplicates come in a second pass.
    const dupes = clone(defaultFactorFramework)
    const d0 = dupes.domains[0]
    const d1 = dupes.domains[1]
    if (!d0 || !d1 || !d0.items[0] || !d1.items[0]) throw new Error('default framework changed shape')
    d1.id = d0.id
    d1.items[0].id = d0.items[0].id
    const dupeResult = parseFactorFramework(dupes)
    expect(dupeResult.ok).toBe(false)
    if (dupeResult.ok) return
    expect(dupeResult.problems).toEqual([
      { path: '/domains/1/id', message: 'duplicate id "child_family" (first used at /domains/0/id)' },
      {
        path: '/domains/1/items/0/id',
        message: 'duplicate id "child_family.needs_risks" (first used at /domains/0/items/0/id)',
      },
    ])
  })

  it('rejects text that is not JSON, and ids that are not portable', () => {
    expect(parseFactorFramework('{ not json')).toEqual({
      ok: false,
      problems: [{ path: '', message: expect.stringMatching(/^not valid JSON/) as unknown as string }],
    })
    const bad = clone(defaultFactorFramework)
    bad.id = 'Has Spaces'
    const result = parseFactorFramework(bad)
    expect(result.ok ? [] : result.problems.map(p => p.path)).toEqual(['/id'])
  })

  it('rejects an empty framework', () => {
    const result = parseFactorFramework({ id: 'x', name: { en: 'X', fr: 'X' }, version: '1', domains: [] })
    expect(result.ok ? [] : result.problems.map(p => p.path)).toEqual(['/domains'])
  })
})

describe('rating scale', () => {
  it('labels 0-3 in both languages', () => {
    expect(factorRatingScale.map(r => r.rating)).toEqual([...factorRatings])
    expect(factorRatingScale.map(r => r.label.en)).toEqual(['None', 'Watch', 'Act', 'Act now'])
    expect(factorRatingScale.map(r => r.label.fr)).toEqual(['Aucun', 'À surveiller', 'Agir', 'Agir maintenant'])
    expect(factorRatingLabel(3).label.en).toBe('Act now')
  })
})
