// Every kind of actor against every route and action that exists: allowed or refused as intended.
import { beforeAll, describe, expect, test } from 'vitest'
import * as usersRoute from '~/routes/admin.users'
import * as settingsRoute from '~/routes/admin.settings'
import * as settingsDownloadRoute from '~/routes/admin.settings_.download.$kind'
import * as auditRoute from '~/routes/admin.audit'
import * as ssoRoute from '~/routes/admin.sso'
import * as reviewRoute from '~/routes/reviews.$reviewId'
import * as importRoute from '~/routes/reviews.$reviewId_.import'
import * as trackerRoute from '~/routes/recommendations'
import * as reviewsRoute from '~/routes/reviews._index'
import * as newReviewRoute from '~/routes/reviews.new'
import * as surveyAdminRoute from '~/routes/admin.surveys'
import * as answerSurveyRoute from '~/routes/surveys.$waveId'
import * as surveyResultsRoute from '~/routes/surveys.results'
import * as surveyCsvRoute from '~/routes/surveys.results[.csv]'
import * as recommendationRoute from '~/routes/recommendations_.$reviewId.$recommendationId'
import * as trackerCsvRoute from '~/routes/recommendations[.csv]'
import * as trackerDocxRoute from '~/routes/recommendations[.docx]'
import * as whatChangedRoute from '~/routes/what-changed'
import * as notificationsRoute from '~/routes/notifications'
import * as openNotificationRoute from '~/routes/notifications_.$notificationId'
import * as trendsRoute from '~/routes/trends'
import * as accountsRoute from '~/routes/reviews.$reviewId_.accounts'
import * as exportRoute from '~/routes/reviews.$reviewId_.export'
import * as exportDownloadRoute from '~/routes/reviews.$reviewId_.export_.download'
import * as voiceRoute from '~/routes/reviews.$reviewId_.voice'
import * as partnersRoute from '~/routes/reviews.$reviewId_.partners'
import * as workspaceRoute from '~/routes/reviews.$reviewId_.workspace'
import { notify } from '~/models/notify.server'
import { recordConversation } from '~/models/family-voice.server'
import { getEnv } from '~/utils/env.server'
import type { IncomingMessage } from 'node:http'
import { createCollabAuthenticator } from '../../server/collab-auth'
import { createUnit, openWave, setUserUnit } from '~/models/survey.server'
import { defaultSurveyInstrument } from '~/domain/surveys'
import { prisma } from '~/utils/db.server'
import { buildRequest, cookieFor, makeJurisdiction, makeReview, makeUser, outcomeOf, routeArgs, type Outcome } from '../support/fixtures'
import { deactivateMatrixMember, makeMatrixUsers, matrixActors, matrixCookies, matrixMembers } from '../support/matrix'
import { changeReviewDoc, recommendationCommand } from '../support/follow-up'

// Partner agencies (ADR 0039): one on this review, one on another review of the jurisdiction,
// one whose access ended on the date the facilitator set.
const actors = [...matrixActors, 'partner', 'partner_other_review', 'partner_access_ended'] as const
type ActorName = (typeof actors)[number]

const world = {} as {
  jurisdictionId: string
  reviewId: string
  waveId: string
  cookies: Record<ActorName, string | null>
  /** The non-member owns the recommendations made for the follow-up rows (ADR 0024). */
  ownerId: string
  facilitatorId: string
  recommendationId: string
  notificationId: string
  /** A contribution of the family (ADR 0038) and an unmet need it can be cited for. */
  contributionId: string
  needId: string
}

