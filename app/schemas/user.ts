// Shared by the browser (Conform validates on submit) and the server (the action re-checks).
import { z } from 'zod'

export const passwordSchema = z
  .string({ required_error: 'validation.passwordRequired' })
  .min(12, 'validation.passwordTooShort')
  .max(200, 'validation.passwordTooLong')

export const newUserSchema = z.object({
  intent: z.literal('create'),
  email: z.string({ required_error: 'validation.emailRequired' }).trim().toLowerCase().email('validation.emailInvalid').max(200),
  name: z.string({ required_error: 'validation.nameRequired' }).trim().min(1, 'validation.nameRequired').max(120, 'validation.nameTooLong'),
  isAdmin: z
    .union([z.literal('on'), z.literal('true')])
    .optional()
    .transform(v => Boolean(v)),
})
export const deactivateUserSchema = z.object({ intent: z.literal('deactivate'), userId: z.string().min(1) })
export const userActionSchema = z.discriminatedUnion('intent', [newUserSchema, deactivateUserSchema])
