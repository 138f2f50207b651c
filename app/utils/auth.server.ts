import crypto from 'node:crypto'
import bcrypt from 'bcryptjs'
import { redirect } from '@remix-run/node'
import { partnerAccessOpen, type Actor } from '~/domain/permissions'
import { auditEvent } from '~/models/audit.server'
import { announceAccessChange } from './access-events.server'
import { prisma } from './db.server'
import { getEnv } from './env.server'
import { safeRedirectTo } from './safe-redirect'
import { sessionStorage } from './session.server'
import { singleton } from './singleton.server'

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000
const SETUP_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000

function bcryptCost() {
  return getEnv().NODE_ENV === 'test' ? 4 : 12
}

export async function hashPassword(password: string) {
  return bcrypt.hash(password, bcryptCost())
}

// Compared even for unknown accounts so that timing does not reveal which emails exist.
const DUMMY_HASH = '$2b$12$C6UzMDM.H6dfI/f/IKxGhuP8yBvvHh5Qb7Y3nCvJ8r5Yx6vDyWj7W'

export type SignedInUser = {
  id: string
  email: string
  name: string
  isAdmin: boolean
  canLeadReviews: boolean
  jurisdictionId: string
  jurisdiction: { code: string; name: string }
  /** Set for a partner agency's member (ADR 0039): the agency's name. */
  partnerOrganisation?: string | null
}

export function actorOf(user: SignedInUser | null): Actor | null {
  return user
    ? {
        userId: user.id,
        jurisdictionId: user.jurisdictionId,
        isAdmin: user.isAdmin,
        active: true,
        canLeadReviews: user.canLeadReviews,
        ...(user.partnerOrganisation ? { partner: true } : {}),
      }
    : null
}

/** A partner's access ends on its date or when their review is approved; staff are never limited here. */
async function partnerAccessEnded(user: { partnerOrganisation: string | null; partnerReviewId: string | null; partnerAccessUntil: Date | null }) {
  if (!user.partnerOrganisation) return false
  const review = user.partnerReviewId ? await prisma.review.findUnique({ where: { id: user.partnerReviewId }, select: { phase: true } }) : null
  return !partnerAccessOpen({ accessUntil: user.partnerAccessUntil, reviewPhase: review?.phase ?? null }, new Date())
}

export async function verifyLogin(email: string, password: string) {
  const user = await prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: {
      id: true,
      passwordHash: true,
      deactivatedAt: true,
      jurisdictionId: true,
      partnerOrganisation: true,
      partnerReviewId: true,
      partnerAccessUntil: true,
    },
  })
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH)
  const ended = user ? await partnerAccessEnded(user) : false
  const success = Boolean(user && user.passwordHash && ok && !user.deactivatedAt && !ended)
  signInObservers.forEach(observe => observe(success))
  // Attempts on an email nobody has belong to no jurisdiction and name nobody: not audited
  // (they count in the sign-in failure metric). Never the password, never the typed email.
  if (user) {
    const reason = success
      ? null
      : user.deactivatedAt
        ? 'deactivated'
        : !user.passwordHash
          ? 'no-password'
          : !ok
            ? 'wrong-password'
            : ended
              ? 'partner-access-ended'
              : 'wrong-password'
    await auditEvent({
      jurisdictionId: user.jurisdictionId,
      actorId: user.id,
      action: success ? 'auth.signed-in' : 'auth.sign-in-failed',
      detail: reason ? { reason, method: 'password' } : { method: 'password' },
    })
  }
  if (!user || !success) return null
  return { id: user.id }
}

// The metrics module listens here (app/ must not import server/); one list for the Remix
// build and the custom server, which are separate module graphs.
const signInObservers = singleton('sign-in-observers', (): ((success: boolean) => void)[] => [])
export function onSignInAttempt(observe: (success: boolean) => void) {
  signInObservers.push(observe)
}

export async function createSession(userId: string, userAgent: string | null) {
  return prisma.session.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS), userAgent: userAgent?.slice(0, 300) ?? null },
    select: { id: true, expiresAt: true },
  })
}

export async function getSessionId(request: Request) {
  const cookieSession = await sessionStorage.getSession(request.headers.get('cookie'))
  const sessionId = cookieSession.get('sessionId')
  return typeof sessionId === 'string' ? sessionId : null
}

