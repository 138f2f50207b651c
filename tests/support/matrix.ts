// The route x actor matrices share their cast: one of each kind of actor, the review members
// among them, a signed-in cookie each, and how a row of expected outcomes is written.
import { prisma } from '~/utils/db.server'
import { cookieFor, makeUser, type Outcome } from './fixtures'

export const matrixActors = [
  'anonymous',
  'facilitator',
  'panel_member',
  'qi_lead',
  'staff_contributor',
  'observer',
  'non_member',
  'admin',
  'deactivated_member',
  'other_jurisdiction_admin',
  'other_jurisdiction_user',
] as const
export type MatrixActor = (typeof matrixActors)[number]
type MatrixUser = Awaited<ReturnType<typeof makeUser>>

/** One user per actor but the anonymous one: `home` holds the review, `other` is elsewhere. */
export async function makeMatrixUsers(homeId: string, otherId: string): Promise<Record<Exclude<MatrixActor, 'anonymous'>, MatrixUser>> {
  return {
    facilitator: await makeUser(homeId),
    panel_member: await makeUser(homeId),
    qi_lead: await makeUser(homeId),
    staff_contributor: await makeUser(homeId),
    observer: await makeUser(homeId),
    non_member: await makeUser(homeId),
    admin: await makeUser(homeId, { isAdmin: true }),
    deactivated_member: await makeUser(homeId),
    other_jurisdiction_admin: await makeUser(otherId, { isAdmin: true }),
    other_jurisdiction_user: await makeUser(otherId),
  }
}

/** The review's members: the deactivated member sat on the panel. */
export function matrixMembers(u: Awaited<ReturnType<typeof makeMatrixUsers>>) {
  return [
    { userId: u.facilitator.id, role: 'facilitator' as const },
    { userId: u.panel_member.id, role: 'panel_member' as const },
    { userId: u.qi_lead.id, role: 'qi_lead' as const },
    { userId: u.staff_contributor.id, role: 'staff_contributor' as const },
    { userId: u.observer.id, role: 'observer' as const },
    { userId: u.deactivated_member.id, role: 'panel_member' as const },
  ]
}

/** A session cookie each, taken before the deactivated member is deactivated. */
export async function matrixCookies(u: Awaited<ReturnType<typeof makeMatrixUsers>>): Promise<Record<MatrixActor, string | null>> {
  const cookies = { anonymous: null } as Record<MatrixActor, string | null>
  for (const [name, user] of Object.entries(u)) cookies[name as MatrixActor] = (await cookieFor(user.id)).cookie
  return cookies
}

/** Deactivated after signing in: the live session must stop working. */
export async function deactivateMatrixMember(u: Awaited<ReturnType<typeof makeMatrixUsers>>) {
  await prisma.user.update({ where: { id: u.deactivated_member.id }, data: { deactivatedAt: new Date() } })
}

const signedOut = { anonymous: 'login', deactivated_member: 'login' } as const

/** A row of outcomes: the signed-out actors go to sign in, the ones named as said, the rest `otherwise`. */
export function expectations(rest: Partial<Record<MatrixActor, Outcome>>, otherwise: Outcome): Record<MatrixActor, Outcome> {
  return Object.fromEntries(matrixActors.map(a => [a, (signedOut as Partial<Record<MatrixActor, Outcome>>)[a] ?? rest[a] ?? otherwise])) as Record<
    MatrixActor,
    Outcome
  >
}
