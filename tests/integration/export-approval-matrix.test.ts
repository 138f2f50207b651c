// The export gate in the route x role matrix: every kind of actor against the export page,
// the two approvals (and taking them back) and the download. Nothing downloads before both
// approvals, whoever asks; the findings are the QI lead's to approve; the de-identified text a
// second person's from the panel's writers, never an observer's or a staff contributor's.
import { beforeAll, describe, expect, test } from 'vitest'
import * as exportRoute from '~/routes/reviews.$reviewId_.export'
import * as downloadRoute from '~/routes/reviews.$reviewId_.export_.download'
import { currentChecklist } from '~/models/phase.server'
import { prisma } from '~/utils/db.server'
import { calderCommands, CALDER_INCIDENT } from '../fixtures/export/calder'
import { exportJurisdiction, exportReviewWith, markedSafe } from '../fixtures/export/db'
import { buildRequest, outcomeOf, type Outcome } from '../support/fixtures'
import { deactivateMatrixMember, expectations, makeMatrixUsers, matrixActors, matrixCookies, matrixMembers, type MatrixActor } from '../support/matrix'

const actors = matrixActors
type ActorName = MatrixActor

const world = {} as { reviewId: string; cookies: Record<ActorName, string | null> }

beforeAll(async () => {
  const home = await exportJurisdiction()
  const other = await exportJurisdiction()
  const u = await makeMatrixUsers(home.id, other.id)
  const review = await exportReviewWith({
    jurisdictionId: home.id,
    commands: calderCommands,
    incidentDate: CALDER_INCIDENT,
    members: matrixMembers(u),
  })
  // Resolved by someone who is not in the matrix, so every writer may be the second person.
  await markedSafe(review.id, u.admin.id, ['Tessie', 'Brightwater', 'Kayleigh'])
  const cookies = await matrixCookies(u)
  await deactivateMatrixMember(u)
  Object.assign(world, { reviewId: review.id, cookies })
})

const hidden = { non_member: 404, other_jurisdiction_admin: 404, other_jurisdiction_user: 404 } as const

const page = (actor: ActorName) =>
  exportRoute.loader({
    request: buildRequest(`/reviews/${world.reviewId}/export`, { cookie: world.cookies[actor] }),
    params: { reviewId: world.reviewId },
    context: {},
  })
const act = (actor: ActorName, form: Record<string, string>) =>
  exportRoute.action({
    request: buildRequest(`/reviews/${world.reviewId}/export`, { cookie: world.cookies[actor], form }),
    params: { reviewId: world.reviewId },
    context: {},
  })
const download = (actor: ActorName) =>
  downloadRoute.action({
    request: buildRequest(`/reviews/${world.reviewId}/export/download`, { cookie: world.cookies[actor], form: { format: 'json' } }),
    params: { reviewId: world.reviewId },
    context: {},
  })

async function matrix(run: (actor: ActorName) => Promise<unknown>): Promise<Record<ActorName, Outcome>> {
  const out = {} as Record<ActorName, Outcome>
  for (const actor of actors) out[actor] = await outcomeOf(() => run(actor))
  return out
}

describe('the export gate, actor by actor', () => {
  test('the page: the QI lead, and the facilitator and panel members who may approve the text', async () => {
    expect(await matrix(page)).toEqual(expectations({ ...hidden, qi_lead: 'ok', facilitator: 'ok', panel_member: 'ok' }, 403))
  })

  test('before both approvals, nobody downloads: the QI lead is sent back with the reason', async () => {
    expect(await matrix(download)).toEqual(expectations({ ...hidden, qi_lead: 'ok' }, 403))
    const refused = await download('qi_lead')
    expect(refused.headers.get('Location')).toBe(`/reviews/${world.reviewId}/export?refused=approval`)
    expect(await prisma.exportRecord.count({ where: { reviewId: world.reviewId } })).toBe(0)
  })

  test('approving the findings is the QI lead’s alone', async () => {
    const outcomes = await matrix(actor => act(actor, { intent: 'approve', step: 'findings' }))
    expect(outcomes).toEqual(expectations({ ...hidden, qi_lead: 'ok' }, 403))
  })

  test('approving the de-identified text: the facilitator, panel members and the QI lead (none resolved a candidate)', async () => {
    const outcomes = await matrix(actor => act(actor, { intent: 'approve', step: 'deidentified' }))
    expect(outcomes).toEqual(expectations({ ...hidden, qi_lead: 'ok', facilitator: 'ok', panel_member: 'ok' }, 403))
    const audit = await prisma.auditEvent.findMany({ where: { reviewId: world.reviewId, action: { startsWith: 'export.' } }, select: { action: true } })
    expect(audit.filter(a => a.action === 'export.findings-approved')).toHaveLength(1)
    expect(audit.filter(a => a.action === 'export.deidentified-text-approved')).toHaveLength(3)
  })

  test('the approval checklist reads both steps from the approvals', async () => {
    const review = await prisma.review.findUniqueOrThrow({ where: { id: world.reviewId } })
    const items = await currentChecklist(review)
    const done = (key: string) => items.find(i => i.key === key)?.done
    expect(done('checklist.approval.findingsApproved')).toBe(true)
    expect(done('checklist.approval.deidentifiedTextApproved')).toBe(true)
  })

  test('once both are given, only the QI lead downloads', async () => {
    expect(await matrix(download)).toEqual(expectations({ ...hidden, qi_lead: 'ok' }, 403))
    expect(await prisma.exportRecord.count({ where: { reviewId: world.reviewId } })).toBe(1)
    const response = await download('qi_lead')
    expect(response.status).toBe(200)
  })

  test('taking an approval back follows the same rights, and closes the gate again', async () => {
    const outcomes = await matrix(actor => act(actor, { intent: 'withdraw-approval', step: 'findings' }))
    // The QI lead withdraws it; everyone after finds nothing left to withdraw (400) or may not.
    expect(outcomes).toEqual(expectations({ ...hidden, qi_lead: 'ok' }, 403))
    const refused = await download('qi_lead')
    expect(refused.headers.get('Location')).toBe(`/reviews/${world.reviewId}/export?refused=approval`)
    const items = await currentChecklist(await prisma.review.findUniqueOrThrow({ where: { id: world.reviewId } }))
    expect(items.find(i => i.key === 'checklist.approval.findingsApproved')?.done).toBe(false)
  })
})
