import { announceAccessChange } from '~/utils/access-events.server'
import { createPasswordSetupToken, endAllSessions, hashPassword } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { audit } from './audit.server'

export { passwordSchema, newUserSchema, deactivateUserSchema, userActionSchema } from '~/schemas/user'

export class UserInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

export async function createUser(input: { email: string; name: string; jurisdictionId: string; isAdmin: boolean; password?: string; createdById?: string }) {
  const email = input.email.toLowerCase()
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new UserInputError('email', 'users.emailTaken')
  }
  const user = await prisma.$transaction(async tx => {
    const created = await tx.user.create({
      data: {
        email,
        name: input.name,
        jurisdictionId: input.jurisdictionId,
        isAdmin: input.isAdmin,
        passwordHash: input.password ? await hashPassword(input.password) : null,
      },
    })
    await audit(tx, {
      jurisdictionId: input.jurisdictionId,
      actorId: input.createdById ?? null,
      action: 'user.created',
      detail: { userId: created.id, isAdmin: input.isAdmin },
    })
    return created
  })
  // Without a password the account is reached through a one-time link.
  const setupToken = input.password ? null : await createPasswordSetupToken(user.id)
  return { user, setupToken }
}

export async function listUsers(jurisdictionId: string) {
  return prisma.user
    .findMany({
      where: { jurisdictionId },
      select: { id: true, email: true, name: true, isAdmin: true, canLeadReviews: true, deactivatedAt: true, passwordHash: true, unitId: true },
      orderBy: { name: 'asc' },
    })
    .then(users => users.map(({ passwordHash, ...u }) => ({ ...u, hasPassword: Boolean(passwordHash), active: !u.deactivatedAt })))
}

/** Marks (or unmarks) a person as able to open reviews; a permission change, so audited. */
export async function setCanLeadReviews(jurisdictionId: string, userId: string, canLeadReviews: boolean, actorId: string) {
  await prisma.$transaction(async tx => {
    const user = await tx.user.findFirst({ where: { id: userId, jurisdictionId }, select: { id: true } })
    if (!user) throw new UserInputError('form', 'users.noSuchUser')
    await tx.user.update({ where: { id: userId }, data: { canLeadReviews } })
    await audit(tx, { jurisdictionId, actorId, action: 'user.lead-changed', detail: { userId, canLeadReviews } })
  })
}

export async function deactivateUser(jurisdictionId: string, userId: string, actorId: string) {
  const user = await prisma.user.findFirst({ where: { id: userId, jurisdictionId } })
  if (!user) throw new UserInputError('form', 'users.noSuchUser')
  if (user.id === actorId) throw new UserInputError('form', 'users.cannotDeactivateSelf')
  if (user.deactivatedAt) return
  await prisma.$transaction(async tx => {
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } })
    await audit(tx, { jurisdictionId, actorId, action: 'user.deactivated', detail: { userId } })
  })
  await endAllSessions(userId)
  announceAccessChange({ type: 'user-deactivated', userId })
}
