// The commands that change a review document. Every write outside a live Tiptap editor goes
// through one of these, so the document only ever holds what the schemas allow.
import { z } from 'zod'
import {
  EVENT_DESCRIPTION_MAX,
  FINDING_BODY_MAX,
  boundedText,
  calendarDateSchema,
  entityIdSchema,
  evidenceKinds,
  factorItemIdSchema,
  factorRatingValueSchema,
  plainTextSchema,
  timelineDateSchema,
  valueTagSchema,
  accountIdSchema,
  safetyScaleValueSchema,
  personRoleSchema,
  placeKindSchema,
  identifierKindSchema,
  journeyStageSchema,
  coreValueSchema,
  findingStatusSchema,
  recommendationStrengthSchema,
  recommendationStatusSchema,
} from './schema'
import { orderedCollections } from './structure'
import { SAFETY_MAP_TEXT_MAX, SAFETY_MAP_TITLE_MAX, safetyMapTextFields, safetyScalingParties, type SafetyMapTextField } from './safety-map'

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...shape }).strict()

/** Omitted: a fresh id is generated. Given: used as is (tests, imports, offline clients). */
const newId = entityIdSchema.optional()
/** In a patch, null removes an optional field; omitted leaves it alone. */
const clearable = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional()
const patch = <S extends z.ZodRawShape>(shape: S) => z.object(shape).strict()

const ids = z.array(entityIdSchema).max(500)
const factorItemIds = z.array(factorItemIdSchema).max(200)

const name = boundedText(1, 200)
const aliases = z.array(boundedText(1, 200)).max(20)
const pseudonym = boundedText(1, 60)
const nationOrCommunity = boundedText(1, 200)

const addPerson = command('addPerson', {
  id: newId,
  name,
  aliases: aliases.optional(),
  role: personRoleSchema,
  /** Omitted: suggested from the role and the registry. */
  pseudonym: pseudonym.optional(),
  /** Only used to suggest "Mother"/"Father" for a parent; not stored. */
  gender: z.enum(['female', 'male']).optional(),
  birthDate: calendarDateSchema.optional(),
  nationOrCommunity: nationOrCommunity.optional(),
  caseFileKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a case-file person key')
    .optional(),
})
const updatePerson = command('updatePerson', {
  id: entityIdSchema,
  patch: patch({
    name: name.optional(),
    aliases: aliases.optional(),
    role: personRoleSchema.optional(),
    pseudonym: pseudonym.optional(),
    birthDate: clearable(calendarDateSchema),
    nationOrCommunity: clearable(nationOrCommunity),
  }),
})
const removePerson = command('removePerson', { id: entityIdSchema })

const placeName = boundedText(1, 300)
const placeLabel = boundedText(1, 100)
const addPlace = command('addPlace', {
  id: newId,
  name: placeName,
  kind: placeKindSchema,
  /** Omitted: suggested from the kind ("the school"). */
  label: placeLabel.optional(),
})
const updatePlace = command('updatePlace', {
  id: entityIdSchema,
  patch: patch({ name: placeName.optional(), kind: placeKindSchema.optional(), label: placeLabel.optional() }),
})
const removePlace = command('removePlace', { id: entityIdSchema })

const identifierValue = boundedText(1, 200)
const addIdentifier = command('addIdentifier', { id: newId, value: identifierValue, kind: identifierKindSchema })
const updateIdentifier = command('updateIdentifier', {
  id: entityIdSchema,
  patch: patch({ value: identifierValue.optional(), kind: identifierKindSchema.optional() }),
})
const removeIdentifier = command('removeIdentifier', { id: entityIdSchema })

