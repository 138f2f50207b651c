// Partner agencies (ADR 0039) and the family-voice invitation link (ADR 0038) in the one
// permissions module.
import { describe, expect, test } from 'vitest'
import {
  can,
  canOnAccount,
  canWithInvitation,
  invitationOperations,
  partnerAccessOpen,
  permissions,
  type Actor,
  type InvitationState,
} from '~/domain/permissions'
import { reviewPhases, reviewRoles, type ReviewPhase } from '~/domain/vocabulary'
import { accountStates } from '~/domain/staff-account'

const J = 'j-home'
const partner: Actor = { userId: 'p', jurisdictionId: J, isAdmin: false, active: true, partner: true }
const staff: Actor = { userId: 's', jurisdictionId: J, isAdmin: false, active: true }

describe('a partner agency member', () => {
  test.each(permissions)('holds nothing outside their own review: %s', permission => {
    expect(can(partner, permission, { kind: 'jurisdiction', jurisdictionId: J }).allowed).toBe(false)
    // Another review of the same jurisdiction, where they are no member.
    expect(can(partner, permission, { kind: 'review', jurisdictionId: J, memberRole: null, phase: 'approval' }).allowed).toBe(false)
    // Owning a recommendation never happens to them, and would grant nothing.
    expect(can(partner, permission, { kind: 'recommendation', jurisdictionId: J, memberRole: null, isOwner: true, phase: 'shared' }).allowed).toBe(false)
  })
  test('even flagged admin or review lead, a partner gets no jurisdiction grant', () => {
    const odd = { ...partner, isAdmin: true, canLeadReviews: true }
    expect(can(odd, 'read:users', { kind: 'jurisdiction', jurisdictionId: J }).allowed).toBe(false)
    expect(can(odd, 'read:trends', { kind: 'jurisdiction', jurisdictionId: J }).allowed).toBe(false)
    expect(can(odd, 'export:review', { kind: 'review', jurisdictionId: J, memberRole: 'partner', phase: 'approval' }).allowed).toBe(false)
  })
  test('a partner holding a staff role by mistake gets nothing from it', () => {
    for (const role of reviewRoles.filter(r => r !== 'partner')) {
      for (const permission of permissions)
        expect(can(partner, permission, { kind: 'review', jurisdictionId: J, memberRole: role, phase: 'approval' }).allowed).toBe(false)
    }
  })
  test('a staff user given the partner role gets only what every user of the jurisdiction has', () => {
    for (const permission of permissions) {
      const expected = ['read:trends', 'answer:survey', 'read:survey-results'].includes(permission)
      expect(can(staff, permission, { kind: 'review', jurisdictionId: J, memberRole: 'partner', phase: 'approval' }).allowed).toBe(expected)
    }
  })
  test('another jurisdiction and inactive accounts are refused as for anyone', () => {
    expect(can(partner, 'read:review', { kind: 'review', jurisdictionId: 'j-other', memberRole: 'partner', phase: 'approval' })).toEqual({
      allowed: false,
      reason: 'other-jurisdiction',
    })
    expect(can({ ...partner, active: false }, 'read:review', { kind: 'review', jurisdictionId: J, memberRole: 'partner', phase: 'approval' })).toEqual({
      allowed: false,
      reason: 'inactive',
    })
  })
  test('never any staff account operation, in any state or phase', () => {
    for (const state of accountStates)
      for (const phase of reviewPhases)
        for (const isAuthor of [false, true]) {
          for (const op of ['read-draft', 'read-released', 'list-states', 'see-real-name', 'export', 'quote-request', 'invite'] as const) {
            expect(
              canOnAccount(partner, op, { jurisdictionId: J, memberRole: 'partner', isAuthor, state, reviewPhase: phase, namesVisibleTo: 'facilitator' })
                .allowed,
            ).toBe(false)
          }
        }
  })
  test('access ends on the date set, or when the review reaches approval', () => {
    const now = new Date('2026-12-04T12:00:00Z')
    expect(partnerAccessOpen({ accessUntil: null, reviewPhase: 'joint_review' }, now)).toBe(true)
    expect(partnerAccessOpen({ accessUntil: null, reviewPhase: 'findings' }, now)).toBe(true)
    expect(partnerAccessOpen({ accessUntil: null, reviewPhase: 'approval' }, now)).toBe(false)
    expect(partnerAccessOpen({ accessUntil: null, reviewPhase: 'shared' }, now)).toBe(false)
    expect(partnerAccessOpen({ accessUntil: new Date('2026-12-04T23:59:59Z'), reviewPhase: 'approval' }, now)).toBe(true)
    expect(partnerAccessOpen({ accessUntil: new Date('2026-12-04T11:59:59Z'), reviewPhase: 'analysis' }, now)).toBe(false)
    expect(partnerAccessOpen({ accessUntil: null, reviewPhase: null }, now)).toBe(false)
  })
})

