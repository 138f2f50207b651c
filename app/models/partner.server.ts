// Partner agencies on the panel (ADR 0039). A partner is a person from another organisation:
// a user row of the review's jurisdiction marked with their organisation and tied to the one
// review they were invited to, with the `partner` role on it. They set their password through
// an expiring link the facilitator passes on (the application sends no email). Their access
// ends on the date the facilitator sets, or when the review is approved (auth.server.ts).
import { z } from 'zod'
import { announceAccessChange } from '~/utils/access-events.server'
import { createPasswordSetupToken, endAllSessions } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { audit, reviewAuditScope } from './audit.server'

type ReviewRef = { id: string; jurisdictionId: string }

const isoDay = z
  .string()
  .trim()
  .refine(v => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), 'voice.partners.errors.date')

export const invitePartnerSchema = z.object({
  intent: z.literal('invite'),
  name: z.string({ required_error: 'voice.partners.errors.name' }).trim().min(1, 'voice.partners.errors.name').max(200, 'voice.partners.errors.name'),
  email: z.string({ required_error: 'validation.emailRequired' }).trim().toLowerCase().email('validation.emailInvalid'),
  organisation: z
    .string({ required_error: 'voice.partners.errors.organisation' })
    .trim()
    .min(1, 'voice.partners.errors.organisation')
    .max(200, 'voice.partners.errors.organisation'),
  accessUntil: isoDay.optional().default(''),
})

export const partnerActionSchema = z.discriminatedUnion('intent', [
  invitePartnerSchema,
  z.object({ intent: z.literal('access'), userId: z.string().min(1).max(60), accessUntil: isoDay.optional().default('') }),
  z.object({ intent: z.literal('names'), userId: z.string().min(1).max(60), value: z.enum(['yes', 'no']) }),
  z.object({ intent: z.literal('remove'), userId: z.string().min(1).max(60) }),
])

/** The end of the chosen day, UTC: access lasts through the whole day the facilitator picked. */
function endOfDay(day: string): Date | null {
  return day === '' ? null : new Date(`${day}T23:59:59.999Z`)
}

export function pastDay(day: string, now = new Date()) {
  return day !== '' && day < now.toISOString().slice(0, 10)
}

export type PartnerRow = {
  userId: string
  name: string
  email: string
  organisation: string
  accessUntil: string | null
  realNamesGranted: boolean
  passwordSet: boolean
}

export async function listPartners(reviewId: string): Promise<PartnerRow[]> {
  const members = await prisma.reviewMember.findMany({
    where: { reviewId, role: 'partner' },
    select: {
      realNamesGranted: true,
      user: { select: { id: true, name: true, email: true, partnerOrganisation: true, partnerAccessUntil: true, passwordHash: true } },
    },
    orderBy: { addedAt: 'asc' },
  })
  return members.map(m => ({
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    organisation: m.user.partnerOrganisation ?? '',
    accessUntil: m.user.partnerAccessUntil ? m.user.partnerAccessUntil.toISOString().slice(0, 10) : null,
    realNamesGranted: m.realNamesGranted,
    passwordSet: m.user.passwordHash !== null,
  }))
}

/** The organisations that took part in the review, as recorded by its partner members. */
export async function reviewPartnerAgencies(reviewId: string): Promise<string[]> {
  const rows = await prisma.reviewMember.findMany({ where: { reviewId, role: 'partner' }, select: { user: { select: { partnerOrganisation: true } } } })
  return [...new Set(rows.map(r => r.user.partnerOrganisation?.trim() ?? '').filter(Boolean))].sort((a, b) => a.localeCompare(b))
}

export type InvitePartnerResult = { ok: true; userId: string; setupPath: string } | { ok: false; field: 'email' | 'accessUntil'; message: string }

export async function invitePartner(review: ReviewRef, input: z.infer<typeof invitePartnerSchema>, actorId: string): Promise<InvitePartnerResult> {
  if (pastDay(input.accessUntil)) return { ok: false, field: 'accessUntil', message: 'voice.partners.errors.date' }
  // Any existing account (staff, another review's partner, another jurisdiction's) is refused
  // with the same words, so the form tells nobody who has an account where.
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })
  if (existing) return { ok: false, field: 'email', message: 'voice.partners.errors.email' }
  const user = await prisma.$transaction(async tx => {
    const created = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        jurisdictionId: review.jurisdictionId,
        partnerOrganisation: input.organisation,
        partnerReviewId: review.id,
        partnerAccessUntil: endOfDay(input.accessUntil),
      },
    })
    await tx.reviewMember.create({ data: { reviewId: review.id, userId: created.id, role: 'partner' } })
    await audit(tx, {
      ...reviewAuditScope(review, actorId),
      action: 'review.partner-invited',
      detail: { userId: created.id, organisation: input.organisation, accessUntil: input.accessUntil || null },
    })
    return created
  })
  const token = await createPasswordSetupToken(user.id)
  return { ok: true, userId: user.id, setupPath: `/set-password/${token}` }
}

async function partnerOf(review: ReviewRef, userId: string) {
  return prisma.reviewMember.findFirst({ where: { reviewId: review.id, userId, role: 'partner' }, select: { id: true, userId: true } })
}

export async function setPartnerAccessUntil(review: ReviewRef, userId: string, day: string, actorId: string): Promise<'done' | 'unknown' | 'date'> {
  if (pastDay(day)) return 'date'
  const member = await partnerOf(review, userId)
  if (!member) return 'unknown'
  await prisma.$transaction(async tx => {
    await tx.user.update({ where: { id: userId }, data: { partnerAccessUntil: endOfDay(day) } })
    await audit(tx, { ...reviewAuditScope(review, actorId), action: 'review.partner-access-set', detail: { userId, accessUntil: day || null } })
  })
  return 'done'
}

export async function setPartnerRealNames(review: ReviewRef, userId: string, value: boolean, actorId: string): Promise<'done' | 'unknown'> {
  const member = await partnerOf(review, userId)
  if (!member) return 'unknown'
  await prisma.$transaction(async tx => {
    await tx.reviewMember.update({ where: { id: member.id }, data: { realNamesGranted: value } })
    await audit(tx, { jurisdictionId: review.jurisdictionId, reviewId: review.id, actorId, action: 'review.partner-real-names-set', detail: { userId, value } })
  })
  return 'done'
}

/** Ends a partner's access now: off the review, account deactivated, sessions and sockets closed. */
export async function removePartner(review: ReviewRef, userId: string, actorId: string): Promise<'done' | 'unknown'> {
  const member = await partnerOf(review, userId)
  if (!member) return 'unknown'
  await prisma.$transaction(async tx => {
    await tx.reviewMember.delete({ where: { id: member.id } })
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } })
    await audit(tx, { jurisdictionId: review.jurisdictionId, reviewId: review.id, actorId, action: 'review.partner-removed', detail: { userId } })
  })
  await endAllSessions(userId)
  announceAccessChange({ type: 'membership-changed', reviewId: review.id, userId })
  return 'done'
}

/** Whether a partner member of this review sees the registry's real names. */
export async function partnerSeesRealNames(reviewId: string, userId: string) {
  const member = await prisma.reviewMember.findUnique({ where: { reviewId_userId: { reviewId, userId } }, select: { realNamesGranted: true } })
  return member?.realNamesGranted ?? false
}
