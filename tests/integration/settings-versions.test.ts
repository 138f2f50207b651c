// Issue 17, settings never retroactive (ADR 0036/0037): saves are kept versions, reviews keep
// theirs until the facilitator switches, forms and uploads share one validation, bad input
// loses nothing.
import { expect, test } from 'vitest'
import { defaultFactorFramework } from '~/domain/factors'
import { defaultPracticeStandards, type PracticeStandardsInput } from '~/domain/standards'
import { createReview } from '~/models/review.server'
import { reviewSettings, versionsInForce } from '~/models/settings-version.server'
import * as settingsRoute from '~/routes/admin.settings'
import * as downloadRoute from '~/routes/admin.settings_.download.$kind'
import * as reviewRoute from '~/routes/reviews.$reviewId'
import * as workspaceRoute from '~/routes/reviews.$reviewId_.workspace'
import { prisma } from '~/utils/db.server'
import { buildRequest, cookieFor, makeJurisdiction, makeUser, TEST_ORIGIN } from '../support/fixtures'

const standardsV1: PracticeStandardsInput = {
  id: 'ours',
  name: 'Our standards v1',
  visits: { stages: ['engagement'] },
  rules: [
    { id: 'safety-plan', kind: 'by_visit', label: { en: 'Safety plan by visit 2', fr: 'Plan de sécurité à la 2e visite' }, stage: 'safety_plan', visit: 2 },
  ],
}

async function world() {
  const j = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const facilitator = await makeUser(j.id, { canLeadReviews: true })
  const panel = await makeUser(j.id)
  return { j, admin, facilitator, panel, adminCookie: (await cookieFor(admin.id)).cookie }
}

function saveForm(cookie: string, intent: 'standards' | 'framework', json: unknown) {
  return settingsRoute.action({
    request: buildRequest('/admin/settings', { cookie, form: { intent, json: typeof json === 'string' ? json : JSON.stringify(json) } }),
    params: {},
    context: {},
  })
}

function upload(cookie: string, intent: 'standards' | 'framework', text: string) {
  const form = new FormData()
  form.set('intent', intent)
  form.set('file', new File([text], 'upload.json'))
  return settingsRoute.action({
    request: new Request(`${TEST_ORIGIN}/admin/settings`, { method: 'POST', headers: { cookie, origin: TEST_ORIGIN }, body: form }),
    params: {},
    context: {},
  })
}

async function download(cookie: string, kind: string, query = '') {
  const response = (await downloadRoute.loader({
    request: buildRequest(`/admin/settings/download/${kind}${query}`, { cookie }),
    params: { kind },
    context: {},
  })) as Response
  return { response, body: (await response.json()) as Record<string, unknown> }
}