beforeAll(async () => {
  const home = await makeJurisdiction()
  const other = await makeJurisdiction()
  const u = await makeMatrixUsers(home.id, other.id)
  const review = await makeReview(home.id, matrixMembers(u))
  // A survey wave for everyone of the home jurisdiction but the non-member, who is not invited.
  const unit = await createUnit(home.id, 'Matrix unit', u.admin.id)
  const invited = Object.entries(u)
    .filter(([name]) => !name.startsWith('other_') && name !== 'non_member')
    .map(([, user]) => user)
  for (const user of invited) await setUserUnit(home.id, user.id, unit.id, u.admin.id)
  const today = new Date().toISOString().slice(0, 10)
  const wave = await openWave(home.id, u.admin.id, {
    title: 'Matrix pulse',
    opensOn: today,
    closesOn: today,
    unitIds: [unit.id],
    userIds: invited.map(x => x.id),
  })
  const cookies = (await matrixCookies(u)) as Record<ActorName, string | null>
  const elsewhere = await makeReview(home.id, [{ userId: u.facilitator.id, role: 'facilitator' }])
  const partnerOf = async (reviewId: string, accessUntil: Date | null) => {
    const user = await prisma.user.create({
      data: {
        email: `partner-${reviewId}-${accessUntil ? 'ended' : 'open'}@agency.example`,
        name: 'Pat Partner',
        jurisdictionId: home.id,
        partnerOrganisation: 'Northside Mental Health',
        partnerReviewId: reviewId,
        partnerAccessUntil: accessUntil,
      },
    })
    await prisma.reviewMember.create({ data: { reviewId, userId: user.id, role: 'partner' } })
    return (await cookieFor(user.id)).cookie
  }
  cookies.partner = await partnerOf(review.id, null)
  cookies.partner_other_review = await partnerOf(elsewhere.id, null)
  cookies.partner_access_ended = await partnerOf(review.id, new Date(Date.now() - 60_000))
  // Facilitators here lead reviews: an admin marked them as able to open new ones (issue 17).
  await prisma.user.update({ where: { id: u.facilitator.id }, data: { canLeadReviews: true } })
  await deactivateMatrixMember(u)
  const rec = recommendationCommand({ text: 'Matrix recommendation' })
  await changeReviewDoc(review.id, [rec])
  await prisma.recommendationOwner.create({ data: { reviewId: review.id, recommendationId: rec.id, userId: u.non_member.id, assignedById: u.facilitator.id } })
  await notify({ userId: u.facilitator.id, kind: 'recommendation-assigned', reviewId: review.id, subjectId: rec.id })
  const notification = await prisma.notification.findFirstOrThrow({ where: { userId: u.facilitator.id } })
  const contributionId = await recordConversation({ ...review, phase: 'joint_review' }, u.facilitator.id, {
    contributorKind: 'family_member',
    locale: 'fr',
    needed: 'Quelqu’un qui rappelle',
    helped: '',
    notHelped: '',
    shouldChange: '',
    consentScope: 'quote_deidentified',
  })
  // Through the document, so the projection keeps it whatever else the matrix changes.
  await changeReviewDoc(review.id, [{ type: 'addUnmetNeed', id: 'matrix-need', need: 'A call back' }])
  Object.assign(world, {
    contributionId,
    needId: 'matrix-need',
    jurisdictionId: home.id,
    reviewId: review.id,
    waveId: wave.id,
    cookies,
    ownerId: u.non_member.id,
    facilitatorId: u.facilitator.id,
    recommendationId: rec.id,
    notificationId: notification.id,
  })
})

/** A new recommendation owned by the non-member, optionally already done (for evaluating). */
async function freshRecommendation(done = false) {
  const rec = recommendationCommand()
  await changeReviewDoc(world.reviewId, [rec])
  await prisma.recommendationOwner.create({
    data: { reviewId: world.reviewId, recommendationId: rec.id, userId: world.ownerId, assignedById: world.facilitatorId },
  })
  if (done) {
    await prisma.recommendationUpdate.create({
      data: { reviewId: world.reviewId, recommendationId: rec.id, authorId: world.ownerId, kind: 'progress', progress: 'done', evaluateOn: '2026-01-01' },
    })
  }
  return rec.id
}

function recommendationAction(recommendationId: string, cookie: string | null, form: Record<string, string>) {
  return recommendationRoute.action(
    routeArgs(`/recommendations/${world.reviewId}/${recommendationId}`, { cookie, form }, { reviewId: world.reviewId, recommendationId }),
  )
}

const signedOut = { anonymous: 'login', deactivated_member: 'login', partner_access_ended: 'login' } as const

// A partner agency's member is never told that something exists that they may not use
// (ADR 0039): where others get 403, they get 404.
const partnerActors: readonly ActorName[] = ['partner', 'partner_other_review']
const notForPartners = { partner: 404, partner_other_review: 404 } as const