const source = boundedText(0, 200)
const actorIds = z.array(entityIdSchema).max(50)
const order = z.number().finite()
const addEvent = command('addEvent', {
  id: newId,
  date: timelineDateSchema,
  dateEnd: timelineDateSchema.optional(),
  approximate: z.boolean().optional(),
  stage: journeyStageSchema.optional(),
  source: source.optional(),
  actorIds: actorIds.optional(),
  keyPracticeEpisode: z.boolean().optional(),
  order: order.optional(),
  /** Plain text; each line becomes a paragraph. */
  description: plainTextSchema(EVENT_DESCRIPTION_MAX).optional(),
})
const updateEvent = command('updateEvent', {
  id: entityIdSchema,
  patch: patch({
    date: timelineDateSchema.optional(),
    dateEnd: clearable(timelineDateSchema),
    approximate: z.boolean().optional(),
    stage: clearable(journeyStageSchema),
    source: clearable(source),
    actorIds: actorIds.optional(),
    keyPracticeEpisode: z.boolean().optional(),
    order: order.optional(),
  }),
})
const setEventDescription = command('setEventDescription', {
  id: entityIdSchema,
  text: plainTextSchema(EVENT_DESCRIPTION_MAX),
})
const removeEvent = command('removeEvent', { id: entityIdSchema })

const needText = boundedText(1, 5000)
const needDetail = boundedText(0, 5000)
const standardsFlagId = boundedText(1, 200)
const addUnmetNeed = command('addUnmetNeed', {
  id: newId,
  need: needText,
  received: needDetail.optional(),
  gap: needDetail.optional(),
  eventIds: ids.optional(),
  factorItemIds: factorItemIds.optional(),
  standardsFlagId: standardsFlagId.optional(),
})
const updateUnmetNeed = command('updateUnmetNeed', {
  id: entityIdSchema,
  patch: patch({
    need: needText.optional(),
    received: needDetail.optional(),
    gap: needDetail.optional(),
    eventIds: ids.optional(),
    factorItemIds: factorItemIds.optional(),
    standardsFlagId: clearable(standardsFlagId),
  }),
})
const removeUnmetNeed = command('removeUnmetNeed', { id: entityIdSchema })

/** Sets the rating of a factor item; rationale and events are kept unless given. */
const rateFactor = command('rateFactor', {
  factorItemId: factorItemIdSchema,
  rating: factorRatingValueSchema,
  rationale: boundedText(0, 5000).optional(),
  eventIds: ids.optional(),
})
const clearFactorRating = command('clearFactorRating', { factorItemId: factorItemIdSchema })

const valueTags = z.array(valueTagSchema).refine(tags => new Set(tags.map(tag => tag.value)).size === tags.length, 'must tag each value at most once')
const addFinding = command('addFinding', {
  id: newId,
  body: plainTextSchema(FINDING_BODY_MAX).optional(),
  status: findingStatusSchema.optional(),
  valueTags: valueTags.optional(),
  factorItemIds: factorItemIds.optional(),
  evidence: z
    .object({
      eventIds: ids.optional(),
      unmetNeedIds: ids.optional(),
      accountIds: z.array(accountIdSchema).max(500).optional(),
    })
    .strict()
    .optional(),
})
const updateFinding = command('updateFinding', {
  id: entityIdSchema,
  patch: patch({ status: findingStatusSchema.optional(), factorItemIds: factorItemIds.optional() }),
})
const setFindingBody = command('setFindingBody', { id: entityIdSchema, text: plainTextSchema(FINDING_BODY_MAX) })
const tagFindingValue = command('tagFindingValue', {
  findingId: entityIdSchema,
  value: coreValueSchema,
  rationale: boundedText(0, 1000),
})
const untagFindingValue = command('untagFindingValue', { findingId: entityIdSchema, value: coreValueSchema })
const evidenceLink = { findingId: entityIdSchema, kind: z.enum(evidenceKinds), targetId: entityIdSchema }
const linkEvidence = command('linkEvidence', evidenceLink)
const unlinkEvidence = command('unlinkEvidence', evidenceLink)
const removeFinding = command('removeFinding', { id: entityIdSchema })