test('each save (form or upload) is a new kept version; each can be downloaded as the JSON it was saved as', async () => {
  const { j, adminCookie } = await world()
  expect(await versionsInForce(j.id)).toEqual({ practiceStandards: 0, factorFramework: 0 })
  const first = await saveForm(adminCookie, 'standards', standardsV1)
  expect(first.status).toBe(200)
  expect(await first.json()).toMatchObject({ done: 'versions.standardsSaved', doneParams: { number: 1 } })
  const second = await upload(adminCookie, 'standards', JSON.stringify({ ...standardsV1, name: 'Our standards v2' }))
  expect(second.status).toBe(200)
  expect(await versionsInForce(j.id)).toEqual({ practiceStandards: 2, factorFramework: 0 })
  expect(await prisma.settingsVersion.count({ where: { jurisdictionId: j.id, kind: 'practiceStandards' } })).toBe(2)

  const v1 = await download(adminCookie, 'practice-standards', '?version=1')
  expect(v1.response.headers.get('content-disposition')).toContain('practice-standards-v1.json')
  expect(v1.body).toMatchObject({ name: 'Our standards v1', rules: [{ label: { fr: 'Plan de sécurité à la 2e visite' } }] })
  expect((await download(adminCookie, 'practice-standards')).body.name).toBe('Our standards v2')
  // What is downloaded loads again unchanged: a third version equal to the first.
  expect((await saveForm(adminCookie, 'standards', v1.body)).status).toBe(200)
  expect((await download(adminCookie, 'practice-standards', '?version=3')).body).toEqual(v1.body)
  // Version 0 is the shipped defaults; a version not kept yet is not there.
  expect((await download(adminCookie, 'factor-framework', '?version=0')).body.id).toBe(defaultFactorFramework.id)
  await expect(download(adminCookie, 'factor-framework', '?version=1')).rejects.toMatchObject({ status: 404 })
  await expect(download(adminCookie, 'nonsense')).rejects.toMatchObject({ status: 404 })
  const schema = await download(adminCookie, 'factor-framework', '?schema')
  expect(schema.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema')

  // Every save is audited with its version number.
  const audited = await prisma.auditEvent.findMany({ where: { jurisdictionId: j.id, action: 'jurisdiction.standards-loaded' }, orderBy: { seq: 'asc' } })
  expect(audited.map(a => (JSON.parse(a.detail) as { version: number }).version)).toEqual([1, 2, 3])
})

test('a bad upload or form save is refused with every problem named, and nothing is saved', async () => {
  const { j, adminCookie } = await world()
  expect((await saveForm(adminCookie, 'framework', defaultFactorFramework)).status).toBe(200)
  const before = await prisma.settingsVersion.count({ where: { jurisdictionId: j.id } })
  const badRule = { ...standardsV1, rules: [{ ...standardsV1.rules[0], label: { en: 'English only', fr: '' }, visit: 0 }, { ...standardsV1.rules[0] }] }
  const refused = await saveForm(adminCookie, 'standards', badRule)
  expect(refused.status).toBe(400)
  const { problems } = (await refused.json()) as { problems: { where: string; message: string }[] }
  expect(problems.map(p => p.where).sort()).toEqual(['/rules/0/label/fr', '/rules/0/visit', '/rules/1/id'])
  expect(problems.find(p => p.where === '/rules/1/id')?.message).toMatch(/duplicate rule id/)

  const notJson = await upload(adminCookie, 'framework', '{"id": ')
  expect(notJson.status).toBe(400)
  expect(((await notJson.json()) as { problems: { message: string }[] }).problems[0]!.message).toMatch(/not valid JSON/)
  const empty = await upload(adminCookie, 'standards', '   ')
  expect(empty.status).toBe(400)
  const noFrench = { ...defaultFactorFramework, domains: [{ ...defaultFactorFramework.domains[0]!, label: { en: 'Child' } }] }
  expect((await saveForm(adminCookie, 'framework', noFrench)).status).toBe(400)

  expect(await prisma.settingsVersion.count({ where: { jurisdictionId: j.id } })).toBe(before)
  expect(await versionsInForce(j.id)).toEqual({ practiceStandards: 0, factorFramework: 1 })
})

test('a review keeps the version in force when it was opened; its facilitator switches, recorded in its history', async () => {
  const { j, admin, facilitator, panel, adminCookie } = await world()
  expect((await saveForm(adminCookie, 'standards', standardsV1)).status).toBe(200)
  const review = await createReview({
    title: 'Pinned review',
    incidentType: 'serious_injury',
    incidentDate: '2026-10-01',
    summary: '',
    jurisdictionId: j.id,
    createdById: facilitator.id,
  })
  await prisma.reviewMember.create({ data: { reviewId: review.id, userId: panel.id, role: 'panel_member' } })
  expect(review.standardsVersion).toBe(1)
  expect(review.frameworkVersion).toBe(0)

  // A newer version (rules reordered and reworded) does not reach the open review.
  const v2 = {
    ...standardsV1,
    name: 'Our standards v2',
    rules: [
      { id: 'assessment', kind: 'within_days_of', stage: 'assessment', anchor: 'referral', warnDays: 30, limitDays: 40 },
      { ...standardsV1.rules[0], label: { en: 'Reworded', fr: 'Reformulé' } },
    ],
  }
  expect((await saveForm(adminCookie, 'standards', v2)).status).toBe(200)
  expect((await saveForm(adminCookie, 'framework', { ...defaultFactorFramework, version: '2.0.0' })).status).toBe(200)
  const pinned = await reviewSettings(await prisma.review.findUniqueOrThrow({ where: { id: review.id } }))
  expect(pinned.practiceStandards.name).toBe('Our standards v1')
  expect(pinned.factorFramework.version).toBe(defaultFactorFramework.version)
  expect(pinned.newer).toEqual({ practiceStandards: 2, factorFramework: 1, any: true })

  // The workspace checks the review against its own version, and says a newer one exists.
  const facilitatorCookie = (await cookieFor(facilitator.id)).cookie
  const params = { reviewId: review.id }
  const workspace = (await (
    await workspaceRoute.loader({ request: buildRequest(`/reviews/${review.id}/workspace`, { cookie: facilitatorCookie }), params, context: {} })
  ).json()) as {
    settings: { practiceStandards: { name: string; rules: { id: string }[] } }
    newerSettings: boolean
  }
  expect(workspace.settings.practiceStandards.name).toBe('Our standards v1')
  expect(workspace.settings.practiceStandards.rules.map(r => r.id)).toEqual(['safety-plan'])
  expect(workspace.newerSettings).toBe(true)
  const page = (await (
    await reviewRoute.loader({ request: buildRequest(`/reviews/${review.id}`, { cookie: facilitatorCookie }), params, context: {} })
  ).json()) as {
    settingsVersions: { pins: unknown; newer: { any: boolean }; canSwitch: boolean; history: unknown[] }
  }
  expect(page.settingsVersions).toMatchObject({ pins: { practiceStandards: 1, factorFramework: 0 }, newer: { any: true }, canSwitch: true, history: [] })

  // A panel member sees the notice but may not switch; the facilitator may.
  const switchAs = async (cookie: string) =>
    reviewRoute.action({ request: buildRequest(`/reviews/${review.id}`, { cookie, form: { intent: 'switch-settings' } }), params, context: {} })
  await expect(switchAs((await cookieFor(panel.id)).cookie)).rejects.toMatchObject({ status: 403 })
  const switched = (await switchAs(facilitatorCookie)) as Response
  expect(await switched.json()).toMatchObject({ done: 'versions.review.switched' })
  const after = await reviewSettings(await prisma.review.findUniqueOrThrow({ where: { id: review.id } }))
  expect(after.pins).toEqual({ practiceStandards: 2, factorFramework: 1 })
  expect(after.practiceStandards.rules.map(r => r.id)).toEqual(['assessment', 'safety-plan'])
  expect(after.newer.any).toBe(false)
  const again = (await switchAs(facilitatorCookie)) as Response
  expect(await again.json()).toMatchObject({ done: 'versions.review.alreadyUpToDate' })

  const history = await prisma.auditEvent.findMany({ where: { reviewId: review.id, action: 'review.settings-switched' } })
  expect(history).toHaveLength(1)
  expect(history[0]!.actorId).toBe(facilitator.id)
  expect(JSON.parse(history[0]!.detail)).toEqual({ practiceStandards: { from: 1, to: 2 }, factorFramework: { from: 0, to: 1 } })
  const shown = (await (
    await reviewRoute.loader({ request: buildRequest(`/reviews/${review.id}`, { cookie: facilitatorCookie }), params, context: {} })
  ).json()) as {
    settingsVersions: { history: { actorName: string; changes: unknown }[] }
  }
  expect(shown.settingsVersions.history).toEqual([
    expect.objectContaining({ actorName: facilitator.name, changes: { practiceStandards: { from: 1, to: 2 }, factorFramework: { from: 0, to: 1 } } }),
  ])

  // A review opened now starts on the versions in force; resetting to defaults is a version too.
  const later = await createReview({
    title: 'Later review',
    incidentType: 'serious_injury',
    incidentDate: '2026-10-02',
    summary: '',
    jurisdictionId: j.id,
    createdById: admin.id,
  })
  expect([later.standardsVersion, later.frameworkVersion]).toEqual([2, 1])
  expect(
    (
      await settingsRoute.action({
        request: buildRequest('/admin/settings', { cookie: adminCookie, form: { intent: 'reset-standards' } }),
        params: {},
        context: {},
      })
    ).status,
  ).toBe(200)
  expect((await versionsInForce(j.id)).practiceStandards).toBe(3)
  const laterSettings = await reviewSettings(await prisma.review.findUniqueOrThrow({ where: { id: later.id } }))
  expect(laterSettings.practiceStandards.name).toBe('Our standards v2')
  expect(laterSettings.newer.practiceStandards).toBe(3)
  const v3 = await download(adminCookie, 'practice-standards', '?version=3')
  expect(v3.body.id).toBe(defaultPracticeStandards.id)
})