function expectations(rest: Partial<Record<ActorName, Outcome>>, otherwise: Outcome): Record<ActorName, Outcome> {
  const fallback = (a: ActorName) => (partnerActors.includes(a) && otherwise === 403 ? 404 : otherwise)
  return Object.fromEntries(actors.map(a => [a, (signedOut as Partial<Record<ActorName, Outcome>>)[a] ?? rest[a] ?? fallback(a)])) as Record<ActorName, Outcome>
}

const memberRead = expectations({ non_member: 404, other_jurisdiction_admin: 404, other_jurisdiction_user: 404, partner_other_review: 404 }, 'ok')
const manageMembers = expectations(
  {
    facilitator: 'ok',
    admin: 'ok',
    panel_member: 403,
    qi_lead: 403,
    staff_contributor: 403,
    observer: 403,
  },
  404,
)
const movePhase = expectations({ facilitator: 'ok', admin: 403, panel_member: 403, qi_lead: 403, staff_contributor: 403, observer: 403 }, 404)
const writeDoc = expectations({ facilitator: 'ok', panel_member: 'ok', qi_lead: 'ok', partner: 'ok', admin: 403, staff_contributor: 403, observer: 403 }, 404)
const adminOnly = expectations({ admin: 'ok', other_jurisdiction_admin: 'ok' }, 403)
// Admins (of their own jurisdiction) and the users they marked as review leads.
const createReview = expectations({ admin: 'ok', other_jurisdiction_admin: 'ok', facilitator: 'ok' }, 403)
const otherJurisdictionNotFound = { other_jurisdiction_admin: 404, other_jurisdiction_user: 404 } as const
// Follow-up (ADR 0024): the owner (here the non-member) reads their recommendation and alone
// records progress; the QI lead evaluates; the facilitator or QI lead assigns.
// The follow-up of a recommendation is the jurisdiction's own loop: not a partner's.
const readRecommendation = expectations({ ...otherJurisdictionNotFound, ...notForPartners }, 'ok')
const onlyOwner = expectations({ non_member: 'ok', ...otherJurisdictionNotFound }, 403)
const onlyQiLead = expectations({ qi_lead: 'ok', ...otherJurisdictionNotFound }, 403)
const facilitatorOrQiLead = expectations({ facilitator: 'ok', qi_lead: 'ok', ...otherJurisdictionNotFound }, 403)

type Operation = { name: string; expected: Record<ActorName, Outcome>; run: (cookie: string | null) => Promise<unknown> }

