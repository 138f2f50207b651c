// Shared by the browser (Conform validates on submit) and the server (the action re-checks).
import { z } from 'zod'
import { staffReviewRoles } from '~/domain/vocabulary'

export const addMemberSchema = z.object({
  intent: z.literal('add'),
  email: z.string({ required_error: 'validation.emailRequired' }).trim().toLowerCase().email('validation.emailInvalid'),
  role: z.enum(staffReviewRoles, { errorMap: () => ({ message: 'validation.roleRequired' }) }),
  communityRepresentative: z
    .literal('on')
    .optional()
    .transform(v => v === 'on'),
})
export const removeMemberSchema = z.object({
  intent: z.literal('remove'),
  memberId: z.string().min(1),
})
/** Marks (or unmarks) a member as the panel's community representative. */
export const communityRepresentativeSchema = z.object({
  intent: z.literal('community-representative'),
  memberId: z.string().min(1),
  value: z.enum(['yes', 'no']),
})
export const memberActionSchema = z.discriminatedUnion('intent', [addMemberSchema, removeMemberSchema, communityRepresentativeSchema])