/** The user behind a session id, or null if the session expired, was revoked or the user is inactive. */
export async function userForSession(sessionId: string): Promise<SignedInUser | null> {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          isAdmin: true,
          canLeadReviews: true,
          deactivatedAt: true,
          jurisdictionId: true,
          jurisdiction: { select: { code: true, name: true } },
          partnerOrganisation: true,
          partnerReviewId: true,
          partnerAccessUntil: true,
        },
      },
    },
  })
  if (!session || session.expiresAt.getTime() <= Date.now() || session.user.deactivatedAt) return null
  // Checked on every request and every socket revalidation, so access ends on the day set.
  if (await partnerAccessEnded(session.user)) return null
  const { deactivatedAt: _inactive, partnerReviewId: _review, partnerAccessUntil: _until, ...user } = session.user
  return user
}

export async function getUser(request: Request) {
  const sessionId = await getSessionId(request)
  return sessionId ? userForSession(sessionId) : null
}

export async function requireUser(request: Request) {
  const user = await getUser(request)
  if (user) return user
  const url = new URL(request.url)
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })
  throw redirect(`/login?${params}`, { headers: await clearedSessionHeaders(request) })
}

export async function requireAnonymous(request: Request) {
  if (await getUser(request)) throw redirect('/reviews')
}

async function clearedSessionHeaders(request: Request): Promise<HeadersInit> {
  const sessionId = await getSessionId(request)
  if (!sessionId) return {}
  const cookieSession = await sessionStorage.getSession(request.headers.get('cookie'))
  return { 'set-cookie': await sessionStorage.destroySession(cookieSession) }
}

export type SignInOptions = {
  /** A session begun at an OIDC provider: kept so that signing out can end it there too. */
  sso?: { jurisdictionId: string; idToken: string }
  setCookies?: string[]
}

export async function signIn(request: Request, userId: string, redirectTo: string | null, options: SignInOptions = {}) {
  const session = await createSession(userId, request.headers.get('user-agent'))
  if (options.sso) await prisma.ssoSession.create({ data: { sessionId: session.id, ...options.sso } })
  const cookieSession = await sessionStorage.getSession(request.headers.get('cookie'))
  cookieSession.set('sessionId', session.id)
  const headers = new Headers()
  headers.append('set-cookie', await sessionStorage.commitSession(cookieSession, { expires: session.expiresAt }))
  for (const cookie of options.setCookies ?? []) headers.append('set-cookie', cookie)
  return redirect(safeRedirectTo(redirectTo), { headers })
}

export async function signOut(request: Request, then = '/login') {
  const cookieSession = await sessionStorage.getSession(request.headers.get('cookie'))
  const sessionId = cookieSession.get('sessionId')
  if (typeof sessionId === 'string') {
    const session = await prisma.session.findUnique({ where: { id: sessionId }, select: { userId: true } })
    if (session) {
      await prisma.session.deleteMany({ where: { id: sessionId } })
      announceAccessChange({ type: 'session-ended', sessionId, userId: session.userId })
    }
  }
  return redirect(then, { headers: { 'set-cookie': await sessionStorage.destroySession(cookieSession) } })
}

export async function endAllSessions(userId: string) {
  await prisma.session.deleteMany({ where: { userId } })
}

export function hashToken(token: string) {
  return crypto.createHash('sha256').update(token).digest('hex')
}

/** Issues a one-time set-password token; only its hash is stored. */
export async function createPasswordSetupToken(userId: string) {
  const token = crypto.randomBytes(32).toString('base64url')
  await prisma.passwordSetupToken.create({
    data: { userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + SETUP_TOKEN_TTL_MS) },
  })
  return token
}

export async function findUsableSetupToken(token: string) {
  const row = await prisma.passwordSetupToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, deactivatedAt: true } } },
  })
  if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now() || row.user.deactivatedAt) return null
  return row
}

export async function setPasswordWithToken(token: string, password: string) {
  const row = await findUsableSetupToken(token)
  if (!row) return null
  const passwordHash = await hashPassword(password)
  await prisma.$transaction([
    prisma.passwordSetupToken.update({ where: { id: row.id }, data: { usedAt: new Date() } }),
    prisma.user.update({ where: { id: row.user.id }, data: { passwordHash } }),
    // A new password ends every other session of that account.
    prisma.session.deleteMany({ where: { userId: row.user.id } }),
  ])
  return row.user
}
