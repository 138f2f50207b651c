// Retention and legal holds (ADR 0028). Purging removes a closed review's content everywhere
// it is kept: its shared document and every staff account's document (collaboration tables),
// the staff accounts with their releases, reads and quote consents, the relational projection,
// export records, approvals and residual decisions, the follow-up of its recommendations (owners,
// updates, "what changed" notes and notifications), and finally the review with its memberships.
// Foreign keys would cascade most of this; deleting each table explicitly gives the counts. The audit
// keeps one row per purged review with counts and no content.
import { isExpired, MAX_RETENTION_YEARS, purgeDueAt } from '~/domain/retention'
import { prisma } from '~/utils/db.server'
import { audit, reviewAuditScope } from './audit.server'
import { collabStore } from './collab-store.server'

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0]

export type PurgeCounts = {
  documentUpdates: number
  documentSnapshots: number
  staffAccounts: number
  projectionRows: number
  exportRecords: number
  residualDecisions: number
  exportApprovals: number
  followUpRows: number
  members: number
}

function docNamesOf(reviewId: string, accountIds: string[]) {
  return [`review:${reviewId}`, ...accountIds.map(id => `account:${id}`)]
}

async function countOrPurge(tx: Tx, reviewId: string, purge: boolean): Promise<PurgeCounts> {
  const accounts = await tx.staffAccount.findMany({ where: { reviewId }, select: { id: true } })
  const docNames = docNamesOf(
    reviewId,
    accounts.map(a => a.id),
  )
  const byReview = { where: { reviewId } }
  const projectionTables = [
    tx.projectedEvent,
    tx.projectedUnmetNeed,
    tx.projectedFinding,
    tx.projectedFindingTag,
    tx.projectedRecommendation,
    tx.projectedFactorRating,
    tx.projectedSafetyMap,
    tx.reviewProjection,
  ] as unknown as {
    count(a: typeof byReview): Promise<number>
    deleteMany(a: typeof byReview): Promise<{ count: number }>
  }[]
  const followUpTables = [tx.recommendationOwner, tx.recommendationUpdate, tx.whatChangedUpdate, tx.notification] as unknown as typeof projectionTables
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0)
  if (!purge) {
    const [{ documentUpdates, documentSnapshots }, exportRecords, residualDecisions, exportApprovals, members, projection, followUp] = await Promise.all([
      collabStore.count(tx, docNames),
      tx.exportRecord.count(byReview),
      tx.residualDecision.count(byReview),
      tx.exportApproval.count(byReview),
      tx.reviewMember.count(byReview),
      Promise.all(projectionTables.map(t => t.count(byReview))).then(sum),
      Promise.all(followUpTables.map(t => t.count(byReview))).then(sum),
    ])
    return {
      documentUpdates,
      documentSnapshots,
      staffAccounts: accounts.length,
      projectionRows: projection,
      exportRecords,
      residualDecisions,
      exportApprovals,
      followUpRows: followUp,
      members,
    }
  }
  const { documentUpdates, documentSnapshots } = await collabStore.remove(tx, docNames)
  let projectionRows = 0
  for (const table of projectionTables) projectionRows += (await table.deleteMany(byReview)).count
  const exportRecords = (await tx.exportRecord.deleteMany(byReview)).count
  const residualDecisions = (await tx.residualDecision.deleteMany(byReview)).count
  const exportApprovals = (await tx.exportApproval.deleteMany(byReview)).count
  let followUpRows = 0
  for (const table of followUpTables) followUpRows += (await table.deleteMany(byReview)).count
  // Releases, reads and quote consents go with their account (cascade).
  const staffAccounts = (await tx.staffAccount.deleteMany(byReview)).count
  const members = (await tx.reviewMember.deleteMany(byReview)).count
  await tx.review.delete({ where: { id: reviewId } })
  return { documentUpdates, documentSnapshots, staffAccounts, projectionRows, exportRecords, residualDecisions, exportApprovals, followUpRows, members }
}

export type RetentionOutcome = { reviewId: string; jurisdictionCode: string; closedAt: string; dueAt: string; counts: PurgeCounts }

