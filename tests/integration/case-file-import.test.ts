import fs from 'node:fs'
import { expect, test } from 'vitest'
import { readReviewDoc } from '~/domain/review-doc'
import { reviewDocName } from '~/models/review-doc.server'
import * as importRoute from '~/routes/reviews.$reviewId_.import'
import { prisma } from '~/utils/db.server'
import { loadStoredDoc } from '~/utils/review-doc-gateway.server'
import { createReview } from '~/models/review.server'
import { exampleCaseFilePath } from '../../server/demo-seed'
import { cookieFor, makeJurisdiction, makeUser, outcomeOf, TEST_ORIGIN } from '../support/fixtures'

async function setup() {
  const j = await makeJurisdiction()
  const facilitator = await makeUser(j.id)
  const observer = await makeUser(j.id)
  const review = await createReview({
    title: 'Import target',
    incidentType: 'near_fatality',
    incidentDate: '2025-03-18',
    summary: '',
    jurisdictionId: j.id,
    createdById: facilitator.id,
  })
  await prisma.reviewMember.create({ data: { reviewId: review.id, userId: observer.id, role: 'observer' } })
  return { review, facilitator, observer }
}

type Upload = Record<string, { name: string; content: string; type: string }>

/** The import form posted with these files, as the browser sends it. */
function postImport(reviewId: string, cookie: string, files: Upload) {
  const form = new FormData()
  for (const [field, f] of Object.entries(files)) form.set(field, new File([f.content], f.name, { type: f.type }))
  const request = new Request(`${TEST_ORIGIN}/reviews/${reviewId}/import`, { method: 'POST', headers: { cookie, origin: TEST_ORIGIN }, body: form })
  return importRoute.action({ request, params: { reviewId }, context: {} })
}

const caseFile = (content: string, name = 'case.json'): Upload => ({ caseFile: { name, content, type: 'application/json' } })
const csvFiles = (people: string, timeline: string): Upload => ({
  peopleCsv: { name: 'people.csv', content: people, type: 'text/csv' },
  timelineCsv: { name: 'timeline.csv', content: timeline, type: 'text/csv' },
})

test('a valid JSON case file fills the timeline and registry, and the projection follows', async () => {
  const { review, facilitator } = await setup()
  const { cookie } = await cookieFor(facilitator.id)
  const text = fs.readFileSync(exampleCaseFilePath, 'utf8')
  const response = await postImport(review.id, cookie, caseFile(text))
  expect(response.status).toBe(302)
  const example = JSON.parse(text) as { timeline: unknown[]; people: unknown[] }
  const doc = readReviewDoc(await loadStoredDoc(reviewDocName(review.id))).doc
  expect(doc.events).toHaveLength(example.timeline.length)
  expect(doc.people).toHaveLength(example.people.length)
  expect(await prisma.projectedEvent.count({ where: { reviewId: review.id } })).toBe(example.timeline.length)

  // A second import would duplicate: refused, nothing written.
  const again = await postImport(review.id, cookie, caseFile(text))
  expect(again.status).toBe(400)
  expect(readReviewDoc(await loadStoredDoc(reviewDocName(review.id))).doc.events).toHaveLength(example.timeline.length)
})

test('an invalid file lists every problem by location and writes nothing', async () => {
  const { review, facilitator } = await setup()
  const { cookie } = await cookieFor(facilitator.id)
  const bad = {
    format: 'scir-case-file/1',
    review: { title: 'x', incidentType: 'fatality', incidentDate: '2025-01-01' },
    people: [{ key: 'a', name: 'A', role: 'martian' }],
    timeline: [{ date: '2025-13-01', text: 'x', actors: ['ghost'] }],
  }
  const response = await postImport(review.id, cookie, caseFile(JSON.stringify(bad), 'bad.json'))
  expect(response.status).toBe(400)
  const { problems } = (await response.json()) as { problems: { where: string }[] }
  expect(problems.map(p => p.where)).toEqual(expect.arrayContaining(['/people/0/role', '/timeline/0/date', '/timeline/0/actors/0']))
  expect(readReviewDoc(await loadStoredDoc(reviewDocName(review.id))).doc.events).toHaveLength(0)
})

