import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { describe, expect, test } from 'vitest'
import { applyCommand, initialiseReviewDoc, readReviewDoc, type ReviewCommand } from '~/domain/review-doc'
import type { PublishedTrends, SuppressedTable } from '~/domain/trends'
import { removeMember } from '~/models/member.server'
import { projectReviewDocument } from '~/models/review-projection.server'
import * as trendsRoute from '~/routes/trends'
import * as whatChangedRoute from '~/routes/what-changed'
import type { SharedReview } from '~/domain/export'
import { generateSigningKey, signSharedReview, type SigningKey } from '~/models/signing.server'
import { prisma } from '~/utils/db.server'
import { buildRequest, cookieFor, makeJurisdiction, makeReview, makeTeam, makeUser, outcomeOf, TEST_ORIGIN } from '../support/fixtures'

const fixture = JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/trends/shared-review.json'), 'utf8')) as Record<string, unknown>
// Every source signs its exports with its own key; the importer registers it (see importFiles).
const sourceKeys = new Map<string, SigningKey>()
const keyOf = (code: string) => {
  if (!sourceKeys.has(code)) sourceKeys.set(code, generateSigningKey())
  return sourceKeys.get(code)!
}
const sharedFrom = (jurisdiction: string, sharedId: string, overrides: Record<string, unknown> = {}) =>
  signSharedReview({ ...fixture, jurisdiction, sharedId, ...overrides } as unknown as SharedReview, keyOf(jurisdiction))
let importerId = ''
const hexId = (n: number) => n.toString(16).padStart(32, '0')

async function withDocument(reviewId: string, commands: ReviewCommand[]) {
  const doc = new Y.Doc()
  initialiseReviewDoc(doc, { reviewId })
  for (const c of commands) applyCommand(doc, c)
  await projectReviewDocument(reviewId, readReviewDoc(doc).doc, 0)
}

/** Twelve findings tagged family-centered in the child-and-family domain: a count big enough to show. */
const twelveFindings: ReviewCommand[] = Array.from({ length: 12 }, (_, i) => ({
  type: 'addFinding',
  id: `f${i}`,
  valueTags: [{ value: 'family_centered', rationale: 'Synthetic text that must never reach trends' }],
  factorItemIds: ['child_family.engagement'],
}))

function importRequest(cookie: string, files: { name: string; text: string }[], search = '') {
  const form = new FormData()
  form.append('intent', 'import')
  for (const f of files) form.append('files', new File([f.text], f.name, { type: 'application/json' }))
  return new Request(`${TEST_ORIGIN}/trends${search}`, { method: 'POST', headers: { origin: TEST_ORIGIN, cookie }, body: form })
}

type TrendsLoaderData = {
  tables: PublishedTrends
  sources: { codes: string[]; counts: SuppressedTable }
  imported: { source: string; reviews: number }[] | null
}

async function trendsFor(cookie: string, view: 'own' | 'network' = 'own'): Promise<TrendsLoaderData> {
  const response = await trendsRoute.loader({
    request: buildRequest(view === 'network' ? '/trends?view=network' : '/trends', { cookie }),
    params: {},
    context: {},
  })
  return (await response.json()) as TrendsLoaderData
}

/** As an admin would have: the public key of every source in the upload is registered first. */
async function trustSourcesOf(files: { text: string }[]) {
  for (const f of files) {
    let json: unknown
    try {
      json = JSON.parse(f.text)
    } catch {
      continue
    }
    for (const item of Array.isArray(json) ? json : [json]) {
      const code = (item as { jurisdiction?: unknown }).jurisdiction
      if (typeof code !== 'string' || !sourceKeys.has(code)) continue
      const publicKey = keyOf(code).publicKey
      await prisma.trustedJurisdictionKey.upsert({
        where: { jurisdictionId_code: { jurisdictionId: importerId, code } },
        create: { jurisdictionId: importerId, code, publicKey },
        update: { publicKey },
      })
    }
  }
}

