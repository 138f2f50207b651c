// Issue 17 / ADR 0028: retention per jurisdiction with legal holds, dry run and run, and the
// purge of never-released staff-account drafts when a review closes.
import { expect, test } from 'vitest'
import { collabStore } from '~/models/collab-store.server'
import { movePhase } from '~/models/phase.server'
import { runRetention, setLegalHold, setRetentionYears } from '~/models/retention.server'
import { prisma } from '~/utils/db.server'
import { runCli, type CliIO } from '../../server/cli'
import { makeJurisdiction, makeReview, makeTeam, makeUser } from '../support/fixtures'

function io() {
  const out: string[] = []
  const err: string[] = []
  const value: CliIO = { out: l => out.push(l), err: l => err.push(l), env: { USER: 'operator-ann' }, promptSecret: async () => null }
  return { io: value, out: () => out.join('\n'), err: () => err.join('\n') }
}

const yearsAgo = (n: number) => new Date(Date.now() - n * 366 * 86_400_000)

/** A closed review with something in every place retention must empty. */
async function populatedReview(jurisdictionId: string, authorId: string, closedAt: Date | null) {
  const review = await makeReview(jurisdictionId, [{ userId: authorId, role: 'staff_contributor' }])
  await prisma.review.update({ where: { id: review.id }, data: { phase: closedAt ? 'shared' : 'analysis', closedAt } })
  const account = await prisma.staffAccount.create({ data: { reviewId: review.id, authorId, pseudonym: 'Worker A', state: 'released_to_facilitator' } })
  await prisma.accountRelease.create({ data: { accountId: account.id, audience: 'facilitator', content: '{"what":"a released text"}' } })
  await collabStore.append(prisma, `review:${review.id}`, new Uint8Array([1, 2]))
  await collabStore.append(prisma, `account:${account.id}`, new Uint8Array([3]))
  await collabStore.create(prisma, `review:${review.id}`, new Uint8Array([0]))
  await prisma.projectedFinding.create({ data: { reviewId: review.id, id: 'f1', status: 'draft', body: 'A finding', position: 0 } })
  await prisma.reviewProjection.create({ data: { reviewId: review.id, projectedAt: new Date() } })
  await prisma.exportRecord.create({ data: { jurisdictionId, reviewId: review.id, format: 'json' } })
  // The follow-up of its recommendations (ADR 0024) goes with it.
  await prisma.recommendationOwner.create({ data: { reviewId: review.id, recommendationId: 'rec-1', userId: authorId, assignedById: authorId } })
  await prisma.recommendationUpdate.create({
    data: { reviewId: review.id, recommendationId: 'rec-1', authorId, kind: 'progress', progress: 'in_progress', note: 'A progress note' },
  })
  await prisma.whatChangedUpdate.create({ data: { reviewId: review.id, publishedById: authorId, message: 'What changed since' } })
  await prisma.notification.create({ data: { userId: authorId, kind: 'what-changed', reviewId: review.id, subjectId: 'x' } })
  return { review, account }
}

test('dry run counts and changes nothing; run purges expired reviews, keeps held, recent and unset ones, audits counts only', async () => {
  const j = await makeJurisdiction()
  const unset = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const author = await makeUser(j.id)
  const otherAuthor = await makeUser(unset.id)
  await setRetentionYears(j.id, 7, admin.id)
  const expired = await populatedReview(j.id, author.id, yearsAgo(8))
  const held = await populatedReview(j.id, author.id, yearsAgo(9))
  await setLegalHold(j.id, held.review.id, true, admin.id)
  const recent = await populatedReview(j.id, author.id, yearsAgo(2))
  const open = await populatedReview(j.id, author.id, null)
  const noSetting = await populatedReview(unset.id, otherAuthor.id, yearsAgo(30))

  const dry = io()
  expect(await runCli(['retention', 'run', '--dry-run'], dry.io, prisma)).toBe(0)
  expect(dry.out()).toContain(`would purge review ${expired.review.id}`)
  expect(dry.out()).toContain('2 document updates, 1 snapshots, 1 staff accounts, 2 projection rows, 1 export records')
  expect(dry.out()).toContain('0 export approvals, 4 follow-up rows')
  expect(dry.out()).toContain(`kept review ${held.review.id} (${j.code}): legal hold`)
  expect(dry.out()).toMatch(/dry run: .*nothing was changed/)
  expect(await prisma.review.count({ where: { id: expired.review.id } })).toBe(1)
  expect(await prisma.auditEvent.count({ where: { action: 'retention.purged', jurisdictionId: j.id } })).toBe(0)

  const wet = io()
  expect(await runCli(['retention', 'run'], wet.io, prisma)).toBe(0)
  expect(wet.out()).toContain(`purged review ${expired.review.id}`)
  expect(await prisma.review.count({ where: { id: expired.review.id } })).toBe(0)
  expect(await prisma.staffAccount.count({ where: { reviewId: expired.review.id } })).toBe(0)
  expect(await prisma.accountRelease.count({ where: { accountId: expired.account.id } })).toBe(0)
  expect(await prisma.collabUpdate.count({ where: { docName: { in: [`review:${expired.review.id}`, `account:${expired.account.id}`] } } })).toBe(0)
  expect(await prisma.collabSnapshot.count({ where: { docName: `review:${expired.review.id}` } })).toBe(0)
  expect(await prisma.projectedFinding.count({ where: { reviewId: expired.review.id } })).toBe(0)
  expect(await prisma.reviewProjection.count({ where: { reviewId: expired.review.id } })).toBe(0)
  expect(await prisma.exportRecord.count({ where: { reviewId: expired.review.id } })).toBe(0)
  const byExpired = { where: { reviewId: expired.review.id } }
  expect(await prisma.recommendationOwner.count(byExpired)).toBe(0)
  expect(await prisma.recommendationUpdate.count(byExpired)).toBe(0)
  expect(await prisma.whatChangedUpdate.count(byExpired)).toBe(0)
  expect(await prisma.notification.count(byExpired)).toBe(0)
  for (const kept of [held, recent, open, noSetting]) {
    expect(await prisma.review.count({ where: { id: kept.review.id } })).toBe(1)
    expect(await prisma.collabUpdate.count({ where: { docName: `review:${kept.review.id}` } })).toBe(1)
    expect(await prisma.staffAccount.count({ where: { reviewId: kept.review.id } })).toBe(1)
    expect(await prisma.recommendationUpdate.count({ where: { reviewId: kept.review.id } })).toBe(1)
    expect(await prisma.notification.count({ where: { reviewId: kept.review.id } })).toBe(1)
  }
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'retention.purged', reviewId: expired.review.id } })
  expect(JSON.parse(audit.detail)).toMatchObject({
    documentUpdates: 2,
    documentSnapshots: 1,
    staffAccounts: 1,
    projectionRows: 2,
    exportRecords: 1,
    followUpRows: 4,
    retentionYears: 7,
    via: 'cli',
    operator: 'operator-ann',
  })
  // Counts, never content: not the title, not the released text, not the finding.
  expect(audit.detail).not.toMatch(/Review |released text|A finding|progress note|What changed/)

  // Lifting the hold lets the next run purge it; a second run finds nothing else.
  await setLegalHold(j.id, held.review.id, false, admin.id)
  const { purged } = await runRetention({ dryRun: false, via: 'test', operator: null })
  expect(purged.map(p => p.reviewId)).toEqual([held.review.id])
  expect((await runRetention({ dryRun: false, via: 'test', operator: null })).purged).toEqual([])
})

