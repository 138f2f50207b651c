// Recommendations followed to their effect (ADR 0024): owners, progress notes, evaluations.
// The review document keeps the current status (written through the gateway so the workspace
// and the checklists agree); the history lives in RecommendationUpdate.
import { applyCommand, readReviewDoc } from '~/domain/review-doc'
import {
  applyTrackerFilter,
  isOverdueRow,
  outcomesByStrength,
  parseTrackerFilter,
  documentStatusFor,
  mayEvaluate,
  ownerMayUpdate,
  sortTracked,
  summarise,
  type EvaluationInput,
  type FollowUpEntry,
  type FollowUpState,
  type FollowUpSummary,
  type ProgressInput,
  type TrackerFilter,
} from '~/domain/follow-up'
import { suppressTable, type SuppressedTable } from '~/domain/trends'
import { can, type Permission } from '~/domain/permissions'
import type { RecommendationStatus, RecommendationStrength, ReviewRole } from '~/domain/vocabulary'
import { actorOf, type SignedInUser } from '~/utils/auth.server'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { recommendationAcrossReviews, reviewPhaseOf, reviewRoleOf } from './rows.server'
import { evaluationOutcomeOf, progressStatusOf, recommendationStatusOf, recommendationStrengthOf } from './decode.server'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'
import { jurisdictionSettings } from './jurisdiction.server'
import { notify } from './notify.server'
import { projectReviewDocument } from './review-projection.server'
import { reviewDocName } from './review-doc.server'
import { audit, reviewAuditScope, type AuditEntry } from './audit.server'

export type TrackedRecommendation = {
  reviewId: string
  reviewTitle: string
  id: string
  text: string
  strength: RecommendationStrength
  measure: string | null
  dueDate: string | null
  documentStatus: RecommendationStatus
  /** The owner as written in the document (free text before owners were users). */
  ownerText: string | null
  ownerUserId: string | null
  ownerName: string | null
  values: string[]
  domains: string[]
  lastNote: string | null
  lastNoteAt: string | null
  /** Whether anyone recorded follow-up; until then the workspace's status is the one shown. */
  followedUp: boolean
  isMine: boolean
  overdue: boolean
} & FollowUpSummary

const parseIds = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

