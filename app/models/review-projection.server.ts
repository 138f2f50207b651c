import type { ReviewDocument } from '~/domain/review-doc'
import { prisma } from '~/utils/db.server'
import { rowChanges, type Row } from '~/utils/row-changes'

export type RegistryFacts = { personRoles: string[]; childIsIndigenous: boolean; pseudonyms: Record<string, string> }

// Only what checklists and the server-rendered first rows of the timeline (ADR 0053) need;
// names stay in the document.
function registryFacts(doc: ReviewDocument): RegistryFacts {
  return {
    personRoles: [...new Set(doc.people.map(p => p.role))].sort(),
    childIsIndigenous: doc.people.some(p => p.role === 'child' && Boolean(p.nationOrCommunity)),
    pseudonyms: Object.fromEntries(doc.people.map(p => [p.id, p.pseudonym])),
  }
}

// The part of a Prisma model delegate the projection uses; every projected table has a reviewId.
type TableDelegate = {
  findMany(args: { where: { reviewId: string } }): Promise<Row[]>
  deleteMany(args: { where: Row }): Promise<unknown>
  createMany(args: { data: Row[] }): Promise<unknown>
}

type ProjectedTable = { table: TableDelegate; key: readonly string[]; rows: Row[] }

// SQLite allows 32,766 bound variables per statement; a composite key takes up to three.
const DELETE_CHUNK = 5_000

async function syncTable(reviewId: string, { table, key, rows }: ProjectedTable) {
  const { stale, write } = rowChanges(await table.findMany({ where: { reviewId } }), rows, key)
  for (let i = 0; i < stale.length; i += DELETE_CHUNK) {
    const chunk = stale.slice(i, i + DELETE_CHUNK)
    await table.deleteMany({ where: { reviewId, OR: chunk.map(row => Object.fromEntries(key.map(k => [k, row[k]]))) } })
  }
  if (write.length) await table.createMany({ data: write })
}

/**
 * Brings a review's projection rows in line with its document, in one transaction. Only rows
 * that differ are deleted and written again: the collaboration server projects after every
 * burst of edits, and rewriting a 2,000-event timeline whole held its event loop for 200-300
 * ms (issue 18), where an edit changes a row or two.
 */
export async function projectReviewDocument(reviewId: string, doc: ReviewDocument, problemCount: number) {
  const json = (v: unknown) => JSON.stringify(v)
  const delegate = (table: unknown) => table as TableDelegate
  await prisma.$transaction(
    async tx => {
      const tables: ProjectedTable[] = [
        {
          table: delegate(tx.projectedEvent),
          key: ['id'],
          rows: doc.events.map((e, position) => ({
            reviewId,
            id: e.id,
            date: e.date,
            dateEnd: e.dateEnd ?? null,
            approximate: e.approximate,
            stage: e.stage ?? null,
            source: e.source ?? null,
            actorIds: json(e.actorIds),
            keyPracticeEpisode: e.keyPracticeEpisode,
            description: e.description.text,
            position,
          })),
        },
        {
          table: delegate(tx.projectedUnmetNeed),
          key: ['id'],
          rows: doc.unmetNeeds.map(n => ({
            reviewId,
            id: n.id,
            need: n.need,
            received: n.received,
            gap: n.gap,
            eventIds: json(n.eventIds),
            factorItemIds: json(n.factorItemIds),
            standardsFlagId: n.standardsFlagId ?? null,
          })),
        },
        {
          table: delegate(tx.projectedFinding),
          key: ['id'],
          rows: doc.findings.map((f, position) => ({
            reviewId,
            id: f.id,
            status: f.status,
            body: f.body.text,
            factorItemIds: json(f.factorItemIds),
            evidence: json(f.evidence),
            position,
          })),
        },
        {
          table: delegate(tx.projectedFindingTag),
          key: ['findingId', 'value'],
          rows: doc.findings.flatMap(f => f.valueTags.map(t => ({ reviewId, findingId: f.id, value: t.value, rationale: t.rationale }))),
        },
        {
          table: delegate(tx.projectedRecommendation),
          key: ['id'],
          rows: doc.recommendations.map((r, position) => ({
            reviewId,
            id: r.id,
            text: r.text,
            strength: r.strength,
            owner: r.owner ?? null,
            dueDate: r.dueDate ?? null,
            measure: r.measure ?? null,
            status: r.status,
            findingIds: json(r.findingIds),
            position,
          })),
        },
        {
          table: delegate(tx.projectedFactorRating),
          key: ['factorItemId'],
          rows: doc.factorRatings.map(r => ({
            reviewId,
            factorItemId: r.factorItemId,
            rating: r.rating,
            rationale: r.rationale,
            eventIds: json(r.eventIds),
          })),
        },
        // Numbers only: trends count how often family and worker judgements diverged (ADR 0040).
        {
          table: delegate(tx.projectedSafetyMap),
          key: ['id'],
          rows: doc.safetyMaps.map(m => ({
            reviewId,
            id: m.id,
            date: m.date,
            worker: m.scaling.worker ?? null,
            supervisor: m.scaling.supervisor ?? null,
            family: m.scaling.family ?? null,
            partner: m.scaling.partner ?? null,
          })),
        },
      ]
      for (const table of tables) await syncTable(reviewId, table)
      const facts = json(registryFacts(doc))
      await tx.reviewProjection.upsert({
        where: { reviewId },
        create: { reviewId, projectedAt: new Date(), problems: problemCount, registryFacts: facts },
        update: { projectedAt: new Date(), problems: problemCount, registryFacts: facts },
      })
    },
    // A first projection of a large imported review writes thousands of rows.
    { maxWait: 10_000, timeout: 60_000 },
  )
}
