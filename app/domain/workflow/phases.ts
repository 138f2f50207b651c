// How a review moves through its phases (docs/domain.md "How a review runs"), and what is worth
// checking in each. Checklists inform the facilitator; they never block a move: a review that
// must meet a statutory deadline cannot be held hostage by an unticked box, and the panel may
// have good reasons (e.g. no staff account was offered) that a rule cannot know.
import {
  reviewPhases,
  type CoreValue,
  type FindingStatus,
  type PersonRole,
  type RecommendationStatus,
  type RecommendationStrength,
  type ReviewPhase,
  type ReviewRole,
} from '../vocabulary'

export type MoveProblem = 'same_phase' | 'skips_phases' | 'reason_required' | 'unknown_phase'

export type MoveCheck = { allowed: true; direction: 'forward' | 'back' } | { allowed: false; problem: MoveProblem }

export function phaseIndex(phase: ReviewPhase): number {
  return reviewPhases.indexOf(phase)
}

export function nextPhase(phase: ReviewPhase): ReviewPhase | null {
  return reviewPhases[phaseIndex(phase) + 1] ?? null
}

/**
 * Forward exactly one phase at a time (each phase's work feeds the next), or back any number
 * of phases when someone says why: reopening is normal (new records arrive, a staff account
 * changes the picture) but the reason belongs in the review's history.
 */
export function canMove(from: ReviewPhase, to: ReviewPhase, reason?: string): MoveCheck {
  const fromIndex = phaseIndex(from)
  const toIndex = phaseIndex(to)
  if (fromIndex < 0 || toIndex < 0) return { allowed: false, problem: 'unknown_phase' }
  if (toIndex === fromIndex) return { allowed: false, problem: 'same_phase' }
  if (toIndex > fromIndex) {
    return toIndex === fromIndex + 1 ? { allowed: true, direction: 'forward' } : { allowed: false, problem: 'skips_phases' }
  }
  return reason !== undefined && reason.trim() !== '' ? { allowed: true, direction: 'back' } : { allowed: false, problem: 'reason_required' }
}

/** Where a staff account stands; the author decides every step after 'drafting'. */
export type AccountState = 'invited' | 'drafting' | 'released_to_facilitator' | 'released_to_panel' | 'withdrawn'

/**
 * What the rapid safety check for siblings found (docs/domain.md, intake). "no_siblings" is a
 * recorded answer too: the facilitator confirmed there is no other child to check on.
 */
export const siblingCheckOutcomes = ['no_concerns', 'concerns_acted_on', 'no_siblings'] as const
export type SiblingCheckOutcome = (typeof siblingCheckOutcomes)[number]

/** What the checklists need to know about a review, whatever stores it. */
export interface ReviewSnapshot {
  incidentDate?: string | null
  memberRoles: readonly ReviewRole[]
  /** Whether the rapid safety check for siblings (intake) is recorded; undefined when not tracked. */
  siblingSafetyCheckDone?: boolean
  eventCount: number
  hasIncidentEvent: boolean
  personRoles?: readonly PersonRole[]
  accountStates?: readonly AccountState[]
  keyEpisodeCount?: number
  /** When the child is Indigenous, the panel includes a community representative (docs/domain.md). */
  childIsIndigenous?: boolean
  hasCommunityRepresentative?: boolean
  unmetNeedCount?: number
  ratedFactorCount?: number
  findings: readonly { valueTags: readonly (CoreValue | string)[]; status: FindingStatus }[]
  recommendations: readonly {
    owner?: string | null
    dueDate?: string | null
    measure?: string | null
    strength?: RecommendationStrength | null
    status?: RecommendationStatus
  }[]
  findingsApproved?: boolean
  /** De-identification candidates nobody has yet accepted or dismissed. */
  unresolvedResiduals?: number
  deidentifiedTextApproved?: boolean
  staffToldWhatChanged?: boolean
  /** The partner agencies whose people are on the panel (ADR 0039); undefined when not tracked. */
  partnerAgencies?: readonly string[]
  /** Whether a family member or community representative was invited or heard (ADR 0038). */
  familyInvited?: boolean
}

export type ChecklistParams = Record<string, string | number>

export interface ChecklistItem {
  /** i18n key, see checklistMessages. */
  key: ChecklistKey
  params: ChecklistParams
  done: boolean
  /** Plain English, for logs and tests; the interface translates `key`. */
  label: string
}

/** Every checklist key with its English wording; `{name}` marks a parameter. */
export const checklistMessages = {
  'checklist.intake.facilitatorAssigned': 'A facilitator is assigned',
  'checklist.intake.incidentDateSet': 'The incident date is set',
  'checklist.intake.siblingSafetyCheck': 'The rapid safety check for siblings is recorded',
  'checklist.preparation.timelineHasEvents': 'The timeline has events',
  'checklist.preparation.timelineHasIncident': 'The timeline has an incident event',
  'checklist.preparation.registryHasChild': 'The people registry includes the child',
  'checklist.staffAccounts.staffInvited': 'Staff are invited to give an account',
  'checklist.staffAccounts.accountsReleased': '{released} of {invited} accounts released to the facilitator or panel',
  'checklist.jointReview.panelAssembled': 'Panel members have joined the review',
  'checklist.jointReview.communityRepresentative': 'A community representative is on the panel (the child is Indigenous)',
  'checklist.jointReview.keyEpisodesMarked': 'Key practice episodes are marked on the timeline',
  'checklist.jointReview.partnerAgencies': 'Partner agencies took part ({agencies})',
  'checklist.jointReview.familyHeard': 'The family or community was invited to contribute',
  'checklist.analysis.unmetNeedRecorded': 'At least one unmet need is recorded',
  'checklist.analysis.factorsRated': 'Systemic factors are rated',
  'checklist.findings.findingWritten': 'At least one finding is written',
  'checklist.findings.findingsValueTagged': 'Every finding is tagged with at least one core value',
  'checklist.findings.findingsAgreed': 'Every finding is agreed',
  'checklist.findings.recommendationsComplete': 'Every recommendation has an owner, a due date and a measure',
  'checklist.findings.recommendationsRated': 'Every recommendation has a strength',
  'checklist.approval.findingsApproved': 'Findings are approved',
  'checklist.approval.residualsResolved': 'No de-identification candidates are left unresolved',
  'checklist.approval.deidentifiedTextApproved': 'The de-identified text is approved by a person',
  'checklist.shared.recommendationsTracked': 'Every recommendation is being tracked beyond "proposed"',
  'checklist.shared.staffToldWhatChanged': 'Staff are told what changed',
} as const