describe('the family-voice invitation link', () => {
  const now = new Date('2026-12-04T12:00:00Z')
  const later = new Date('2026-12-18T12:00:00Z')
  const earlier = new Date('2026-12-01T12:00:00Z')
  const link = (overrides: Partial<InvitationState> = {}): InvitationState => ({
    expiresAt: later,
    usedAt: null,
    revokedAt: null,
    contribution: null,
    reviewPhase: 'joint_review',
    ...overrides,
  })
  const submitted = (overrides: Partial<InvitationState> = {}) => link({ usedAt: earlier, contribution: { withdrawnAt: null }, ...overrides })

  // Written out by hand: each state of a link against each operation.
  const table: Array<[string, InvitationState | null, Record<(typeof invitationOperations)[number], true | string>]> = [
    ['unused, in time', link(), { 'open-form': true, submit: true, 'see-own-words': 'unknown', withdraw: 'unknown' }],
    ['guessed (no such link)', null, { 'open-form': 'unknown', submit: 'unknown', 'see-own-words': 'unknown', withdraw: 'unknown' }],
    ['expired, unused', link({ expiresAt: earlier }), { 'open-form': 'expired', submit: 'expired', 'see-own-words': 'unknown', withdraw: 'unknown' }],
    ['expiring this instant', link({ expiresAt: now }), { 'open-form': 'expired', submit: 'expired', 'see-own-words': 'unknown', withdraw: 'unknown' }],
    ['revoked', link({ revokedAt: earlier }), { 'open-form': 'revoked', submit: 'revoked', 'see-own-words': 'revoked', withdraw: 'revoked' }],
    ['used once', submitted(), { 'open-form': 'used', submit: 'used', 'see-own-words': true, withdraw: true }],
    ['used, then expired', submitted({ expiresAt: earlier }), { 'open-form': 'used', submit: 'used', 'see-own-words': true, withdraw: true }],
    [
      'used, review in analysis',
      submitted({ reviewPhase: 'analysis' }),
      { 'open-form': 'used', submit: 'used', 'see-own-words': 'wrong-phase', withdraw: 'wrong-phase' },
    ],
    [
      'used, withdrawn',
      submitted({ contribution: { withdrawnAt: now } }),
      { 'open-form': 'used', submit: 'used', 'see-own-words': 'withdrawn', withdraw: 'withdrawn' },
    ],
    ['unused, review in findings', link({ reviewPhase: 'findings' }), { 'open-form': true, submit: true, 'see-own-words': 'unknown', withdraw: 'unknown' }],
    [
      'unused, review approved',
      link({ reviewPhase: 'approval' }),
      { 'open-form': 'wrong-phase', submit: 'wrong-phase', 'see-own-words': 'unknown', withdraw: 'unknown' },
    ],
  ]
  for (const [name, state, expected] of table) {
    test.each(invitationOperations)(`${name}: %s`, operation => {
      const decision = canWithInvitation(state, operation, now)
      const want = expected[operation]
      expect(decision).toEqual(want === true ? { allowed: true } : { allowed: false, reason: want })
    })
  }
  test.each(reviewPhases)('withdrawal is open before analysis only: %s', (phase: ReviewPhase) => {
    const open = ['intake', 'preparation', 'staff_accounts', 'joint_review'].includes(phase)
    expect(canWithInvitation(submitted({ reviewPhase: phase }), 'withdraw', now).allowed).toBe(open)
  })
})
