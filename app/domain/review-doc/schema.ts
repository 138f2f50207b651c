// The typed, validated domain objects of a review document (see docs/review-doc.md for how
// they are laid out in the Y.Doc). These schemas are the contract between what collaborators
// write concurrently and what the rest of the product may rely on.
import { z } from 'zod'
import {
  coreValues,
  factorRatings,
  findingStatuses,
  identifierKinds,
  journeyStages,
  personRoles,
  placeKinds,
  recommendationStatuses,
  recommendationStrengths,
  type FactorRating,
} from '../vocabulary'
import { isCalendarDate, isOrderedRange, isTimelineDate, looksLikeCalendarDate, looksLikeTimelineDate } from './calendar-dates'
import {
  SAFETY_MAP_TEXT_MAX,
  SAFETY_MAP_TITLE_MAX,
  SAFETY_SCALE_MAX,
  SAFETY_SCALE_MIN,
  safetyMapTextFields,
  safetyScalingParties,
  type SafetyMapTextField,
  type SafetyScalingParty,
} from './safety-map'

// The vocabulary's enums as schemas, one each, for the document and the commands that change it.
export const personRoleSchema = z.enum(personRoles)
export const placeKindSchema = z.enum(placeKinds)
export const identifierKindSchema = z.enum(identifierKinds)
export const journeyStageSchema = z.enum(journeyStages)
export const coreValueSchema = z.enum(coreValues)
export const findingStatusSchema = z.enum(findingStatuses)
export const recommendationStrengthSchema = z.enum(recommendationStrengths)
export const recommendationStatusSchema = z.enum(recommendationStatuses)

/** Bumped only for changes an older reader would misread; see migrate.ts. */
export const REVIEW_DOC_SCHEMA_VERSION = 2

/** Length in characters as people count them (and as JSON Schema counts them): code points. */
export function codePointLength(value: string): number {
  let length = 0
  for (const _ of value) length++
  return length
}

export function boundedText(min: number, max: number) {
  return z.string().superRefine((value, ctx) => {
    const length = codePointLength(value)
    if (length < min) ctx.addIssue({ code: 'too_small', minimum: min, type: 'string', inclusive: true })
    if (length > max) ctx.addIssue({ code: 'too_big', maximum: max, type: 'string', inclusive: true })
  })
}

export const calendarDateSchema = z.string().superRefine((value, ctx) => {
  if (!looksLikeCalendarDate(value)) ctx.addIssue({ code: 'custom', message: 'must be a date written YYYY-MM-DD' })
  else if (!isCalendarDate(value)) ctx.addIssue({ code: 'custom', message: `${value} is not a real calendar date` })
})

export const timelineDateSchema = z.string().superRefine((value, ctx) => {
  if (!looksLikeTimelineDate(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a date written YYYY-MM-DD or YYYY-MM-DDTHH:mm' })
  } else if (!isTimelineDate(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `${value} is not a real calendar date${value.length > 10 ? ' and time' : ''}`,
    })
  }
})

// Ids become parts of Y.Doc root names ("event:<id>:description"), so no ":" and nothing
// that needs escaping. crypto.randomUUID() and cuid() both fit.
export const entityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be 1 to 100 letters, digits, "-" or "_"')

// Factor items come from a jurisdiction's framework (loaded as data), e.g. "worker.workload".
export const factorItemIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be 1 to 100 letters, digits, ".", ":", "-" or "_"')

/** A staff account lives outside the review document (private drafts); only its id is here. */
export const accountIdSchema = entityIdSchema

export const factorRatingValueSchema = z
  .number()
  .int()
  .refine((n): n is FactorRating => (factorRatings as readonly number[]).includes(n), 'must be 0, 1, 2 or 3')

const idList = <T extends z.ZodTypeAny>(item: T, max: number) => z.array(item).max(max).default([])

// ---------------------------------------------------------------- rich text

/** ProseMirror JSON as Tiptap's getJSON() gives it. */
export interface RichTextNode {
  type: string
  attrs?: Record<string, unknown>
  content?: RichTextNode[]
  text?: string
  marks?: { type: string; attrs?: Record<string, unknown> }[]
}

function isRichTextNode(value: unknown): value is RichTextNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