const recommendationText = boundedText(1, 5000)
const owner = boundedText(1, 200)
const measure = boundedText(1, 2000)
const addRecommendation = command('addRecommendation', {
  id: newId,
  text: recommendationText,
  findingIds: ids.optional(),
  strength: recommendationStrengthSchema,
  owner: owner.optional(),
  dueDate: calendarDateSchema.optional(),
  measure: measure.optional(),
  status: recommendationStatusSchema.optional(),
})
const updateRecommendation = command('updateRecommendation', {
  id: entityIdSchema,
  patch: patch({
    text: recommendationText.optional(),
    findingIds: ids.optional(),
    strength: recommendationStrengthSchema.optional(),
    owner: clearable(owner),
    dueDate: clearable(calendarDateSchema),
    measure: clearable(measure),
    status: recommendationStatusSchema.optional(),
  }),
})
const removeRecommendation = command('removeRecommendation', { id: entityIdSchema })

// Signs of Safety maps (ADR 0040). Texts are live (Y.Text); a command writes them as one
// minimal edit, so it never undoes what someone is typing elsewhere in the same field.
const safetyMapTitle = boundedText(1, SAFETY_MAP_TITLE_MAX)
const safetyMapText = boundedText(0, SAFETY_MAP_TEXT_MAX)
const safetyMapTexts = Object.fromEntries(safetyMapTextFields.map(field => [field, safetyMapText.optional()])) as Record<
  SafetyMapTextField,
  z.ZodOptional<typeof safetyMapText>
>
const safetyScalingInput = z
  .object(
    Object.fromEntries(safetyScalingParties.map(party => [party, safetyScaleValueSchema.optional()])) as Record<
      (typeof safetyScalingParties)[number],
      z.ZodOptional<typeof safetyScaleValueSchema>
    >,
  )
  .strict()
const addSafetyMap = command('addSafetyMap', {
  id: newId,
  date: calendarDateSchema,
  title: safetyMapTitle.optional(),
  eventIds: ids.optional(),
  ...safetyMapTexts,
  scaling: safetyScalingInput.optional(),
})
const updateSafetyMap = command('updateSafetyMap', {
  id: entityIdSchema,
  patch: patch({ date: calendarDateSchema.optional(), title: clearable(safetyMapTitle), eventIds: ids.optional(), ...safetyMapTexts }),
})
/** One party's 0-10 judgement; null removes it (not judged). */
const setSafetyScaling = command('setSafetyScaling', {
  mapId: entityIdSchema,
  party: z.enum(safetyScalingParties),
  value: safetyScaleValueSchema.nullable(),
})
const removeSafetyMap = command('removeSafetyMap', { id: entityIdSchema })

/** Moves an item of an ordered collection; an index past the end moves it last. */
const moveItem = command('moveItem', {
  collection: z.enum(orderedCollections),
  id: entityIdSchema,
  toIndex: z.number().int().min(0),
})

export const reviewCommandSchema = z.discriminatedUnion('type', [
  addPerson,
  updatePerson,
  removePerson,
  addPlace,
  updatePlace,
  removePlace,
  addIdentifier,
  updateIdentifier,
  removeIdentifier,
  addEvent,
  updateEvent,
  setEventDescription,
  removeEvent,
  addUnmetNeed,
  updateUnmetNeed,
  removeUnmetNeed,
  rateFactor,
  clearFactorRating,
  addFinding,
  updateFinding,
  setFindingBody,
  tagFindingValue,
  untagFindingValue,
  linkEvidence,
  unlinkEvidence,
  removeFinding,
  addRecommendation,
  updateRecommendation,
  removeRecommendation,
  addSafetyMap,
  updateSafetyMap,
  setSafetyScaling,
  removeSafetyMap,
  moveItem,
])

/** What callers write (optional fields may be omitted). */
export type ReviewCommand = z.input<typeof reviewCommandSchema>
/** A command after validation. */
export type ValidReviewCommand = z.output<typeof reviewCommandSchema>
export type ReviewCommandType = ReviewCommand['type']
export type CommandOf<T extends ReviewCommandType> = Extract<ValidReviewCommand, { type: T }>
