// The one place that decides who may do what. Loaders, actions, the collaboration socket and
// the CLI all ask `can()`; nothing else compares roles.
//
// Permissions read `action:entity`; the scope is decided by how the actor relates to the
// target: as a member of the review (their review role), as an admin of its jurisdiction,
// or as any active user of the same jurisdiction. Another jurisdiction never gets anything.
// Some permissions also wait for a phase of the review (ADR 0033): granted but not yet (or no
// longer) possible is `wrong-phase`, which callers show as "not now" rather than "not yours".
import { isReleased, releaseOpenIn, withdrawalIsAuthorsAlone, type AccountState } from './staff-account'
import type { ReviewPhase, ReviewRole } from './vocabulary'

export const permissions = [
  'create:review',
  'read:review',
  'update:review',
  'move:review-phase',
  'read:review-members',
  'manage:review-members',
  'read:review-doc',
  'write:review-doc',
  'export:review',
  // The two approvals an export waits for: the findings (the QI lead's), and the de-identified
  // text, by a second person of the panel who resolved no residual candidate.
  'approve:findings',
  'approve:deidentified-text',
  'read:users',
  'manage:users',
  'manage:jurisdiction-settings',
  // Trends are aggregates of many reviews with small counts suppressed, so every active user
  // of the jurisdiction may read them; bringing other jurisdictions' data in is the admins'.
  'read:trends',
  'manage:shared-data',
  // Safety-culture surveys (ADR 0019): anyone invited answers; results are suppressed
  // aggregates of closed waves, readable like trends; running waves is the admins'.
  'answer:survey',
  'read:survey-results',
  'manage:surveys',
  // The jurisdiction's audit (issue 17): who did what, for its admins and its operator.
  'read:audit',
  // Closing the loop (ADR 0024). A recommendation's owner is a user of the jurisdiction, who
  // need not be on the review: owning it lets them read it and record its progress, nothing
  // else of the review. Owners alone update progress; the QI lead judges the effect.
  'read:recommendation',
  'assign:recommendation',
  'update:recommendation-progress',
  'evaluate:recommendation',
  'publish:what-changed',
  // Family and community voice (ADR 0038): the contributors' own words, read by the panel
  // (every read audited), cited as evidence, never edited; inviting is the facilitator's.
  'read:family-voice',
  'link:family-voice',
  'invite:family-voice',
] as const
export type Permission = (typeof permissions)[number]

export type Actor = {
  userId: string
  jurisdictionId: string
  isAdmin: boolean
  active: boolean
  /** Marked by an admin as able to lead reviews: may open new ones (admins always may). */
  canLeadReviews?: boolean
  /**
   * From a partner agency, not staff of the jurisdiction (ADR 0039): holds nothing but what
   * the `partner` role on their one review grants, never the jurisdiction's own grants.
   */
  partner?: boolean
}

export type PermissionTarget =
  | { kind: 'jurisdiction'; jurisdictionId: string }
  | { kind: 'review'; jurisdictionId: string; memberRole: ReviewRole | null; phase: ReviewPhase }
  | { kind: 'recommendation'; jurisdictionId: string; memberRole: ReviewRole | null; isOwner: boolean; phase: ReviewPhase }

/** Findings leave a review only once approved (docs/domain.md phase 7). */
export function exportOpenIn(phase: string): boolean {
  return phase === 'approval' || phase === 'shared'
}

/** What a permission waits for in a review's life; permissions not listed hold in every phase. */
export const phaseRules: Partial<Record<Permission, (phase: ReviewPhase) => boolean>> = {
  'export:review': exportOpenIn,
  // The two approvals are of what would leave: there is nothing to approve before approval.
  'approve:findings': exportOpenIn,
  'approve:deidentified-text': exportOpenIn,
}

/** Whether the review's phase allows a permission, whoever asks (the command line asks this). */
export function phaseAllows(permission: Permission, phase: ReviewPhase): boolean {
  return phaseRules[permission]?.(phase) ?? true
}