/** Purges (or, dry, only counts) every expired review; held reviews are listed as kept. */
export async function runRetention(options: { dryRun: boolean; now?: Date; via: string; operator: string | null }) {
  const now = options.now ?? new Date()
  const jurisdictions = await prisma.jurisdiction.findMany({ where: { retentionYears: { not: null } }, select: { id: true, code: true, retentionYears: true } })
  const purged: RetentionOutcome[] = []
  const held: { reviewId: string; jurisdictionCode: string }[] = []
  for (const j of jurisdictions) {
    const closed = await prisma.review.findMany({
      where: { jurisdictionId: j.id, closedAt: { not: null } },
      select: { id: true, closedAt: true, legalHold: true },
    })
    for (const review of closed) {
      if (review.legalHold) {
        if (isExpired({ ...review, legalHold: false }, j.retentionYears, now)) held.push({ reviewId: review.id, jurisdictionCode: j.code })
        continue
      }
      if (!isExpired(review, j.retentionYears, now)) continue
      const dueAt = purgeDueAt(review, j.retentionYears)!
      const counts = await prisma.$transaction(async tx => {
        // Re-read inside the transaction: a hold set a moment ago still wins.
        const current = await tx.review.findUnique({ where: { id: review.id }, select: { legalHold: true, closedAt: true } })
        if (!current || current.legalHold || !isExpired(current, j.retentionYears, now)) return null
        const result = await countOrPurge(tx, review.id, !options.dryRun)
        if (!options.dryRun) {
          await audit(tx, {
            jurisdictionId: j.id,
            reviewId: review.id,
            action: 'retention.purged',
            detail: { ...result, closedAt: review.closedAt!.toISOString(), retentionYears: j.retentionYears, via: options.via, operator: options.operator },
          })
        }
        return result
      })
      if (counts) purged.push({ reviewId: review.id, jurisdictionCode: j.code, closedAt: review.closedAt!.toISOString(), dueAt: dueAt.toISOString(), counts })
    }
  }
  return { purged, held }
}

/**
 * When a review closes, the staff-account drafts that were never released to anyone are
 * deleted: nobody but their author ever read them and the review no longer needs them.
 */
export async function purgeUnreleasedDrafts(tx: Tx, review: { id: string; jurisdictionId: string }, actorId: string | null) {
  const unreleased = await tx.staffAccount.findMany({ where: { reviewId: review.id, releases: { none: {} } }, select: { id: true } })
  if (unreleased.length === 0) return 0
  const docNames = unreleased.map(a => `account:${a.id}`)
  const { documentUpdates, documentSnapshots } = await collabStore.remove(tx, docNames)
  await audit(tx, {
    ...reviewAuditScope(review, actorId),
    action: 'retention.drafts-purged',
    detail: { accounts: unreleased.length, documentUpdates, documentSnapshots },
  })
  return unreleased.length
}

export class RetentionInputError extends Error {}

export async function setRetentionYears(jurisdictionId: string, years: number | null, actorId: string) {
  if (years !== null && (!Number.isInteger(years) || years < 1 || years > MAX_RETENTION_YEARS)) throw new RetentionInputError('ops.retention.yearsInvalid')
  await prisma.$transaction(async tx => {
    await tx.jurisdiction.update({ where: { id: jurisdictionId }, data: { retentionYears: years } })
    await audit(tx, { jurisdictionId, actorId, action: 'jurisdiction.retention-changed', detail: { retentionYears: years } })
  })
}

export async function setLegalHold(jurisdictionId: string, reviewId: string, hold: boolean, actorId: string) {
  await prisma.$transaction(async tx => {
    const review = await tx.review.findFirst({ where: { id: reviewId, jurisdictionId }, select: { id: true } })
    if (!review) throw new RetentionInputError('ops.retention.noSuchReview')
    await tx.review.update({ where: { id: reviewId }, data: { legalHold: hold } })
    await audit(tx, { jurisdictionId, reviewId, actorId, action: hold ? 'review.legal-hold-set' : 'review.legal-hold-lifted' })
  })
}

/** The jurisdiction's closed reviews with their hold and purge date, for the settings page. */
export async function closedReviews(jurisdictionId: string) {
  const [j, reviews] = await Promise.all([
    prisma.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { retentionYears: true } }),
    prisma.review.findMany({
      where: { jurisdictionId, closedAt: { not: null } },
      select: { id: true, title: true, closedAt: true, legalHold: true },
      orderBy: { closedAt: 'asc' },
    }),
  ])
  return {
    retentionYears: j.retentionYears,
    reviews: reviews.map(r => ({
      id: r.id,
      title: r.title,
      closedAt: r.closedAt!.toISOString(),
      legalHold: r.legalHold,
      purgeDueAt: purgeDueAt({ ...r, legalHold: false }, j.retentionYears)?.toISOString() ?? null,
    })),
  }
}
