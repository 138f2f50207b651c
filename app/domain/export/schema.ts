// The de-identified shape in which a review leaves its jurisdiction (cross-jurisdiction data
// sharing). Versioned: a change an older reader would misread gets a new format string. The
// published JSON Schema is docs/export/shared-review.schema.json; a test keeps the two equal.
import { z } from 'zod'
import {
  consentScopes,
  contributorKinds,
  coreValues,
  factorRatings,
  findingStatuses,
  incidentTypes,
  journeyStages,
  recommendationStatuses,
  recommendationStrengths,
  reviewPhases,
} from '../vocabulary'

export const SHARED_REVIEW_FORMAT = 'scir-shared-review/2'

/** Characters as JSON Schema's maxLength counts them (code points), so both validators agree. */
function codePoints(value: string): number {
  let length = 0
  for (const _ of value) length++
  return length
}

const text = (max: number) =>
  z.string().superRefine((value, ctx) => {
    if (codePoints(value) > max) ctx.addIssue({ code: 'too_big', maximum: max, type: 'string', inclusive: true })
  })

/**
 * Anonymised text can be longer than what the panel wrote, because labels replace names
 * ("Ed" -> "Caseworker 2"). Every free-text limit is therefore four times the review
 * document's limit for that field.
 */
export const ANONYMISED_GROWTH = 4
const freeText = (sourceMax: number) => text(sourceMax * ANONYMISED_GROWTH)

/** Days from the incident (Day 0); negative before it. Dates never leave a review. */
export const DAY_OFFSET_LIMIT = 36_500
const dayOffset = z.number().int().min(-DAY_OFFSET_LIMIT).max(DAY_OFFSET_LIMIT)

/** Age bands (years) of the anonymiser; the child bands follow developmental stages. */
export const ageBands = ['under 1', '1-4', '5-9', '10-14', '15-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-89', '90+'] as const
export type AgeBand = (typeof ageBands)[number]

const factorId = text(100)

export const sharedTimelineEventSchema = z
  .object({
    day: dayOffset,
    dayEnd: dayOffset.nullable(),
    approximate: z.boolean(),
    stage: z.enum(journeyStages).nullable(),
    source: freeText(200).nullable(),
    keyPracticeEpisode: z.boolean(),
    /** Role pseudonyms ("Child 1", "Caseworker 2"). */
    actors: z.array(text(60)).max(50),
    text: freeText(50_000),
  })
  .strict()

export const sharedUnmetNeedSchema = z
  .object({
    need: freeText(5000),
    received: freeText(5000),
    gap: freeText(5000),
    /** Journey stages of the linked timeline events (the events themselves are not linked). */
    stages: z.array(z.enum(journeyStages)).max(20),
    factorItemIds: z.array(factorId).max(200),
    fromStandardsCheck: z.boolean(),
  })
  .strict()

export const sharedFactorRatingSchema = z
  .object({
    factorItemId: factorId,
    /** The framework domain of the item, for aggregation across frameworks' items. */
    domainId: factorId.nullable(),
    rating: z.union(factorRatings.map(r => z.literal(r)) as [z.ZodLiteral<0>, z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]),
    rationale: freeText(5000),
  })
  .strict()

export const sharedFindingSchema = z
  .object({
    text: freeText(50_000),
    values: z.array(z.object({ value: z.enum(coreValues), rationale: freeText(1000) }).strict()).max(3),
    factorItemIds: z.array(factorId).max(200),
    factorDomainIds: z.array(factorId).max(50),
    status: z.enum(findingStatuses),
  })
  .strict()

export const sharedRecommendationSchema = z
  .object({
    text: freeText(5000),
    strength: z.enum(recommendationStrengths),
    status: z.enum(recommendationStatuses),
    measure: freeText(2000).nullable(),
    /**
     * The agency's due date (YYYY-MM-DD). A plan of the agency, not a fact about the case, so
     * it is not turned into a day from the incident (which would date the incident).
     */
    dueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    /** Indexes into `findings`. */
    findingIndexes: z.array(z.number().int().min(0)).max(200),
  })
  .strict()

