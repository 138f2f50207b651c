// Issue 16: a recommendation followed through progress, done and evaluated; "What changed"
// for staff; notifications that respect the reader's access when opened.
import { describe, expect, test } from 'vitest'
import { readReviewDoc } from '~/domain/review-doc'
import { loadStoredDoc } from '~/utils/review-doc-gateway.server'
import { reviewDocName } from '~/models/review-doc.server'
import { removeMember } from '~/models/member.server'
import { currentChecklist } from '~/models/phase.server'
import * as trackerRoute from '~/routes/recommendations'
import * as trackerCsvRoute from '~/routes/recommendations[.csv]'
import * as trackerDocxRoute from '~/routes/recommendations[.docx]'
import * as recommendationRoute from '~/routes/recommendations_.$reviewId.$recommendationId'
import * as whatChangedRoute from '~/routes/what-changed'
import * as notificationsRoute from '~/routes/notifications'
import * as openNotificationRoute from '~/routes/notifications_.$notificationId'
import { prisma } from '~/utils/db.server'
import { buildRequest, cookieFor, makeJurisdiction, makeReview, makeTeam, makeUser, outcomeOf } from '../support/fixtures'
import { changeReviewDoc, recommendationCommand } from '../support/follow-up'
import { exportJurisdiction } from '../fixtures/export/db'

type TrackerData = { rows: { id: string; text: string; state: string; awaitingEvaluation: boolean; isMine: boolean; overdue: boolean }[] }

