// The staff-account permission table, written out by hand: every kind of actor x every
// account state x every operation. Letters are the states in which the cell is allowed:
// I invited, D drafting, F released to the facilitator, P released to the panel, W withdrawn.
import { describe, expect, test } from 'vitest'
import { accountOperations, canOnAccount, releaseAudienceFor, type AccountOperation, type AccountTarget, type Actor } from '~/domain/permissions'
import { accountStates, type AccountState } from '~/domain/staff-account'
import type { ReviewPhase, ReviewRole } from '~/domain/vocabulary'

const HOME = 'j-home'

type Who = {
  actor: Actor | null
  memberRole: ReviewRole | null
  isAuthor: boolean
}

const person = (overrides: Partial<Actor> = {}): Actor => ({ userId: 'u', jurisdictionId: HOME, isAdmin: false, active: true, ...overrides })

const actors = {
  author: { actor: person(), memberRole: 'staff_contributor', isAuthor: true },
  author_left_review: { actor: person(), memberRole: null, isAuthor: true },
  author_deactivated: { actor: person({ active: false }), memberRole: 'staff_contributor', isAuthor: true },
  other_staff: { actor: person(), memberRole: 'staff_contributor', isAuthor: false },
  facilitator: { actor: person(), memberRole: 'facilitator', isAuthor: false },
  panel_member: { actor: person(), memberRole: 'panel_member', isAuthor: false },
  qi_lead: { actor: person(), memberRole: 'qi_lead', isAuthor: false },
  observer: { actor: person(), memberRole: 'observer', isAuthor: false },
  admin: { actor: person({ isAdmin: true }), memberRole: null, isAuthor: false },
  admin_on_panel: { actor: person({ isAdmin: true }), memberRole: 'panel_member', isAuthor: false },
  non_member: { actor: person(), memberRole: null, isAuthor: false },
  other_jurisdiction_facilitator: { actor: person({ jurisdictionId: 'j-other', isAdmin: true }), memberRole: 'facilitator', isAuthor: false },
  anonymous: { actor: null, memberRole: null, isAuthor: false },
} satisfies Record<string, Who>
type ActorName = keyof typeof actors

const letter: Record<AccountState, string> = { invited: 'I', drafting: 'D', released_to_facilitator: 'F', released_to_panel: 'P', withdrawn: 'W' }

// In the staff-accounts phase, names visible to the facilitator (the default).
// Every actor not listed for an operation is refused in every state.
const expected: Record<AccountOperation, Partial<Record<ActorName, string>>> = {
  invite: { facilitator: 'IDFPW' },
  'read-draft': { author: 'IDFPW' },
  edit: { author: 'IDFP' },
  'connect-socket': { author: 'IDFP' },
  'release-to-facilitator': { author: 'IDFP' },
  'release-to-panel': { author: 'FP' },
  withdraw: { author: 'FP' },
  'request-withdrawal': {},
  'decide-withdrawal': { facilitator: 'FP' },
  'read-released': { author: 'FP', facilitator: 'FP', panel_member: 'P', qi_lead: 'P', admin_on_panel: 'P' },
  'see-real-name': { author: 'IDFPW', facilitator: 'IDFPW' },
  'list-states': { facilitator: 'IDFPW' },
  'quote-request': { facilitator: 'P', panel_member: 'P', qi_lead: 'P', admin_on_panel: 'P' },
  'approve-quote': { author: 'P' },
  // Exporting waits for approval (can()'s phase rule, issue 12): nothing in this phase.
  export: {},
}

function target(who: Who, state: AccountState, phase: ReviewPhase = 'staff_accounts', namesVisibleTo: 'facilitator' | 'nobody' = 'facilitator'): AccountTarget {
  return { jurisdictionId: HOME, memberRole: who.memberRole, isAuthor: who.isAuthor, state, reviewPhase: phase, namesVisibleTo }
}

function allowedStates(name: ActorName, operation: AccountOperation, phase?: ReviewPhase, names?: 'facilitator' | 'nobody'): string {
  const who = actors[name]
  return accountStates
    .filter(state => canOnAccount(who.actor, operation, target(who, state, phase, names)).allowed)
    .map(state => letter[state])
    .join('')
}

const actorNames = Object.keys(actors) as ActorName[]

test('the table covers every operation', () => {
  expect(Object.keys(expected).sort()).toEqual([...accountOperations].sort())
})

describe.each(accountOperations.map(op => [op] as const))('%s', operation => {
  test.each(actorNames.map(name => [name, expected[operation][name] ?? ''] as const))('%s -> "%s"', (name, states) => {
    expect(allowedStates(name, operation)).toBe(states)
  })
})