const reader: Permission[] = ['read:review', 'read:review-members', 'read:review-doc', 'read:recommendation']
const editor: Permission[] = [...reader, 'write:review-doc']
const voiceReader: Permission[] = ['read:family-voice', 'link:family-voice']

export const reviewRoleGrants: Record<ReviewRole, readonly Permission[]> = {
  facilitator: [
    ...editor,
    ...voiceReader,
    'invite:family-voice',
    'update:review',
    'move:review-phase',
    'manage:review-members',
    'approve:deidentified-text',
    'assign:recommendation',
    'publish:what-changed',
  ],
  qi_lead: [...editor, ...voiceReader, 'export:review', 'approve:findings', 'approve:deidentified-text', 'assign:recommendation', 'evaluate:recommendation'],
  panel_member: [...editor, ...voiceReader, 'approve:deidentified-text'],
  // Staff contributors see the shared case chronology as context for their account but do
  // not co-author the panel's analysis.
  staff_contributor: reader,
  observer: reader,
  // Partner agencies co-author the timeline and the analysis (and so read what the family
  // told the panel), but approve, export and manage nothing (ADR 0039).
  partner: [...editor, ...voiceReader],
}

// Admins run the jurisdiction (users, staffing a review) but are not panel members: they can
// see a review and fix its membership, not write in it.
export const jurisdictionAdminGrants: readonly Permission[] = [
  'read:review',
  'read:review-members',
  'manage:review-members',
  'read:review-doc',
  'read:recommendation',
  'read:users',
  'manage:users',
  'manage:jurisdiction-settings',
  'create:review',
  'read:trends',
  'manage:shared-data',
  'manage:surveys',
  'read:audit',
]

// Answering also needs an invitation to the wave, which the survey model checks. Opening a
// review is not for every user (issue 17): admins, and the people they mark as review leads.
export const jurisdictionUserGrants: readonly Permission[] = ['read:trends', 'answer:survey', 'read:survey-results']
export const reviewLeadGrants: readonly Permission[] = ['create:review']

export const recommendationOwnerGrants: readonly Permission[] = ['read:recommendation', 'update:recommendation-progress']

export type Refusal = 'anonymous' | 'inactive' | 'other-jurisdiction' | 'not-granted' | 'wrong-phase'
export type Decision = { allowed: true } | { allowed: false; reason: Refusal }

export function can(actor: Actor | null, permission: Permission, target: PermissionTarget): Decision {
  if (!actor) return { allowed: false, reason: 'anonymous' }
  if (!actor.active) return { allowed: false, reason: 'inactive' }
  if (actor.jurisdictionId !== target.jurisdictionId) return { allowed: false, reason: 'other-jurisdiction' }

  if (actor.partner) {
    // Only their own review, only as a partner: no trends, surveys, other reviews or ownership.
    const granted = target.kind === 'review' && target.memberRole === 'partner' ? reviewRoleGrants.partner : []
    return granted.includes(permission) ? { allowed: true } : { allowed: false, reason: 'not-granted' }
  }
  const granted = new Set<Permission>(jurisdictionUserGrants)
  if (actor.isAdmin) jurisdictionAdminGrants.forEach(p => granted.add(p))
  if (actor.canLeadReviews) reviewLeadGrants.forEach(p => granted.add(p))
  // A staff user never holds the partner role (it is given through a partner invitation only).
  if (target.kind !== 'jurisdiction' && target.memberRole && target.memberRole !== 'partner') reviewRoleGrants[target.memberRole].forEach(p => granted.add(p))
  if (target.kind === 'recommendation' && target.isOwner) recommendationOwnerGrants.forEach(p => granted.add(p))

  if (!granted.has(permission)) return { allowed: false, reason: 'not-granted' }
  if (target.kind !== 'jurisdiction' && !phaseAllows(permission, target.phase)) return { allowed: false, reason: 'wrong-phase' }
  return { allowed: true }
}

/**
 * Whether a partner agency's member may still use the workspace (ADR 0039): until the date the
 * facilitator set, or, when none was set, until their review reaches approval.
 */
