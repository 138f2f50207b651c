// Columns that SQLite keeps as free text (ADR 0034) are decoded here against the domain's own
// value lists instead of being cast with `as`: a value outside the list is refused with an error
// that names the table and column, so a bad row stops where it is read instead of travelling on.
import { z } from 'zod'
import { evaluationOutcomes, progressStatuses } from '~/domain/follow-up'
import {
  consentScopes,
  contributorKinds,
  coreValues,
  findingStatuses,
  incidentTypes,
  personRoles,
  recommendationStatuses,
  recommendationStrengths,
} from '~/domain/vocabulary'
import { siblingCheckOutcomes } from '~/domain/workflow'

/** A stored value the code does not know; `where` is "Table.column". */
export class RowDecodeError extends Error {
  constructor(where: string, detail: string) {
    super(`${where}: ${detail}`)
    this.name = 'RowDecodeError'
  }
}

const describe = (error: z.ZodError) => error.issues.map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')

/** Decodes one column value; throws RowDecodeError naming `where` when it is outside the schema. */
export function decodeColumn<S extends z.ZodTypeAny>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw new RowDecodeError(where, describe(result.error))
  return result.data
}

/** Parses a column holding JSON text and decodes it; broken JSON is refused the same way. */
export function parseJsonColumn<S extends z.ZodTypeAny>(schema: S, text: string, where: string): z.output<S> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new RowDecodeError(where, `not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  return decodeColumn(schema, value, where)
}

/** A reader bound to one schema: `strengthOf(row.strength, 'ProjectedRecommendation.strength')`. */
const columnOf =
  <S extends z.ZodTypeAny>(schema: S) =>
  (value: unknown, where: string): z.output<S> =>
    decodeColumn(schema, value, where)

export const columns = {
  contributorKind: z.enum(contributorKinds),
  consentScope: z.enum(consentScopes),
  coreValue: z.enum(coreValues),
  findingStatus: z.enum(findingStatuses),
  incidentType: z.enum(incidentTypes),
  personRole: z.enum(personRoles),
  recommendationStatus: z.enum(recommendationStatuses),
  recommendationStrength: z.enum(recommendationStrengths),
  siblingCheckOutcome: z.enum(siblingCheckOutcomes),
  progressStatus: z.enum(progressStatuses),
  evaluationOutcome: z.enum(evaluationOutcomes),
}

export const contributorKindOf = columnOf(columns.contributorKind)
export const consentScopeOf = columnOf(columns.consentScope)
export const coreValueOf = columnOf(columns.coreValue)
export const findingStatusOf = columnOf(columns.findingStatus)
export const recommendationStatusOf = columnOf(columns.recommendationStatus)
export const recommendationStrengthOf = columnOf(columns.recommendationStrength)
export const siblingCheckOutcomeOf = columnOf(columns.siblingCheckOutcome)
export const progressStatusOf = columnOf(columns.progressStatus)
export const evaluationOutcomeOf = columnOf(columns.evaluationOutcome)