async function importFiles(cookie: string, files: { name: string; text: string }[]) {
  await trustSourcesOf(files)
  const response = (await trendsRoute.action({ request: importRequest(cookie, files), params: {}, context: {} })) as Response
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const cell = (data: TrendsLoaderData, row: string, column: string) => {
  const t = data.tables.findingsByValueAndDomain
  return t.cells[t.rows.indexOf(row)]?.[t.columns.indexOf(column)]
}

// Shared exports carry upper-case codes; the fixtures' default codes are lower-case.
let codes = 0
const upperCode = () => `NW-${Date.now().toString(36)}${(codes++).toString(36)}`.toUpperCase()

async function setting() {
  const home = await makeJurisdiction(upperCode())
  importerId = home.id
  const admin = await makeUser(home.id, { isAdmin: true })
  const staff = await makeUser(home.id)
  const review = await makeReview(home.id, [{ userId: staff.id, role: 'panel_member' }])
  await withDocument(review.id, [
    ...twelveFindings,
    { type: 'addEvent', id: 'e1', date: '2026-09-01', stage: 'safety_plan' },
    { type: 'addUnmetNeed', id: 'n1', need: 'Synthetic need', eventIds: ['e1'] },
    { type: 'addRecommendation', id: 'r1', text: 'Synthetic recommendation', strength: 'stronger', status: 'accepted' },
  ])
  return { home, admin, staff, review, adminCookie: (await cookieFor(admin.id)).cookie, staffCookie: (await cookieFor(staff.id)).cookie }
}

describe('trends', () => {
  test('own reviews are counted from the projection, suppressed, with no text', async () => {
    const { home, staffCookie } = await setting()
    // Staying out of shared data sets does not hide a jurisdiction's reviews from itself.
    await prisma.jurisdiction.update({ where: { id: home.id }, data: { excludeFromSharing: true } })
    const data = await trendsFor(staffCookie)
    expect(cell(data, 'family_centered', 'child_family')).toBe(12)
    expect(data.tables.findingsByValueAndDomain.grandTotal).toBe(12)
    expect(data.sources.codes).toEqual([home.code])
    expect(data.sources.counts.cells).toEqual([['small']])
    // One need, one recommendation: only "<10" leaves the server.
    const needs = data.tables.unmetNeedsByStageAndYear
    expect(needs.cells[needs.rows.indexOf('safety_plan')]).toEqual(['small'])
    expect(needs.grandTotal).toBe('small')
    expect(data.tables.recommendationsByStrengthAndStatus.grandTotal).toBe('small')
    expect(data.imported).toBeNull()
    expect(JSON.stringify(data)).not.toMatch(/Synthetic/)
  })

  test('an admin imports shared reviews; the network view counts them, the own view does not', async () => {
    const { adminCookie, staffCookie, home } = await setting()
    // Ten copies of the fixture (distinct ids), so that the imported counts reach 10 and show.
    const files = Array.from({ length: 10 }, (_, i) => ({ name: `lk-${i}.json`, text: JSON.stringify(sharedFrom('LK-T1', hexId(100 + i))) }))
    const result = await importFiles(adminCookie, files)
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ ok: true, created: 10, replaced: 0, sources: [{ source: 'LK-T1', count: 10 }] })

    expect(cell(await trendsFor(staffCookie), 'family_centered', 'child_family')).toBe(12)
    const network = await trendsFor(staffCookie, 'network')
    // 12 of ours and one per shared review.
    expect(cell(network, 'family_centered', 'child_family')).toBe(22)
    expect(cell(network, 'workforce_informed', 'interagency_community')).toBe(10)
    expect(network.sources.codes).toEqual([home.code, 'LK-T1'])
    // Our one review is a small count, so the other line is withheld with it, and so is the
    // total: 11 with an "x" of at least 10 would say that "<10" is 1.
    expect(network.sources.counts.cells).toEqual([['small'], ['withheld']])
    expect(network.sources.counts.grandTotal).toBe('withheld')
    expect(JSON.stringify(network)).not.toMatch(/Synthetic/)

    // The admin sees exactly what was imported, to manage it.
    expect((await trendsFor(adminCookie, 'network')).imported).toEqual([expect.objectContaining({ source: 'LK-T1', reviews: 10 })])
    const audit = await prisma.auditEvent.findFirst({ where: { jurisdictionId: home.id, action: 'trends.shared-imported' } })
    expect(audit?.detail).not.toMatch(/Synthetic/)
  })

  test('re-importing a review replaces it; removing a source removes its reviews', async () => {
    const { adminCookie, home, staffCookie } = await setting()
    const first = sharedFrom('LK-T2', hexId(2))
    await importFiles(adminCookie, [{ name: 'a.json', text: JSON.stringify(first) }])
    const corrected = sharedFrom('LK-T2', hexId(2), { findings: [] })
    const again = await importFiles(adminCookie, [{ name: 'a.json', text: JSON.stringify([corrected, sharedFrom('LK-T2', hexId(3))]) }])
    expect(again.body).toMatchObject({ ok: true, created: 1, replaced: 1 })
    expect(await prisma.sharedReview.count({ where: { jurisdictionId: home.id } })).toBe(2)
    const replaced = await prisma.sharedReview.findUniqueOrThrow({ where: { jurisdictionId_sharedId: { jurisdictionId: home.id, sharedId: hexId(2) } } })
    expect((JSON.parse(replaced.content) as { findings: unknown[] }).findings).toEqual([])
    const network = await trendsFor(staffCookie, 'network')
    expect(network.sources.codes).toEqual([home.code, 'LK-T2'])

    const removal = (await trendsRoute.action({
      request: buildRequest('/trends', { cookie: adminCookie, form: { intent: 'remove', source: 'LK-T2' } }),
      params: {},
      context: {},
    })) as Response
    expect(await removal.json()).toMatchObject({ ok: true, removed: 2 })
    expect(await prisma.sharedReview.count({ where: { jurisdictionId: home.id } })).toBe(0)
  })

  test('a bad upload lists every problem of every file and writes nothing', async () => {
    const { adminCookie, home } = await setting()
    const before = await prisma.sharedReview.count()
    const broken = sharedFrom('LK-T3', 'not-a-hash', {
      review: { incidentYear: 2025, incidentType: 'explosion', childAgeBand: null, phase: 'shared' },
      extra: 1,
    })
    const result = await importFiles(adminCookie, [
      { name: 'good.json', text: JSON.stringify(sharedFrom('LK-T3', hexId(4))) },
      { name: 'broken.json', text: JSON.stringify(broken) },
      { name: 'garbage.json', text: '{ not json' },
      { name: 'ours.json', text: JSON.stringify(sharedFrom(home.code, hexId(5))) },
      { name: 'twin.json', text: JSON.stringify(sharedFrom('LK-T3', hexId(4))) },
    ])
    expect(result.status).toBe(400)
    const problems = result.body.problems as { file: string; where: string; message: { key?: string } }[]
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'broken.json', where: '/sharedId', message: { key: 'invalidFormat' } }),
        expect.objectContaining({ file: 'broken.json', where: '/review/incidentType', message: expect.objectContaining({ key: 'invalidEnum' }) }),
        expect.objectContaining({ file: 'broken.json', where: '', message: expect.objectContaining({ key: 'unrecognizedKeys' }) }),
        expect.objectContaining({ file: 'garbage.json', message: expect.objectContaining({ key: 'notJson' }) }),
        expect.objectContaining({ file: 'ours.json', where: '/jurisdiction', message: expect.objectContaining({ key: 'ownJurisdiction' }) }),
        expect.objectContaining({ file: 'twin.json', where: '/sharedId', message: expect.objectContaining({ key: 'duplicateInUpload' }) }),
      ]),
    )
    expect(problems.some(p => p.file === 'good.json')).toBe(false)
    expect(await prisma.sharedReview.count()).toBe(before)
    expect(await prisma.auditEvent.count({ where: { jurisdictionId: home.id, action: 'trends.shared-imported' } })).toBe(0)

    const nothing = await importFiles(adminCookie, [])
    expect(nothing.status).toBe(400)
  })

  test('a jurisdiction on this system that withdraws from sharing stops counting in others’ network views', async () => {
    const { adminCookie, staffCookie } = await setting()
    const source = await makeJurisdiction(upperCode())
    await importFiles(adminCookie, [{ name: 'a.json', text: JSON.stringify(sharedFrom(source.code, hexId(8))) }])
    expect((await trendsFor(staffCookie, 'network')).sources.codes).toContain(source.code)

    await prisma.jurisdiction.update({ where: { id: source.id }, data: { excludeFromSharing: true } })
    const network = (await trendsFor(staffCookie, 'network')) as TrendsLoaderData & { withdrawnSources: string[] }
    expect(network.sources.codes).not.toContain(source.code)
    expect(network.withdrawnSources).toEqual([source.code])
    const again = await importFiles(adminCookie, [{ name: 'b.json', text: JSON.stringify(sharedFrom(source.code, hexId(9))) }])
    expect(again.body.problems).toEqual([
      expect.objectContaining({ where: '/jurisdiction', message: { key: 'sourceWithdrawn', params: { code: source.code } } }),
    ])
  })

  test('a shared id already imported from another jurisdiction is refused', async () => {
    const { adminCookie } = await setting()
    await importFiles(adminCookie, [{ name: 'a.json', text: JSON.stringify(sharedFrom('LK-T4', hexId(6))) }])
    const clash = await importFiles(adminCookie, [{ name: 'b.json', text: JSON.stringify(sharedFrom('ZZ-T4', hexId(6))) }])
    expect(clash.status).toBe(400)
    expect(clash.body.problems).toEqual([expect.objectContaining({ file: 'b.json', message: { key: 'sharedIdTaken', params: { code: 'LK-T4' } } })])
  })

  test('only admins import; everyone in the jurisdiction reads; nobody sees another jurisdiction', async () => {
    const { staffCookie, adminCookie, home } = await setting()
    const file = [{ name: 'x.json', text: JSON.stringify(sharedFrom('LK-T5', hexId(7))) }]
    expect(await outcomeOf(() => trendsRoute.action({ request: importRequest(staffCookie, file), params: {}, context: {} }))).toBe(403)
    expect(await prisma.sharedReview.count({ where: { jurisdictionId: home.id } })).toBe(0)
    expect(await outcomeOf(() => trendsRoute.loader({ request: buildRequest('/trends', { cookie: staffCookie }), params: {}, context: {} }))).toBe('ok')
    expect(await outcomeOf(() => trendsRoute.loader({ request: buildRequest('/trends'), params: {}, context: {} }))).toBe('login')
    await importFiles(adminCookie, file)

    const elsewhere = await makeJurisdiction()
    const otherAdmin = await makeUser(elsewhere.id, { isAdmin: true })
    const { cookie } = await cookieFor(otherAdmin.id)
    for (const view of ['own', 'network'] as const) {
      const data = await trendsFor(cookie, view)
      expect(data.sources.codes).toEqual([elsewhere.code])
      expect(data.tables.findingsByValueAndDomain.grandTotal).toBe(0)
      expect(data.tables.recommendationsByStrengthAndStatus.grandTotal).toBe(0)
    }
    expect((await trendsFor(cookie, 'network')).imported).toEqual([])

    const inactive = await makeUser(home.id, { deactivated: true })
    expect(
      await outcomeOf(async () =>
        trendsRoute.loader({ request: buildRequest('/trends', { cookie: (await cookieFor(inactive.id)).cookie }), params: {}, context: {} }),
      ),
    ).toBe('login')
  })
})