async function entriesByRecommendation(reviewIds: string[]) {
  const updates = await prisma.recommendationUpdate.findMany({
    where: { reviewId: { in: reviewIds } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  const authors = new Map(
    (await prisma.user.findMany({ where: { id: { in: [...new Set(updates.map(u => u.authorId))] } }, select: { id: true, name: true } })).map(u => [
      u.id,
      u.name,
    ]),
  )
  const byKey = new Map<string, FollowUpEntry[]>()
  for (const u of updates) {
    const key = `${u.reviewId}:${u.recommendationId}`
    const base = { note: u.note, evaluateOn: u.evaluateOn, at: u.createdAt.toISOString(), authorName: authors.get(u.authorId) ?? null }
    const entry: FollowUpEntry =
      u.kind === 'evaluation'
        ? { kind: 'evaluation', outcome: evaluationOutcomeOf(u.outcome, 'RecommendationUpdate.outcome'), ...base }
        : { kind: 'progress', status: progressStatusOf(u.progress, 'RecommendationUpdate.progress'), ...base }
    byKey.set(key, [...(byKey.get(key) ?? []), entry])
  }
  return byKey
}

/**
 * Every recommendation a user may read: those of the reviews they are on (every review of the
 * jurisdiction for its admins) and those they own. From the projection, not the documents.
 */
export async function trackedRecommendations(user: { id: string; jurisdictionId: string; isAdmin: boolean }, today: string): Promise<TrackedRecommendation[]> {
  const owned = await prisma.recommendationOwner.findMany({ where: { userId: user.id }, select: { reviewId: true, recommendationId: true } })
  const reviews = await prisma.review.findMany({
    where: {
      jurisdictionId: user.jurisdictionId,
      OR: [user.isAdmin ? {} : { members: { some: { userId: user.id } } }, { id: { in: owned.map(o => o.reviewId) } }],
    },
    select: { id: true, title: true, members: { where: { userId: user.id }, select: { role: true } } },
  })
  const fullAccess = new Set(reviews.filter(r => user.isAdmin || r.members.length > 0).map(r => r.id))
  const ownedKeys = new Set(owned.map(o => `${o.reviewId}:${o.recommendationId}`))
  const reviewIds = reviews.map(r => r.id)
  const [recs, owners, findings, tags, entries, settings] = await Promise.all([
    prisma.projectedRecommendation.findMany({ where: { reviewId: { in: reviewIds } }, orderBy: [{ reviewId: 'asc' }, { position: 'asc' }] }),
    prisma.recommendationOwner.findMany({ where: { reviewId: { in: reviewIds } } }),
    prisma.projectedFinding.findMany({ where: { reviewId: { in: reviewIds } }, select: { reviewId: true, id: true, factorItemIds: true } }),
    prisma.projectedFindingTag.findMany({ where: { reviewId: { in: reviewIds } }, select: { reviewId: true, findingId: true, value: true } }),
    entriesByRecommendation(reviewIds),
    jurisdictionSettings(user.jurisdictionId),
  ])
  const domainOfItem = new Map<string, string>()
  for (const d of settings.factorFramework.domains) for (const i of d.items) domainOfItem.set(i.id, d.id)
  const ownerOf = new Map(owners.map(o => [`${o.reviewId}:${o.recommendationId}`, o.userId]))
  const names = new Map(
    (await prisma.user.findMany({ where: { id: { in: [...new Set(owners.map(o => o.userId))] } }, select: { id: true, name: true } })).map(u => [u.id, u.name]),
  )
  const titles = new Map(reviews.map(r => [r.id, r.title]))
  const rows = recs
    .filter(r => fullAccess.has(r.reviewId) || ownedKeys.has(`${r.reviewId}:${r.id}`))
    .map((r): TrackedRecommendation => {
      const key = `${r.reviewId}:${r.id}`
      const findingIds = new Set(parseIds(r.findingIds))
      const linked = findings.filter(f => f.reviewId === r.reviewId && findingIds.has(f.id))
      const history = entries.get(key) ?? []
      const last = [...history].reverse().find(e => e.note !== '')
      const ownerUserId = ownerOf.get(key) ?? null
      return {
        ...recommendationAcrossReviews(r, titles),
        measure: r.measure,
        dueDate: r.dueDate,
        documentStatus: recommendationStatusOf(r.status, 'ProjectedRecommendation.status'),
        ownerText: r.owner,
        ownerUserId,
        ownerName: ownerUserId ? (names.get(ownerUserId) ?? null) : null,
        values: [...new Set(tags.filter(t => t.reviewId === r.reviewId && findingIds.has(t.findingId)).map(t => t.value))],
        domains: [
          ...new Set(
            linked
              .flatMap(f => parseIds(f.factorItemIds))
              .map(id => domainOfItem.get(id))
              .filter((d): d is string => Boolean(d)),
          ),
        ],
        lastNote: last?.note ?? null,
        lastNoteAt: last?.at ?? null,
        followedUp: history.length > 0,
        isMine: ownerUserId === user.id,
        overdue: false,
        ...summarise(history, recommendationStatusOf(r.status, 'ProjectedRecommendation.status')),
      }
    })
    .map(row => ({ ...row, overdue: isOverdueRow(row, today) }))
  return sortTracked(rows, today)
}

// ------------------------------------------------------------------ one recommendation

export type RecommendationContext = {
  user: SignedInUser
  review: { id: string; title: string; jurisdictionId: string; phase: string }
  role: ReviewRole | null
  isOwner: boolean
  ownerUserId: string | null
  recommendation: {
    id: string
    text: string
    strength: RecommendationStrength
    measure: string | null
    dueDate: string | null
    owner: string | null
    status: RecommendationStatus
  }
  allows: (p: Permission) => boolean
}

function refusal(status: 403 | 404) {
  return new Response(JSON.stringify({ message: status === 404 ? 'Not found' : 'Forbidden' }), { status, headers: { 'content-type': 'application/json' } })
}

/** Throws 404 unless the user may read the recommendation, 403 when they may read but not do `permission`. */
export async function requireRecommendation(
  user: SignedInUser,
  reviewId: string,
  recommendationId: string,
  permission: Permission = 'read:recommendation',
): Promise<RecommendationContext> {
  const review = await prisma.review.findUnique({ where: { id: reviewId }, select: { id: true, title: true, jurisdictionId: true, phase: true } })
  const rec = review ? await prisma.projectedRecommendation.findUnique({ where: { reviewId_id: { reviewId, id: recommendationId } } }) : null
  if (!review || !rec) throw refusal(404)
  const [member, owner] = await Promise.all([
    prisma.reviewMember.findUnique({ where: { reviewId_userId: { reviewId, userId: user.id } }, select: { role: true } }),
    prisma.recommendationOwner.findUnique({ where: { reviewId_recommendationId: { reviewId, recommendationId } }, select: { userId: true } }),
  ])
  const role = reviewRoleOf(member?.role)
  const isOwner = owner?.userId === user.id
  const target = { kind: 'recommendation', jurisdictionId: review.jurisdictionId, memberRole: role, isOwner, phase: reviewPhaseOf(review.phase) } as const
  const allows = (p: Permission) => can(actorOf(user), p, target).allowed
  if (!allows('read:recommendation')) throw refusal(404)
  if (!allows(permission)) throw refusal(403)
  return {
    user,
    review,
    role,
    isOwner,
    ownerUserId: owner?.userId ?? null,
    recommendation: {
      id: rec.id,
      text: rec.text,
      strength: recommendationStrengthOf(rec.strength, 'ProjectedRecommendation.strength'),
      measure: rec.measure,
      dueDate: rec.dueDate,
      owner: rec.owner,
      status: recommendationStatusOf(rec.status, 'ProjectedRecommendation.status'),
    },
    allows,
  }
}

export async function historyOf(reviewId: string, recommendationId: string): Promise<FollowUpEntry[]> {
  return (await entriesByRecommendation([reviewId])).get(`${reviewId}:${recommendationId}`) ?? []
}

export async function currentState(ctx: RecommendationContext): Promise<FollowUpSummary> {
  return summarise(await historyOf(ctx.review.id, ctx.recommendation.id), ctx.recommendation.status)
}

export type FollowUpOutcome = { ok: true } | { ok: false; message: string }

/** Writes into the review document (through the live room when there is one) and refreshes the projection. */
async function writeToDocument(reviewId: string, recommendationId: string, patch: { status?: RecommendationStatus; owner?: string }) {
  const result = await reviewDocGateway().change(reviewDocName(reviewId), doc => {
    applyCommand(doc, { type: 'updateRecommendation', id: recommendationId, patch })
    const read = readReviewDoc(doc)
    return { document: read.doc, problems: read.problems.length }
  })
  await projectReviewDocument(reviewId, result.document, result.problems)
}

/** The audit row of a follow-up change, written in the change's transaction. */
function auditTarget(ctx: RecommendationContext) {
  return reviewAuditScope(ctx.review, ctx.user.id)
}

// Who may add each kind of history entry, and in which states of the recommendation.
const updateRules = {
  progress: {
    permission: 'update:recommendation-progress',
    refused: 'followUp.errors.notOwner',
    allowed: ownerMayUpdate,
    wrongState: 'followUp.errors.closed',
  },
  evaluation: { permission: 'evaluate:recommendation', refused: 'followUp.errors.notQiLead', allowed: mayEvaluate, wrongState: 'followUp.errors.notDone' },
} as const

type UpdateFields = Omit<Prisma.RecommendationUpdateUncheckedCreateInput, 'reviewId' | 'recommendationId' | 'authorId' | 'kind'>

/**
 * One entry of the recommendation's history by the signed-in user, with its audit row in the
 * same transaction; then the document's status follows the new state.
 */
async function addUpdate(
  ctx: RecommendationContext,
  kind: keyof typeof updateRules,
  change: { fields: UpdateFields; audit: AuditEntry; next: FollowUpState },
): Promise<FollowUpOutcome> {
  const rule = updateRules[kind]
  if (!ctx.allows(rule.permission)) return { ok: false, message: rule.refused }
  const before = await currentState(ctx)
  if (!rule.allowed(before.state)) return { ok: false, message: rule.wrongState }
  await prisma.$transaction(async tx => {
    await tx.recommendationUpdate.create({
      data: { reviewId: ctx.review.id, recommendationId: ctx.recommendation.id, authorId: ctx.user.id, kind, ...change.fields },
    })
    await audit(tx, change.audit)
  })
  await syncStatus(ctx, change.next)
  return { ok: true }
}

export function recordProgress(ctx: RecommendationContext, input: ProgressInput): Promise<FollowUpOutcome> {
  return addUpdate(ctx, 'progress', {
    fields: { progress: input.status, note: input.note, evaluateOn: input.evaluateOn },
    audit: { ...auditTarget(ctx), action: 'recommendation.progress', detail: { recommendationId: ctx.recommendation.id, status: input.status } },
    next: input.status,
  })
}

export function recordEvaluation(ctx: RecommendationContext, input: EvaluationInput): Promise<FollowUpOutcome> {
  return addUpdate(ctx, 'evaluation', {
    fields: { outcome: input.outcome, note: input.evidence, evaluateOn: input.evaluateOn },
    audit: { ...auditTarget(ctx), action: 'recommendation.evaluated', detail: { recommendationId: ctx.recommendation.id, outcome: input.outcome } },
    next: input.outcome === 'too_early' ? 'done' : input.outcome,
  })
}

async function syncStatus(ctx: RecommendationContext, state: FollowUpState) {
  const status = documentStatusFor(state)
  if (status !== ctx.recommendation.status) await writeToDocument(ctx.review.id, ctx.recommendation.id, { status })
}

/** Candidates for ownership: the active users of the jurisdiction. */
export async function assignableOwners(jurisdictionId: string) {
  return prisma.user.findMany({ where: { jurisdictionId, deactivatedAt: null }, select: { id: true, name: true }, orderBy: { name: 'asc' } })
}

export async function assignOwner(ctx: RecommendationContext, userId: string): Promise<FollowUpOutcome> {
  if (!ctx.allows('assign:recommendation')) return { ok: false, message: 'followUp.errors.mayNotAssign' }
  const owner = await prisma.user.findFirst({
    where: { id: userId, jurisdictionId: ctx.review.jurisdictionId, deactivatedAt: null },
    select: { id: true, name: true },
  })
  if (!owner) return { ok: false, message: 'followUp.errors.noSuchUser' }
  const key = { reviewId: ctx.review.id, recommendationId: ctx.recommendation.id }
  await prisma.$transaction(async tx => {
    await tx.recommendationOwner.upsert({
      where: { reviewId_recommendationId: key },
      create: { ...key, userId: owner.id, assignedById: ctx.user.id },
      update: { userId: owner.id, assignedById: ctx.user.id, assignedAt: new Date() },
    })
    await audit(tx, { ...auditTarget(ctx), action: 'recommendation.owner-assigned', detail: { recommendationId: ctx.recommendation.id, userId: owner.id } })
  })
  // The document keeps a name, so the workspace and exports read as before.
  if (ctx.recommendation.owner !== owner.name) await writeToDocument(ctx.review.id, ctx.recommendation.id, { owner: owner.name.slice(0, 200) })
  if (owner.id !== ctx.user.id) await notify({ userId: owner.id, kind: 'recommendation-assigned', reviewId: ctx.review.id, subjectId: ctx.recommendation.id })
  return { ok: true }
}

// ------------------------------------------------------------------ the tracker page and its exports

export type TrackerView = {
  filter: TrackerFilter
  includeClosed: boolean
  rows: TrackedRecommendation[]
  options: {
    reviews: { id: string; title: string }[]
    owners: { id: string; name: string }[]
    domains: { id: string; label: string }[]
  }
  byStrength: { strengths: RecommendationStrength[]; table: SuppressedTable }
}

const settled: readonly FollowUpState[] = ['not_done', 'effective', 'not_effective']

/**
 * The tracker as the user asked for it (filters from the query string, anything unreadable
 * ignored). Settled recommendations (not done, or judged) only with `all=1`; done but not yet
 * judged ones always, right after the overdue ones.
 */
export async function trackerView(
  user: { id: string; jurisdictionId: string; isAdmin: boolean },
  params: URLSearchParams,
  today: string,
  locale: 'en' | 'fr',
): Promise<TrackerView> {
  const filter = parseTrackerFilter(params)
  const includeClosed = params.get('all') === '1'
  const all = await trackedRecommendations(user, today)
  const visible = includeClosed ? all : all.filter(r => !settled.includes(r.state))
  const rows = applyTrackerFilter(visible, filter, today)
  const settings = await jurisdictionSettings(user.jurisdictionId)
  const reviews = [...new Map(all.map(r => [r.reviewId, r.reviewTitle])).entries()]
    .map(([id, title]) => ({ id, title }))
    .sort((a, b) => a.title.localeCompare(b.title))
  const owners = [...new Map(all.filter(r => r.ownerUserId).map(r => [r.ownerUserId!, r.ownerName ?? ''])).entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name))
  const domains = settings.factorFramework.domains.map(d => ({ id: d.id, label: d.label[locale] }))
  // One partition per strength, so that the row totals are the recommendations of that strength.
  const outcomes = outcomesByStrength(rows)
  const counts = outcomes.map(o => {
    const of = rows.filter(r => r.strength === o.strength)
    const n = (...states: FollowUpState[]) => of.filter(r => states.includes(r.state)).length
    return [n('not_started', 'in_progress'), n('not_done'), n('done'), o.effective, o.notEffective]
  })
  return {
    filter,
    includeClosed,
    rows,
    options: { reviews, owners, domains },
    byStrength: { strengths: outcomes.map(o => o.strength), table: suppressTable(counts) },
  }
}
