import { json } from '@remix-run/node'
import { can, type Permission } from '~/domain/permissions'
import type { ReviewRole } from '~/domain/vocabulary'
import { actorOf, requireUser, type SignedInUser } from './auth.server'
import { prisma } from './db.server'
import { recordAudit } from '~/models/audit.server'

export async function membershipRole(reviewId: string, userId: string): Promise<ReviewRole | null> {
  const member = await prisma.reviewMember.findUnique({
    where: { reviewId_userId: { reviewId, userId } },
    select: { role: true },
  })
  return (member?.role as ReviewRole | undefined) ?? null
}

// Refusals that would reveal a review's existence answer 404, as if it were not there.
function notFound() {
  return json({ message: 'Not found' }, { status: 404 })
}
function forbidden() {
  return json({ message: 'Forbidden' }, { status: 403 })
}

export async function requireReviewPermission(request: Request, reviewId: string, permission: Permission) {
  const user = await requireUser(request)
  return requireReviewPermissionFor(user, reviewId, permission)
}

export async function requireReviewPermissionFor(user: SignedInUser, reviewId: string, permission: Permission) {
  const review = await prisma.review.findUnique({ where: { id: reviewId } })
  if (!review) throw notFound()
  const role = await membershipRole(reviewId, user.id)
  const target = { kind: 'review', jurisdictionId: review.jurisdictionId, memberRole: role } as const
  const actor = actorOf(user)
  const decision = can(actor, permission, target)
  if (!decision.allowed) {
    // A partner agency's member is shown nothing beyond what they may use, not even that a
    // page exists (ADR 0039): staff accounts, exports, settings all answer 404.
    const mayKnowItExists = can(actor, 'read:review', target).allowed && !actor?.partner
    throw mayKnowItExists ? forbidden() : notFound()
  }
  const allows = (p: Permission) => can(actor, p, target).allowed
  // Everything a partner agency's member opens on the review is recorded (ADR 0039).
  if (actor?.partner) await recordAudit({ jurisdictionId: review.jurisdictionId, reviewId: review.id, actorId: user.id, action: 'partner.read', detail: { permission } })
  return { user, review, role, allows }
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