let seq = 0
const operations: Operation[] = [
  {
    name: 'GET /reviews',
    expected: expectations({}, 'ok'),
    run: cookie => reviewsRoute.loader(routeArgs('/reviews', { cookie })),
  },
  {
    name: 'GET /reviews/new',
    expected: createReview,
    run: cookie => newReviewRoute.loader(routeArgs('/reviews/new', { cookie })),
  },
  {
    name: 'POST /reviews/new',
    expected: createReview,
    run: cookie =>
      newReviewRoute.action({
        request: buildRequest('/reviews/new', {
          cookie,
          form: { title: 'Matrix review', incidentType: 'fatality', incidentDate: '2026-09-01', summary: '' },
        }),
        params: {},
        context: {},
      }),
  },
  {
    name: 'GET /reviews/:id',
    expected: memberRead,
    run: cookie => reviewRoute.loader(routeArgs(`/reviews/${world.reviewId}`, { cookie }, { reviewId: world.reviewId })),
  },
  {
    name: 'GET /reviews/:unknown',
    expected: expectations({}, 404),
    run: cookie => reviewRoute.loader(routeArgs('/reviews/nope', { cookie }, { reviewId: 'nope' })),
  },
  {
    name: 'POST /reviews/:id add member',
    expected: manageMembers,
    run: async cookie => {
      const newcomer = await makeUser(world.jurisdictionId)
      return reviewRoute.action(
        routeArgs(`/reviews/${world.reviewId}`, { cookie, form: { intent: 'add', email: newcomer.email, role: 'panel_member' } }, { reviewId: world.reviewId }),
      )
    },
  },
  {
    name: 'POST /reviews/:id remove member',
    expected: manageMembers,
    run: async cookie => {
      const leaver = await makeUser(world.jurisdictionId)
      const member = await prisma.reviewMember.create({ data: { reviewId: world.reviewId, userId: leaver.id, role: 'observer' } })
      return reviewRoute.action(
        routeArgs(`/reviews/${world.reviewId}`, { cookie, form: { intent: 'remove', memberId: member.id } }, { reviewId: world.reviewId }),
      )
    },
  },
  {
    name: 'POST /reviews/:id move phase',
    expected: movePhase,
    run: async cookie => {
      // Each cell starts from intake so that a permitted move is always a valid one.
      await prisma.review.update({ where: { id: world.reviewId }, data: { phase: 'intake' } })
      return reviewRoute.action(
        routeArgs(`/reviews/${world.reviewId}`, { cookie, form: { intent: 'move-phase', to: 'preparation' } }, { reviewId: world.reviewId }),
      )
    },
  },
  {
    // Only the facilitator moves a review to newer standards; a new version is saved first so
    // that every permitted cell has something to switch to.
    name: 'POST /reviews/:id switch to newer settings',
    expected: expectations({ facilitator: 'ok', admin: 403, panel_member: 403, qi_lead: 403, staff_contributor: 403, observer: 403 }, 404),
    run: async cookie => {
      const { resetSetting } = await import('~/models/jurisdiction.server')
      await resetSetting(world.jurisdictionId, 'factorFramework', world.facilitatorId)
      return reviewRoute.action(routeArgs(`/reviews/${world.reviewId}`, { cookie, form: { intent: 'switch-settings' } }, { reviewId: world.reviewId }))
    },
  },
  {
    name: 'GET /reviews/:id/import',
    expected: writeDoc,
    run: cookie => importRoute.loader(routeArgs(`/reviews/${world.reviewId}/import`, { cookie }, { reviewId: world.reviewId })),
  },
  {
    name: 'GET /recommendations',
    expected: expectations({}, 'ok'),
    run: cookie => trackerRoute.loader(routeArgs('/recommendations', { cookie })),
  },
  {
    name: 'GET /admin/audit',
    expected: adminOnly,
    run: cookie => auditRoute.loader(routeArgs('/admin/audit?action=review.&page=1', { cookie })),
  },
  {
    name: 'GET /recommendations/:reviewId/:recommendationId',
    expected: readRecommendation,
    run: cookie =>
      recommendationRoute.loader(
        routeArgs(
          `/recommendations/${world.reviewId}/${world.recommendationId}`,
          { cookie },
          { reviewId: world.reviewId, recommendationId: world.recommendationId },
        ),
      ),
  },
  {
    name: 'GET /recommendations/:reviewId/:unknown',
    expected: expectations({}, 404),
    run: cookie =>
      recommendationRoute.loader(routeArgs(`/recommendations/${world.reviewId}/nope`, { cookie }, { reviewId: world.reviewId, recommendationId: 'nope' })),
  },
  {
    name: 'POST /recommendations/:reviewId/:recommendationId progress',
    expected: onlyOwner,
    run: async cookie => recommendationAction(await freshRecommendation(), cookie, { intent: 'progress', status: 'in_progress', note: 'Under way' }),
  },
  {
    name: 'POST /recommendations/:reviewId/:recommendationId evaluate',
    expected: onlyQiLead,
    run: async cookie => recommendationAction(await freshRecommendation(true), cookie, { intent: 'evaluate', outcome: 'effective', evidence: 'Audit figures' }),
  },
  {
    name: 'POST /recommendations/:reviewId/:recommendationId assign',
    expected: facilitatorOrQiLead,
    run: async cookie => recommendationAction(await freshRecommendation(), cookie, { intent: 'assign', userId: world.facilitatorId }),
  },
  {
    name: 'GET /recommendations.csv',
    expected: expectations({}, 'ok'),
    run: cookie => trackerCsvRoute.loader(routeArgs('/recommendations.csv', { cookie })),
  },
  {
    name: 'GET /recommendations.docx',
    expected: expectations({}, 'ok'),
    run: cookie => trackerDocxRoute.loader(routeArgs('/recommendations.docx', { cookie })),
  },
  {
    name: 'GET /what-changed',
    expected: expectations({}, 'ok'),
    run: cookie => whatChangedRoute.loader(routeArgs('/what-changed', { cookie })),
  },
  {
    name: 'POST /what-changed publish',
    expected: expectations({ facilitator: 'ok', panel_member: 403, qi_lead: 403, staff_contributor: 403, observer: 403, admin: 403 }, 404),
    run: cookie =>
      whatChangedRoute.action(routeArgs('/what-changed', { cookie, form: { intent: 'publish', reviewId: world.reviewId, message: 'Matrix update' } })),
  },
  {
    name: 'GET /notifications',
    expected: expectations({}, 'ok'),
    run: cookie => notificationsRoute.loader(routeArgs('/notifications', { cookie })),
  },
  {
    name: 'POST /notifications mark all read',
    expected: expectations({}, 'ok'),
    run: cookie => notificationsRoute.action(routeArgs('/notifications', { cookie, form: { intent: 'mark-all-read' } })),
  },
  {
    name: 'GET /notifications/:id (the facilitator’s)',
    // Nobody else's: to everyone but its reader it is not there.
    expected: expectations({ facilitator: 'ok' }, 404),
    run: cookie => openNotificationRoute.loader(routeArgs(`/notifications/${world.notificationId}`, { cookie }, { notificationId: world.notificationId })),
  },
  {
    name: 'GET /admin/settings',
    expected: adminOnly,
    run: cookie => settingsRoute.loader(routeArgs('/admin/settings', { cookie })),
  },
  {
    name: 'GET /admin/settings/download/:kind',
    expected: adminOnly,
    run: cookie => settingsDownloadRoute.loader(routeArgs('/admin/settings/download/practice-standards', { cookie }, { kind: 'practice-standards' })),
  },
  {
    name: 'GET /admin/settings/download/:kind?schema',
    expected: adminOnly,
    run: cookie => settingsDownloadRoute.loader(routeArgs('/admin/settings/download/factor-framework?schema', { cookie }, { kind: 'factor-framework' })),
  },
  {
    // Each admin saves a version of their own jurisdiction's standards, never another's.
    name: 'POST /admin/settings (standards, from the form)',
    expected: adminOnly,
    run: cookie =>
      settingsRoute.action({
        request: buildRequest('/admin/settings', {
          cookie,
          form: {
            intent: 'standards',
            json: JSON.stringify({
              id: 'matrix',
              name: 'Matrix standards',
              visits: {},
              rules: [{ id: 'r', kind: 'by_visit', stage: 'safety_plan', visit: 2 }],
            }),
          },
        }),
        params: {},
        context: {},
      }),
  },
  {
    name: 'POST /admin/settings (sharing)',
    expected: adminOnly,
    run: cookie => settingsRoute.action(routeArgs('/admin/settings', { cookie, form: { intent: 'sharing' } })),
  },
  {
    name: 'POST /admin/settings (retention)',
    expected: adminOnly,
    run: cookie => settingsRoute.action(routeArgs('/admin/settings', { cookie, form: { intent: 'retention', years: '10' } })),
  },
  {
    // Another jurisdiction's admin names a review that is not theirs: refused, nothing held.
    name: 'POST /admin/settings (legal hold)',
    expected: expectations({ admin: 'ok', other_jurisdiction_admin: 400 }, 403),
    run: cookie => settingsRoute.action(routeArgs('/admin/settings', { cookie, form: { intent: 'legal-hold', reviewId: world.reviewId, hold: 'on' } })),
  },
  {
    // Another jurisdiction's admin names a person who is not theirs: refused.
    name: 'POST /admin/users mark a review lead',
    expected: expectations({ admin: 'ok', other_jurisdiction_admin: 400 }, 403),
    run: async cookie => {
      const person = await makeUser(world.jurisdictionId)
      return usersRoute.action(routeArgs('/admin/users', { cookie, form: { intent: 'set-lead', userId: person.id, lead: 'on' } }))
    },
  },
  {
    name: 'GET /admin/sso',
    expected: adminOnly,
    run: cookie => ssoRoute.loader(routeArgs('/admin/sso', { cookie })),
  },
  {
    // Each admin removes their own jurisdiction's SSO (none is set up here): never another's.
    name: 'POST /admin/sso (remove)',
    expected: adminOnly,
    run: cookie => ssoRoute.action(routeArgs('/admin/sso', { cookie, form: { intent: 'remove' } })),
  },
  {
    name: 'GET /admin/users',
    expected: adminOnly,
    run: cookie => usersRoute.loader(routeArgs('/admin/users', { cookie })),
  },
  {
    name: 'POST /admin/users create',
    expected: adminOnly,
    run: cookie =>
      usersRoute.action(
        routeArgs('/admin/users', { cookie, form: { intent: 'create', name: 'New Person', email: `new-${seq++}-${Date.now()}@example.test` } }),
      ),
  },
  {
    name: 'POST /admin/users deactivate (a user of the home jurisdiction)',
    // The other jurisdiction's admin is told there is no such user: tenancy, not a role check.
    expected: { ...adminOnly, other_jurisdiction_admin: 400 },
    run: async cookie => {
      const target = await makeUser(world.jurisdictionId)
      return usersRoute.action(routeArgs('/admin/users', { cookie, form: { intent: 'deactivate', userId: target.id } }))
    },
  },
  {
    name: 'GET /admin/surveys',
    expected: adminOnly,
    run: cookie => surveyAdminRoute.loader(routeArgs('/admin/surveys', { cookie })),
  },
  {
    name: 'POST /admin/surveys threshold',
    expected: adminOnly,
    run: cookie => surveyAdminRoute.action(routeArgs('/admin/surveys', { cookie, form: { intent: 'threshold', minResponses: '5' } })),
  },
  {
    name: 'POST /admin/surveys close (a wave of the home jurisdiction)',
    // Another jurisdiction's admin is told there is no such wave.
    expected: { ...adminOnly, other_jurisdiction_admin: 400 },
    run: async cookie => {
      const today = new Date().toISOString().slice(0, 10)
      const admin = await prisma.user.findFirstOrThrow({ where: { jurisdictionId: world.jurisdictionId, isAdmin: true } })
      const unit = await prisma.unit.findFirstOrThrow({ where: { jurisdictionId: world.jurisdictionId } })
      const wave = await openWave(world.jurisdictionId, admin.id, {
        title: `Closing ${seq++}`,
        opensOn: today,
        closesOn: today,
        unitIds: [unit.id],
        userIds: [admin.id],
      })
      return surveyAdminRoute.action(routeArgs('/admin/surveys', { cookie, form: { intent: 'close', waveId: wave.id } }))
    },
  },
  {
    name: 'POST /admin/users add unit',
    expected: adminOnly,
    run: cookie => usersRoute.action(routeArgs('/admin/users', { cookie, form: { intent: 'add-unit', unitName: `Unit ${seq++}-${Date.now()}` } })),
  },
  {
    name: 'GET /surveys/:waveId',
    // Only the invited see a wave; to anyone else it is not there.
    expected: expectations({ non_member: 404, other_jurisdiction_admin: 404, other_jurisdiction_user: 404, ...notForPartners }, 'ok'),
    run: cookie => answerSurveyRoute.loader(routeArgs(`/surveys/${world.waveId}`, { cookie }, { waveId: world.waveId })),
  },
  {
    name: 'POST /surveys/:waveId answer',
    expected: expectations({ non_member: 404, other_jurisdiction_admin: 404, other_jurisdiction_user: 404, ...notForPartners }, 'ok'),
    run: cookie =>
      answerSurveyRoute.action(
        routeArgs(
          `/surveys/${world.waveId}`,
          { cookie, form: { [`answer:${defaultSurveyInstrument.composites[0]!.items[0]!.id}`]: '4' } },
          { waveId: world.waveId },
        ),
      ),
  },
  {
    name: 'POST /surveys/:waveId a second answer',
    // Refused for everyone who answered in the cell above; still nothing for the uninvited.
    expected: expectations({ non_member: 404, other_jurisdiction_admin: 404, other_jurisdiction_user: 404, ...notForPartners }, 403),
    run: cookie =>
      answerSurveyRoute.action(
        routeArgs(
          `/surveys/${world.waveId}`,
          { cookie, form: { [`answer:${defaultSurveyInstrument.composites[0]!.items[0]!.id}`]: '2' } },
          { waveId: world.waveId },
        ),
      ),
  },
  {
    name: 'GET /surveys/results',
    expected: expectations(notForPartners, 'ok'),
    run: cookie => surveyResultsRoute.loader(routeArgs('/surveys/results', { cookie })),
  },
  {
    name: 'GET /surveys/results.csv',
    expected: expectations(notForPartners, 'ok'),
    run: cookie => surveyCsvRoute.loader(routeArgs('/surveys/results.csv', { cookie })),
  },
  {
    name: 'GET /trends',
    expected: expectations(notForPartners, 'ok'),
    run: cookie => trendsRoute.loader(routeArgs('/trends', { cookie })),
  },
  {
    name: 'GET /reviews/:id/workspace',
    expected: memberRead,
    run: cookie => workspaceRoute.loader(routeArgs(`/reviews/${world.reviewId}/workspace`, { cookie }, { reviewId: world.reviewId })),
  },
  {
    // Staff accounts are never a partner's (ADR 0039): not even that the page exists.
    name: 'GET /reviews/:id/accounts',
    expected: expectations({ non_member: 404, other_jurisdiction_admin: 404, other_jurisdiction_user: 404, ...notForPartners }, 'ok'),
    run: cookie => accountsRoute.loader(routeArgs(`/reviews/${world.reviewId}/accounts`, { cookie }, { reviewId: world.reviewId })),
  },
  {
    name: 'GET /reviews/:id/export',
    expected: expectations({ facilitator: 'ok', panel_member: 'ok', qi_lead: 'ok', staff_contributor: 403, observer: 403, admin: 403 }, 404),
    run: cookie => exportRoute.loader(routeArgs(`/reviews/${world.reviewId}/export`, { cookie }, { reviewId: world.reviewId })),
  },
  {
    name: 'POST /reviews/:id/export/download',
    // The QI lead passes the permission; the review is not approved, so the export is refused for the phase.
    expected: expectations({ qi_lead: 'ok', facilitator: 403, panel_member: 403, staff_contributor: 403, observer: 403, admin: 403 }, 404),
    run: cookie =>
      exportDownloadRoute.action(routeArgs(`/reviews/${world.reviewId}/export/download`, { cookie, form: { format: 'json' } }, { reviewId: world.reviewId })),
  },
  {
    // Family and community voice (ADR 0038): the panel and partners read; every read is audited.
    name: 'GET /reviews/:id/voice',
    expected: expectations({ facilitator: 'ok', panel_member: 'ok', qi_lead: 'ok', partner: 'ok', staff_contributor: 403, observer: 403, admin: 403 }, 404),
    run: cookie => voiceRoute.loader(routeArgs(`/reviews/${world.reviewId}/voice`, { cookie }, { reviewId: world.reviewId })),
  },
  {
    name: 'POST /reviews/:id/voice cite for an unmet need',
    expected: expectations({ facilitator: 'ok', panel_member: 'ok', qi_lead: 'ok', partner: 'ok', staff_contributor: 403, observer: 403, admin: 403 }, 404),
    run: cookie =>
      voiceRoute.action({
        request: buildRequest(`/reviews/${world.reviewId}/voice`, {
          cookie,
          form: { intent: 'link', contributionId: world.contributionId, target: `unmet_need:${world.needId}` },
        }),
        params: { reviewId: world.reviewId },
        context: {},
      }),
  },
  {
    name: 'POST /reviews/:id/voice invite (create a link)',
    expected: expectations({ facilitator: 'ok', panel_member: 403, qi_lead: 403, staff_contributor: 403, observer: 403, admin: 403 }, 404),
    run: cookie =>
      voiceRoute.action({
        request: buildRequest(`/reviews/${world.reviewId}/voice`, {
          cookie,
          form: { intent: 'invite', contributorKind: 'family_member', locale: 'fr', days: '7' },
        }),
        params: { reviewId: world.reviewId },
        context: {},
      }),
  },
  {
    name: 'POST /reviews/:id/voice record a conversation',
    expected: expectations({ facilitator: 'ok', panel_member: 403, qi_lead: 403, staff_contributor: 403, observer: 403, admin: 403 }, 404),
    run: cookie =>
      voiceRoute.action({
        request: buildRequest(`/reviews/${world.reviewId}/voice`, {
          cookie,
          form: {
            intent: 'record',
            contributorKind: 'community_representative',
            locale: 'en',
            needed: 'A worker from our Nation',
            consentScope: 'review_only',
          },
        }),
        params: { reviewId: world.reviewId },
        context: {},
      }),
  },
  {
    name: 'GET /reviews/:id/partners',
    expected: manageMembers,
    run: cookie => partnersRoute.loader(routeArgs(`/reviews/${world.reviewId}/partners`, { cookie }, { reviewId: world.reviewId })),
  },
  {
    name: 'POST /reviews/:id/partners invite',
    expected: manageMembers,
    run: cookie =>
      partnersRoute.action({
        request: buildRequest(`/reviews/${world.reviewId}/partners`, {
          cookie,
          form: {
            intent: 'invite',
            name: 'Sam School',
            email: `school-${seq++}-${Date.now()}@agency.example`,
            organisation: 'Fort Ellis School Board',
            accessUntil: '',
          },
        }),
        params: { reviewId: world.reviewId },
        context: {},
      }),
  },
]