export function partnerAccessOpen(partner: { accessUntil: Date | null; reviewPhase: ReviewPhase | null }, now: Date): boolean {
  if (partner.reviewPhase === null) return false
  if (partner.accessUntil) return partner.accessUntil.getTime() > now.getTime()
  return partner.reviewPhase !== 'approval' && partner.reviewPhase !== 'shared'
}

/** Roles a facilitator may hand out on a review. */
export function assignableRoles(): readonly ReviewRole[] {
  return ['facilitator', 'panel_member', 'qi_lead', 'staff_contributor', 'observer']
}

// ---------------------------------------------------------------------------------------
// The family-voice invitation link (ADR 0038). Whoever holds the link is the contributor:
// it is a capability, not an account, so it is decided here from the invitation's state,
// the review's phase and the time, never from a session.

export const invitationOperations = ['open-form', 'submit', 'see-own-words', 'withdraw'] as const
export type InvitationOperation = (typeof invitationOperations)[number]

export type InvitationState = {
  expiresAt: Date
  usedAt: Date | null
  revokedAt: Date | null
  /** The contribution made through it, if any. */
  contribution: { withdrawnAt: Date | null } | null
  reviewPhase: ReviewPhase
}

export type InvitationDecision = { allowed: true } | { allowed: false; reason: 'unknown' | 'revoked' | 'expired' | 'used' | 'withdrawn' | 'wrong-phase' }

/** Until the review reaches analysis, a contribution can be taken back through its link. */
export function voiceWithdrawalOpenIn(phase: ReviewPhase): boolean {
  return phase === 'intake' || phase === 'preparation' || phase === 'staff_accounts' || phase === 'joint_review'
}

export function voiceSubmissionOpenIn(phase: ReviewPhase): boolean {
  return phase !== 'approval' && phase !== 'shared'
}

export function canWithInvitation(invitation: InvitationState | null, operation: InvitationOperation, now: Date): InvitationDecision {
  if (!invitation) return { allowed: false, reason: 'unknown' }
  if (invitation.revokedAt) return { allowed: false, reason: 'revoked' }
  const submitted = invitation.usedAt !== null
  switch (operation) {
    case 'open-form':
    case 'submit':
      // One use: the first submission spends the link's power to submit.
      if (submitted) return { allowed: false, reason: 'used' }
      if (invitation.expiresAt.getTime() <= now.getTime()) return { allowed: false, reason: 'expired' }
      // Heard until the findings are settled; once approved nothing new enters the review.
      return voiceSubmissionOpenIn(invitation.reviewPhase) ? { allowed: true } : { allowed: false, reason: 'wrong-phase' }
    case 'see-own-words':
    case 'withdraw':
      // Bounded by the phase, not the expiry: the expiry limits how long an unused link can
      // be found and used, the phase how long the panel may still be working without it.
      if (!submitted || !invitation.contribution) return { allowed: false, reason: 'unknown' }
      if (invitation.contribution.withdrawnAt) return { allowed: false, reason: 'withdrawn' }
      return voiceWithdrawalOpenIn(invitation.reviewPhase) ? { allowed: true } : { allowed: false, reason: 'wrong-phase' }
  }
}

// ---------------------------------------------------------------------------------------
// Staff accounts (docs/domain.md, "Staff contributor"). An account is its author's: nobody else
// reads or edits the draft, whatever their role. Others read only what the author released,
// and only the audience it was released to. Decided from the actor's relation to the review
// and to the account, the account's state and the review's phase.

export const accountOperations = [
  'invite',
  'read-draft',
  'edit',
  'connect-socket',
  'release-to-facilitator',
  'release-to-panel',
  'withdraw',
  'request-withdrawal',
  'decide-withdrawal',
  'read-released',
  'see-real-name',
  'list-states',
  'quote-request',
  'approve-quote',
  'export',
] as const
export type AccountOperation = (typeof accountOperations)[number]

