// Surveys against a real database: answering once, never after close, nothing in the stored
// answer that leads to a person, and results only above the threshold.
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, test } from 'vitest'
import { defaultSurveyInstrument, surveyItems } from '~/domain/surveys'
import {
  closedWaveResults,
  closeWave,
  createUnit,
  openWave,
  openWavesFor,
  setSurveyMinResponses,
  setUserUnit,
  submitAnswers,
  surveySettings,
  waveForRespondent,
} from '~/models/survey.server'
import { prisma } from '~/utils/db.server'
import { makeJurisdiction, makeUser } from '../support/fixtures'

const items = surveyItems(defaultSurveyInstrument)
const allAgree = Object.fromEntries(items.map(i => [i.id, 5]))
const today = new Date().toISOString().slice(0, 10)
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

async function world(sizes: Record<string, number>) {
  const j = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const units: Record<string, { id: string; users: { id: string; jurisdictionId: string }[] }> = {}
  for (const [name, size] of Object.entries(sizes)) {
    const unit = await createUnit(j.id, name, admin.id)
    const users = []
    for (let k = 0; k < size; k++) {
      const u = await makeUser(j.id, { name: `${name} Person${k}` })
      await setUserUnit(j.id, u.id, unit.id, admin.id)
      users.push(u)
    }
    units[name] = { id: unit.id, users }
  }
  const open = (title = 'Pulse') =>
    openWave(j.id, admin.id, {
      title,
      opensOn: today,
      closesOn: dayOffset(14),
      unitIds: Object.values(units).map(u => u.id),
      userIds: Object.values(units).flatMap(u => u.users.map(x => x.id)),
    })
  return { j, admin, units, open }
}

