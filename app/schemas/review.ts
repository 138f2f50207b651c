// Shared by the browser (Conform validates on submit) and the server (the action re-checks).
import { z } from 'zod'
import { incidentTypes } from '~/domain/vocabulary'

const isoDate = /^\d{4}-\d{2}-\d{2}$/

export const reviewFormSchema = z.object({
  title: z.string({ required_error: 'validation.titleRequired' }).trim().min(1, 'validation.titleRequired').max(200, 'validation.titleTooLong'),
  incidentType: z.enum(incidentTypes, {
    errorMap: () => ({ message: 'validation.incidentTypeRequired' }),
  }),
  incidentDate: z
    .string({ required_error: 'validation.incidentDateRequired' })
    .regex(isoDate, 'validation.incidentDateInvalid')
    .refine(v => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'validation.incidentDateInvalid')
    .refine(v => new Date(`${v}T00:00:00Z`).getTime() <= Date.now(), 'validation.incidentDateFuture'),
  summary: z.string().trim().max(20000, 'validation.summaryTooLong').optional().default(''),
})
export type ReviewForm = z.infer<typeof reviewFormSchema>
