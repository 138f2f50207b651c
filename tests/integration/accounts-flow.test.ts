// The staff-account journey through the real routes: invitation and pseudonyms, releases and
// the read log, names visible to the facilitator only (or nobody), quoting consent and what
// exports may take, withdrawal and withdrawal requests, and what never leaves the draft.
import { beforeAll, describe, expect, test } from 'vitest'
import { consentedExcerpts } from '~/models/quote-consent.server'
import * as accountRoute from '~/routes/reviews.$reviewId_.accounts_.$accountId'
import * as accountsRoute from '~/routes/reviews.$reviewId_.accounts'
import * as quotesRoute from '~/routes/reviews.$reviewId_.quotes'
import { prisma } from '~/utils/db.server'
import { buildRequest, makeReview, makeUser, outcomeOf } from '../support/fixtures'
import { buildWorld, DRAFT_ONLY_TEXT, membersOf, RELEASED_TEXT, reviewWithAccount, writeDraft, type ActorName, type World } from './accounts-support'

let world: World
beforeAll(async () => {
  world = await buildWorld()
})

type Ids = { review: { id: string }; account: { id: string } }

const pagePath = (s: Ids) => `/reviews/${s.review.id}/accounts/${s.account.id}`
const params = (s: Ids) => ({ reviewId: s.review.id, accountId: s.account.id })

async function page(s: Ids, actor: ActorName, query = '') {
  const response = await accountRoute.loader({
    request: buildRequest(`${pagePath(s)}${query}`, { cookie: world.cookies[actor] }),
    params: params(s),
    context: {},
  })
  return response.json() as Promise<Record<string, unknown>>
}

async function post(s: Ids, actor: ActorName, form: Record<string, string>) {
  return outcomeOf(() => accountRoute.action({ request: buildRequest(pagePath(s), { cookie: world.cookies[actor], form }), params: params(s), context: {} }))
}

async function release(s: Ids, audience: 'facilitator' | 'panel') {
  const data = (await page(s, 'author', `?preview=${audience}`)) as { preview: { hash: string } }
  return post(s, 'author', { intent: 'release', audience, hash: data.preview.hash })
}

async function listPage(reviewId: string, actor: ActorName) {
  const response = await accountsRoute.loader({
    request: buildRequest(`/reviews/${reviewId}/accounts`, { cookie: world.cookies[actor] }),
    params: { reviewId },
    context: {},
  })
  return response.text()
}

async function quotesPage(reviewId: string, actor: ActorName) {
  const response = await quotesRoute.loader({
    request: buildRequest(`/reviews/${reviewId}/quotes`, { cookie: world.cookies[actor] }),
    params: { reviewId },
    context: {},
  })
  return (await response.json()) as { findings: { id: string; quotes: { excerpt: string | null; status: string; pseudonym: string }[] }[] }
}

async function askToQuote(s: Ids, actor: ActorName, excerpt: string) {
  return outcomeOf(() =>
    quotesRoute.action({
      request: buildRequest(`/reviews/${s.review.id}/quotes`, {
        cookie: world.cookies[actor],
        form: { intent: 'request-quote', accountId: s.account.id, findingId: 'f1', excerpt },
      }),
      params: { reviewId: s.review.id },
      context: {},
    }),
  )
}

describe('invitation', () => {
  test('the facilitator invites staff contributors; pseudonyms are suggested and never reused', async () => {
    const second = await makeUser(world.jurisdictionId)
    const review = await makeReview(world.jurisdictionId, [...membersOf(world), { userId: second.id, role: 'staff_contributor' }])
    const invite = (actor: ActorName, form: Record<string, string>) =>
      outcomeOf(() =>
        accountsRoute.action({
          request: buildRequest(`/reviews/${review.id}/accounts`, { cookie: world.cookies[actor], form: { intent: 'invite', ...form } }),
          params: { reviewId: review.id },
          context: {},
        }),
      )

    expect(await invite('facilitator', { userId: world.users.author.id, caseRole: 'worker' })).toBe('ok')
    expect(await invite('facilitator', { userId: second.id, caseRole: 'worker' })).toBe('ok')
    const accounts = await prisma.staffAccount.findMany({ where: { reviewId: review.id }, orderBy: { invitedAt: 'asc' } })
    expect(accounts.map(a => [a.pseudonym, a.state])).toEqual([
      ['Caseworker 1', 'invited'],
      ['Caseworker 2', 'invited'],
    ])
    // Already invited; not a staff contributor; a pseudonym already taken.
    expect(await invite('facilitator', { userId: world.users.author.id, caseRole: 'worker' })).toBe(400)
    expect(await invite('facilitator', { userId: world.users.panel_member.id, caseRole: 'worker' })).toBe(400)
    expect(await invite('facilitator', { userId: world.users.other_staff.id, caseRole: 'supervisor', pseudonym: 'caseworker 1' })).toBe(400)
    expect(await invite('facilitator', { userId: world.users.other_staff.id, caseRole: 'supervisor' })).toBe('ok')
    expect((await prisma.staffAccount.findFirstOrThrow({ where: { reviewId: review.id, authorId: world.users.other_staff.id } })).pseudonym).toBe(
      'Supervisor 1',
    )
    // Only the facilitator invites.
    expect(await invite('admin', { userId: second.id, caseRole: 'worker' })).toBe(403)
    expect(await invite('panel_member', { userId: second.id, caseRole: 'worker' })).toBe(403)
    expect(await invite('author', { userId: second.id, caseRole: 'worker' })).toBe(403)
    expect(await invite('non_member', { userId: second.id, caseRole: 'worker' })).toBe(404)
  })
})

