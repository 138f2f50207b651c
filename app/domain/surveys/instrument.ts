// A survey instrument is data, like the factor framework: composites -> items, each item worded
// in both languages of the interface, one response scale, reverse-scored items marked. The
// product ships an openly worded default; a jurisdiction loads its own from JSON (ADR 0020).
import { z } from 'zod'
import { dataDocument, dataId, LocalizedText, parseJsonData, type JsonDataResult } from '../json-data'

const surveyId = dataId

export const SurveyItem = z.strictObject({
  id: surveyId,
  text: LocalizedText,
  // Agreeing with a reverse-scored item is the unfavourable answer ("I feel worn out").
  reverse: z.boolean().default(false),
})
export type SurveyItem = z.infer<typeof SurveyItem>

export const SurveyComposite = z.strictObject({
  id: surveyId,
  label: LocalizedText,
  description: LocalizedText.optional(),
  // An outcome (emotional exhaustion) is reported beside the climate composites, not in them.
  kind: z.enum(['climate', 'outcome']).default('climate'),
  items: z.array(SurveyItem).min(1).max(30),
})
export type SurveyComposite = z.infer<typeof SurveyComposite>

export const ResponseScale = z
  .strictObject({
    // Labels from the lowest point (1) to the highest.
    labels: z.array(LocalizedText).min(2).max(11),
    // An answer at or above this point is positive on a normally scored item; on a reverse-scored
    // item, an answer at or below the mirror point (points + 1 - positiveFrom) is.
    positiveFrom: z.number().int().min(2),
  })
  .refine(s => s.positiveFrom <= s.labels.length, { message: 'positiveFrom must be a point of the scale', path: ['positiveFrom'] })
export type ResponseScale = z.infer<typeof ResponseScale>

// Answers are stored by item id; composite and item ids share one space so none is ambiguous.
export const SurveyInstrument = dataDocument('composites', {
  scale: ResponseScale,
  composites: z.array(SurveyComposite).min(1).max(20),
  // Whether the survey ends with an optional free-text question.
  commentPrompt: LocalizedText.optional(),
})
export type SurveyInstrument = z.infer<typeof SurveyInstrument>

export type ParseInstrumentResult = JsonDataResult<'instrument', SurveyInstrument>

/** Validates an instrument loaded from JSON (text or parsed) and reports every problem at once. */
export const parseSurveyInstrument = (json: unknown): ParseInstrumentResult => parseJsonData(SurveyInstrument, json, 'instrument')

export function surveyItems(instrument: SurveyInstrument): SurveyItem[] {
  return instrument.composites.flatMap(c => c.items)
}

/** Whether one answer (1..points) is positive for this item. */
export function isPositive(scale: ResponseScale, item: Pick<SurveyItem, 'reverse'>, answer: number): boolean {
  const points = scale.labels.length
  return item.reverse ? answer <= points + 1 - scale.positiveFrom : answer >= scale.positiveFrom
}

/** A submitted answer sheet: item id -> point of the scale; a skipped item is left out. */
export type AnswerSheet = Record<string, number>

export const MAX_COMMENT_LENGTH = 2000

/** Builds the zod schema of one answer sheet for this instrument: known items, points in range. */
export function answerSheetSchema(instrument: SurveyInstrument) {
  const points = instrument.scale.labels.length
  const shape = Object.fromEntries(surveyItems(instrument).map(item => [item.id, z.number().int().min(1).max(points).optional()]))
  return z.object(shape).strict()
}