export const sharedAccountExcerptSchema = z
  .object({
    /** The account's pseudonym, never a name. */
    pseudonym: text(60),
    excerpt: freeText(5000),
    /** Index into `findings` of the finding that quotes it. */
    findingIndex: z.number().int().min(0).nullable(),
  })
  .strict()

/** A party's 0-10 Signs of Safety scaling judgement, or null when that party gave none. */
const safetyScale = z.number().int().min(0).max(10).nullable()

/**
 * A Signs of Safety map as the practice framework showed it on a date (ADR 0040). Every text
 * is de-identified like any narrative; the date is a day from the incident.
 */
export const sharedSafetyMapSchema = z
  .object({
    day: dayOffset,
    title: freeText(200).nullable(),
    pastHarm: freeText(5000),
    futureDanger: freeText(5000),
    complicatingFactors: freeText(5000),
    strengths: freeText(5000),
    existingSafety: freeText(5000),
    dangerStatements: freeText(5000),
    safetyGoals: freeText(5000),
    nextSteps: freeText(5000),
    scaling: z.object({ worker: safetyScale, supervisor: safetyScale, family: safetyScale, partner: safetyScale }).strict(),
    /** Indexes into `timeline` of the events the map draws on. */
    timelineIndexes: z.array(z.number().int().min(0)).max(500),
  })
  .strict()

/** A contribution's four answers are each at most this long (the form's limit). */
export const FAMILY_VOICE_TEXT_MAX = 4000

export const sharedFamilyVoiceSchema = z
  .object({
    contributor: z.enum(contributorKinds),
    /** Only scopes that let the words leave the review; "review_only" never does. */
    consentScope: z.enum(consentScopes).exclude(['review_only']),
    needed: freeText(FAMILY_VOICE_TEXT_MAX),
    helped: freeText(FAMILY_VOICE_TEXT_MAX),
    notHelped: freeText(FAMILY_VOICE_TEXT_MAX),
    shouldChange: freeText(FAMILY_VOICE_TEXT_MAX),
    /** Indexes into `unmetNeeds` and `findings` the panel cited it for. */
    unmetNeedIndexes: z.array(z.number().int().min(0)).max(200),
    findingIndexes: z.array(z.number().int().min(0)).max(200),
  })
  .strict()

/**
 * Ed25519 signature of the submitting jurisdiction over the canonical serialisation
 * (canonicalJson) of the review without this field. `keyId` names the key: the first 32 hex
 * characters of the SHA-256 of its public key (SubjectPublicKeyInfo, DER).
 */
export const sharedReviewSignatureSchema = z
  .object({
    algorithm: z.literal('Ed25519'),
    keyId: z.string().regex(/^[a-f0-9]{32}$/),
    value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  })
  .strict()
export type SharedReviewSignature = z.infer<typeof sharedReviewSignatureSchema>

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
        childAgeBand: z.enum(ageBands).nullable(),
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
    /**
     * Signs of Safety maps, by date. Optional (ADR 0040): written only when the review has
     * maps, so a review without them exports exactly as before and older readers still read it.
     */
    safetyMaps: z.array(sharedSafetyMapSchema).max(2000).optional(),
    /** Family and community voice (ADR 0038); absent when none may leave the review. */
    familyVoice: z.array(sharedFamilyVoiceSchema).max(500).optional(),
    /** The submitting jurisdiction's signature; see signatureSchema. Required for import. */
    signature: sharedReviewSignatureSchema.optional(),
  })
  .strict()

export type SharedReview = z.infer<typeof sharedReviewSchema>
export type SharedTimelineEvent = z.infer<typeof sharedTimelineEventSchema>
export type SharedUnmetNeed = z.infer<typeof sharedUnmetNeedSchema>
export type SharedFactorRating = z.infer<typeof sharedFactorRatingSchema>
export type SharedFinding = z.infer<typeof sharedFindingSchema>
export type SharedRecommendation = z.infer<typeof sharedRecommendationSchema>
export type SharedAccountExcerpt = z.infer<typeof sharedAccountExcerptSchema>
export type SharedSafetyMap = z.infer<typeof sharedSafetyMapSchema>
export type SharedFamilyVoice = z.infer<typeof sharedFamilyVoiceSchema>