/** A rich-text field read out of its XmlFragment: plain text for search/projection/export. */
export const richTextSchema = z.object({
  text: z.string(),
  doc: z.custom<RichTextNode>(isRichTextNode, 'must be a ProseMirror document'),
})
export type RichText = z.infer<typeof richTextSchema>

/** Plain text written by commands: lines become paragraphs. */
export const plainTextSchema = (max: number) => boundedText(0, max)
export const EVENT_DESCRIPTION_MAX = 50_000
export const FINDING_BODY_MAX = 50_000

// ---------------------------------------------------------------- the people registry

/** Fields that identify someone and must never leave the review (see docs/domain.md). */
export const identifyingPersonFields = ['name', 'aliases', 'birthDate', 'nationOrCommunity'] as const

export const personSchema = z.object({
  id: entityIdSchema,
  /** Live text (see live-text.ts): may be empty for a moment while someone retypes it. */
  name: boundedText(0, 200),
  aliases: z.array(boundedText(1, 200)).max(20).default([]),
  role: personRoleSchema,
  /** Stable per review: once stored it is only changed by a person, never recomputed. */
  pseudonym: boundedText(0, 60),
  birthDate: calendarDateSchema.optional(),
  /** Protected: recorded for Indigenous children; never exported, shown only inside the review. */
  nationOrCommunity: boundedText(1, 200).optional(),
  /** The person's key in the case file they were imported from, for tracing an import. */
  caseFileKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a case-file person key')
    .optional(),
})
export type Person = z.infer<typeof personSchema>

export const placeSchema = z.object({
  id: entityIdSchema,
  name: boundedText(0, 300),
  kind: placeKindSchema,
  /** What de-identified text says instead of the name, e.g. "the family home". */
  label: boundedText(0, 100),
})
export type Place = z.infer<typeof placeSchema>

export const identifierSchema = z.object({
  id: entityIdSchema,
  value: boundedText(0, 200),
  kind: identifierKindSchema,
})
export type Identifier = z.infer<typeof identifierSchema>

// ---------------------------------------------------------------- the case timeline

export const timelineEventFieldsSchema = z.object({
  id: entityIdSchema,
  date: timelineDateSchema,
  /** End of a date range; absent for a single point in time. */
  dateEnd: timelineDateSchema.optional(),
  approximate: z.boolean().default(false),
  /** Absent until someone places the event on the family journey. */
  stage: journeyStageSchema.optional(),
  source: boundedText(0, 200).optional(),
  /** References into the people registry. */
  actorIds: idList(entityIdSchema, 50),
  keyPracticeEpisode: z.boolean().default(false),
  /** Breaks ties between events at the same date (lower first); see docs/review-doc.md. */
  order: z.number().finite().default(0),
})

export function checkEventRange(event: { date?: unknown; dateEnd?: unknown }, ctx: z.RefinementCtx): void {
  const { date, dateEnd } = event
  if (typeof date !== 'string' || typeof dateEnd !== 'string') return
  if (isTimelineDate(date) && isTimelineDate(dateEnd) && !isOrderedRange(date, dateEnd)) {
    ctx.addIssue({ code: 'custom', path: ['dateEnd'], message: 'must not be before date' })
  }
}

export const timelineEventSchema = timelineEventFieldsSchema.extend({ description: richTextSchema }).superRefine(checkEventRange)
export type TimelineEvent = z.infer<typeof timelineEventSchema>

// ---------------------------------------------------------------- analysis

export const unmetNeedSchema = z.object({
  id: entityIdSchema,
  need: boundedText(0, 5000),
  received: boundedText(0, 5000).default(''),
  gap: boundedText(0, 5000).default(''),
  eventIds: idList(entityIdSchema, 500),
  factorItemIds: idList(factorItemIdSchema, 200),
  /** The practice-standards check flag this need was raised from, if any. */
  standardsFlagId: boundedText(1, 200).optional(),
})
export type UnmetNeed = z.infer<typeof unmetNeedSchema>

/** One rating per factor item per review, so the factor item id is the key. */
export const factorRatingSchema = z.object({
  factorItemId: factorItemIdSchema,
  rating: factorRatingValueSchema,
  rationale: boundedText(0, 5000).default(''),
  eventIds: idList(entityIdSchema, 500),
})
export type FactorRatingEntry = z.infer<typeof factorRatingSchema>