export type ChecklistKey = keyof typeof checklistMessages
export const checklistKeys = Object.keys(checklistMessages) as ChecklistKey[]

function item(key: ChecklistKey, done: boolean, params: ChecklistParams = {}): ChecklistItem {
  const label = checklistMessages[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole))
  return { key, params, done, label }
}

/** "Every X is ..." is only done when there is at least one X: an empty list proves nothing. */
function everyOf<T>(list: readonly T[], test: (value: T) => boolean): boolean {
  return list.length > 0 && list.every(test)
}

function present(value: string | null | undefined): boolean {
  return value !== undefined && value !== null && value.trim() !== ''
}

const released: readonly AccountState[] = ['released_to_facilitator', 'released_to_panel']

const checklists: Record<ReviewPhase, (s: ReviewSnapshot) => ChecklistItem[]> = {
  intake: s => [
    item('checklist.intake.facilitatorAssigned', s.memberRoles.includes('facilitator')),
    item('checklist.intake.incidentDateSet', present(s.incidentDate)),
    item('checklist.intake.siblingSafetyCheck', s.siblingSafetyCheckDone === true),
  ],
  preparation: s => [
    item('checklist.preparation.timelineHasEvents', s.eventCount > 0),
    item('checklist.preparation.timelineHasIncident', s.hasIncidentEvent),
    item('checklist.preparation.registryHasChild', (s.personRoles ?? []).includes('child')),
  ],
  staff_accounts: s => {
    const accounts = s.accountStates ?? []
    const releasedCount = accounts.filter(state => released.includes(state)).length
    return [
      item('checklist.staffAccounts.staffInvited', accounts.length > 0 || s.memberRoles.includes('staff_contributor')),
      // Informative only: releasing an account is the author's choice, never the facilitator's.
      item('checklist.staffAccounts.accountsReleased', releasedCount > 0, { released: releasedCount, invited: accounts.length }),
    ]
  },
  joint_review: s => [
    item('checklist.jointReview.panelAssembled', s.memberRoles.includes('panel_member')),
    ...(s.childIsIndigenous === true ? [item('checklist.jointReview.communityRepresentative', s.hasCommunityRepresentative === true)] : []),
    item('checklist.jointReview.keyEpisodesMarked', (s.keyEpisodeCount ?? 0) > 0),
    // A review hears the other agencies that served the family and the family itself
    // (docs/domain.md); informative, like every item.
    ...(s.partnerAgencies !== undefined
      ? [
          item('checklist.jointReview.partnerAgencies', s.partnerAgencies.length > 0, {
            agencies: s.partnerAgencies.length > 0 ? s.partnerAgencies.join(', ') : '0',
          }),
        ]
      : []),
    ...(s.familyInvited !== undefined ? [item('checklist.jointReview.familyHeard', s.familyInvited)] : []),
  ],
  analysis: s => [
    item('checklist.analysis.unmetNeedRecorded', (s.unmetNeedCount ?? 0) > 0),
    item('checklist.analysis.factorsRated', (s.ratedFactorCount ?? 0) > 0),
  ],
  findings: s => [
    item('checklist.findings.findingWritten', s.findings.length > 0),
    item(
      'checklist.findings.findingsValueTagged',
      everyOf(s.findings, f => f.valueTags.length > 0),
    ),
    item(
      'checklist.findings.findingsAgreed',
      everyOf(s.findings, f => f.status === 'agreed'),
    ),
    item(
      'checklist.findings.recommendationsComplete',
      everyOf(s.recommendations, r => present(r.owner) && present(r.dueDate) && present(r.measure)),
    ),
    item(
      'checklist.findings.recommendationsRated',
      everyOf(s.recommendations, r => r.strength != null),
    ),
  ],
  approval: s => [
    item('checklist.approval.findingsApproved', s.findingsApproved === true),
    item('checklist.approval.residualsResolved', s.unresolvedResiduals === 0),
    item('checklist.approval.deidentifiedTextApproved', s.deidentifiedTextApproved === true),
  ],
  shared: s => [
    item(
      'checklist.shared.recommendationsTracked',
      everyOf(s.recommendations, r => r.status !== undefined && r.status !== 'proposed'),
    ),
    item('checklist.shared.staffToldWhatChanged', s.staffToldWhatChanged === true),
  ],
}

/** What to look at before leaving `phase`. Never blocking: see the note at the top. */
export function phaseChecklist(phase: ReviewPhase, snapshot: ReviewSnapshot): ChecklistItem[] {
  return checklists[phase](snapshot)
}

/** The items still open, as stored with a phase move (keys and parameters, never labels). */
export function openChecklistItems(checklist: readonly ChecklistItem[]): { key: ChecklistKey; params: ChecklistParams }[] {
  return checklist.filter(item => !item.done).map(({ key, params }) => ({ key, params }))
}