describe('what changed', () => {
  type Data = {
    reviews: {
      title: string
      role: string | null
      recommendations: { text: string; owner: string | null; dueDate: string | null; status: string; overdue: boolean }[]
    }[]
  }
  const load = async (cookie: string) =>
    (await (await whatChangedRoute.loader({ request: buildRequest('/what-changed', { cookie }), params: {}, context: {} })).json()) as Data

  test('lists the recommendations of the reviews I am or was on, and nothing else', async () => {
    const j = await makeJurisdiction()
    const { review: mine, me, facilitator } = await makeTeam(j.id, { me: 'staff_contributor', facilitator: 'facilitator' })
    const notMine = await makeReview(j.id, [{ userId: facilitator.id, role: 'facilitator' }])
    const leftApproved = await makeReview(j.id, [
      { userId: me.id, role: 'observer' },
      { userId: facilitator.id, role: 'facilitator' },
    ])
    const leftEarly = await makeReview(j.id, [
      { userId: me.id, role: 'observer' },
      { userId: facilitator.id, role: 'facilitator' },
    ])
    await withDocument(mine.id, [
      {
        type: 'addRecommendation',
        id: 'r1',
        text: 'Cap caseloads',
        strength: 'stronger',
        owner: 'Director of services',
        dueDate: '2020-01-01',
        status: 'in_progress',
      },
      { type: 'addRecommendation', id: 'r2', text: 'New visit form', strength: 'intermediate', status: 'done' },
    ])
    await withDocument(notMine.id, [{ type: 'addRecommendation', id: 'r3', text: 'Not for me', strength: 'weaker' }])
    await withDocument(leftApproved.id, [{ type: 'addRecommendation', id: 'r4', text: 'Approved after I left', strength: 'weaker' }])
    await withDocument(leftEarly.id, [{ type: 'addRecommendation', id: 'r5', text: 'Still a draft', strength: 'weaker' }])
    await prisma.review.update({ where: { id: leftApproved.id }, data: { phase: 'shared' } })
    for (const review of [leftApproved, leftEarly]) {
      const member = await prisma.reviewMember.findFirstOrThrow({ where: { reviewId: review.id, userId: me.id } })
      expect(await removeMember(review, member.id, facilitator.id)).toEqual({ ok: true })
    }

    const data = await load((await cookieFor(me.id)).cookie)
    const byTitle = new Map(data.reviews.map(r => [r.title, r]))
    expect([...byTitle.keys()].sort()).toEqual([mine.title, leftApproved.title].sort())
    expect(byTitle.get(mine.title)!.role).toBe('staff_contributor')
    expect(byTitle.get(mine.title)!.recommendations).toEqual([
      expect.objectContaining({ text: 'Cap caseloads', owner: 'Director of services', dueDate: '2020-01-01', status: 'in_progress', overdue: true }),
      expect.objectContaining({ text: 'New visit form', owner: null, dueDate: null, status: 'done', overdue: false }),
    ])
    expect(byTitle.get(leftApproved.title)!.role).toBeNull()
    expect(JSON.stringify(data)).not.toMatch(/Not for me|Still a draft/)

    // Someone who took part in nothing sees nothing, not even in the same jurisdiction.
    const bystander = await makeUser(j.id, { isAdmin: true })
    expect((await load((await cookieFor(bystander.id)).cookie)).reviews).toEqual([])
  })
})
