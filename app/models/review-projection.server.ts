import type { ReviewDocument } from '~/domain/review-doc'
import { prisma } from '~/utils/db.server'

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

/**
 * Replaces a review's projection rows with what its document says now. Whole replacement in
 * one transaction keeps it simple and always consistent; at a few thousand rows it takes tens
 * of milliseconds and runs debounced after edits, never per keystroke.
 */
export async function projectReviewDocument(reviewId: string, doc: ReviewDocument, problemCount: number) {
  const json = (v: unknown) => JSON.stringify(v)
  const where = { reviewId }
  await prisma.$transaction([
    prisma.projectedEvent.deleteMany({ where }),
    prisma.projectedUnmetNeed.deleteMany({ where }),
    prisma.projectedFinding.deleteMany({ where }),
    prisma.projectedFindingTag.deleteMany({ where }),
    prisma.projectedRecommendation.deleteMany({ where }),
    prisma.projectedFactorRating.deleteMany({ where }),
    prisma.projectedSafetyMap.deleteMany({ where }),
    prisma.projectedEvent.createMany({
      data: doc.events.map((e, position) => ({
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
    }),
    prisma.projectedUnmetNeed.createMany({
      data: doc.unmetNeeds.map(n => ({
        reviewId,
        id: n.id,
        need: n.need,
        received: n.received,
        gap: n.gap,
        eventIds: json(n.eventIds),
        factorItemIds: json(n.factorItemIds),
        standardsFlagId: n.standardsFlagId ?? null,
      })),
    }),
    prisma.projectedFinding.createMany({
      data: doc.findings.map((f, position) => ({
        reviewId,
        id: f.id,
        status: f.status,
        body: f.body.text,
        factorItemIds: json(f.factorItemIds),
        evidence: json(f.evidence),
        position,
      })),
    }),
    prisma.projectedFindingTag.createMany({
      data: doc.findings.flatMap(f => f.valueTags.map(t => ({ reviewId, findingId: f.id, value: t.value, rationale: t.rationale }))),
    }),
    prisma.projectedRecommendation.createMany({
      data: doc.recommendations.map((r, position) => ({
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
    }),
    prisma.projectedFactorRating.createMany({
      data: doc.factorRatings.map(r => ({
        reviewId,
        factorItemId: r.factorItemId,
        rating: r.rating,
        rationale: r.rationale,
        eventIds: json(r.eventIds),
      })),
    }),
    // Numbers only: trends count how often family and worker judgements diverged (ADR 0040).
    prisma.projectedSafetyMap.createMany({
      data: doc.safetyMaps.map(m => ({
        reviewId,
        id: m.id,
        date: m.date,
        worker: m.scaling.worker ?? null,
        supervisor: m.scaling.supervisor ?? null,
        family: m.scaling.family ?? null,
        partner: m.scaling.partner ?? null,
      })),
    }),
    prisma.reviewProjection.upsert({
      where: { reviewId },
      create: { reviewId, projectedAt: new Date(), problems: problemCount, registryFacts: json(registryFacts(doc)) },
      update: { projectedAt: new Date(), problems: problemCount, registryFacts: json(registryFacts(doc)) },
    }),
  ])
}
