// Family and community voice (ADR 0038): the invitation link as a capability (one use, expiry,
// guessing, rate limit, nothing of the review), withdrawal, audited reads, and consent scope
// in every export format.
import crypto from 'node:crypto'
import JSZip from 'jszip'
import { beforeAll, describe, expect, test } from 'vitest'
import { exportFormats, type ExportFormat } from '~/domain/export'
import { createInvitation, hashInvitationToken, recordConversation } from '~/models/family-voice.server'
import { exportReview, prepareExport } from '~/models/export.server'
import * as linkRoute from '~/routes/voice.$token'
import * as voicePage from '~/routes/reviews.$reviewId_.voice'
import { VOICE_LINK_REQUESTS_PER_ADDRESS } from '~/utils/rate-limit.server'
import { prisma } from '~/utils/db.server'
import { buildRequest, cookieFor, outcomeOf } from '../support/fixtures'
import { changeReviewDoc } from '../support/follow-up'
import { calderCommands, CALDER_INCIDENT } from '../fixtures/export/calder'
import { approveForExport, exportJurisdiction, exportReviewWith, exportUser } from '../fixtures/export/db'

let addressCounter = 0
/** Each test its own client address, so the per-address limit is tested on its own. */
const freshAddress = () => `198.51.100.${++addressCounter}`

async function openLink(token: string, address = freshAddress()) {
  const response = (await linkRoute.loader({ request: buildRequest(`/voice/${token}`), params: { token }, context: { clientAddress: address } })) as Response
  return { status: response.status, data: (await response.json()) as { view: { status: string; reason?: string }; lang: string }, response }
}

async function postLink(token: string, form: Record<string, string>, address = freshAddress()) {
  const response = (await linkRoute.action({
    request: buildRequest(`/voice/${token}`, { form }),
    params: { token },
    context: { clientAddress: address },
  })) as Response
  return { status: response.status, data: (await response.json()) as { refused?: string; errors?: Record<string, string>; values?: Record<string, string> } }
}

const frenchAnswers = {
  needed: 'Quelqu’un qui parle français et qui rappelle. Tessa Calder a attendu deux semaines.',
  helped: 'Les visites de l’infirmière',
  notHelped: 'Les formulaires en anglais',
  shouldChange: 'Un numéro où quelqu’un répond',
  consentScope: 'shared_deidentified',
}

let jurisdictionId: string
let facilitator: { id: string }
let qi: { id: string }
let second: { id: string }
let staffContributor: { id: string }

async function reviewIn(phase: 'joint_review' | 'approval' = 'joint_review') {
  return exportReviewWith({
    jurisdictionId,
    commands: calderCommands,
    incidentDate: CALDER_INCIDENT,
    phase,
    members: [
      { userId: facilitator.id, role: 'facilitator' },
      { userId: qi.id, role: 'qi_lead' },
      { userId: second.id, role: 'panel_member' },
      { userId: staffContributor.id, role: 'staff_contributor' },
    ],
  })
}

beforeAll(async () => {
  jurisdictionId = (await exportJurisdiction()).id
  facilitator = await exportUser(jurisdictionId, 'Fay Facilitator')
  qi = await exportUser(jurisdictionId, 'Quinn Lead')
  second = await exportUser(jurisdictionId, 'Sol Second')
  staffContributor = await exportUser(jurisdictionId, 'Stef Staff')
})

