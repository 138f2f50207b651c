// Rows as the domain knows them. SQLite keeps enums as text (ADR 0034), so what comes out of
// the database is decoded here with zod rather than cast with `as`: a value the code does not
// know is read as the safe one (the first phase, where nothing phase-gated is open; no role).
import { z } from 'zod'
import { reviewPhases, reviewRoles, type RecommendationStrength, type ReviewPhase, type ReviewRole } from '~/domain/vocabulary'
import { recommendationStrengthOf } from './decode.server'

const phaseSchema = z.enum(reviewPhases).catch('intake')
const roleSchema = z.enum(reviewRoles).nullable().catch(null)

export function reviewPhaseOf(value: string): ReviewPhase {
  return phaseSchema.parse(value)
}

export function reviewRoleOf(value: string | null | undefined): ReviewRole | null {
  return roleSchema.parse(value ?? null)
}

/** A review row with its phase decoded. */
export function decodeReview<T extends { phase: string }>(row: T): Omit<T, 'phase'> & { phase: ReviewPhase } {
  return { ...row, phase: reviewPhaseOf(row.phase) }
}

/** The first columns of a projected recommendation wherever it is listed across reviews: which review, and what it says. */
export function recommendationAcrossReviews(
  row: { reviewId: string; id: string; text: string; strength: string },
  titles: ReadonlyMap<string, string>,
): { reviewId: string; reviewTitle: string; id: string; text: string; strength: RecommendationStrength } {
  return {
    reviewId: row.reviewId,
    reviewTitle: titles.get(row.reviewId) ?? '',
    id: row.id,
    text: row.text,
    strength: recommendationStrengthOf(row.strength, 'ProjectedRecommendation.strength'),
  }
}