// ---------------------------------------------------------------- findings and recommendations

export const valueTagSchema = z.object({
  value: coreValueSchema,
  rationale: boundedText(0, 1000),
})
export type ValueTag = z.infer<typeof valueTagSchema>

export const evidenceKinds = ['event', 'unmetNeed', 'account'] as const
export type EvidenceKind = (typeof evidenceKinds)[number]

export const evidenceSchema = z.object({
  eventIds: idList(entityIdSchema, 500),
  unmetNeedIds: idList(entityIdSchema, 500),
  accountIds: idList(accountIdSchema, 500),
})
export type Evidence = z.infer<typeof evidenceSchema>

export const findingSchema = z.object({
  id: entityIdSchema,
  body: richTextSchema,
  /** In the order of coreValues, at most one tag per value. */
  valueTags: z.array(valueTagSchema).default([]),
  factorItemIds: idList(factorItemIdSchema, 200),
  evidence: evidenceSchema.default({}),
  status: findingStatusSchema.default('draft'),
})
export type Finding = z.infer<typeof findingSchema>

export const recommendationSchema = z.object({
  id: entityIdSchema,
  text: boundedText(0, 5000),
  findingIds: idList(entityIdSchema, 200),
  strength: recommendationStrengthSchema,
  owner: boundedText(1, 200).optional(),
  dueDate: calendarDateSchema.optional(),
  /** How the review will know the action worked. */
  measure: boundedText(1, 2000).optional(),
  status: recommendationStatusSchema.default('proposed'),
})
export type Recommendation = z.infer<typeof recommendationSchema>

// ---------------------------------------------------------------- Signs of Safety maps

export const safetyScaleValueSchema = z
  .number()
  .int('must be a whole number')
  .min(SAFETY_SCALE_MIN, `must be from ${SAFETY_SCALE_MIN} to ${SAFETY_SCALE_MAX}`)
  .max(SAFETY_SCALE_MAX, `must be from ${SAFETY_SCALE_MIN} to ${SAFETY_SCALE_MAX}`)

/** Each party's judgement, absent until given. Stored as a Y.Map so two parties set at once both stay. */
export const safetyScalingSchema = z
  .object(
    Object.fromEntries(safetyScalingParties.map(party => [party, safetyScaleValueSchema.optional()])) as Record<
      SafetyScalingParty,
      z.ZodOptional<typeof safetyScaleValueSchema>
    >,
  )
  .strip()

const safetyMapTexts = Object.fromEntries(safetyMapTextFields.map(field => [field, boundedText(0, SAFETY_MAP_TEXT_MAX).default('')])) as Record<
  SafetyMapTextField,
  z.ZodDefault<ReturnType<typeof boundedText>>
>

export const safetyMapSchema = z.object({
  id: entityIdSchema,
  /** The timeline date the map describes: what the framework showed then. */
  date: calendarDateSchema,
  /** A short name, e.g. "Initial assessment"; absent when nobody gave one. */
  title: boundedText(1, SAFETY_MAP_TITLE_MAX).optional(),
  ...safetyMapTexts,
  /** Timeline events the map draws on. */
  eventIds: idList(entityIdSchema, 500),
  scaling: safetyScalingSchema.default({}),
})
export type SafetyMap = z.infer<typeof safetyMapSchema>

// ---------------------------------------------------------------- the document

export const reviewDocumentSchema = z.object({
  /** null when the Y.Doc has not been initialised (or not yet synced). */
  schemaVersion: z.number().int().nullable(),
  reviewId: z.string().nullable(),
  people: z.array(personSchema),
  places: z.array(placeSchema),
  identifiers: z.array(identifierSchema),
  /** Chronological: by date, then order, then id. */
  events: z.array(timelineEventSchema),
  unmetNeeds: z.array(unmetNeedSchema),
  /** By factor item id; presentation order comes from the jurisdiction's framework. */
  factorRatings: z.array(factorRatingSchema),
  findings: z.array(findingSchema),
  recommendations: z.array(recommendationSchema),
  /** Signs of Safety maps, by date (then id). */
  safetyMaps: z.array(safetyMapSchema),
})
export type ReviewDocument = z.infer<typeof reviewDocumentSchema>