describe('the invitation link', () => {
  test('stores only the SHA-256 of a long random token, and opens the form in the invitation’s language', async () => {
    const review = await reviewIn()
    const { token, id } = await createInvitation(review, facilitator.id, { contributorKind: 'family_member', locale: 'fr', days: 14 })
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const row = await prisma.familyVoiceInvitation.findUniqueOrThrow({ where: { id } })
    expect(row.tokenHash).toBe(crypto.createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(token)
    // The audit names the invitation, never the token.
    const audit = await prisma.auditEvent.findMany({ where: { reviewId: review.id, action: 'voice.invited' } })
    expect(audit).toHaveLength(1)
    expect(audit[0]!.detail).not.toContain(token)
    const opened = await openLink(token)
    expect(opened.status).toBe(200)
    expect(opened.data).toMatchObject({ view: { status: 'form', contributorKind: 'family_member' }, lang: 'fr' })
    expect(opened.response.headers.get('Referrer-Policy')).toBe('no-referrer')
    expect(opened.response.headers.get('Cache-Control')).toBe('no-store')
    // Nothing of the review: no title, id, jurisdiction, phase or date.
    const body = JSON.stringify(opened.data)
    for (const secret of [review.id, review.title, jurisdictionId, 'joint_review', CALDER_INCIDENT, 'Calder']) expect(body).not.toContain(secret)
  })

  test('a French submission is saved with its consent; the same link used twice is refused and saves nothing more', async () => {
    const review = await reviewIn()
    const { token, id } = await createInvitation(review, facilitator.id, { contributorKind: 'family_member', locale: 'fr', days: 14 })
    expect((await postLink(token, frenchAnswers)).status).toBe(200)
    const saved = await prisma.familyContribution.findFirstOrThrow({ where: { invitationId: id } })
    expect(saved).toMatchObject({ via: 'link', locale: 'fr', consentScope: 'shared_deidentified', needed: frenchAnswers.needed, recordedById: null })
    expect((await prisma.familyVoiceInvitation.findUniqueOrThrow({ where: { id } })).usedAt).not.toBeNull()

    const again = await postLink(token, { ...frenchAnswers, needed: 'Une deuxième fois' })
    expect(again).toMatchObject({ status: 400, data: { refused: 'used' } })
    expect(await prisma.familyContribution.count({ where: { reviewId: review.id } })).toBe(1)
    // Opening it again shows the contributor's own words (to withdraw them), not a new form.
    expect((await openLink(token)).data.view).toMatchObject({ status: 'submitted', canWithdraw: true, words: { needed: frenchAnswers.needed } })
  })

  test('two submissions racing through one link: exactly one is saved', async () => {
    const review = await reviewIn()
    const { token } = await createInvitation(review, facilitator.id, { contributorKind: 'family_member', locale: 'en', days: 14 })
    const results = await Promise.all([postLink(token, frenchAnswers), postLink(token, frenchAnswers), postLink(token, frenchAnswers)])
    expect(results.filter(r => r.status === 200)).toHaveLength(1)
    expect(await prisma.familyContribution.count({ where: { reviewId: review.id } })).toBe(1)
  })

  test('an expired link is refused, to open and to submit', async () => {
    const review = await reviewIn()
    const { token, id } = await createInvitation(review, facilitator.id, { contributorKind: 'community_representative', locale: 'en', days: 1 })
    await prisma.familyVoiceInvitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await openLink(token)).toMatchObject({ status: 404, data: { view: { status: 'refused', reason: 'expired' } } })
    expect(await postLink(token, frenchAnswers)).toMatchObject({ status: 400, data: { refused: 'expired' } })
    expect(await prisma.familyContribution.count({ where: { reviewId: review.id } })).toBe(0)
  })

  test('a guessed or malformed token is refused like an unknown one', async () => {
    for (const token of [crypto.randomBytes(32).toString('base64url'), 'short', `${'a'.repeat(43)}/..`, '']) {
      expect((await openLink(token)).data.view).toEqual({ status: 'refused', reason: 'unknown' })
      expect((await postLink(token, frenchAnswers)).data.refused).toBe('unknown')
    }
    // The hash of a real token is not a token either.
    const review = await reviewIn()
    const { token } = await createInvitation(review, facilitator.id, { contributorKind: 'family_member', locale: 'en', days: 3 })
    expect((await openLink(hashInvitationToken(token).slice(0, 43))).data.view).toEqual({ status: 'refused', reason: 'unknown' })
  })

  test('a cancelled link is refused', async () => {
    const review = await reviewIn()
    const { token, id } = await createInvitation(review, facilitator.id, { contributorKind: 'family_member', locale: 'en', days: 3 })
    const cookie = (await cookieFor(facilitator.id)).cookie
    await voicePage.action({
      request: buildRequest(`/reviews/${review.id}/voice`, { cookie, form: { intent: 'revoke', invitationId: id } }),
      params: { reviewId: review.id },
      context: {},
    })
    expect((await openLink(token)).data.view).toEqual({ status: 'refused', reason: 'revoked', locale: 'en' })
  })

  test('bad input is refused with every answer kept, and nothing is saved until a consent scope is chosen', async () => {
    const review = await reviewIn()
    const { token } = await createInvitation(review, facilitator.id, { contributorKind: 'family_member', locale: 'en', days: 3 })
    const noConsent = await postLink(token, { ...frenchAnswers, consentScope: '' })
    expect(noConsent).toMatchObject({ status: 400, data: { errors: { consentScope: 'voice.errors.consent' }, values: { needed: frenchAnswers.needed } } })
    const nothing = await postLink(token, { needed: ' ', helped: '', notHelped: '', shouldChange: '', consentScope: 'review_only' })
    expect(nothing.data.errors?.needed).toBe('voice.errors.empty')
    const tooLong = await postLink(token, { ...frenchAnswers, helped: 'x'.repeat(4001) })
    expect(tooLong.data.errors?.helped).toBe('voice.errors.tooLong')
    expect(await prisma.familyContribution.count({ where: { reviewId: review.id } })).toBe(0)
    // The link is still unused: the contributor can send once they fix it.
    expect((await postLink(token, frenchAnswers)).status).toBe(200)
  })

  test('requests from one address are limited', async () => {
    const address = freshAddress()
    const token = crypto.randomBytes(32).toString('base64url')
    for (let i = 0; i < VOICE_LINK_REQUESTS_PER_ADDRESS; i++) expect((await openLink(token, address)).status).toBe(404)
    const limited = await openLink(token, address)
    expect(limited.status).toBe(429)
    expect(limited.data.view).toEqual({ status: 'refused', reason: 'rate' })
    expect((await postLink(token, frenchAnswers, address)).status).toBe(429)
    // Another address is not affected.
    expect((await openLink(token)).status).toBe(404)
  })

  test('withdrawal through the link erases the words, until the review reaches analysis', async () => {
    const review = await reviewIn()
    const first = await createInvitation(review, facilitator.id, { contributorKind: 'family_member', locale: 'fr', days: 3 })
    const late = await createInvitation(review, facilitator.id, { contributorKind: 'family_member', locale: 'fr', days: 3 })
    await postLink(first.token, frenchAnswers)
    await postLink(late.token, frenchAnswers)
    expect(await postLink(first.token, { intent: 'withdraw' })).toMatchObject({ status: 200, data: { refused: 'withdrawn' } })
    const withdrawn = await prisma.familyContribution.findFirstOrThrow({ where: { invitationId: first.id } })
    expect(withdrawn.withdrawnAt).not.toBeNull()
    expect([withdrawn.needed, withdrawn.helped, withdrawn.notHelped, withdrawn.shouldChange]).toEqual(['', '', '', ''])
    expect((await openLink(first.token)).data.view).toEqual({ status: 'refused', reason: 'withdrawn', locale: 'fr' })
    expect((await postLink(first.token, { intent: 'withdraw' })).data.refused).toBe('withdrawn')

    await prisma.review.update({ where: { id: review.id }, data: { phase: 'analysis' } })
    expect((await postLink(late.token, { intent: 'withdraw' })).data.refused).toBe('wrong-phase')
    expect((await prisma.familyContribution.findFirstOrThrow({ where: { invitationId: late.id } })).withdrawnAt).toBeNull()
    expect((await openLink(late.token)).data.view).toEqual({ status: 'refused', reason: 'wrong-phase', locale: 'fr' })
  })
})

