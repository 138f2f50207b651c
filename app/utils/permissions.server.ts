// Who may do what to a review, loaded once: the user, the review, their role on it, and can()'s
// decision. loadReviewAccess never throws; each edge maps a refusal to what it answers (a page:
// 404 or 403 via requireReviewPermission; the socket: its refusal; the command line: its error).
import { json } from '@remix-run/node'
import { can, type Actor, type Decision, type Permission, type PermissionTarget, type Refusal } from '~/domain/permissions'
import type { ReviewPhase, ReviewRole } from '~/domain/vocabulary'
import type { Review } from '~/generated/prisma/client'
import { reviewPhaseOf, reviewRoleOf } from '~/models/rows.server'
import { actorOf, getUser, requireUser, type SignedInUser } from './auth.server'
import { prisma } from './db.server'
import { auditEvent, reviewAuditScope } from '~/models/audit.server'

export async function membershipRole(reviewId: string, userId: string): Promise<ReviewRole | null> {
  const member = await prisma.reviewMember.findUnique({
    where: { reviewId_userId: { reviewId, userId } },
    select: { role: true },
  })
  return reviewRoleOf(member?.role)
}

export type ReviewGrant = {
  allowed: true
  user: SignedInUser
  actor: Actor
  review: Review
  role: ReviewRole | null
  phase: ReviewPhase
  target: Extract<PermissionTarget, { kind: 'review' }>
  /** can() for another permission on the same review. */
  decide: (permission: Permission) => Decision
  allows: (permission: Permission) => boolean
}

export type ReviewDenial = {
  allowed: false
  reason: Refusal | 'not-found'
  /** Whether the asker may know the review exists: refusals to anyone else look like not-found. */
  knowsReview: boolean
  user: SignedInUser | null
  review: Review | null
}

export type ReviewAccess = ReviewGrant | ReviewDenial

/** The decision on `permission` for a review, with what was loaded to make it. Never throws. */
export async function loadReviewAccess(who: SignedInUser | Request | null, reviewId: string, permission: Permission): Promise<ReviewAccess> {
  const user = who instanceof Request ? await getUser(who) : who
  if (!user) return { allowed: false, reason: 'anonymous', knowsReview: false, user: null, review: null }
  const review = reviewId ? await prisma.review.findUnique({ where: { id: reviewId } }) : null
  if (!review) return { allowed: false, reason: 'not-found', knowsReview: false, user, review: null }
  const role = await membershipRole(reviewId, user.id)
  const actor = actorOf(user)!
  const phase = reviewPhaseOf(review.phase)
  const target = { kind: 'review', jurisdictionId: review.jurisdictionId, memberRole: role, phase } as const
  const decide = (p: Permission) => can(actor, p, target)
  const decision = decide(permission)
  // A partner agency's member is not told that pages they may not use exist (ADR 0039).
  if (!decision.allowed) return { allowed: false, reason: decision.reason, knowsReview: decide('read:review').allowed && !actor.partner, user, review }
  return { allowed: true, user, actor, review, role, phase, target, decide, allows: p => decide(p).allowed }
}

// Refusals that would reveal a review's existence answer 404, as if it were not there.
function notFound() {
  return json({ message: 'Not found' }, { status: 404 })
}
function forbidden() {
  return json({ message: 'Forbidden' }, { status: 403 })
}

/** The HTTP answer to a refused review access: 404 unless the asker may know the review exists. */
export function reviewRefusal(denial: ReviewDenial): Response {
  return denial.knowsReview ? forbidden() : notFound()
}

/** For loaders and actions: the grant, or the thrown answer (sign-in redirect, 404 or 403). */
export async function requireReviewPermission(request: Request, reviewId: string, permission: Permission) {
  const user = await requireUser(request)
  return requireReviewPermissionFor(user, reviewId, permission)
}

export async function requireReviewPermissionFor(user: SignedInUser, reviewId: string, permission: Permission): Promise<ReviewGrant> {
  const access = await loadReviewAccess(user, reviewId, permission)
  if (!access.allowed) throw reviewRefusal(access)
  // Everything a partner agency's member opens on the review is recorded (ADR 0039).
  if (access.actor.partner) {
    await auditEvent({ ...reviewAuditScope(access.review, user.id), action: 'partner.read', detail: { permission } })
  }
  return access
}

export async function requireJurisdictionPermission(request: Request, permission: Permission) {
  const user = await requireUser(request)
  const decision = can(actorOf(user), permission, { kind: 'jurisdiction', jurisdictionId: user.jurisdictionId })
  if (!decision.allowed) throw user.partnerOrganisation ? notFound() : forbidden()
  return user
}

export function userCan(user: SignedInUser, permission: Permission) {
  return can(actorOf(user), permission, { kind: 'jurisdiction', jurisdictionId: user.jurisdictionId }).allowed
}