test('closing a review deletes the drafts never released and keeps released ones; reopening clears the close date', async () => {
  const j = await makeJurisdiction()
  const { review, facilitator, quiet, talker } = await makeTeam(j.id, { facilitator: 'facilitator', quiet: 'staff_contributor', talker: 'staff_contributor' })
  await prisma.review.update({ where: { id: review.id }, data: { phase: 'approval' } })
  const unreleased = await prisma.staffAccount.create({ data: { reviewId: review.id, authorId: quiet.id, pseudonym: 'Worker Q', state: 'drafting' } })
  const released = await prisma.staffAccount.create({ data: { reviewId: review.id, authorId: talker.id, pseudonym: 'Worker T', state: 'released_to_panel' } })
  await prisma.accountRelease.create({ data: { accountId: released.id, audience: 'panel', content: '{}' } })
  await collabStore.append(prisma, `account:${unreleased.id}`, new Uint8Array([1]))
  await collabStore.append(prisma, `account:${released.id}`, new Uint8Array([2]))

  const fresh = await prisma.review.findUniqueOrThrow({ where: { id: review.id } })
  expect(await movePhase(fresh, 'shared', undefined, facilitator.id)).toEqual({ ok: true })
  expect((await prisma.review.findUniqueOrThrow({ where: { id: review.id } })).closedAt).not.toBeNull()
  expect(await prisma.collabUpdate.count({ where: { docName: `account:${unreleased.id}` } })).toBe(0)
  expect(await prisma.collabUpdate.count({ where: { docName: `account:${released.id}` } })).toBe(1)
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'retention.drafts-purged', reviewId: review.id } })
  expect(JSON.parse(audit.detail)).toEqual({ accounts: 1, documentUpdates: 1, documentSnapshots: 0 })

  const closed = await prisma.review.findUniqueOrThrow({ where: { id: review.id } })
  expect(await movePhase(closed, 'approval', 'a correction is needed', facilitator.id)).toEqual({ ok: true })
  expect((await prisma.review.findUniqueOrThrow({ where: { id: review.id } })).closedAt).toBeNull()
})

test('the database keeps no follow-up row, projection or export of a review that is gone (foreign keys)', async () => {
  const j = await makeJurisdiction()
  const author = await makeUser(j.id)
  const { review } = await populatedReview(j.id, author.id, null)
  await prisma.exportApproval.create({ data: { reviewId: review.id, step: 'findings', approvedById: author.id, contentHash: 'h' } })
  // Deleting the review row alone (no purge code) takes everything keyed by it along.
  await prisma.reviewMember.deleteMany({ where: { reviewId: review.id } })
  await prisma.review.delete({ where: { id: review.id } })
  const byReview = { where: { reviewId: review.id } }
  const left = await Promise.all([
    prisma.staffAccount.count(byReview),
    prisma.projectedFinding.count(byReview),
    prisma.reviewProjection.count(byReview),
    prisma.exportRecord.count(byReview),
    prisma.exportApproval.count(byReview),
    prisma.recommendationOwner.count(byReview),
    prisma.recommendationUpdate.count(byReview),
    prisma.whatChangedUpdate.count(byReview),
    prisma.notification.count(byReview),
  ])
  expect(left).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0])
  // And no follow-up row can name a review that does not exist.
  await expect(prisma.notification.create({ data: { userId: author.id, kind: 'what-changed', reviewId: 'no-such-review', subjectId: 'x' } })).rejects.toThrow()
})