describe('release, read log and names', () => {
  test('releases go first to the facilitator, then to the panel; every read is logged for the author', async () => {
    const s = await reviewWithAccount(world, 'drafting')
    expect(await release(s, 'panel').catch(() => 'refused')).toBe('refused') // no panel preview before the facilitator has it
    expect(await release(s, 'facilitator')).toBe('ok')
    expect((await prisma.staffAccount.findUniqueOrThrow({ where: { id: s.account.id } })).state).toBe('released_to_facilitator')

    const facilitatorView = (await page(s, 'facilitator')) as { kind: string; realName: string | null; release: { content: { pseudonym: string } } }
    expect(facilitatorView.kind).toBe('reader')
    expect(facilitatorView.realName).toBe('Wren Author')
    expect(facilitatorView.release.content.pseudonym).toBe('Caseworker 2')
    expect(await outcomeOf(() => page(s, 'panel_member'))).toBe(404)

    expect(await release(s, 'panel')).toBe('ok')
    const panelBody = JSON.stringify(await page(s, 'panel_member'))
    expect(panelBody).toContain('Caseworker 2')
    expect(panelBody).toContain(RELEASED_TEXT)
    expect(panelBody).toContain(DRAFT_ONLY_TEXT) // the draft at release time included it (see reviewWithAccount)
    expect(panelBody).not.toContain('Wren Author')
    await page(s, 'qi_lead')
    await page(s, 'author') // the author's own reads are not logged

    const authorView = (await page(s, 'author')) as { reads: { readerName: string; readerRole: string | null; audience: string | null }[] }
    expect(authorView.reads.map(r => [r.readerName, r.readerRole, r.audience])).toEqual([
      [expect.any(String), 'qi_lead', 'panel'],
      [expect.any(String), 'panel_member', 'panel'],
      [expect.any(String), 'facilitator', 'facilitator'],
    ])
    expect(await prisma.accountRead.count({ where: { accountId: s.account.id } })).toBe(3)
  })

  test('releasing to the facilitator again leaves the panel with the version it had', async () => {
    const s = await reviewWithAccount(world, 'released_to_panel')
    expect(await release(s, 'facilitator')).toBe('ok')
    expect((await prisma.staffAccount.findUniqueOrThrow({ where: { id: s.account.id } })).state).toBe('released_to_panel')
    expect(JSON.stringify(await page(s, 'panel_member'))).not.toContain(DRAFT_ONLY_TEXT)
    expect(JSON.stringify(await page(s, 'facilitator'))).toContain(DRAFT_ONLY_TEXT)
    // Releasing the same version twice is refused.
    expect(await release(s, 'panel')).toBe('ok')
    expect(await release(s, 'panel')).toBe(400)
  })

  test('a jurisdiction can hide names from the facilitator too', async () => {
    const s = await reviewWithAccount(world, 'released_to_panel')
    await prisma.jurisdiction.update({ where: { id: world.jurisdictionId }, data: { accountNamesVisibleTo: 'nobody' } })
    try {
      expect(((await page(s, 'facilitator')) as { realName: string | null }).realName).toBeNull()
      const list = await listPage(s.review.id, 'facilitator')
      expect(list).toContain('Caseworker 2')
      expect(list).not.toContain('Wren Author')
    } finally {
      await prisma.jurisdiction.update({ where: { id: world.jurisdictionId }, data: { accountNamesVisibleTo: 'facilitator' } })
    }
    expect(await listPage(s.review.id, 'facilitator')).toContain('Wren Author')
    expect(await listPage(s.review.id, 'panel_member')).not.toContain('Wren Author')
  })

  test('the facilitator sees each state, never a draft', async () => {
    const s = await reviewWithAccount(world, 'drafting')
    const list = JSON.parse(await listPage(s.review.id, 'facilitator')) as { states: { id: string; state: string }[] }
    expect(list.states).toEqual([expect.objectContaining({ id: s.account.id, state: 'drafting' })])
    expect(JSON.stringify(list)).not.toContain(RELEASED_TEXT)
    expect(await outcomeOf(() => page(s, 'facilitator'))).toBe(403)
  })
})