describe('reading and citing', () => {
  test('every read on the page is audited; the words cannot be edited; staff contributors are refused', async () => {
    const review = await reviewIn()
    const { token } = await createInvitation(review, facilitator.id, { contributorKind: 'family_member', locale: 'fr', days: 3 })
    await postLink(token, frenchAnswers)
    const cookie = (await cookieFor(second.id)).cookie
    const before = await prisma.auditEvent.count({ where: { reviewId: review.id, action: 'voice.read' } })
    const response = (await voicePage.loader({
      request: buildRequest(`/reviews/${review.id}/voice`, { cookie }),
      params: { reviewId: review.id },
      context: {},
    })) as Response
    const data = (await response.json()) as { contributions: { id: string; needed: string }[] }
    expect(data.contributions[0]!.needed).toBe(frenchAnswers.needed)
    const reads = await prisma.auditEvent.findMany({ where: { reviewId: review.id, action: 'voice.read' }, orderBy: { seq: 'asc' } })
    expect(reads).toHaveLength(before + 1)
    expect(reads.at(-1)).toMatchObject({ actorId: second.id })
    expect(JSON.parse(reads.at(-1)!.detail)).toEqual({ contributionIds: [data.contributions[0]!.id], where: 'voice-page' })

    // There is no way to change the words: an edit is not an action the page knows.
    const facilitatorCookie = (await cookieFor(facilitator.id)).cookie
    const edit = await outcomeOf(() =>
      voicePage.action({
        request: buildRequest(`/reviews/${review.id}/voice`, {
          cookie: facilitatorCookie,
          form: { intent: 'edit', contributionId: data.contributions[0]!.id, needed: 'Changed' },
        }),
        params: { reviewId: review.id },
        context: {},
      }),
    )
    expect(edit).toBe(400)
    expect((await prisma.familyContribution.findUniqueOrThrow({ where: { id: data.contributions[0]!.id } })).needed).toBe(frenchAnswers.needed)

    const staffCookie = (await cookieFor(staffContributor.id)).cookie
    const readsBefore = await prisma.auditEvent.count({ where: { reviewId: review.id, action: 'voice.read' } })
    expect(
      await outcomeOf(() =>
        voicePage.loader({ request: buildRequest(`/reviews/${review.id}/voice`, { cookie: staffCookie }), params: { reviewId: review.id }, context: {} }),
      ),
    ).toBe(403)
    expect(await prisma.auditEvent.count({ where: { reviewId: review.id, action: 'voice.read' } })).toBe(readsBefore)
  })

  test('citing needs an unmet need or finding that exists in the review', async () => {
    const review = await reviewIn()
    await changeReviewDoc(review.id, [])
    const id = await recordConversation({ ...review, phase: 'joint_review' }, facilitator.id, {
      contributorKind: 'family_member',
      locale: 'en',
      needed: 'A call back',
      helped: '',
      notHelped: '',
      shouldChange: '',
      consentScope: 'quote_deidentified',
    })
    const cookie = (await cookieFor(second.id)).cookie
    const cite = (target: string) =>
      outcomeOf(() =>
        voicePage.action({
          request: buildRequest(`/reviews/${review.id}/voice`, { cookie, form: { intent: 'link', contributionId: id, target } }),
          params: { reviewId: review.id },
          context: {},
        }),
      )
    expect(await cite('unmet_need:n1')).toBe('ok')
    expect(await cite('finding:f1')).toBe('ok')
    expect(await cite('unmet_need:no-such-need')).toBe(400)
    expect(await cite('event:e1')).toBe(400)
    expect(await prisma.familyContributionLink.count({ where: { contributionId: id } })).toBe(2)
  })
})