describe('the response table', () => {
  test('has no column that can identify the respondent', async () => {
    // The SQLite table itself, as migrated, not the Prisma model only.
    const file = (process.env.DATABASE_URL ?? '').replace(/^file:/, '')
    const db = new Database(file, { readonly: true })
    const columns = (db.prepare(`PRAGMA table_info("SurveyResponse")`).all() as { name: string; type: string }[]).map(c => c.name).sort()
    const indexes = db.prepare(`PRAGMA index_list("SurveyResponse")`).all() as { name: string }[]
    const foreignKeys = (db.prepare(`PRAGMA foreign_key_list("SurveyResponse")`).all() as { table: string }[]).map(f => f.table)
    const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'SurveyResponse'`).get() as { sql: string }).sql
    db.close()
    // Exactly these: the wave, the unit (results are by unit), the answers and the comment.
    expect(columns).toEqual(['answers', 'comment', 'id', 'unitId', 'waveId'])
    expect(foreignKeys).toEqual(['SurveyWave'])
    // No autoincrement and no default that stamps a time or an order.
    expect(sql).not.toMatch(/AUTOINCREMENT|CURRENT_TIMESTAMP|DEFAULT/i)
    expect(indexes.map(i => i.name).sort()).toEqual(['SurveyResponse_waveId_unitId_idx', 'sqlite_autoindex_SurveyResponse_1'])
    // And the invitation ("has answered") carries no time either.
    const db2 = new Database(file, { readonly: true })
    const invitationColumns = (db2.prepare(`PRAGMA table_info("SurveyInvitation")`).all() as { name: string }[]).map(c => c.name).sort()
    db2.close()
    expect(invitationColumns).toEqual(['answered', 'id', 'unitId', 'userId', 'waveId'])
  })

  test('rows carry random ids and random rowids, in no order of answering', async () => {
    const { units, open } = await world({ Harbour: 6 })
    const wave = await open()
    for (const u of units.Harbour!.users) expect(await submitAnswers(u, wave.id, { answers: allAgree, comment: null, locale: 'en' })).toEqual({ ok: true })
    const file = (process.env.DATABASE_URL ?? '').replace(/^file:/, '')
    const db = new Database(file, { readonly: true })
    const rows = db.prepare(`SELECT rowid AS r, id FROM "SurveyResponse" WHERE "waveId" = ?`).all(wave.id) as { r: number; id: string }[]
    db.close()
    expect(rows).toHaveLength(6)
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/)
      // Far from the 1, 2, 3... an insertion counter would give.
      expect(row.r).toBeGreaterThan(1_000_000)
    }
  })
})

describe('answering', () => {
  test('an invited user answers once; a second answer and an answer after close are refused', async () => {
    const { j, admin, units, open } = await world({ North: 2 })
    const wave = await open()
    const [alice, bob] = units.North!.users as [{ id: string; jurisdictionId: string }, { id: string; jurisdictionId: string }]
    expect((await openWavesFor(alice.id)).map(w => w.id)).toEqual([wave.id])

    expect(await submitAnswers(alice, wave.id, { answers: allAgree, comment: null, locale: 'en' })).toEqual({ ok: true })
    expect(await submitAnswers(alice, wave.id, { answers: allAgree, comment: null, locale: 'en' })).toEqual({ ok: false, reason: 'already-answered' })
    expect(await openWavesFor(alice.id)).toEqual([])
    expect((await waveForRespondent(alice.id, j.id, wave.id))?.answered).toBe(true)
    expect(await prisma.surveyResponse.count({ where: { waveId: wave.id } })).toBe(1)

    // Two submissions racing: exactly one lands.
    const { units: u2, open: open2 } = await world({ Race: 1 })
    const raceWave = await open2()
    const racer = u2.Race!.users[0]!
    const outcomes = await Promise.all([1, 2, 3].map(() => submitAnswers(racer, raceWave.id, { answers: allAgree, comment: null, locale: 'en' })))
    expect(outcomes.filter(o => o.ok)).toHaveLength(1)
    expect(await prisma.surveyResponse.count({ where: { waveId: raceWave.id } })).toBe(1)

    await closeWave(j.id, wave.id, admin.id)
    expect(await submitAnswers(bob, wave.id, { answers: allAgree, comment: null, locale: 'en' })).toEqual({ ok: false, reason: 'not-open' })
    // After the close date too, without an early close.
    expect(await submitAnswers(bob, wave.id, { answers: allAgree, comment: null, locale: 'en' }, new Date(Date.now() + 30 * 86_400_000))).toEqual({
      ok: false,
      reason: 'not-open',
    })
    expect(await prisma.surveyResponse.count({ where: { waveId: wave.id } })).toBe(1)
  })

  test('someone not invited cannot answer; bad answers are refused and nothing is stored', async () => {
    const { j, units, open } = await world({ South: 1 })
    const wave = await open()
    const outsider = await makeUser(j.id)
    expect(await submitAnswers(outsider, wave.id, { answers: allAgree, comment: null, locale: 'en' })).toEqual({ ok: false, reason: 'not-invited' })
    const member = units.South!.users[0]!
    const bad = await submitAnswers(member, wave.id, { answers: { 'sc.priority': 9 }, comment: null, locale: 'en' })
    expect(bad).toMatchObject({ ok: false, reason: 'invalid' })
    const unknown = await submitAnswers(member, wave.id, { answers: { 'not.an.item': 3 }, comment: null, locale: 'en' })
    expect(unknown).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await prisma.surveyResponse.count({ where: { waveId: wave.id } })).toBe(0)
    // Still free to answer properly.
    expect(await submitAnswers(member, wave.id, { answers: { 'sc.priority': 2 }, comment: null, locale: 'en' })).toEqual({ ok: true })
  })

  test('a comment is stored only after the anonymiser ran over it', async () => {
    const { units, open } = await world({ East: 1 })
    const wave = await open()
    const member = units.East!.users[0]!
    const colleague = units.East!.users[0]!
    const name = (await prisma.user.findUniqueOrThrow({ where: { id: colleague.id } })).name
    await submitAnswers(member, wave.id, { answers: allAgree, comment: `${name} at East said call 613-555-0199 about it`, locale: 'en' })
    const stored = await prisma.surveyResponse.findFirstOrThrow({ where: { waveId: wave.id } })
    expect(stored.comment).not.toContain(name)
    expect(stored.comment).not.toContain('613-555-0199')
  })
})

describe('results', () => {
  let data: Awaited<ReturnType<typeof world>>
  beforeAll(async () => {
    data = await world({ Alpha: 6, Beta: 5, Gamma: 2 })
  })

  test('nothing before the wave closes; then units under the threshold are hidden, with a complement', async () => {
    const { j, admin, units, open } = data
    const wave = await open()
    for (const u of [...units.Alpha!.users, ...units.Beta!.users, ...units.Gamma!.users]) {
      await submitAnswers(u, wave.id, { answers: allAgree, comment: 'More time for supervision would help.', locale: 'en' })
    }
    expect(await closedWaveResults(j.id)).toBeNull()
    await closeWave(j.id, wave.id, admin.id)
    const closed = (await closedWaveResults(j.id))!
    const status = Object.fromEntries(closed.results.units.map((u, k) => [u.name, closed.results.cells[k]![0]!.status]))
    expect((await surveySettings(j.id)).minResponses).toBe(5)
    // Gamma (2) is under 5; hiding it alone would let Alpha + Beta be subtracted from the
    // total, so the smaller of the others (Beta, 5) is withheld too.
    expect(status).toEqual({ Alpha: 'shown', Beta: 'withheld', Gamma: 'too-few' })
    expect(closed.results.jurisdiction[0]).toMatchObject({ status: 'shown', respondents: 13 })
    expect(closed.comments[0]).toHaveLength(13)

    // A higher threshold hides more.
    await setSurveyMinResponses(j.id, 7, admin.id)
    const stricter = (await closedWaveResults(j.id))!
    expect(stricter.results.cells.every(row => row[0]!.status !== 'shown')).toBe(true)
    expect(stricter.results.jurisdiction[0]!.status).toBe('shown')
  })
})

describe('the admin page and the CSV', () => {
  test('an instrument file is checked whole: a broken one changes nothing and lists every problem', async () => {
    const { cookieFor, TEST_ORIGIN } = await import('../support/fixtures')
    const route = await import('~/routes/admin.surveys')
    const j = await makeJurisdiction()
    const admin = await makeUser(j.id, { isAdmin: true })
    const { cookie } = await cookieFor(admin.id)
    const post = (fields: Record<string, string | File>) => {
      const form = new FormData()
      for (const [k, v] of Object.entries(fields)) form.set(k, v)
      return route.action({
        request: new Request(`${TEST_ORIGIN}/admin/surveys`, { method: 'POST', headers: { cookie, origin: TEST_ORIGIN }, body: form }),
        params: {},
        context: {},
      })
    }
    const broken = { ...defaultSurveyInstrument, composites: [{ id: 'x', label: { en: 'X' }, items: [] }] }
    const refused = await post({ intent: 'instrument', file: new File([JSON.stringify(broken)], 'i.json') })
    expect(refused.status).toBe(400)
    const body = (await refused.json()) as { problems: { where: string }[] }
    expect(body.problems.map(p => p.where)).toEqual(expect.arrayContaining(['/composites/0/label/fr', '/composites/0/items']))
    expect((await surveySettings(j.id)).customInstrument).toBe(false)

    const own = { ...defaultSurveyInstrument, id: 'our-pulse', name: { en: 'Our pulse', fr: 'Notre sondage' } }
    const loaded = await post({ intent: 'instrument', file: new File([JSON.stringify(own)], 'i.json') })
    expect(loaded.status).toBe(200)
    expect((await surveySettings(j.id)).instrument.id).toBe('our-pulse')

    const badThreshold = await post({ intent: 'threshold', minResponses: '1' })
    expect(badThreshold.status).toBe(400)
    expect((await surveySettings(j.id)).minResponses).toBe(5)
  })

  test('the CSV holds aggregates only and neutralises formulas in unit names', async () => {
    const { cookieFor, buildRequest } = await import('../support/fixtures')
    const csvRoute = await import('~/routes/surveys.results[.csv]')
    const { j, admin, units, open } = await world({ '=HYPERLINK("http://x")': 5, Quiet: 2 })
    const wave = await open('Spring, "quoted"')
    for (const u of [...units['=HYPERLINK("http://x")']!.users, ...units.Quiet!.users]) {
      await submitAnswers(u, wave.id, { answers: allAgree, comment: 'A private remark', locale: 'en' })
    }
    await closeWave(j.id, wave.id, admin.id)
    const { cookie } = await cookieFor(admin.id)
    const response = await csvRoute.loader({ request: buildRequest('/surveys/results.csv', { cookie }), params: {}, context: {} })
    const text = await response.text()
    expect(response.headers.get('content-type')).toContain('text/csv')
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`)
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m)
    expect(text).toContain('"Spring, ""quoted""",Quiet,too-few,,')
    expect(text).not.toContain('A private remark')
  })
})

