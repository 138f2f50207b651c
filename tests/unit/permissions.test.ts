import { describe, expect, test } from 'vitest'
import { can, permissions, type Actor, type Permission } from '~/domain/permissions'
import { reviewPhases, reviewRoles, type ReviewPhase, type ReviewRole } from '~/domain/vocabulary'

const J = 'j-home'
const user = (overrides: Partial<Actor> = {}): Actor => ({ userId: 'u', jurisdictionId: J, isAdmin: false, active: true, ...overrides })
// In the approval phase every permission's phase rule holds; the phase rules have their own test.
const onReview = (memberRole: ReviewRole | null, jurisdictionId = J, phase: ReviewPhase = 'approval') =>
  ({ kind: 'review', jurisdictionId, memberRole, phase }) as const

// Written out by hand on purpose: a change to the grants must change this table too.
const expectedReviewGrants: Record<ReviewRole | 'admin' | 'non_member', Permission[]> = {
  facilitator: [
    'read:review',
    'update:review',
    'move:review-phase',
    'read:review-members',
    'manage:review-members',
    'read:review-doc',
    'write:review-doc',
    'approve:deidentified-text',
    'read:trends',
    'answer:survey',
    'read:survey-results',
    'read:recommendation',
    'assign:recommendation',
    'publish:what-changed',
    'read:family-voice',
    'link:family-voice',
    'invite:family-voice',
  ],
  qi_lead: [
    'read:review',
    'read:review-members',
    'read:review-doc',
    'write:review-doc',
    'export:review',
    'approve:findings',
    'approve:deidentified-text',
    'read:trends',
    'answer:survey',
    'read:survey-results',
    'read:recommendation',
    'assign:recommendation',
    'evaluate:recommendation',
    'read:family-voice',
    'link:family-voice',
  ],
  panel_member: [
    'read:review',
    'read:review-members',
    'read:review-doc',
    'write:review-doc',
    'approve:deidentified-text',
    'read:trends',
    'answer:survey',
    'read:survey-results',
    'read:recommendation',
    'read:family-voice',
    'link:family-voice',
  ],
  // A partner agency's member (ADR 0039): co-authors, reads the family's words, nothing of the jurisdiction.
  partner: ['read:review', 'read:review-members', 'read:review-doc', 'write:review-doc', 'read:recommendation', 'read:family-voice', 'link:family-voice'],
  staff_contributor: ['read:review', 'read:review-members', 'read:review-doc', 'read:trends', 'answer:survey', 'read:survey-results', 'read:recommendation'],
  observer: ['read:review', 'read:review-members', 'read:review-doc', 'read:trends', 'answer:survey', 'read:survey-results', 'read:recommendation'],
  admin: [
    'create:review',
    'read:review',
    'read:review-members',
    'manage:review-members',
    'read:review-doc',
    'read:recommendation',
    'read:users',
    'manage:users',
    'manage:jurisdiction-settings',
    'read:trends',
    'manage:shared-data',
    'answer:survey',
    'read:survey-results',
    'manage:surveys',
    'read:audit',
  ],
  non_member: ['read:trends', 'answer:survey', 'read:survey-results'],
}

describe('review-scoped permissions', () => {
  for (const [who, allowed] of Object.entries(expectedReviewGrants)) {
    test.each(permissions.map(p => [p, allowed.includes(p)] as const))(`${who}: %s -> %s`, (permission, expected) => {
      const actor = user({ isAdmin: who === 'admin', ...(who === 'partner' ? { partner: true } : {}) })
      const role = (reviewRoles as readonly string[]).includes(who) ? (who as ReviewRole) : null
      expect(can(actor, permission, onReview(role)).allowed).toBe(expected)
    })
  }
})

describe('nobody crosses jurisdictions or acts while signed out or deactivated', () => {
  test.each(permissions)('%s', permission => {
    for (const role of [...reviewRoles, null]) {
      expect(can(user({ isAdmin: true, jurisdictionId: 'j-other' }), permission, onReview(role))).toEqual({ allowed: false, reason: 'other-jurisdiction' })
      expect(can(user({ isAdmin: true, active: false }), permission, onReview(role))).toEqual({ allowed: false, reason: 'inactive' })
      expect(can(null, permission, onReview(role))).toEqual({ allowed: false, reason: 'anonymous' })
    }
  })
})

test('opening a review is for admins and the users an admin marked as review leads', () => {
  const target = { kind: 'jurisdiction', jurisdictionId: J } as const
  expect(can(user(), 'create:review', target)).toEqual({ allowed: false, reason: 'not-granted' })
  expect(can(user({ canLeadReviews: true }), 'create:review', target).allowed).toBe(true)
  expect(can(user({ isAdmin: true }), 'create:review', target).allowed).toBe(true)
  expect(can(user({ canLeadReviews: true, jurisdictionId: 'j-other' }), 'create:review', target).allowed).toBe(false)
  expect(can(user({ canLeadReviews: true, active: false }), 'create:review', target).allowed).toBe(false)
  // Leading reviews grants nothing else.
  expect(can(user({ canLeadReviews: true }), 'manage:users', target).allowed).toBe(false)
})