// ------------------------------------------------------------------------------ exports

const words = {
  reviewOnly: 'nobody ever rang us back about the respite',
  quote: 'the night nurse visits kept us going',
  shared: 'a worker who spoke our language would have changed everything',
}

async function filesOf(format: ExportFormat, result: Awaited<ReturnType<typeof exportReview>>): Promise<string> {
  if (!result.ok) throw new Error(`export refused: ${result.reason}`)
  if (format === 'docx') {
    const zip = await JSZip.loadAsync(result.download.bytes)
    return zip.file('word/document.xml')!.async('string')
  }
  return result.files.map(f => new TextDecoder().decode(f.bytes)).join('\n')
}

async function approvedReviewWithVoices() {
  const review = await reviewIn('joint_review')
  await changeReviewDoc(review.id, [])
  const base = { contributorKind: 'family_member' as const, locale: 'en' as const, helped: '', notHelped: '', shouldChange: '' }
  await recordConversation({ ...review }, facilitator.id, { ...base, needed: words.reviewOnly, consentScope: 'review_only' })
  const quoted = await recordConversation({ ...review }, facilitator.id, {
    ...base,
    needed: `${words.quote}, said Tessa Calder`,
    consentScope: 'quote_deidentified',
  })
  const { token } = await createInvitation(review, facilitator.id, { contributorKind: 'community_representative', locale: 'en', days: 3 })
  await postLink(token, { needed: words.shared, helped: '', notHelped: '', shouldChange: '', consentScope: 'shared_deidentified' })
  await prisma.familyContributionLink.create({ data: { contributionId: quoted, targetKind: 'unmet_need', targetId: 'n1', linkedById: second.id } })
  return { review, token, quoted }
}

