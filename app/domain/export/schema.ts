// The de-identified shape in which a review leaves its jurisdiction (cross-jurisdiction data
// sharing). Versioned: a change an older reader would misread gets a new format string. The
// published JSON Schema is docs/export/shared-review.schema.json; a test keeps the two equal.
import { z } from 'zod'
import { coreValues, factorRatings, findingStatuses, incidentTypes, journeyStages, recommendationStatuses, recommendationStrengths, reviewPhases } from '../vocabulary'

export const SHARED_REVIEW_FORMAT = 'scir-shared-review/1'

const text = (max: number) => z.string().max(max)
/** Days from the incident (Day 0); negative before it. Dates never leave a review. */
const dayOffset = z.number().int().min(-36_500).max(36_500)

export const sharedTimelineEventSchema = z
  .object({
    day: dayOffset,
    dayEnd: dayOffset.nullable(),
    approximate: z.boolean(),
    stage: z.enum(journeyStages).nullable(),
    source: text(200).nullable(),
    keyPracticeEpisode: z.boolean(),
    /** Role pseudonyms ("Child 1", "Caseworker 2"). */
    actors: z.array(text(60)).max(50),
    text: text(50_000),
  })
  .strict()

export const sharedUnmetNeedSchema = z
  .object({
    need: text(5000),
    received: text(5000),
    gap: text(5000),
    /** Journey stages of the linked timeline events (the events themselves are not linked). */
    stages: z.array(z.enum(journeyStages)).max(20),
    factorItemIds: z.array(text(100)).max(200),
    fromStandardsCheck: z.boolean(),
  })
  .strict()

export const sharedFactorRatingSchema = z
  .object({
    factorItemId: text(100),
    /** The framework domain of the item, for aggregation across frameworks' items. */
    domainId: text(100).nullable(),
    rating: z.union(factorRatings.map(r => z.literal(r)) as [z.ZodLiteral<0>, z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]),
    rationale: text(5000),
  })
  .strict()

export const sharedFindingSchema = z
  .object({
    text: text(50_000),
    values: z.array(z.object({ value: z.enum(coreValues), rationale: text(1000) }).strict()).max(3),
    factorItemIds: z.array(text(100)).max(200),
    factorDomainIds: z.array(text(100)).max(50),
    status: z.enum(findingStatuses),
  })
  .strict()

export const sharedRecommendationSchema = z
  .object({
    text: text(5000),
    strength: z.enum(recommendationStrengths),
    status: z.enum(recommendationStatuses),
    measure: text(2000).nullable(),
    /** Due date as a day offset from the incident. */
    dueDay: dayOffset.nullable(),
    /** Indexes into `findings`. */
    findingIndexes: z.array(z.number().int().min(0)).max(200),
  })
  .strict()

export const sharedAccountExcerptSchema = z
  .object({
    /** The account's pseudonym, never a name. */
    pseudonym: text(60),
    excerpt: text(5000),
    /** Index into `findings` of the finding that quotes it. */
    findingIndex: z.number().int().min(0).nullable(),
  })
  .strict()

export const sharedReviewSchema = z
  .object({
    format: z.literal(SHARED_REVIEW_FORMAT),
    /** A stable opaque id (a hash, not the review's database id): re-imports replace. */
    sharedId: z.string().regex(/^[a-f0-9]{32}$/),
    /** The submitting jurisdiction's code. */
    jurisdiction: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/),
    review: z
      .object({
        incidentYear: z.number().int().min(1900).max(2200),
        incidentType: z.enum(incidentTypes),
        /** The child's age at the incident as a band (e.g. "under 1"), null when unknown. */
        childAgeBand: text(40).nullable(),
        phase: z.enum(reviewPhases),
      })
      .strict(),
    factorFramework: z.object({ id: text(100), version: text(40).nullable() }).strict(),
    timeline: z.array(sharedTimelineEventSchema).max(20_000),
    unmetNeeds: z.array(sharedUnmetNeedSchema).max(2000),
    factorRatings: z.array(sharedFactorRatingSchema).max(500),
    findings: z.array(sharedFindingSchema).max(2000),
    recommendations: z.array(sharedRecommendationSchema).max(2000),
    accountExcerpts: z.array(sharedAccountExcerptSchema).max(2000),
  })
  .strict()

export type SharedReview = z.infer<typeof sharedReviewSchema>
export type SharedTimelineEvent = z.infer<typeof sharedTimelineEventSchema>
export type SharedFinding = z.infer<typeof sharedFindingSchema>
export type SharedRecommendation = z.infer<typeof sharedRecommendationSchema>