describe('by phase', () => {
  test('from analysis on, the author requests a withdrawal instead of withdrawing', () => {
    for (const phase of ['analysis', 'findings', 'approval', 'shared'] as const) {
      expect(allowedStates('author', 'withdraw', phase), phase).toBe('')
      expect(allowedStates('author', 'request-withdrawal', phase), phase).toBe('FP')
    }
    for (const phase of ['intake', 'preparation', 'staff_accounts', 'joint_review'] as const) {
      expect(allowedStates('author', 'withdraw', phase), phase).toBe('FP')
      expect(allowedStates('author', 'request-withdrawal', phase), phase).toBe('')
    }
  })

  test('an excerpt leaves only with an export: from approval on, the QI lead’s, from a panel release', () => {
    for (const phase of ['approval', 'shared'] as const) expect(allowedStates('qi_lead', 'export', phase), phase).toBe('P')
    for (const phase of ['intake', 'staff_accounts', 'analysis', 'findings'] as const) expect(allowedStates('qi_lead', 'export', phase), phase).toBe('')
    for (const name of ['author', 'facilitator', 'panel_member', 'admin_on_panel'] as const) expect(allowedStates(name, 'export', 'approval'), name).toBe('')
  })

  test('releasing and asking to quote close when findings go for approval', () => {
    for (const phase of ['approval', 'shared'] as const) {
      expect(allowedStates('author', 'release-to-facilitator', phase)).toBe('')
      expect(allowedStates('author', 'release-to-panel', phase)).toBe('')
      expect(allowedStates('qi_lead', 'quote-request', phase)).toBe('')
    }
    expect(allowedStates('author', 'release-to-facilitator', 'findings')).toBe('IDFP')
    expect(allowedStates('author', 'release-to-panel', 'findings')).toBe('FP')
  })

  test('the draft stays its author’s whatever the phase: nobody else ever reads or edits it', () => {
    for (const phase of ['intake', 'analysis', 'shared'] as const) {
      for (const name of actorNames) {
        const draft = name === 'author' ? 'IDFPW' : ''
        expect(allowedStates(name, 'read-draft', phase), `${name} ${phase}`).toBe(draft)
        expect(allowedStates(name, 'edit', phase), `${name} ${phase}`).toBe(name === 'author' ? 'IDFP' : '')
        expect(allowedStates(name, 'connect-socket', phase), `${name} ${phase}`).toBe(name === 'author' ? 'IDFP' : '')
      }
    }
  })
})

test('a jurisdiction that shows names to nobody hides them from the facilitator too', () => {
  expect(allowedStates('facilitator', 'see-real-name', 'staff_accounts', 'nobody')).toBe('')
  expect(allowedStates('author', 'see-real-name', 'staff_accounts', 'nobody')).toBe('IDFPW')
  expect(allowedStates('panel_member', 'see-real-name', 'staff_accounts', 'nobody')).toBe('')
})

test('refusals say why', () => {
  const at = (name: ActorName, op: AccountOperation, state: AccountState, phase?: ReviewPhase) =>
    canOnAccount(actors[name].actor, op, target(actors[name], state, phase))
  expect(at('anonymous', 'read-released', 'released_to_panel')).toEqual({ allowed: false, reason: 'anonymous' })
  expect(at('author_deactivated', 'edit', 'drafting')).toEqual({ allowed: false, reason: 'inactive' })
  expect(at('other_jurisdiction_facilitator', 'list-states', 'drafting')).toEqual({ allowed: false, reason: 'other-jurisdiction' })
  expect(at('facilitator', 'read-draft', 'drafting')).toEqual({ allowed: false, reason: 'not-granted' })
  expect(at('facilitator', 'read-released', 'drafting')).toEqual({ allowed: false, reason: 'wrong-state' })
  expect(at('author', 'release-to-panel', 'drafting')).toEqual({ allowed: false, reason: 'wrong-state' })
  expect(at('author', 'withdraw', 'released_to_panel', 'analysis')).toEqual({ allowed: false, reason: 'wrong-phase' })
  expect(at('author', 'release-to-facilitator', 'drafting', 'approval')).toEqual({ allowed: false, reason: 'wrong-phase' })
  expect(at('author', 'read-draft', 'withdrawn')).toEqual({ allowed: true })
})

test('which release each reader gets', () => {
  const audience = (name: ActorName, state: AccountState) => releaseAudienceFor(actors[name].actor, target(actors[name], state))
  expect(audience('facilitator', 'released_to_facilitator')).toBe('facilitator')
  expect(audience('facilitator', 'released_to_panel')).toBe('facilitator')
  expect(audience('panel_member', 'released_to_panel')).toBe('panel')
  expect(audience('qi_lead', 'released_to_panel')).toBe('panel')
  expect(audience('panel_member', 'released_to_facilitator')).toBeNull()
  expect(audience('observer', 'released_to_panel')).toBeNull()
  expect(audience('admin', 'released_to_panel')).toBeNull()
  expect(audience('facilitator', 'drafting')).toBeNull()
  expect(audience('facilitator', 'withdrawn')).toBeNull()
})