describe('beside review learning', () => {
  test('composites per closed wave with workforce findings and recommendation completion of the period', async () => {
    const { surveyTrends } = await import('~/models/survey.server')
    const { makeReview } = await import('../support/fixtures')
    const { j, admin, units, open } = await world({ West: 5 })
    const wave = await open('Winter')
    for (const u of units.West!.users) await submitAnswers(u, wave.id, { answers: allAgree, comment: null, locale: 'en' })
    const review = await makeReview(j.id, [])
    await prisma.projectedFinding.createMany({
      data: Array.from({ length: 11 }, (_, k) => ({
        reviewId: review.id,
        id: `f${k}`,
        status: 'agreed',
        body: '',
        factorItemIds: JSON.stringify(k < 10 ? ['worker_team.workload'] : ['task_tools.policies']),
        position: k,
      })),
    })
    await prisma.projectedRecommendation.createMany({
      data: Array.from({ length: 12 }, (_, k) => ({
        reviewId: review.id,
        id: `r${k}`,
        text: '',
        strength: 'stronger',
        status: k < 10 ? 'done' : 'proposed',
        dueDate: today,
        position: k,
      })),
    })
    expect(await surveyTrends(j.id)).toBeNull()
    await closeWave(j.id, wave.id, admin.id)
    const trends = (await surveyTrends(j.id))!
    expect(trends.periods.map(p => p.label)).toEqual(['Winter'])
    expect(trends.results.jurisdiction[0]).toMatchObject({ status: 'shown', respondents: 5 })
    expect(trends.workforceFindings.cells[0]![0]).toBe(10)
    // 12 due, 10 done, 2 not: the 2 is "<10", so the 10 is withheld too (12 - 10 = 2).
    expect(trends.recommendationsDue.cells[1]![0]).toBe('small')
    expect(trends.recommendationsDue.cells[0]![0]).toBe('withheld')
    expect(trends.recommendationsDue.columnTotals[0]).toBe(12)
  })
})
