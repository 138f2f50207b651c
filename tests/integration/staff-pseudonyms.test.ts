// Staff contributors behind pseudonyms: the member list where nobody may see who gives an
// account, and the invitation's pseudonym (one per person, never a name).
import { describe, expect, it } from 'vitest'
import { inviteToGiveAccount } from '~/models/staff-account.server'
import * as reviewRoute from '~/routes/reviews.$reviewId'
import { prisma } from '~/utils/db.server'
import { calderCommands, CALDER_INCIDENT } from '../fixtures/export/calder'
import { exportJurisdiction, exportReviewWith } from '../fixtures/export/db'
import { buildRequest, cookieFor, makeUser } from '../support/fixtures'

async function world(namesVisibleTo: 'facilitator' | 'nobody') {
  const jurisdiction = await exportJurisdiction()
  await prisma.jurisdiction.update({ where: { id: jurisdiction.id }, data: { accountNamesVisibleTo: namesVisibleTo } })
  const facilitator = await makeUser(jurisdiction.id, { name: 'Fay Facilitator' })
  const observer = await makeUser(jurisdiction.id, { name: 'Olive Observer' })
  const wren = await makeUser(jurisdiction.id, { name: 'Wren Worker' })
  const newcomer = await makeUser(jurisdiction.id, { name: 'Nell Newcomer' })
  const review = await exportReviewWith({
    jurisdictionId: jurisdiction.id,
    commands: calderCommands,
    incidentDate: CALDER_INCIDENT,
    phase: 'staff_accounts',
    members: [
      { userId: facilitator.id, role: 'facilitator' },
      { userId: observer.id, role: 'observer' },
      { userId: wren.id, role: 'staff_contributor' },
      { userId: newcomer.id, role: 'staff_contributor' },
    ],
  })
  return { jurisdiction, review, facilitator, observer, wren, newcomer }
}

async function membersSeenBy(reviewId: string, userId: string) {
  const response = await reviewRoute.loader({
    request: buildRequest(`/reviews/${reviewId}`, { cookie: (await cookieFor(userId)).cookie }),
    params: { reviewId },
    context: {},
  })
  return (await response.json()).members as { name: string | null; email: string | null; pseudonym: string | null; role: string }[]
}

describe('the member list', () => {
  it('shows staff contributors by pseudonym to everyone else, observers and facilitators included, where nobody sees real names', async () => {
    const w = await world('nobody')
    expect(await inviteToGiveAccount(w.review, { intent: 'invite', userId: w.wren.id, caseRole: 'worker' }, w.facilitator.id)).toMatchObject({ ok: true })
    for (const viewer of [w.observer, w.facilitator]) {
      const members = await membersSeenBy(w.review.id, viewer.id)
      const staff = members.filter(m => m.role === 'staff_contributor')
      expect(JSON.stringify(members)).not.toMatch(/Wren|Nell|Newcomer|Worker/)
      expect(staff.map(m => [m.name, m.email, m.pseudonym])).toEqual([
        [null, null, expect.stringMatching(/^Caseworker \d$/)],
        [null, null, null],
      ])
      expect(members.find(m => m.role === 'facilitator')!.name).toBe('Fay Facilitator')
    }
    // Their own row they see as it is.
    expect((await membersSeenBy(w.review.id, w.wren.id)).find(m => m.role === 'staff_contributor' && m.name !== null)!.name).toBe('Wren Worker')
  })

  it('shows names where the facilitator may see them', async () => {
    const w = await world('facilitator')
    const members = await membersSeenBy(w.review.id, w.observer.id)
    expect(members.map(m => m.name)).toContain('Wren Worker')
  })
})

describe('the invitation’s pseudonym', () => {
  it('reuses the registry’s pseudonym for a staff member the case registry already lists', async () => {
    const w = await world('facilitator')
    // The Calder registry lists "Glen Osei" as Supervisor 1.
    const glen = await makeUser(w.jurisdiction.id, { name: 'Glen Osei' })
    await prisma.reviewMember.create({ data: { reviewId: w.review.id, userId: glen.id, role: 'staff_contributor' } })
    expect(await inviteToGiveAccount(w.review, { intent: 'invite', userId: glen.id, caseRole: 'supervisor' }, w.facilitator.id)).toMatchObject({ ok: true })
    expect((await prisma.staffAccount.findFirstOrThrow({ where: { reviewId: w.review.id, authorId: glen.id } })).pseudonym).toBe('Supervisor 1')
    // Someone new never gets a pseudonym the registry gives another person.
    expect(await inviteToGiveAccount(w.review, { intent: 'invite', userId: w.wren.id, caseRole: 'worker' }, w.facilitator.id)).toMatchObject({ ok: true })
    const wrens = (await prisma.staffAccount.findFirstOrThrow({ where: { reviewId: w.review.id, authorId: w.wren.id } })).pseudonym
    expect(wrens).toMatch(/^Caseworker \d$/)
    expect(wrens).not.toBe('Caseworker 1')
  })

  it('refuses a pseudonym that contains a real name, of the registry or of the staff', async () => {
    const w = await world('facilitator')
    for (const pseudonym of ['Glen Osei', 'Mr Osei', 'Wren', 'Worker Nell']) {
      expect(await inviteToGiveAccount(w.review, { intent: 'invite', userId: w.wren.id, caseRole: 'worker', pseudonym }, w.facilitator.id), pseudonym).toEqual({
        ok: false,
        message: 'accounts.errors.pseudonymIsName',
      })
    }
    expect(
      await inviteToGiveAccount(w.review, { intent: 'invite', userId: w.wren.id, caseRole: 'worker', pseudonym: 'Caseworker 7' }, w.facilitator.id),
    ).toMatchObject({ ok: true })
  })
})