describe('quoting consent', () => {
  test('a finding cannot quote without consent and can after it; exports take only consented excerpts', async () => {
    const s = await reviewWithAccount(world, 'released_to_panel')
    expect(await askToQuote(s, 'qi_lead', 'words the author never wrote')).toBe(400)
    expect(await askToQuote(s, 'qi_lead', '31 families   that month')).toBe('ok')
    expect(await askToQuote(s, 'panel_member', '31 families that month')).toBe(400) // already requested
    expect(await askToQuote(s, 'panel_member', DRAFT_ONLY_TEXT.slice(0, 20))).toBe(400) // only in the draft, never released
    expect(await askToQuote(s, 'panel_member', 'two court dates')).toBe('ok')

    let finding = (await quotesPage(s.review.id, 'panel_member')).findings.find(f => f.id === 'f1')!
    expect(finding.quotes.map(q => [q.pseudonym, q.status, q.excerpt])).toEqual([
      ['Caseworker 2', 'pending', null],
      ['Caseworker 2', 'pending', null],
    ])
    expect(await consentedExcerpts(s.review.id)).toEqual([])

    const requests = ((await page(s, 'author')) as { quotes: { id: string; excerpt: string; status: string }[] }).quotes
    const wanted = requests.find(q => q.excerpt === '31 families that month')!
    const other = requests.find(q => q.id !== wanted.id)!
    expect(await post(s, 'facilitator', { intent: 'decide-quote', quoteId: wanted.id, decision: 'approve' })).toBe(403)
    expect(await post(s, 'author', { intent: 'decide-quote', quoteId: wanted.id, decision: 'approve' })).toBe('ok')
    expect(await post(s, 'author', { intent: 'decide-quote', quoteId: other.id, decision: 'decline' })).toBe('ok')
    expect(await post(s, 'author', { intent: 'decide-quote', quoteId: other.id, decision: 'approve' })).toBe(400)

    finding = (await quotesPage(s.review.id, 'qi_lead')).findings.find(f => f.id === 'f1')!
    expect(finding.quotes.map(q => [q.status, q.excerpt])).toEqual([
      ['approved', '31 families that month'],
      ['declined', null],
    ])
    expect(await consentedExcerpts(s.review.id)).toEqual([
      expect.objectContaining({ accountId: s.account.id, pseudonym: 'Caseworker 2', findingId: 'f1', excerpt: '31 families that month' }),
    ])

    // Consent can be taken back before approval; then the excerpt is gone from the finding and exports.
    expect(await post(s, 'author', { intent: 'decide-quote', quoteId: wanted.id, decision: 'revoke' })).toBe('ok')
    expect(await consentedExcerpts(s.review.id)).toEqual([])
    expect((await quotesPage(s.review.id, 'qi_lead')).findings[0]!.quotes.every(q => q.excerpt === null)).toBe(true)
  })

  test('after approval of findings a consent can no longer be revoked here', async () => {
    const s = await reviewWithAccount(world, 'released_to_panel')
    expect(await askToQuote(s, 'facilitator', '31 families that month')).toBe('ok')
    const quote = await prisma.quoteConsent.findFirstOrThrow({ where: { accountId: s.account.id } })
    expect(await post(s, 'author', { intent: 'decide-quote', quoteId: quote.id, decision: 'approve' })).toBe('ok')
    await prisma.review.update({ where: { id: s.review.id }, data: { phase: 'approval' } })
    expect(await post(s, 'author', { intent: 'decide-quote', quoteId: quote.id, decision: 'revoke' })).toBe(400)
    expect(await consentedExcerpts(s.review.id)).toHaveLength(1)
  })

  test('the quotes page is for those who write findings', async () => {
    const s = await reviewWithAccount(world, 'released_to_panel')
    const outcome = (actor: ActorName) => outcomeOf(() => quotesPage(s.review.id, actor))
    expect(await outcome('facilitator')).toBe('ok')
    expect(await outcome('panel_member')).toBe('ok')
    expect(await outcome('qi_lead')).toBe('ok')
    expect(await outcome('author')).toBe(403)
    expect(await outcome('observer')).toBe(403)
    expect(await outcome('admin')).toBe(403)
    expect(await outcome('non_member')).toBe(404)
  })
})