async function post(cookie: string, reviewId: string, recommendationId: string, form: Record<string, string>) {
  const request = buildRequest(`/recommendations/${reviewId}/${recommendationId}`, { cookie, form })
  try {
    return await recommendationRoute.action({ request, params: { reviewId, recommendationId }, context: {} })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

async function tracker(cookie: string, query = '') {
  const response = await trackerRoute.loader({ request: buildRequest(`/recommendations${query}`, { cookie }), params: {}, context: {} })
  return (await response.json()) as TrackerData
}

async function storedStatus(reviewId: string, recommendationId: string) {
  const doc = await loadStoredDoc(reviewDocName(reviewId))
  const status = readReviewDoc(doc).doc.recommendations.find(r => r.id === recommendationId)?.status
  doc.destroy()
  return status
}

async function notificationsOf(cookie: string) {
  const response = await notificationsRoute.loader({ request: buildRequest('/notifications', { cookie }), params: {}, context: {} })
  return ((await response.json()) as { notifications: { id: string; kind: string; detail: { text: string | null; link: string } | null }[] }).notifications
}

async function open(cookie: string, id: string) {
  return outcomeOf(() =>
    openNotificationRoute.loader({ request: buildRequest(`/notifications/${id}`, { cookie }), params: { notificationId: id }, context: {} }),
  )
}

describe('a recommendation’s life', () => {
  test('assigned, in progress, done with an evaluation date, too early, then effective; the document follows', async () => {
    const j = await makeJurisdiction()
    // The owner is a manager of the jurisdiction, not on the review.
    const owner = await makeUser(j.id, { name: 'Owner Manager' })
    const { review, facilitator, qiLead, panel } = await makeTeam(j.id, { facilitator: 'facilitator', qiLead: 'qi_lead', panel: 'panel_member' })
    const rec = recommendationCommand({ text: 'Make the safety plan a required step', dueDate: '2999-01-01' })
    await changeReviewDoc(review.id, [rec])
    const c = {
      facilitator: (await cookieFor(facilitator.id)).cookie,
      qiLead: (await cookieFor(qiLead.id)).cookie,
      panel: (await cookieFor(panel.id)).cookie,
      owner: (await cookieFor(owner.id)).cookie,
    }

    // Before being assigned, the owner does not even see it.
    expect((await tracker(c.owner)).rows).toEqual([])
    expect((await post(c.owner, review.id, rec.id, { intent: 'progress', status: 'in_progress' })).status).toBe(404)

    expect((await post(c.facilitator, review.id, rec.id, { intent: 'assign', userId: owner.id })).status).toBe(302)
    expect((await prisma.projectedRecommendation.findUniqueOrThrow({ where: { reviewId_id: { reviewId: review.id, id: rec.id } } })).owner).toBe(
      'Owner Manager',
    )
    const assigned = (await notificationsOf(c.owner)).find(n => n.kind === 'recommendation-assigned')
    expect(assigned?.detail?.link).toBe(`/recommendations/${review.id}/${rec.id}`)
    expect(await open(c.owner, assigned!.id)).toBe('ok')

    const mine = await tracker(c.owner)
    expect(mine.rows.map(r => [r.id, r.isMine, r.state])).toEqual([[rec.id, true, 'not_started']])

    // Only the owner records progress, not the facilitator nor the panel.
    expect((await post(c.facilitator, review.id, rec.id, { intent: 'progress', status: 'in_progress' })).status).toBe(403)
    expect((await post(c.panel, review.id, rec.id, { intent: 'progress', status: 'in_progress' })).status).toBe(403)

    expect((await post(c.owner, review.id, rec.id, { intent: 'progress', status: 'in_progress', note: 'Spec written with the records team' })).status).toBe(302)
    expect(await storedStatus(review.id, rec.id)).toBe('in_progress')

    // Not done needs a reason; done needs the date of its evaluation. Nothing is recorded then.
    expect((await post(c.owner, review.id, rec.id, { intent: 'progress', status: 'not_done', note: '' })).status).toBe(400)
    expect((await post(c.owner, review.id, rec.id, { intent: 'progress', status: 'done', note: 'Live' })).status).toBe(400)
    expect((await post(c.owner, review.id, rec.id, { intent: 'progress', status: 'done', evaluateOn: '2026-02-30' })).status).toBe(400)
    expect(await prisma.recommendationUpdate.count({ where: { reviewId: review.id } })).toBe(1)

    // Not evaluable before it is done.
    expect((await post(c.qiLead, review.id, rec.id, { intent: 'evaluate', outcome: 'effective', evidence: 'x' })).status).toBe(400)

    expect(
      (await post(c.owner, review.id, rec.id, { intent: 'progress', status: 'done', note: 'Live in all districts', evaluateOn: '2020-06-01' })).status,
    ).toBe(302)
    expect(await storedStatus(review.id, rec.id)).toBe('done')
    // Closed for the owner now.
    expect((await post(c.owner, review.id, rec.id, { intent: 'progress', status: 'in_progress' })).status).toBe(400)

    // Done but not evaluated comes first in the tracker (nothing is overdue here).
    const other = recommendationCommand({ text: 'Earlier due one', dueDate: '2998-01-01' })
    await changeReviewDoc(review.id, [other])
    const qiView = await tracker(c.qiLead)
    expect(qiView.rows.map(r => r.id)).toEqual([rec.id, other.id])
    expect(qiView.rows[0]!.awaitingEvaluation).toBe(true)

    // The panel may not evaluate; the QI lead needs evidence; "too early" needs the next date.
    expect((await post(c.panel, review.id, rec.id, { intent: 'evaluate', outcome: 'effective', evidence: 'Audit' })).status).toBe(403)
    expect((await post(c.qiLead, review.id, rec.id, { intent: 'evaluate', outcome: 'effective', evidence: '' })).status).toBe(400)
    expect((await post(c.qiLead, review.id, rec.id, { intent: 'evaluate', outcome: 'too_early', evidence: 'Only one month of data' })).status).toBe(400)
    expect(
      (await post(c.qiLead, review.id, rec.id, { intent: 'evaluate', outcome: 'too_early', evidence: 'Only one month of data', evaluateOn: '2020-12-01' }))
        .status,
    ).toBe(302)
    expect(await storedStatus(review.id, rec.id)).toBe('done')
    expect((await tracker(c.qiLead)).rows[0]!.awaitingEvaluation).toBe(true)

    expect(
      (await post(c.qiLead, review.id, rec.id, { intent: 'evaluate', outcome: 'effective', evidence: 'Plans before third visit: 41% to 93% over six months' }))
        .status,
    ).toBe(302)
    expect(await storedStatus(review.id, rec.id)).toBe('verified_effective')

    const detail = await recommendationRoute.loader({
      request: buildRequest(`/recommendations/${review.id}/${rec.id}`, { cookie: c.owner }),
      params: { reviewId: review.id, recommendationId: rec.id },
      context: {},
    })
    const data = (await detail.json()) as { summary: { state: string }; history: { kind: string; note: string }[]; mayUpdate: boolean }
    expect(data.summary.state).toBe('effective')
    expect(data.mayUpdate).toBe(false)
    expect(data.history.map(h => h.kind)).toEqual(['evaluation', 'evaluation', 'progress', 'progress'])
    expect(data.history[0]!.note).toContain('93%')

    // Settled: out of the default view, in the full one.
    expect((await tracker(c.qiLead)).rows.map(r => r.id)).toEqual([other.id])
    expect((await tracker(c.qiLead, '?all=1&strength=stronger&state=effective')).rows.map(r => r.id)).toEqual([rec.id])
  })

  test('filters, search and the exports show what the page shows; CSV cells cannot run as formulas', async () => {
    const j = await makeJurisdiction()
    const lead = await makeUser(j.id)
    const review = await makeReview(j.id, [{ userId: lead.id, role: 'qi_lead' }])
    await changeReviewDoc(review.id, [
      recommendationCommand({ text: '=HYPERLINK("http://x.test","click") cap caseloads', dueDate: '2020-01-01' }),
      recommendationCommand({ text: 'Fund an after-hours line', dueDate: '2999-01-01' }),
      recommendationCommand({ text: 'Remind staff by memo', strength: 'weaker' }),
    ])
    const { cookie } = await cookieFor(lead.id)
    expect((await tracker(cookie, '?q=after-HOURS')).rows.map(r => r.text)).toEqual(['Fund an after-hours line'])
    expect((await tracker(cookie, '?strength=weaker')).rows.map(r => r.text)).toEqual(['Remind staff by memo'])
    expect((await tracker(cookie, '?overdue=1')).rows).toHaveLength(1)
    expect((await tracker(cookie, '?strength=nonsense')).rows).toHaveLength(3)
    const csv = await (await trackerCsvRoute.loader({ request: buildRequest('/recommendations.csv?overdue=1', { cookie }), params: {}, context: {} })).text()
    expect(csv.split('\r\n')[0]).toContain('review,recommendation,strength')
    expect(csv).toContain(`'=HYPERLINK`)
    expect(csv).not.toContain('after-hours')
    const docx = await trackerDocxRoute.loader({ request: buildRequest('/recommendations.docx', { cookie }), params: {}, context: {} })
    expect(docx.headers.get('content-type')).toContain('wordprocessingml')
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]))
  })
})