test('CSV files with the same columns import too; CSV problems are located by row and column', async () => {
  const { review, facilitator } = await setup()
  const { cookie } = await cookieFor(facilitator.id)
  const people = 'key,name,aliases,role,pseudonym,birthDate\nc1,Test Child,Tee,child,Child 1,2024-01-02\nw1,Test Worker,,worker,,\n'
  const badTimeline = 'date,approximate,stage,source,actors,text\n2025-01-05,no,referral,intake,w1,Referral made\n2025-01-40,no,engagement,notes,c1;w1,Visit\n'
  const refused = await postImport(review.id, cookie, csvFiles(people, badTimeline))
  expect(refused.status).toBe(400)
  const { problems } = (await refused.json()) as { problems: { where: string }[] }
  expect(problems[0]!.where).toMatch(/timeline CSV row 3, column date/)

  const goodTimeline = badTimeline.replace('2025-01-40', '2025-01-20')
  const ok = await postImport(review.id, cookie, csvFiles(people, goodTimeline))
  expect(ok.status).toBe(302)
  const doc = readReviewDoc(await loadStoredDoc(reviewDocName(review.id))).doc
  expect(doc.events.map(e => e.description.text)).toEqual(['Referral made', 'Visit'])
  expect(doc.people.map(p => p.pseudonym)).toContain('Child 1')
})

test('only members who may write the document can import', async () => {
  const { review, observer } = await setup()
  const { cookie } = await cookieFor(observer.id)
  const outcome = await outcomeOf(() => postImport(review.id, cookie, caseFile('{}')))
  expect(outcome).toBe(403)
})

test('a second agency’s chronology is added to a review that has one: duplicates reported, the file’s summary kept', async () => {
  const { review, facilitator } = await setup()
  const { cookie } = await cookieFor(facilitator.id)
  const text = fs.readFileSync(exampleCaseFilePath, 'utf8')
  const first = JSON.parse(text) as { review: Record<string, string>; timeline: { date: string; source: string; text: string }[] }
  const post = (content: string) => postImport(review.id, cookie, caseFile(content))
  expect((await post(text)).status).toBe(302)
  expect((await prisma.review.findUniqueOrThrow({ where: { id: review.id } })).summary).toBe(first.review.summary)

  const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10)
  const hospital = {
    format: 'scir-case-file/1',
    review: { ...first.review, summary: 'Hospital social work summary (fictional).' },
    people: [{ key: 'sw', name: 'Nadia Brook', role: 'professional' }],
    timeline: [
      { date: first.timeline[8]!.date, source: first.timeline[8]!.source, text: first.timeline[8]!.text },
      { date: '2025-03-19', source: 'hospital report', actors: ['sw'], text: 'Social worker meets the mother.' },
      { date: future, source: 'hospital report', text: 'Follow-up clinic booked.' },
    ],
  }
  const response = await post(JSON.stringify(hospital))
  expect(response.status).toBe(200)
  const body = (await response.json()) as unknown as {
    imported: {
      events: number
      duplicates: { where: { key: string; params: { n: number } }; what: { key: string } }[]
      flags: { what: { key: string } }[]
      summaryKept: boolean
    }
  }
  expect(body.imported).toMatchObject({ events: 2, summaryKept: true })
  expect(body.imported.duplicates).toEqual([
    {
      where: { key: 'where.event', params: { n: 1 } },
      what: { key: 'flag.duplicate', params: { date: first.timeline[8]!.date, source: first.timeline[8]!.source } },
    },
  ])
  expect(body.imported.flags.map(f => f.what.key)).toEqual(['flag.future'])
  const doc = readReviewDoc(await loadStoredDoc(reviewDocName(review.id))).doc
  expect(doc.events).toHaveLength(first.timeline.length + 2)
  expect((await prisma.review.findUniqueOrThrow({ where: { id: review.id } })).summary).toBe(
    `${first.review.summary}\n\nHospital social work summary (fictional).`,
  )

  // The same file once more brings nothing new: refused, in words, nothing written.
  const again = await post(JSON.stringify(hospital))
  expect(again.status).toBe(400)
  const refused = (await again.json()) as { problems: { explained: { what: { key: string } } }[] }
  expect(refused.problems.map(p => p.explained.what.key)).toEqual(['problem.nothingNew'])
  expect(readReviewDoc(await loadStoredDoc(reviewDocName(review.id))).doc.events).toHaveLength(first.timeline.length + 2)
})

test('refusals carry messages for people: the event number and the impossible date', async () => {
  const { review, facilitator } = await setup()
  const { cookie } = await cookieFor(facilitator.id)
  const example = JSON.parse(fs.readFileSync(exampleCaseFilePath, 'utf8')) as { timeline: { date: string }[] }
  example.timeline[4]!.date = '2024-13-45'
  const response = await postImport(review.id, cookie, caseFile(JSON.stringify(example)))
  expect(response.status).toBe(400)
  const { problems } = (await response.json()) as { problems: { explained: unknown }[] }
  expect(problems.map(p => p.explained)).toEqual([
    { where: { key: 'where.eventField', params: { n: 5, field: 'date' } }, what: { key: 'problem.notRealDate', params: { value: '2024-13-45' } } },
  ])
})
