import { type ReviewRole } from '~/domain/vocabulary'
import { announceAccessChange } from '~/utils/access-events.server'
import { prisma } from '~/utils/db.server'
import { audit, reviewAuditScope } from './audit.server'

export { addMemberSchema, removeMemberSchema, memberActionSchema, communityRepresentativeSchema } from '~/schemas/member'

export type MemberRow = {
  id: string
  role: ReviewRole
  userId: string
  /** Null when the reader may not see it: the pseudonym is shown instead. */
  name: string | null
  email: string | null
  /** A staff contributor's account pseudonym, where names are hidden from everyone. */
  pseudonym: string | null
  active: boolean
  communityRepresentative: boolean
}

/**
 * The review's members as `viewerId` may see them. Where the jurisdiction lets nobody see who
 * is behind a staff account's pseudonym, a staff contributor's name and email would give it
 * away (they are the people accounts come from), so everyone else sees the pseudonym only.
 */
export async function listMembers(reviewId: string, viewer?: { userId: string; namesVisibleTo: 'facilitator' | 'nobody' }): Promise<MemberRow[]> {
  const [members, accounts] = await Promise.all([
    prisma.reviewMember.findMany({
      where: { reviewId },
      select: {
        id: true,
        role: true,
        addedAt: true,
        communityRepresentative: true,
        user: { select: { id: true, name: true, email: true, deactivatedAt: true } },
      },
      orderBy: { addedAt: 'asc' },
    }),
    prisma.staffAccount.findMany({ where: { reviewId }, select: { authorId: true, pseudonym: true } }),
  ])
  const pseudonyms = new Map(accounts.map(a => [a.authorId, a.pseudonym]))
  const hideNames = viewer === undefined || viewer.namesVisibleTo === 'nobody'
  return members.map(m => {
    const hidden = hideNames && m.role === 'staff_contributor' && m.user.id !== viewer?.userId
    return {
      id: m.id,
      role: m.role,
      userId: m.user.id,
      name: hidden ? null : m.user.name,
      email: hidden ? null : m.user.email,
      pseudonym: hidden ? (pseudonyms.get(m.user.id) ?? null) : null,
      active: !m.user.deactivatedAt,
      communityRepresentative: m.communityRepresentative,
    }
  })
}

export type MemberChangeResult = { ok: true } | { ok: false; field: 'email' | 'role' | 'form'; message: string }

export async function addMember(
  review: { id: string; jurisdictionId: string },
  input: { email: string; role: ReviewRole; communityRepresentative?: boolean },
  actorId: string,
): Promise<MemberChangeResult> {
  const user = await prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true, jurisdictionId: true, deactivatedAt: true, partnerOrganisation: true },
  })
  // Someone from another jurisdiction is reported exactly like an unknown address; so is a
  // partner agency's member, who joins only the review they were invited to (ADR 0039).
  if (!user || user.jurisdictionId !== review.jurisdictionId || user.partnerOrganisation) return { ok: false, field: 'email', message: 'members.noSuchUser' }
  if (user.deactivatedAt) return { ok: false, field: 'email', message: 'members.userInactive' }
  const existing = await prisma.reviewMember.findUnique({ where: { reviewId_userId: { reviewId: review.id, userId: user.id } } })
  if (existing) return { ok: false, field: 'email', message: 'members.alreadyMember' }
  await prisma.$transaction([
    prisma.reviewMember.create({
      data: { reviewId: review.id, userId: user.id, role: input.role, communityRepresentative: input.communityRepresentative ?? false },
    }),
    audit(prisma, {
      ...reviewAuditScope(review, actorId),
      action: 'review.member-added',
      detail: { userId: user.id, role: input.role, ...(input.communityRepresentative ? { communityRepresentative: true } : {}) },
    }),
  ])
  return { ok: true }
}

export async function removeMember(review: { id: string; jurisdictionId: string }, memberId: string, actorId: string): Promise<MemberChangeResult> {
  const member = await prisma.reviewMember.findFirst({ where: { id: memberId, reviewId: review.id } })
  if (!member) return { ok: false, field: 'form', message: 'members.noSuchMember' }
  if (member.role === 'facilitator') {
    const facilitators = await prisma.reviewMember.count({ where: { reviewId: review.id, role: 'facilitator' } })
    // A review without a facilitator could never be moved forward or restaffed by its panel.
    if (facilitators <= 1) return { ok: false, field: 'form', message: 'members.lastFacilitator' }
  }
  await prisma.$transaction([
    prisma.reviewMember.delete({ where: { id: member.id } }),
    audit(prisma, { ...reviewAuditScope(review, actorId), action: 'review.member-removed', detail: { userId: member.userId, role: member.role } }),
  ])
  announceAccessChange({ type: 'membership-changed', reviewId: review.id, userId: member.userId })
  return { ok: true }
}

export async function setCommunityRepresentative(
  review: { id: string; jurisdictionId: string },
  memberId: string,
  value: boolean,
  actorId: string,
): Promise<MemberChangeResult> {
  const member = await prisma.reviewMember.findFirst({ where: { id: memberId, reviewId: review.id } })
  if (!member) return { ok: false, field: 'form', message: 'members.noSuchMember' }
  await prisma.$transaction([
    prisma.reviewMember.update({ where: { id: member.id }, data: { communityRepresentative: value } }),
    audit(prisma, { ...reviewAuditScope(review, actorId), action: 'review.community-representative-set', detail: { userId: member.userId, value } }),
  ])
  return { ok: true }
}
