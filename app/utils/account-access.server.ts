// Loads who is asking and what they ask about, then asks canOnAccount. Refusals never reveal
// an account to someone who may not know it exists: 404 for them, as for a missing account;
// 403 for someone who knows of it but may not do this; 400 for its author when the account's
// state or the review's phase does not allow it now.
import { json } from '@remix-run/node'
import { can, canOnAccount, releaseAudienceFor, type AccountDecision, type AccountOperation, type AccountTarget, type Actor, type Permission } from '~/domain/permissions'
import type { ReviewPhase } from '~/domain/vocabulary'
import { findAccount, namesVisibleToOf, type StaffAccountRow } from '~/models/staff-account.server'
import { actorOf, requireUser, type SignedInUser } from './auth.server'
import { prisma } from './db.server'
import { membershipRole } from './permissions.server'

const notFound = () => json({ message: 'Not found' }, { status: 404 })
const forbidden = () => json({ message: 'Forbidden' }, { status: 403 })
const notNow = () => json({ message: 'Not possible in this state' }, { status: 400 })

export type AccountContext = Awaited<ReturnType<typeof loadAccountContext>>

async function loadAccountContext(user: SignedInUser, reviewId: string) {
  const review = await prisma.review.findUnique({ where: { id: reviewId } })
  if (!review) throw notFound()
  const role = await membershipRole(reviewId, user.id)
  const actor = actorOf(user)
  const reviewTarget = { kind: 'review', jurisdictionId: review.jurisdictionId, memberRole: role } as const
  // Nothing about accounts for someone who may not even see the review.
  // Partner agencies never see staff accounts, not even that there are any (ADR 0039).
  if (!can(actor, 'read:review', reviewTarget).allowed || actor?.partner) throw notFound()
  const namesVisibleTo = await namesVisibleToOf(review.jurisdictionId)
  const targetFor = (account: StaffAccountRow): AccountTarget => ({
    jurisdictionId: review.jurisdictionId,
    memberRole: role,
    isAuthor: account.authorId === user.id,
    state: account.state,
    reviewPhase: review.phase as ReviewPhase,
    namesVisibleTo,
  })
  const decide = (account: StaffAccountRow, operation: AccountOperation): AccountDecision => canOnAccount(actor, operation, targetFor(account))
  const allows = (account: StaffAccountRow, operation: AccountOperation) => decide(account, operation).allowed
  const audienceFor = (account: StaffAccountRow) => releaseAudienceFor(actor, targetFor(account))
  /** For what does not depend on any one account (inviting, seeing the list of states). */
  const mayOnReview = (operation: 'invite' | 'list-states') =>
    canOnAccount(actor, operation, { jurisdictionId: review.jurisdictionId, memberRole: role, isAuthor: false, state: 'invited', reviewPhase: review.phase as ReviewPhase, namesVisibleTo }).allowed
  const reviewAllows = (permission: Permission) => can(actor, permission, reviewTarget).allowed
  /** Whether the actor may know that this account exists at all. */
  const knows = (account: StaffAccountRow) => allows(account, 'read-draft') || allows(account, 'list-states') || allows(account, 'read-released')
  return { user, actor: actor as Actor, review, role, namesVisibleTo, decide, allows, audienceFor, knows, mayOnReview, reviewAllows }
}

export async function requireAccountContext(request: Request, reviewId: string) {
  const user = await requireUser(request)
  return loadAccountContext(user, reviewId)
}

export function refusalFor(context: AccountContext, account: StaffAccountRow, decision: AccountDecision): Response | null {
  if (decision.allowed) return null
  if (!context.knows(account)) return notFound()
  const isAuthor = account.authorId === context.user.id
  if (isAuthor && (decision.reason === 'wrong-state' || decision.reason === 'wrong-phase')) return notNow()
  return forbidden()
}

/** The account, if the actor may do `operation` on it; otherwise throws the right refusal. */
export async function requireAccount(request: Request, reviewId: string, accountId: string, operation: AccountOperation) {
  const context = await requireAccountContext(request, reviewId)
  return requireAccountIn(context, accountId, operation)
}

export async function requireAccountIn(context: AccountContext, accountId: string, operation: AccountOperation) {
  const account = await findAccount(context.review.id, accountId)
  if (!account) throw notFound()
  const refusal = refusalFor(context, account, context.decide(account, operation))
  if (refusal) throw refusal
  return { ...context, account }
}