describe('What changed', () => {
  test('staff see only their own reviews, findings only approved and de-identified, their own quotes, and the publication ticks the checklist', async () => {
    // A code the shared format accepts, as the de-identified findings are built like an export.
    const j = await exportJurisdiction()
    const {
      review: mine,
      facilitator,
      staff,
      colleague,
    } = await makeTeam(j.id, { facilitator: 'facilitator', staff: 'staff_contributor', colleague: 'staff_contributor' })
    const notMine = await makeReview(j.id, [{ userId: facilitator.id, role: 'facilitator' }])
    await changeReviewDoc(mine.id, [
      { type: 'addPerson', id: 'p-child', name: 'Marguerite Tremblay', role: 'child' },
      {
        type: 'addFinding',
        id: 'f-1',
        body: 'The worker saw Marguerite Tremblay twice in the month before the incident.',
        status: 'agreed',
        valueTags: [{ value: 'systems_focused', rationale: '' }],
      },
      { type: 'addFinding', id: 'f-draft', body: 'A draft finding the panel has not agreed.', status: 'draft' },
      recommendationCommand({ id: 'r-1', text: 'Second worker on visits to Marguerite Tremblay’s household type', findingIds: ['f-1'] }),
    ])
    await changeReviewDoc(notMine.id, [{ type: 'addFinding', id: 'f-x', body: 'A finding of a review the staff member was not on.', status: 'agreed' }])
    await prisma.review.updateMany({ where: { id: { in: [mine.id, notMine.id] } }, data: { phase: 'findings' } })
    // Their own consented quote, and a colleague's, which they must not see.
    const approvedQuote = (accountId: string, excerpt: string) =>
      prisma.quoteConsent.create({
        data: { accountId, findingId: 'f-1', excerpt, requestedById: facilitator.id, status: 'approved', decidedAt: new Date() },
      })
    const account = await prisma.staffAccount.create({ data: { reviewId: mine.id, authorId: staff.id, pseudonym: 'Worker A', state: 'released_to_panel' } })
    await approvedQuote(account.id, 'I had forty families that month.')
    await prisma.quoteConsent.create({
      data: { accountId: account.id, findingId: 'f-1', excerpt: 'A declined excerpt.', requestedById: facilitator.id, status: 'declined' },
    })
    const theirs = await prisma.staffAccount.create({ data: { reviewId: mine.id, authorId: colleague.id, pseudonym: 'Worker B', state: 'released_to_panel' } })
    await approvedQuote(theirs.id, 'The colleague’s own words.')

    const { cookie } = await cookieFor(staff.id)
    type Data = {
      reviews: {
        reviewId: string
        findings: { text: string }[] | null
        recommendations: { text: string }[]
        ownQuotes: { excerpt: string; findingNumber: number | null }[]
        feed: { kind: string }[]
      }[]
    }
    const load = async (who = cookie) =>
      (await (await whatChangedRoute.loader({ request: buildRequest('/what-changed', { cookie: who }), params: {}, context: {} })).json()) as Data

    // Before approval: no findings at all.
    let data = await load()
    expect(data.reviews.map(r => r.reviewId)).toEqual([mine.id])
    expect(data.reviews[0]!.findings).toBeNull()

    await prisma.review.updateMany({ where: { id: { in: [mine.id, notMine.id] } }, data: { phase: 'shared' } })
    data = await load()
    expect(data.reviews.map(r => r.reviewId)).toEqual([mine.id])
    const review = data.reviews[0]!
    expect(review.findings).not.toBeNull()
    expect(review.findings!.map(f => f.text)).toHaveLength(1)
    const everything = JSON.stringify(data)
    expect(everything).not.toContain('Marguerite')
    expect(everything).not.toContain('Tremblay')
    expect(everything).not.toContain('draft finding')
    expect(everything).not.toContain('was not on')
    expect(review.findings![0]!.text).toContain('twice in the month')
    expect(review.ownQuotes).toEqual([{ excerpt: 'I had forty families that month.', findingNumber: 1, approvedAt: expect.any(String) }])
    expect(everything).not.toContain('colleague’s own words')
    expect(everything).not.toContain('declined excerpt')

    // Only the facilitator publishes; publishing notifies and ticks the checklist item.
    const staffPublish = await outcomeOf(() =>
      whatChangedRoute.action({
        request: buildRequest('/what-changed', { cookie, form: { intent: 'publish', reviewId: mine.id, message: 'x' } }),
        params: {},
        context: {},
      }),
    )
    expect(staffPublish).toBe(403)
    const fac = (await cookieFor(facilitator.id)).cookie
    const before = await currentChecklist(await prisma.review.findUniqueOrThrow({ where: { id: mine.id } }))
    expect(before.find(i => i.key === 'checklist.shared.staffToldWhatChanged')?.done).toBe(false)
    expect(
      await outcomeOf(() =>
        whatChangedRoute.action({
          request: buildRequest('/what-changed', { cookie: fac, form: { intent: 'publish', reviewId: mine.id, message: '' } }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(400)
    expect(
      await outcomeOf(() =>
        whatChangedRoute.action({
          request: buildRequest('/what-changed', { cookie: fac, form: { intent: 'publish', reviewId: mine.id, message: 'Caseload caps go live in May.' } }),
          params: {},
          context: {},
        }),
      ),
    ).toBe('ok')
    const after = await currentChecklist(await prisma.review.findUniqueOrThrow({ where: { id: mine.id } }))
    expect(after.find(i => i.key === 'checklist.shared.staffToldWhatChanged')?.done).toBe(true)
    expect((await load()).reviews[0]!.feed.map(f => f.kind)).toContain('published')
    const note = (await notificationsOf(cookie)).find(n => n.kind === 'what-changed')
    expect(note?.detail?.link).toBe(`/what-changed#review-${mine.id}`)
  })
})

describe('notifications', () => {
  test('a notification for something the reader has since lost access to opens a 404, and its text is gone', async () => {
    const j = await makeJurisdiction()
    const stranger = await makeUser(j.id)
    const { review, facilitator, member } = await makeTeam(j.id, { facilitator: 'facilitator', member: 'panel_member' })
    const rec = recommendationCommand({ text: 'Secret recommendation wording' })
    await changeReviewDoc(review.id, [rec])
    const fac = (await cookieFor(facilitator.id)).cookie
    const mem = (await cookieFor(member.id)).cookie
    await post(fac, review.id, rec.id, { intent: 'assign', userId: member.id })
    const [n] = await notificationsOf(mem)
    expect(n!.detail!.text).toBe('Secret recommendation wording')
    expect(await open(mem, n!.id)).toBe('ok')

    // Someone else's notification is not there for them.
    expect(await open((await cookieFor(stranger.id)).cookie, n!.id)).toBe(404)

    // Ownership moves on and they leave the review: no text, and opening it is a 404.
    await post(fac, review.id, rec.id, { intent: 'assign', userId: facilitator.id })
    const membership = await prisma.reviewMember.findFirstOrThrow({ where: { reviewId: review.id, userId: member.id } })
    await removeMember(review, membership.id, facilitator.id)
    const [gone] = await notificationsOf(mem)
    expect(gone!.detail).toBeNull()
    expect(JSON.stringify(await notificationsOf(mem))).not.toContain('Secret')
    expect(await open(mem, gone!.id)).toBe(404)
  })

  test('a quote request tells its author the finding’s text; a release read and an overdue recommendation are announced; the badge counts unread', async () => {
    const j = await makeJurisdiction()
    const { review, facilitator, author } = await makeTeam(j.id, { facilitator: 'facilitator', author: 'staff_contributor' })
    await changeReviewDoc(review.id, [{ type: 'addFinding', id: 'f-q', body: 'Supervision did not happen for six weeks.', status: 'draft' }])
    const account = await prisma.staffAccount.create({ data: { reviewId: review.id, authorId: author.id, pseudonym: 'Worker C', state: 'released_to_panel' } })
    const content = { version: 1, pseudonym: 'Worker C', sections: [{ prompt: 'obstacles', text: 'We had no supervision for six weeks.', doc: null }] }
    const release = await prisma.accountRelease.create({ data: { accountId: account.id, audience: 'panel', content: JSON.stringify(content) } })
    const { requestQuote } = await import('~/models/quote-consent.server')
    const { findAccountById, readReleaseAs } = await import('~/models/staff-account.server')
    const row = (await findAccountById(account.id))!
    expect(await requestQuote(review, row, { findingId: 'f-q', excerpt: 'no supervision for six weeks' }, facilitator.id)).toEqual({ ok: true })
    // The facilitator reads the release: its author hears of it.
    expect(await readReleaseAs(row, 'facilitator', facilitator.id)).not.toBeNull()
    const cookie = (await cookieFor(author.id)).cookie
    const list = await notificationsOf(cookie)
    const quote = list.find(n => n.kind === 'quote-request')
    expect(quote?.detail?.text).toBe('Supervision did not happen for six weeks.')
    expect(quote?.detail?.link).toBe(`/reviews/${review.id}/accounts/${account.id}`)

    // Overdue: noticed once for the owner.
    const rec = recommendationCommand({ dueDate: '2020-01-01' })
    await changeReviewDoc(review.id, [rec])
    await post((await cookieFor(facilitator.id)).cookie, review.id, rec.id, { intent: 'assign', userId: author.id })
    const kinds = (await notificationsOf(cookie)).map(n => n.kind).sort()
    expect(kinds).toEqual(['quote-request', 'recommendation-assigned', 'recommendation-overdue', 'release-read'])
    expect(list.find(n => n.kind === 'release-read')?.detail?.link).toBe(`/reviews/${review.id}/accounts/${account.id}`)
    void release
    expect((await notificationsOf(cookie)).filter(n => n.kind === 'recommendation-overdue')).toHaveLength(1)

    const { unreadCount } = await import('~/models/notification.server')
    const user = {
      id: author.id,
      email: author.email,
      name: author.name,
      isAdmin: false,
      canLeadReviews: false,
      jurisdictionId: j.id,
      jurisdiction: { code: j.code, name: j.name },
    }
    const today = new Date().toISOString().slice(0, 10)
    expect(await unreadCount(user, today)).toBe(4)
    await notificationsRoute.action({ request: buildRequest('/notifications', { cookie, form: { intent: 'mark-all-read' } }), params: {}, context: {} })
    expect(await unreadCount(user, today)).toBe(0)
  })
})
