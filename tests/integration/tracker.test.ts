import * as Y from 'yjs'
import { expect, test } from 'vitest'
import { applyCommand, initialiseReviewDoc, readReviewDoc } from '~/domain/review-doc'
import { projectReviewDocument } from '~/models/review-projection.server'
import * as trackerRoute from '~/routes/recommendations'
import { buildRequest, cookieFor, makeJurisdiction, makeReview, makeUser } from '../support/fixtures'

async function withRecommendations(reviewId: string, recs: { id: string; text: string; dueDate?: string; status?: string }[]) {
  const doc = new Y.Doc()
  initialiseReviewDoc(doc, { reviewId })
  for (const r of recs) {
    applyCommand(doc, {
      type: 'addRecommendation',
      id: r.id,
      text: r.text,
      strength: 'weaker',
      ...(r.dueDate ? { dueDate: r.dueDate } : {}),
      ...(r.status ? { status: r.status as 'done' } : {}),
    })
  }
  await projectReviewDocument(reviewId, readReviewDoc(doc).doc, 0)
}

test('the tracker lists open recommendations of my reviews, overdue first, and nothing from reviews I am not on', async () => {
  const j = await makeJurisdiction()
  const me = await makeUser(j.id)
  const someoneElse = await makeUser(j.id)
  const mine = await makeReview(j.id, [{ userId: me.id, role: 'qi_lead' }])
  const notMine = await makeReview(j.id, [{ userId: someoneElse.id, role: 'facilitator' }])
  await withRecommendations(mine.id, [
    { id: 'r-future', text: 'Future one', dueDate: '2999-01-01' },
    { id: 'r-overdue', text: 'Overdue one', dueDate: '2020-01-01' },
    { id: 'r-undated', text: 'Undated one' },
    { id: 'r-done', text: 'Finished one', dueDate: '2020-01-01', status: 'done' },
    { id: 'r-verified', text: 'Judged one', dueDate: '2020-01-01', status: 'verified_effective' },
  ])
  await withRecommendations(notMine.id, [{ id: 'r-secret', text: 'Not for me', dueDate: '2020-01-01' }])

  const { cookie } = await cookieFor(me.id)
  const response = await trackerRoute.loader({ request: buildRequest('/recommendations', { cookie }), params: {}, context: {} })
  const data = (await response.json()) as { rows: { text: string; overdue: boolean }[] }
  // Issue 16: done but not yet evaluated stays in view, right after the overdue ones; only
  // settled ones (judged, or not done) wait behind "include finished".
  expect(data.rows.map(r => r.text)).toEqual(['Overdue one', 'Finished one', 'Future one', 'Undated one'])
  expect(data.rows[0]!.overdue).toBe(true)

  const all = await trackerRoute.loader({ request: buildRequest('/recommendations?all=1', { cookie }), params: {}, context: {} })
  expect(((await all.json()) as { rows: { text: string }[] }).rows.map(r => r.text)).toContain('Judged one')
})
