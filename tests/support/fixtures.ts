import type { ReviewRole } from '~/domain/vocabulary'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { sessionStorage } from '~/utils/session.server'

export const TEST_ORIGIN = 'http://localhost:3000'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

export async function makeJurisdiction(code = `J-${unique()}`) {
  return prisma.jurisdiction.create({ data: { code, name: `Jurisdiction ${code}` } })
}

export async function makeUser(jurisdictionId: string, options: { isAdmin?: boolean; deactivated?: boolean; name?: string; canLeadReviews?: boolean } = {}) {
  const id = unique()
  return prisma.user.create({
    data: {
      email: `user-${id}@example.test`,
      name: options.name ?? `User ${id}`,
      jurisdictionId,
      isAdmin: options.isAdmin ?? false,
      canLeadReviews: options.canLeadReviews ?? false,
      deactivatedAt: options.deactivated ? new Date() : null,
    },
  })
}

export async function makeReview(jurisdictionId: string, members: { userId: string; role: ReviewRole }[]) {
  return prisma.review.create({
    data: {
      title: `Review ${unique()}`,
      incidentType: 'serious_injury',
      incidentDate: new Date('2026-10-01T00:00:00Z'),
      jurisdictionId,
      members: { create: members },
    },
  })
}

/**
 * A review with a new user in each of the given roles, in that order: `{ review, ...users }`,
 * each user under the name the caller gave it.
 */
export async function makeTeam<const Team extends Record<string, ReviewRole>>(jurisdictionId: string, team: Team) {
  const users = {} as Record<keyof Team, Awaited<ReturnType<typeof makeUser>>>
  for (const name of Object.keys(team) as (keyof Team)[]) users[name] = await makeUser(jurisdictionId)
  const review = await makeReview(
    jurisdictionId,
    Object.entries(team).map(([name, role]) => ({ userId: users[name as keyof Team].id, role })),
  )
  return { review, ...users }
}

/** A cookie header for a fresh session of this user, as the browser would send it. */
export async function cookieFor(userId: string) {
  const session = await createSession(userId, 'vitest')
  const cookieSession = await sessionStorage.getSession()
  cookieSession.set('sessionId', session.id)
  const setCookie = await sessionStorage.commitSession(cookieSession)
  return { cookie: setCookie.split(';')[0]!, sessionId: session.id }
}

export function buildRequest(path: string, options: { cookie?: string | null; method?: 'GET' | 'POST'; form?: Record<string, string> } = {}) {
  const headers = new Headers({ origin: TEST_ORIGIN })
  if (options.cookie) headers.set('cookie', options.cookie)
  const method = options.method ?? (options.form ? 'POST' : 'GET')
  const body = options.form ? new URLSearchParams(options.form) : undefined
  if (body) headers.set('content-type', 'application/x-www-form-urlencoded')
  return new Request(`${TEST_ORIGIN}${path}`, { method, headers, body })
}

/** What Remix passes a loader or action for this request: `buildRequest`'s, with the route's params. */
export function routeArgs(path: string, options: Parameters<typeof buildRequest>[1], params: Record<string, string> = {}) {
  return { request: buildRequest(path, options), params, context: {} }
}

export type Outcome = 'ok' | 'login' | 400 | 403 | 404 | 429

/** Runs a loader or action and classifies what the user would get. */
export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await run()
    if (result instanceof Response) return classify(result)
    return 'ok'
  } catch (thrown) {
    if (thrown instanceof Response) return classify(thrown)
    throw thrown
  }
}

function classify(response: Response): Outcome {
  if (response.status >= 300 && response.status < 400) {
    return (response.headers.get('location') ?? '').startsWith('/login') ? 'login' : 'ok'
  }
  if (response.status === 200) return 'ok'
  if (response.status === 400 || response.status === 403 || response.status === 404 || response.status === 429) return response.status
  throw new Error(`unexpected status ${response.status}`)
}
