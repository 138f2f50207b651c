import type { IncomingMessage } from 'node:http'
import { can } from '~/domain/permissions'
import { actorOf, userForSession } from '~/utils/auth.server'
import type { PrismaClient } from '~/utils/db.server'
import type { Env } from '~/utils/env.server'
import { sessionStorage } from '~/utils/session.server'
import type { ReviewRole } from '~/domain/vocabulary'
import type { CollabAccess, CollabAuthenticator, CollabRefusal } from './collab/types'
import { allowedOrigins, requestOrigin } from './security'

function protocolOf(req: IncomingMessage, env: Env) {
  const forwarded = env.TRUST_PROXY === 'true' ? req.headers['x-forwarded-proto'] : undefined
  if (typeof forwarded === 'string') return forwarded.split(',')[0]!.trim()
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
      const user = typeof sessionId === 'string' ? await userForSession(sessionId) : null
      if (!user) return { refuse: 401, reason: 'not signed in' }

      const [kind, id] = docName.split(':') as [string, string]
      if (kind !== 'review') return { refuse: 404, reason: 'unknown document' }
      const review = await prisma.review.findUnique({ where: { id }, select: { jurisdictionId: true } })
      if (!review) return { refuse: 404, reason: 'unknown review' }
      const member = await prisma.reviewMember.findUnique({
        where: { reviewId_userId: { reviewId: id, userId: user.id } },
        select: { role: true },
      })
      const target = { kind: 'review', jurisdictionId: review.jurisdictionId, memberRole: (member?.role as ReviewRole | undefined) ?? null } as const
      const actor = actorOf(user)
      if (!can(actor, 'read:review-doc', target).allowed) return { refuse: 404, reason: 'no access to review' }
      return { userId: user.id, readOnly: !can(actor, 'write:review-doc', target).allowed, label: user.name }
    },
  }
}
