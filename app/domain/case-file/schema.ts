// The case file contract (docs/contracts/case-file.schema.json) as a zod schema: the
// same required fields, constants, closed objects, lengths, patterns, enums and item limits.
// Two deliberate differences, both stricter: every date must be a real calendar date (JSON
// Schema's "date" format is often not asserted, and the timeline date is only a pattern there),
// and the cross-field checks below, which JSON Schema cannot express.
import { z } from 'zod'
import { identifierKinds, incidentTypes, journeyStages, personRoles, placeKinds } from '../vocabulary'
import { jsonPointer, type Problem } from '../review-doc/problems'
import { boundedText, calendarDateSchema, timelineDateSchema } from '../review-doc/schema'

export const CASE_FILE_FORMAT = 'scir-case-file/1'

export const personKeySchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1 to 40 letters, digits, "-" or "_"')

export const caseFileReviewSchema = z
  .object({
    title: boundedText(1, 200),
    incidentType: z.enum(incidentTypes),
    incidentDate: calendarDateSchema,
    summary: boundedText(0, 20000).optional(),
  })
  .strict()

export const caseFilePersonSchema = z
  .object({
    key: personKeySchema,
    name: boundedText(1, 200),
    aliases: z.array(boundedText(1, 200)).max(20).optional(),
    role: z.enum(personRoles),
    pseudonym: boundedText(1, 60).optional(),
    birthDate: calendarDateSchema.optional(),
  })
  .strict()

export const caseFilePlaceSchema = z.object({ name: boundedText(1, 300), kind: z.enum(placeKinds) }).strict()

export const caseFileIdentifierSchema = z.object({ value: boundedText(1, 200), kind: z.enum(identifierKinds) }).strict()

export const caseFileTimelineEntrySchema = z
  .object({
    date: timelineDateSchema,
    approximate: z.boolean().optional(),
    stage: z.enum(journeyStages).optional(),
    source: boundedText(0, 200).optional(),
    /** Person keys from people. */
    actors: z.array(z.string()).max(50).optional(),
    text: boundedText(1, 50000),
  })
  .strict()

/** The shape alone, without the cross-field checks. */
export const caseFileShapeSchema = z
  .object({
    format: z.literal(CASE_FILE_FORMAT),
    review: caseFileReviewSchema,
    people: z.array(caseFilePersonSchema).max(500),
    places: z.array(caseFilePlaceSchema).max(500).optional(),
    identifiers: z.array(caseFileIdentifierSchema).max(500).optional(),
    timeline: z.array(caseFileTimelineEntrySchema).max(20000),
  })
  .strict()

export type CaseFile = z.infer<typeof caseFileShapeSchema>
export type CaseFilePerson = z.infer<typeof caseFilePersonSchema>
export type CaseFileTimelineEntry = z.infer<typeof caseFileTimelineEntrySchema>

interface LocatedMessage {
  path: (string | number)[]
  message: string
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined

/**
 * Checks across entries, run on the raw input so that they are reported even when other parts
 * of the file are malformed: duplicate person keys, duplicate pseudonyms (a pseudonym must
 * name one person in a review), and timeline actors that are not person keys.
 */
function crossFieldMessages(input: unknown): LocatedMessage[] {
  const messages: LocatedMessage[] = []
  const file = asRecord(input)
  if (!file || !Array.isArray(file.people)) return messages

  const keys = new Map<string, number>()
  const pseudonyms = new Map<string, number>()
  file.people.forEach((entry, i) => {
    const person = asRecord(entry)
    if (typeof person?.key === 'string') {
      const first = keys.get(person.key)
      if (first === undefined) keys.set(person.key, i)
      else {
        messages.push({
          path: ['people', i, 'key'],
          message: `duplicate person key ${JSON.stringify(person.key)} (first used at ${jsonPointer(['people', first])})`,
        })
      }
    }
    if (typeof person?.pseudonym === 'string') {
      const label = person.pseudonym.trim().toLocaleLowerCase('en')
      const first = pseudonyms.get(label)
      if (first === undefined) pseudonyms.set(label, i)
      else {
        messages.push({
          path: ['people', i, 'pseudonym'],
          message: `duplicate pseudonym ${JSON.stringify(person.pseudonym)} (also used at ${jsonPointer(['people', first])})`,
        })
      }
    }
  })

  if (!Array.isArray(file.timeline)) return messages
  file.timeline.forEach((entry, i) => {
    const actors = asRecord(entry)?.actors
    if (!Array.isArray(actors)) return
    actors.forEach((actor, j) => {
      if (typeof actor === 'string' && !keys.has(actor)) {
        messages.push({
          path: ['timeline', i, 'actors', j],
          message: `refers to person key ${JSON.stringify(actor)}, which is not in /people`,
        })
      }
    })
  })
  return messages
}

export function caseFileCrossFieldProblems(input: unknown): Problem[] {
  return crossFieldMessages(input).map(({ path, message }) => ({ path: jsonPointer(path), message }))
}

/** The whole contract as one schema (zod runs the refinement only when the shape is valid). */
export const caseFileSchema = caseFileShapeSchema.superRefine((caseFile, ctx) => {
  for (const { path, message } of crossFieldMessages(caseFile)) ctx.addIssue({ code: 'custom', path, message })
})