async function approveAndExport(reviewId: string, format: ExportFormat) {
  await approveForExport(reviewId, qi.id, second.id)
  return exportReview(reviewId, format, { actorId: qi.id, via: 'web', acceptResiduals: true })
}

describe('consent scope in every export format', () => {
  let reviewId: string
  beforeAll(async () => {
    const { review } = await approvedReviewWithVoices()
    reviewId = review.id
    await prisma.review.update({ where: { id: reviewId }, data: { phase: 'approval' } })
  })

  test.each(exportFormats)('%s', async format => {
    const result = await approveAndExport(reviewId, format)
    const text = await filesOf(format, result)
    // "Inside the review only" never leaves it.
    expect(text).not.toContain(words.reviewOnly)
    // The shared data file (JSON) is what other jurisdictions import into trends: only what
    // may cross jurisdictions. Reports carry every quotable contribution.
    expect(text).toContain(words.shared)
    if (format === 'json') expect(text).not.toContain(words.quote)
    else expect(text).toContain(words.quote)
    // The anonymiser treats the family's words like any narrative.
    expect(text).not.toContain('Tessa')
    expect(text).not.toContain('Calder')
    if (!result.ok) return
    expect(result.sharedReview.familyVoice?.map(v => v.consentScope)).toEqual(
      format === 'json' ? ['shared_deidentified'] : ['quote_deidentified', 'shared_deidentified'],
    )
    if (format !== 'json') expect(result.sharedReview.familyVoice?.[0]).toMatchObject({ unmetNeedIndexes: [0], needed: expect.stringContaining('said Mother') })
    if (format === 'csv') expect(result.files.map(f => f.name)).toContain('family-voice.csv')
  })

  test('a review without any quotable contribution exports exactly as before (no familyVoice, no extra CSV file)', async () => {
    const review = await reviewIn('approval')
    await recordConversation({ ...review, phase: 'joint_review' }, facilitator.id, {
      contributorKind: 'family_member',
      locale: 'en',
      needed: words.reviewOnly,
      helped: '',
      notHelped: '',
      shouldChange: '',
      consentScope: 'review_only',
    })
    const result = await approveAndExport(review.id, 'csv')
    if (!result.ok) throw new Error(result.reason)
    expect(result.sharedReview.familyVoice).toBeUndefined()
    expect(result.files.map(f => f.name)).not.toContain('family-voice.csv')
  })
})

describe('withdrawal', () => {
  test('removes the contribution from the next export', async () => {
    const { review, token } = await approvedReviewWithVoices()
    await prisma.review.update({ where: { id: review.id }, data: { phase: 'approval' } })
    const before = await approveAndExport(review.id, 'html')
    expect(await filesOf('html', before)).toContain(words.shared)

    // The review goes back to the joint session (a facilitator may move it back with a reason);
    // the contributor withdraws through the same link.
    await prisma.review.update({ where: { id: review.id }, data: { phase: 'joint_review' } })
    expect((await postLink(token, { intent: 'withdraw' })).status).toBe(200)
    expect((await prepareExport(review.id)).build.sharedReview.familyVoice?.map(v => v.contributor)).toEqual(['family_member'])

    await prisma.review.update({ where: { id: review.id }, data: { phase: 'approval' } })
    for (const format of exportFormats) {
      const after = await approveAndExport(review.id, format)
      expect(await filesOf(format, after)).not.toContain(words.shared)
    }
  })
})

test('the link takes a form from someone who is not signed in, and only the link', async () => {
  const { anonymousAllowed } = await import('../../server/body-limits')
  expect(anonymousAllowed(`/voice/${crypto.randomBytes(32).toString('base64url')}`)).toBe(true)
  expect(anonymousAllowed('/voice/abc/other')).toBe(false)
  expect(anonymousAllowed('/voices')).toBe(false)
})