describe('withdrawal', () => {
  test('before analysis the author withdraws: releases are gone, consents end, the read log stays', async () => {
    const s = await reviewWithAccount(world, 'released_to_panel')
    await page(s, 'panel_member')
    expect(await askToQuote(s, 'qi_lead', '31 families that month')).toBe('ok')
    const quote = await prisma.quoteConsent.findFirstOrThrow({ where: { accountId: s.account.id } })
    expect(await post(s, 'author', { intent: 'decide-quote', quoteId: quote.id, decision: 'approve' })).toBe('ok')

    expect(await post(s, 'author', { intent: 'withdraw' })).toBe('ok')
    expect((await prisma.staffAccount.findUniqueOrThrow({ where: { id: s.account.id } })).state).toBe('withdrawn')
    expect(await prisma.accountRelease.count({ where: { accountId: s.account.id } })).toBe(0)
    expect((await prisma.quoteConsent.findUniqueOrThrow({ where: { id: quote.id } })).status).toBe('revoked')
    expect(await consentedExcerpts(s.review.id)).toEqual([])
    expect(await prisma.accountRead.count({ where: { accountId: s.account.id } })).toBe(1)
    expect(await outcomeOf(() => page(s, 'panel_member'))).toBe(404)
    expect(await outcomeOf(() => page(s, 'facilitator'))).toBe(403)
    // The author still has their own words, read-only.
    const own = (await page(s, 'author')) as { canEdit: boolean; draftCopy: { sections: { text: string }[] } }
    expect(own.canEdit).toBe(false)
    expect(own.draftCopy.sections.map(x => x.text)).toContain(RELEASED_TEXT)
  })

  test('from analysis on, a withdrawal is a request the facilitator decides', async () => {
    const s = await reviewWithAccount(world, 'released_to_panel', 'analysis')
    expect(await post(s, 'author', { intent: 'withdraw' })).toBe(400)
    expect(await post(s, 'author', { intent: 'request-withdrawal', reason: 'I was not ready to share this.' })).toBe('ok')
    expect(await post(s, 'author', { intent: 'request-withdrawal' })).toBe(400)

    const seen = (await page(s, 'facilitator')) as { withdrawal: { reason: string } | null }
    expect(seen.withdrawal?.reason).toBe('I was not ready to share this.')
    expect(((await page(s, 'panel_member')) as { withdrawal: unknown }).withdrawal).toBeNull()
    expect(await post(s, 'panel_member', { intent: 'grant-withdrawal' })).toBe(403)

    expect(await post(s, 'facilitator', { intent: 'decline-withdrawal' })).toBe('ok')
    expect((await prisma.staffAccount.findUniqueOrThrow({ where: { id: s.account.id } })).withdrawalRequestedAt).toBeNull()
    expect(await post(s, 'author', { intent: 'request-withdrawal' })).toBe('ok')
    expect(await post(s, 'facilitator', { intent: 'grant-withdrawal' })).toBe('ok')
    expect((await prisma.staffAccount.findUniqueOrThrow({ where: { id: s.account.id } })).state).toBe('withdrawn')
  })
})

describe('what never leaves the draft', () => {
  test('no projection, audit entry or listing holds account text', async () => {
    const s = await reviewWithAccount(world, 'released_to_panel')
    await writeDraft(s.account.id, { obstacles: 'PROJECTION-CANARY' })
    await release(s, 'facilitator')
    await page(s, 'facilitator')
    const tables = await Promise.all([
      prisma.projectedEvent.findMany({ where: { reviewId: s.review.id } }),
      prisma.projectedFinding.findMany({ where: { reviewId: s.review.id } }),
      prisma.projectedUnmetNeed.findMany({ where: { reviewId: s.review.id } }),
      prisma.projectedRecommendation.findMany({ where: { reviewId: s.review.id } }),
      prisma.reviewProjection.findMany({ where: { reviewId: s.review.id } }),
      prisma.auditEvent.findMany({ where: { reviewId: s.review.id } }),
    ])
    const dump = JSON.stringify(tables)
    for (const text of ['PROJECTION-CANARY', RELEASED_TEXT, DRAFT_ONLY_TEXT]) expect(dump).not.toContain(text)
    expect(dump).toContain('account.released')
  })
})