test('jurisdiction-scoped permissions: only marked users open reviews (issue 17), only admins manage users', () => {
  const target = { kind: 'jurisdiction', jurisdictionId: J } as const
  expect(can(user(), 'create:review', target).allowed).toBe(false)
  expect(can(user(), 'manage:users', target).allowed).toBe(false)
  expect(can(user(), 'read:users', target).allowed).toBe(false)
  expect(can(user({ isAdmin: true }), 'manage:users', target).allowed).toBe(true)
  // Trends are for everyone in the jurisdiction; importing other jurisdictions' data is not.
  expect(can(user(), 'read:trends', target).allowed).toBe(true)
  expect(can(user(), 'manage:shared-data', target).allowed).toBe(false)
  expect(can(user({ isAdmin: true }), 'manage:shared-data', target).allowed).toBe(true)
  expect(can(user({ isAdmin: true, jurisdictionId: 'j-other' }), 'read:trends', target).allowed).toBe(false)
  // Every user may answer a survey (their invitation decides which) and read suppressed
  // results; only admins run waves, load an instrument or set the threshold.
  expect(can(user(), 'answer:survey', target).allowed).toBe(true)
  expect(can(user(), 'read:survey-results', target).allowed).toBe(true)
  expect(can(user(), 'manage:surveys', target).allowed).toBe(false)
  expect(can(user({ isAdmin: true }), 'manage:surveys', target).allowed).toBe(true)
  expect(can(user(), 'read:audit', target).allowed).toBe(false)
  expect(can(user({ isAdmin: true }), 'read:audit', target).allowed).toBe(true)
  expect(can(user({ isAdmin: true, jurisdictionId: 'j-other' }), 'read:survey-results', target).allowed).toBe(false)
  expect(can(user({ active: false }), 'answer:survey', target).allowed).toBe(false)
  // Review-level rights never come from the jurisdiction alone.
  expect(can(user({ isAdmin: true }), 'write:review-doc', target).allowed).toBe(false)
})

describe("a recommendation's owner", () => {
  const onRecommendation = (memberRole: ReviewRole | null, isOwner: boolean, jurisdictionId = J) =>
    ({ kind: 'recommendation', jurisdictionId, memberRole, isOwner, phase: 'shared' }) as const
  // Written out by hand: owning a recommendation grants reading it and updating its progress, nothing else.
  const ownerOnly: Permission[] = ['read:recommendation', 'update:recommendation-progress']
  test.each(permissions.map(p => [p] as const))('a non-member owner: %s', permission => {
    const expected = ownerOnly.includes(permission) || expectedReviewGrants.non_member.includes(permission)
    expect(can(user(), permission, onRecommendation(null, true)).allowed).toBe(expected)
  })
  test('only the owner updates progress, whatever their role; only the QI lead evaluates', () => {
    for (const role of [...reviewRoles, null]) {
      expect(can(user({ isAdmin: true }), 'update:recommendation-progress', onRecommendation(role, false)).allowed).toBe(false)
      expect(can(user(), 'update:recommendation-progress', onRecommendation(role, true)).allowed).toBe(true)
      expect(can(user(), 'evaluate:recommendation', onRecommendation(role, true)).allowed).toBe(role === 'qi_lead')
    }
    expect(can(user(), 'update:recommendation-progress', onRecommendation(null, true, 'j-other'))).toEqual({ allowed: false, reason: 'other-jurisdiction' })
    expect(can(user({ active: false }), 'update:recommendation-progress', onRecommendation(null, true))).toEqual({ allowed: false, reason: 'inactive' })
  })
})

describe('phase rules live in can() (issue 12)', () => {
  // Written out by hand: the permissions that wait for a phase, and the phases they wait for.
  const openIn: Partial<Record<Permission, ReviewPhase[]>> = {
    'export:review': ['approval', 'shared'],
    'approve:findings': ['approval', 'shared'],
    'approve:deidentified-text': ['approval', 'shared'],
  }
  test.each(reviewPhases.map(p => [p] as const))('in %s', phase => {
    for (const permission of permissions) {
      for (const role of [...reviewRoles, null]) {
        const granted = can(user(), permission, onReview(role)).allowed
        const decision = can(user(), permission, onReview(role, J, phase))
        const rule = openIn[permission]
        if (!granted) expect(decision.allowed, `${permission} ${role}`).toBe(false)
        else if (!rule || rule.includes(phase)) expect(decision, `${permission} ${role}`).toEqual({ allowed: true })
        else expect(decision, `${permission} ${role}`).toEqual({ allowed: false, reason: 'wrong-phase' })
      }
    }
  })

  test('someone without the grant hears not-granted, never wrong-phase', () => {
    expect(can(user(), 'export:review', onReview('panel_member', J, 'analysis'))).toEqual({ allowed: false, reason: 'not-granted' })
    expect(can(user(), 'export:review', onReview('qi_lead', J, 'analysis'))).toEqual({ allowed: false, reason: 'wrong-phase' })
  })
})
