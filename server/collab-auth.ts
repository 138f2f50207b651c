import type { IncomingMessage } from 'node:http'
import { loadAccountAccess } from '~/utils/account-access.server'
import { userForSession, type SignedInUser } from '~/utils/auth.server'
import { auditEvent } from '~/models/audit.server'
import type { PrismaClient } from '~/utils/db.server'
import type { Env } from '~/utils/env.server'
import { loadReviewAccess } from '~/utils/permissions.server'
import { sessionStorage } from '~/utils/session.server'
import type { CollabAccess, CollabAuthenticator, CollabRefusal } from './collab/types'
import { allowedOrigins, forwardedByTrusted, requestOrigin, trustedProxyHops } from './security'

function protocolOf(req: IncomingMessage, env: Env) {
  const forwarded = forwardedByTrusted(req.headers['x-forwarded-proto'], trustedProxyHops(env))
  if (forwarded) return forwarded
  return (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'
}

/** Session cookie + Origin allow-list + the same permission module the routes ask. */
export function createCollabAuthenticator(env: Env, prisma: PrismaClient): CollabAuthenticator {
  return {
    async authorize(req, docName): Promise<CollabAccess | CollabRefusal> {
      // Cookies ride along on cross-site WebSocket handshakes: the Origin is the only guard.
      const origin = requestOrigin(req)
      if (!origin || !allowedOrigins(env.ALLOWED_ORIGINS, req, protocolOf(req, env)).includes(origin)) {
        return { refuse: 403, reason: 'origin not allowed' }
      }
      const cookieSession = await sessionStorage.getSession(req.headers.cookie)
      const sessionId = cookieSession.get('sessionId')
      if (typeof sessionId !== 'string') return { refuse: 401, reason: 'not signed in' }
      return authorizeSession(prisma, sessionId, docName, true)
    },
    // The same questions again, for a socket that is already open: the session may have
    // expired or been ended elsewhere, the user deactivated, the membership changed.
    async revalidate(access, docName) {
      if (access.sessionId === undefined) return { refuse: 401, reason: 'not signed in' }
      return authorizeSession(prisma, access.sessionId, docName)
    },
  }
}

/** Refusals that must not reveal whether a document exists say exactly this (issue 10, point 12). */
const UNKNOWN: CollabRefusal = { refuse: 404, reason: 'unknown document' }

async function authorizeSession(prisma: PrismaClient, sessionId: string, docName: string, opening = false): Promise<CollabAccess | CollabRefusal> {
  const user = await userForSession(sessionId)
  if (!user) return { refuse: 401, reason: 'not signed in' }
  const [kind, id] = docName.split(':') as [string, string]
  if (kind === 'account') return authorizeAccount(prisma, user, id, sessionId)
  if (kind !== 'review') return UNKNOWN
  const access = await loadReviewAccess(user, id, 'read:review-doc')
  if (!access.allowed) return UNKNOWN
  // A partner agency's member reads the whole document through the socket: recorded (ADR 0039).
  // Once per socket opened, not at each revalidation.
  if (access.actor.partner && opening) {
    await auditEvent({
      jurisdictionId: access.review.jurisdictionId,
      reviewId: id,
      actorId: user.id,
      action: 'partner.read',
      detail: { permission: 'read:review-doc', via: 'socket' },
    })
  }
  return { userId: user.id, sessionId, readOnly: !access.allows('write:review-doc'), label: user.name }
}

/**
 * A staff account's draft is its author's alone: only the author (active, still on the review,
 * account not withdrawn) connects, read-write. Everyone else gets the same 404 as for an
 * account that does not exist, so a refusal reveals nothing.
 */
async function authorizeAccount(prisma: PrismaClient, user: SignedInUser, accountId: string, sessionId: string): Promise<CollabAccess | CollabRefusal> {
  const account = await prisma.staffAccount.findUnique({ where: { id: accountId }, select: { reviewId: true } })
  if (!account) return UNKNOWN
  const access = await loadAccountAccess(user, account.reviewId, accountId, 'connect-socket')
  if (!access.allowed) return UNKNOWN
  // With the session, so signing out closes the draft's socket too (issue 10, point 7).
  return { userId: user.id, sessionId, readOnly: false, label: user.name }
}
