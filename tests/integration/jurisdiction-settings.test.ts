import fs from 'node:fs'
import { expect, test } from 'vitest'
import { jurisdictionSettings } from '~/models/jurisdiction.server'
import * as settingsRoute from '~/routes/admin.settings'
import { cookieFor, makeJurisdiction, makeUser, TEST_ORIGIN } from '../support/fixtures'

function post(cookie: string, fields: Record<string, string | File>) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return settingsRoute.action({
    request: new Request(`${TEST_ORIGIN}/admin/settings`, { method: 'POST', headers: { cookie, origin: TEST_ORIGIN }, body: form }),
    params: {},
    context: {},
  })
}

test('an admin loads their own factor framework; an invalid one changes nothing and lists every problem', async () => {
  const j = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const { cookie } = await cookieFor(admin.id)
  const framework = JSON.parse(fs.readFileSync('app/domain/factors/default-framework.json', 'utf8')) as {
    id: string
    name: { en: string; fr: string }
    domains: { id: string; items: { id: string }[] }[]
  }
  const custom = { ...framework, id: 'licensed-x', name: { en: 'Licensed framework', fr: 'Cadre sous licence' } }

  const broken = { ...custom, domains: [{ ...custom.domains[0], items: [{ id: '' }] }] }
  const refused = await post(cookie, { intent: 'framework', file: new File([JSON.stringify(broken)], 'f.json') })
  expect(refused.status).toBe(400)
  const body = (await refused.json()) as { problems: { where: string }[] }
  expect(body.problems.length).toBeGreaterThan(1)
  expect(body.problems.every(p => p.where.startsWith('/domains/0/items/0'))).toBe(true)
  expect((await jurisdictionSettings(j.id)).customFramework).toBe(false)

  const notJson = await post(cookie, { intent: 'framework', file: new File(['{oops'], 'f.json') })
  expect(notJson.status).toBe(400)

  const ok = await post(cookie, { intent: 'framework', file: new File([JSON.stringify(custom)], 'f.json') })
  expect(ok.status).toBe(200)
  const settings = await jurisdictionSettings(j.id)
  expect(settings.customFramework).toBe(true)
  expect(settings.factorFramework.id).toBe('licensed-x')

  await post(cookie, { intent: 'reset-framework' })
  expect((await jurisdictionSettings(j.id)).factorFramework.id).toBe(framework.id)
})

test('practice standards are data: loaded, validated, and used', async () => {
  const j = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const { cookie } = await cookieFor(admin.id)
  const standards = {
    id: 'ours',
    name: 'Our standards',
    visits: { stages: ['engagement'] },
    rules: [{ id: 'safety-plan', kind: 'by_visit', stage: 'safety_plan', visit: 2 }],
  }
  expect((await post(cookie, { intent: 'standards', file: new File([JSON.stringify(standards)], 's.json') })).status).toBe(200)
  const settings = await jurisdictionSettings(j.id)
  expect(settings.practiceStandards.rules).toHaveLength(1)
  const bad = { ...standards, rules: [{ id: 'BAD ID', kind: 'by_visit', stage: 'nope', visit: 0 }] }
  const refused = await post(cookie, { intent: 'standards', file: new File([JSON.stringify(bad)], 's.json') })
  expect(refused.status).toBe(400)
  expect((await jurisdictionSettings(j.id)).practiceStandards.name).toBe('Our standards')
})

test('the sharing opt-out is saved', async () => {
  const j = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const { cookie } = await cookieFor(admin.id)
  await post(cookie, { intent: 'sharing', exclude: 'on' })
  expect((await jurisdictionSettings(j.id)).excludeFromSharing).toBe(true)
  await post(cookie, { intent: 'sharing' })
  expect((await jurisdictionSettings(j.id)).excludeFromSharing).toBe(false)
})

test('who may see real names behind staff account pseudonyms is a jurisdiction setting', async () => {
  const j = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const { cookie } = await cookieFor(admin.id)
  expect((await jurisdictionSettings(j.id)).accountNamesVisibleTo).toBe('facilitator')
  expect((await post(cookie, { intent: 'account-names', visibleTo: 'nobody' })).status).toBe(200)
  expect((await jurisdictionSettings(j.id)).accountNamesVisibleTo).toBe('nobody')
  expect((await post(cookie, { intent: 'account-names', visibleTo: 'everyone' })).status).toBe(400)
  expect((await jurisdictionSettings(j.id)).accountNamesVisibleTo).toBe('nobody')
})