export type AccountTarget = {
  jurisdictionId: string
  /** The actor's role on the account's review, null when not a member. */
  memberRole: ReviewRole | null
  /** Whether the actor wrote this account. */
  isAuthor: boolean
  state: AccountState
  reviewPhase: ReviewPhase
  /** Jurisdiction setting: who sees the real name behind the pseudonym. */
  namesVisibleTo: AccountNamesVisibleTo
}

export type AccountNamesVisibleTo = 'facilitator' | 'nobody'

export type AccountDecision = Decision | { allowed: false; reason: 'wrong-state' }

const allow: AccountDecision = { allowed: true }
const notGranted: AccountDecision = { allowed: false, reason: 'not-granted' }
const wrongState: AccountDecision = { allowed: false, reason: 'wrong-state' }
const wrongPhase: AccountDecision = { allowed: false, reason: 'wrong-phase' }

/** Allowed when `who` holds; otherwise the first reason that fails. */
function when(who: boolean, stateOk: boolean, phaseOk = true): AccountDecision {
  if (!who) return notGranted
  if (!stateOk) return wrongState
  return phaseOk ? allow : wrongPhase
}

export function canOnAccount(actor: Actor | null, operation: AccountOperation, target: AccountTarget): AccountDecision {
  if (!actor) return { allowed: false, reason: 'anonymous' }
  if (!actor.active) return { allowed: false, reason: 'inactive' }
  if (actor.jurisdictionId !== target.jurisdictionId) return { allowed: false, reason: 'other-jurisdiction' }
  // Staff accounts are the jurisdiction's staff's; a partner agency's member has none and sees none (ADR 0039).
  if (actor.partner) return notGranted

  const { memberRole, state, reviewPhase: phase } = target
  // An author who left the review keeps nothing but what they released.
  const author = target.isAuthor && memberRole !== null
  const facilitator = memberRole === 'facilitator'
  const panelReader = memberRole === 'panel_member' || memberRole === 'qi_lead'
  const findingWriter = facilitator || panelReader
  const released = isReleased(state)

  switch (operation) {
    case 'read-draft':
      return when(author, true)
    case 'edit':
    case 'connect-socket':
      return when(author, state !== 'withdrawn')
    case 'release-to-facilitator':
      return when(author, state !== 'withdrawn', releaseOpenIn(phase))
    case 'release-to-panel':
      return when(author, released, releaseOpenIn(phase))
    case 'withdraw':
      return when(author, released, withdrawalIsAuthorsAlone(phase))
    case 'request-withdrawal':
      return when(author, released, !withdrawalIsAuthorsAlone(phase))
    case 'decide-withdrawal':
      return when(facilitator, released)
    case 'read-released':
      if (author || facilitator) return when(true, released)
      return when(panelReader, state === 'released_to_panel')
    case 'see-real-name':
      return when(author || (facilitator && target.namesVisibleTo === 'facilitator'), true)
    case 'invite':
    case 'list-states':
      return when(facilitator, true)
    case 'quote-request':
      return when(findingWriter, state === 'released_to_panel', releaseOpenIn(phase))
    case 'approve-quote':
      return when(author, state === 'released_to_panel')
    case 'export': {
      // Only consented excerpts ever leave the review, and only from a panel release.
      const reviewTarget = { kind: 'review', jurisdictionId: target.jurisdictionId, memberRole, phase } as const
      const exporting = can(actor, 'export:review', reviewTarget)
      return when(exporting.allowed || (!exporting.allowed && exporting.reason === 'wrong-phase'), state === 'released_to_panel', exporting.allowed)
    }
  }
}

/**
 * Which release a reader gets: the facilitator (and the author) the newest release of either
 * audience, the panel only what was released to the panel; null when they may read none.
 */
export function releaseAudienceFor(actor: Actor | null, target: AccountTarget): 'facilitator' | 'panel' | null {
  if (!canOnAccount(actor, 'read-released', target).allowed) return null
  return target.isAuthor || target.memberRole === 'facilitator' ? 'facilitator' : 'panel'
}