describe.each(operations)('$name', op => {
  test.each(actors.map(a => [a, op.expected[a]] as const))('%s -> %s', async (actor, expected) => {
    expect(await outcomeOf(() => op.run(world.cookies[actor]))).toBe(expected)
  })
})

test('the admin of another jurisdiction sees only their own users', async () => {
  const response = await usersRoute.loader(routeArgs('/admin/users', { cookie: world.cookies.other_jurisdiction_admin }))
  const data = (await response.json()) as { users: { id: string }[] }
  const homeUsers = await prisma.user.count({ where: { jurisdictionId: world.jurisdictionId, id: { in: data.users.map(u => u.id) } } })
  expect(homeUsers).toBe(0)
  expect(data.users.length).toBeGreaterThan(0)
})

test('the review list never shows another jurisdiction’s reviews, nor reviews one is not on', async () => {
  for (const actor of ['non_member', 'other_jurisdiction_admin', 'other_jurisdiction_user'] as const) {
    const response = await reviewsRoute.loader(routeArgs('/reviews', { cookie: world.cookies[actor] }))
    const data = (await response.json()) as { reviews: { id: string }[] }
    expect(data.reviews.map(r => r.id)).not.toContain(world.reviewId)
  }
  const admin = await reviewsRoute.loader(routeArgs('/reviews', { cookie: world.cookies.admin }))
  expect(((await admin.json()) as { reviews: { id: string }[] }).reviews.map(r => r.id)).toContain(world.reviewId)
})

