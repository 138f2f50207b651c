// Builds reviews with a staff account in a chosen state, for the staff-account tests.
import { writePlainText } from '~/domain/review-doc'
import {
  accountDocName,
  buildReleasePreview,
  promptField,
  readAccountDoc,
  serialiseRelease,
  type AccountPrompt,
  type AccountState,
} from '~/domain/staff-account'
import type { ReviewPhase, ReviewRole } from '~/domain/vocabulary'
import { prisma } from '~/utils/db.server'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'
import { cookieFor, makeJurisdiction, makeReview, makeUser } from '../support/fixtures'

export const RELEASED_TEXT = 'I had 31 families that month and two court dates.'
/** Written after the release: only the author may ever see it. */
export const DRAFT_ONLY_TEXT = 'DRAFT-ONLY private afterthought about my supervisor.'

export const actorNames = [
  'anonymous',
  'author',
  'other_staff',
  'facilitator',
  'panel_member',
  'qi_lead',
  'observer',
  'admin',
  'non_member',
  'deactivated_member',
  'other_jurisdiction_admin',
] as const
export type ActorName = (typeof actorNames)[number]

export type World = {
  jurisdictionId: string
  users: Record<Exclude<ActorName, 'anonymous'>, { id: string; name: string }>
  cookies: Record<ActorName, string | null>
}

export async function buildWorld(): Promise<World> {
  const home = await makeJurisdiction()
  const other = await makeJurisdiction()
  const users = {
    author: await makeUser(home.id, { name: 'Wren Author' }),
    other_staff: await makeUser(home.id),
    facilitator: await makeUser(home.id),
    panel_member: await makeUser(home.id),
    qi_lead: await makeUser(home.id),
    observer: await makeUser(home.id),
    admin: await makeUser(home.id, { isAdmin: true }),
    non_member: await makeUser(home.id),
    deactivated_member: await makeUser(home.id),
    other_jurisdiction_admin: await makeUser(other.id, { isAdmin: true }),
  }
  const cookies = { anonymous: null } as Record<ActorName, string | null>
  for (const [name, user] of Object.entries(users)) cookies[name as ActorName] = (await cookieFor(user.id)).cookie
  await prisma.user.update({ where: { id: users.deactivated_member.id }, data: { deactivatedAt: new Date() } })
  return { jurisdictionId: home.id, users, cookies }
}

export function membersOf(world: World): { userId: string; role: ReviewRole }[] {
  return [
    { userId: world.users.author.id, role: 'staff_contributor' },
    { userId: world.users.other_staff.id, role: 'staff_contributor' },
    { userId: world.users.facilitator.id, role: 'facilitator' },
    { userId: world.users.panel_member.id, role: 'panel_member' },
    { userId: world.users.qi_lead.id, role: 'qi_lead' },
    { userId: world.users.observer.id, role: 'observer' },
    { userId: world.users.deactivated_member.id, role: 'panel_member' },
  ]
}

export async function writeDraft(accountId: string, answers: Partial<Record<AccountPrompt, string>>) {
  await reviewDocGateway().change(accountDocName(accountId), doc => {
    for (const [prompt, text] of Object.entries(answers)) writePlainText(doc.getXmlFragment(promptField(prompt as AccountPrompt)), text)
  })
}

async function draftContent(accountId: string, pseudonym: string) {
  const answers = await reviewDocGateway().change(accountDocName(accountId), doc => readAccountDoc(doc))
  return serialiseRelease(buildReleasePreview(answers, pseudonym))
}

/**
 * A review (in `phase`) whose author's account is in `state`. Released states hold releases of
 * RELEASED_TEXT; after releasing, the author kept writing DRAFT_ONLY_TEXT into the draft.
 * The review has one finding in its projection, for quoting.
 */
export async function reviewWithAccount(world: World, state: AccountState, phase: ReviewPhase = 'staff_accounts') {
  const review = await makeReview(world.jurisdictionId, membersOf(world))
  await prisma.review.update({ where: { id: review.id }, data: { phase } })
  await prisma.projectedFinding.create({
    data: { reviewId: review.id, id: 'f1', status: 'draft', body: 'Caseload pressure shaped the visit schedule.', position: 0 },
  })
  const pseudonym = 'Caseworker 2'
  const account = await prisma.staffAccount.create({
    data: {
      reviewId: review.id,
      authorId: world.users.author.id,
      pseudonym,
      state: state === 'invited' ? 'invited' : 'drafting',
      invitedById: world.users.facilitator.id,
    },
  })
  if (state !== 'invited') await writeDraft(account.id, { knewThen: RELEASED_TEXT })
  if (state === 'released_to_facilitator' || state === 'released_to_panel') {
    const content = await draftContent(account.id, pseudonym)
    await prisma.accountRelease.create({ data: { accountId: account.id, audience: 'facilitator', content, createdAt: new Date(Date.now() - 2000) } })
    if (state === 'released_to_panel') {
      await prisma.accountRelease.create({ data: { accountId: account.id, audience: 'panel', content, createdAt: new Date(Date.now() - 1000) } })
    }
    await prisma.staffAccount.update({
      where: { id: account.id },
      data: { state, releasedToFacilitatorAt: new Date(), releasedToPanelAt: state === 'released_to_panel' ? new Date() : null },
    })
  }
  if (state === 'withdrawn') await prisma.staffAccount.update({ where: { id: account.id }, data: { state: 'withdrawn' } })
  if (state !== 'invited') await writeDraft(account.id, { knewThen: RELEASED_TEXT, anythingElse: DRAFT_ONLY_TEXT })
  return { review, account }
}
