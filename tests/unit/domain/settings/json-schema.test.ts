// The published JSON Schemas (docs/schemas) are generated from the zod schemas the server
// validates with (ADR 0037): the files must be exactly what the generator produces now, and a
// file the server accepts must pass the published schema.
import fs from 'node:fs'
import path from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import { expect, test } from 'vitest'
import { z } from 'zod'
import { defaultFactorFramework, FactorFramework } from '~/domain/factors'
import { toJsonSchema } from '~/domain/json-schema'
import { settingsJsonSchemas } from '~/domain/settings-schemas'
import { defaultPracticeStandards, PracticeStandards } from '~/domain/standards'

const root = path.resolve(__dirname, '../../../..')
const published = (name: string) => JSON.parse(fs.readFileSync(path.join(root, 'docs/schemas', `${name}.schema.json`), 'utf8')) as Record<string, unknown>

test('docs/schemas holds exactly the schemas generated from the zod schemas (npm run schemas)', () => {
  for (const [name, schema] of Object.entries(settingsJsonSchemas)) expect(published(name), name).toEqual(schema)
})

function validator(name: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  return ajv.compile(published(name))
}

const standardsSample = {
  id: 'ours',
  name: 'Our standards',
  visits: { stages: ['engagement'] },
  rules: [
    {
      id: 'safety-plan',
      kind: 'by_visit',
      label: { en: 'Safety plan by the 3rd visit', fr: 'Plan de sécurité à la 3e visite' },
      stage: 'safety_plan',
      visit: 3,
    },
    { id: 'assessment', kind: 'within_days_of', stage: 'assessment', anchor: 'referral', warnDays: 42, limitDays: 56 },
    { id: 'closure', kind: 'data_point_at', stage: 'case_closure', when: { reason: 'case_closed', match: { textPatterns: ['closed'] } } },
  ],
}

test('what the server accepts passes the published schema: defaults, a sample, and both as parsed', () => {
  const standards = validator('practice-standards')
  const framework = validator('factor-framework')
  expect(PracticeStandards.safeParse(standardsSample).success).toBe(true)
  for (const value of [standardsSample, defaultPracticeStandards, PracticeStandards.parse(standardsSample)])
    expect(standards(value), JSON.stringify(standards.errors)).toBe(true)
  const shipped = JSON.parse(fs.readFileSync(path.join(root, 'app/domain/factors/default-framework.json'), 'utf8')) as unknown
  for (const value of [defaultFactorFramework, shipped]) expect(framework(value), JSON.stringify(framework.errors)).toBe(true)
})

test('what the schema can express, both refuse: unknown fields, wrong kinds, bad ids, missing French', () => {
  const standards = validator('practice-standards')
  const framework = validator('factor-framework')
  const badStandards = [
    { ...standardsSample, extra: 1 },
    { ...standardsSample, rules: [{ id: 'x', kind: 'sometime', stage: 'safety_plan' }] },
    { ...standardsSample, rules: [{ id: 'BAD ID', kind: 'by_visit', stage: 'safety_plan', visit: 3 }] },
    { ...standardsSample, rules: [{ id: 'x', kind: 'by_visit', stage: 'safety_plan', visit: 0 }] },
    { ...standardsSample, rules: [{ id: 'x', kind: 'by_visit', stage: 'safety_plan', visit: 3, label: { en: 'Only English' } }] },
    { ...standardsSample, approximateToleranceDays: 1.5 },
  ]
  for (const value of badStandards) {
    expect(PracticeStandards.safeParse(value).success, JSON.stringify(value)).toBe(false)
    expect(standards(value), JSON.stringify(value)).toBe(false)
  }
  const first = defaultFactorFramework.domains[0]!
  const badFrameworks = [
    { ...defaultFactorFramework, domains: [] },
    { ...defaultFactorFramework, name: { en: 'Only English' } },
    { ...defaultFactorFramework, domains: [{ ...first, items: [{ ...first.items[0]!, id: 'Not An Id' }] }] },
  ]
  for (const value of badFrameworks) {
    expect(FactorFramework.safeParse(value).success).toBe(false)
    expect(framework(value)).toBe(false)
  }
})

test('the generator refuses zod it cannot express rather than publishing a looser schema', () => {
  expect(() => toJsonSchema(z.string().transform(s => s.length))).toThrow(/transforms/)
  expect(() => toJsonSchema(z.string().email())).toThrow(/unsupported string check/)
  expect(() => toJsonSchema(z.date())).toThrow(/unsupported zod type/)
})