// The collaboration socket asks the same can(): partners write in the live document of their
// own review (ADR 0039) and of no other.
describe('the review document socket', () => {
  const socketExpected: Record<ActorName, 'rw' | 'ro' | 401 | 404> = {
    anonymous: 401,
    facilitator: 'rw',
    panel_member: 'rw',
    qi_lead: 'rw',
    staff_contributor: 'ro',
    observer: 'ro',
    non_member: 404,
    admin: 'ro',
    deactivated_member: 401,
    other_jurisdiction_admin: 404,
    other_jurisdiction_user: 404,
    partner: 'rw',
    partner_other_review: 404,
    partner_access_ended: 401,
  }
  test.each(actors.map(a => [a, socketExpected[a]] as const))('%s -> %s', async (actor, expected) => {
    const headers: Record<string, string> = { host: 'localhost:3000', origin: 'http://localhost:3000' }
    const cookie = world.cookies[actor]
    if (cookie) headers.cookie = cookie
    const request = { headers, socket: {}, url: '/collab' } as unknown as IncomingMessage
    const result = await createCollabAuthenticator(getEnv(), prisma).authorize(request, `review:${world.reviewId}`)
    expect('refuse' in result ? result.refuse : result.readOnly ? 'ro' : 'rw').toBe(expected)
  })
})
