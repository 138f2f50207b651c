// Shared by the browser (Conform validates on submit) and the server (the action re-checks).
import { z } from 'zod'
import { isCalendarDate } from '~/domain/review-doc/calendar-dates'
import { reviewPhases } from '~/domain/vocabulary'
import { siblingCheckOutcomes } from '~/domain/workflow/phases'

export const movePhaseSchema = z.object({
  intent: z.literal('move-phase'),
  to: z.enum(reviewPhases, { errorMap: () => ({ message: 'phaseMove.unknown_phase' }) }),
  reason: z.string().trim().max(2000, 'phaseMove.reasonTooLong').optional(),
  /** Sent by the confirming button when the phase still had open items; informative only. */
  openItemsConfirmed: z.literal('yes').optional(),
})

const today = () => new Date().toISOString().slice(0, 10)

export const siblingCheckSchema = z.object({
  intent: z.literal('record-sibling-check'),
  date: z
    .string({ required_error: 'checks.siblingCheck.dateRequired' })
    .refine(isCalendarDate, 'checks.siblingCheck.dateInvalid')
    // A check that has not happened yet cannot be recorded as done.
    .refine(v => v <= today(), 'checks.siblingCheck.dateFuture'),
  outcome: z.enum(siblingCheckOutcomes, { errorMap: () => ({ message: 'checks.siblingCheck.outcomeRequired' }) }),
})
