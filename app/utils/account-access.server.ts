// Loads who is asking and what they ask about, then asks canOnAccount. Refusals never reveal
// an account to someone who may not know it exists: 404 for them, as for a missing account;
// 403 for someone who knows of it but may not do this; 400 for its author when the account's
// state or the review's phase does not allow it now.
import { json } from '@remix-run/node'
import {
  canOnAccount,
  releaseAudienceFor,
  type AccountDecision,
  type AccountNamesVisibleTo,
  type AccountOperation,
  type AccountTarget,
  type Actor,
  type Permission,
  type Refusal,
} from '~/domain/permissions'
import type { ReviewRole } from '~/domain/vocabulary'
import { findAccount, namesVisibleToOf, type StaffAccountRow } from '~/models/staff-account.server'
import { requireUser, type SignedInUser } from './auth.server'
import { loadReviewAccess, reviewRefusal, type ReviewDenial, type ReviewGrant } from './permissions.server'

const notFound = () => json({ message: 'Not found' }, { status: 404 })
const forbidden = () => json({ message: 'Forbidden' }, { status: 403 })
const notNow = () => json({ message: 'Not possible in this state' }, { status: 400 })

export type AccountContext = {
  user: SignedInUser
  actor: Actor
  review: ReviewGrant['review']
  role: ReviewRole | null
  namesVisibleTo: AccountNamesVisibleTo
  decide: (account: StaffAccountRow, operation: AccountOperation) => AccountDecision
  allows: (account: StaffAccountRow, operation: AccountOperation) => boolean
  audienceFor: (account: StaffAccountRow) => 'facilitator' | 'panel' | null
  /** Whether the actor may know that this account exists at all. */
  knows: (account: StaffAccountRow) => boolean
  /** For what does not depend on any one account (inviting, seeing the list of states). */
  mayOnReview: (operation: 'invite' | 'list-states') => boolean
  reviewAllows: (permission: Permission) => boolean
}

/** Everything account decisions on a review need, or the review refusal. Never throws. */
export async function loadAccountContext(who: SignedInUser | Request, reviewId: string): Promise<{ allowed: true; context: AccountContext } | ReviewDenial> {
  // Nothing about accounts for someone who may not even see the review.
  const access = await loadReviewAccess(who, reviewId, 'read:review')
  if (!access.allowed) return access
  const { user, actor, review, role, phase } = access
  // Partner agencies never see staff accounts, not even that there are any (ADR 0039).
  if (access.actor.partner) return { allowed: false, reason: 'not-granted', knowsReview: false, user: access.user, review: access.review }
  const namesVisibleTo = await namesVisibleToOf(review.jurisdictionId)
  const targetFor = (account: StaffAccountRow): AccountTarget => ({
    jurisdictionId: review.jurisdictionId,
    memberRole: role,
    isAuthor: account.authorId === user.id,
    state: account.state,
    reviewPhase: phase,
    namesVisibleTo,
  })
  const decide = (account: StaffAccountRow, operation: AccountOperation): AccountDecision => canOnAccount(actor, operation, targetFor(account))
  const allows = (account: StaffAccountRow, operation: AccountOperation) => decide(account, operation).allowed
  const audienceFor = (account: StaffAccountRow) => releaseAudienceFor(actor, targetFor(account))
  const mayOnReview = (operation: 'invite' | 'list-states') =>
    canOnAccount(actor, operation, {
      jurisdictionId: review.jurisdictionId,
      memberRole: role,
      isAuthor: false,
      state: 'invited',
      reviewPhase: phase,
      namesVisibleTo,
    }).allowed
  const knows = (account: StaffAccountRow) => allows(account, 'read-draft') || allows(account, 'list-states') || allows(account, 'read-released')
  return { allowed: true, context: { user, actor, review, role, namesVisibleTo, decide, allows, audienceFor, knows, mayOnReview, reviewAllows: access.allows } }
}

export type AccountAccess =
  | { allowed: true; context: AccountContext; account: StaffAccountRow }
  | { allowed: false; reason: Refusal | 'wrong-state' | 'not-found'; knowsAccount: boolean; isAuthor: boolean }

/** The decision on `operation` for one account of a review, with the account. Never throws. */
export async function loadAccountAccess(who: SignedInUser | Request, reviewId: string, accountId: string, operation: AccountOperation): Promise<AccountAccess> {
  const loaded = await loadAccountContext(who, reviewId)
  if (!loaded.allowed) return { allowed: false, reason: loaded.reason, knowsAccount: false, isAuthor: false }
  return accountAccessIn(loaded.context, accountId, operation)
}

export async function accountAccessIn(context: AccountContext, accountId: string, operation: AccountOperation): Promise<AccountAccess> {
  const account = await findAccount(context.review.id, accountId)
  if (!account) return { allowed: false, reason: 'not-found', knowsAccount: false, isAuthor: false }
  const decision = context.decide(account, operation)
  if (decision.allowed) return { allowed: true, context, account }
  return { allowed: false, reason: decision.reason, knowsAccount: context.knows(account), isAuthor: account.authorId === context.user.id }
}

/** The HTTP answer to a refused account access (see the top of this file). */
export function accountRefusal(denial: Extract<AccountAccess, { allowed: false }>): Response {
  if (!denial.knowsAccount) return notFound()
  if (denial.isAuthor && (denial.reason === 'wrong-state' || denial.reason === 'wrong-phase')) return notNow()
  return forbidden()
}

export async function requireAccountContext(request: Request, reviewId: string): Promise<AccountContext> {
  const user = await requireUser(request)
  const loaded = await loadAccountContext(user, reviewId)
  if (!loaded.allowed) throw reviewRefusal(loaded)
  return loaded.context
}

export function refusalFor(context: AccountContext, account: StaffAccountRow, decision: AccountDecision): Response | null {
  if (decision.allowed) return null
  return accountRefusal({ allowed: false, reason: decision.reason, knowsAccount: context.knows(account), isAuthor: account.authorId === context.user.id })
}

/** The account, if the actor may do `operation` on it; otherwise throws the right refusal. */
export async function requireAccount(request: Request, reviewId: string, accountId: string, operation: AccountOperation) {
  const context = await requireAccountContext(request, reviewId)
  return requireAccountIn(context, accountId, operation)
}

export async function requireAccountIn(context: AccountContext, accountId: string, operation: AccountOperation) {
  const access = await accountAccessIn(context, accountId, operation)
  if (!access.allowed) throw accountRefusal(access)
  return { ...context, account: access.account }
}
