// The actions of a staff account's page (reviews.$reviewId_.accounts_.$accountId.tsx), told
// apart by `intent` and parsed with Conform like the other routes. Server-only: the schemas
// build on the models' own.
import { z } from 'zod'
import type { AccountOperation } from '~/domain/permissions'
import { quoteDecisionSchema } from './quote-consent.server'
import { withdrawalRequestSchema } from './staff-account.server'

export const accountActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('release'), audience: z.enum(['facilitator', 'panel']).catch('facilitator'), hash: z.string().default('') }),
  z.object({ intent: z.literal('withdraw') }),
  withdrawalRequestSchema,
  z.object({ intent: z.literal('grant-withdrawal') }),
  z.object({ intent: z.literal('decline-withdrawal') }),
  quoteDecisionSchema,
])
export type AccountIntent = z.infer<typeof accountActionSchema>['intent']

/** The form's intent if it is one of this page's, else null. */
function accountIntent(intent: unknown): AccountIntent | null {
  const known = accountActionSchema.options.map(option => option.shape.intent.value)
  return known.find(value => value === intent) ?? null
}

/** Who may do what is asked before anything is said about the form. */
export function operationForAccountAction(intent: unknown, audience: unknown): AccountOperation | null {
  switch (accountIntent(intent)) {
    case 'release':
      return audience === 'panel' ? 'release-to-panel' : 'release-to-facilitator'
    case 'withdraw':
      return 'withdraw'
    case 'request-withdrawal':
      return 'request-withdrawal'
    case 'grant-withdrawal':
    case 'decline-withdrawal':
      return 'decide-withdrawal'
    case 'decide-quote':
      return 'approve-quote'
    default:
      return null
  }
}

const invalidMessage: Partial<Record<AccountIntent, string>> = {
  'request-withdrawal': 'accounts.errors.reasonTooLong',
  'decide-quote': 'accounts.errors.noSuchQuote',
}

/** What an invalid form of this intent is told (after the permission check passed). */
export const invalidAccountAction = (intent: unknown) => {
  const known = accountIntent(intent)
  return (known && invalidMessage[known]) ?? 'validation.invalid'
}
