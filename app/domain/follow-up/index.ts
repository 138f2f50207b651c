// Following a recommendation to its effect (docs/domain.md, "track whether actions worked"; ADR 0024).
// The owner records progress with a status; closing it (done or not done) is final for the
// owner. Done asks for the date at which its effect will be judged; the QI lead then records
// whether the measure shows it worked. "Too early" keeps it waiting, with a new date.
import { z } from 'zod'
import { isCalendarDate } from '../review-doc/calendar-dates'
import { recommendationStrengths, type RecommendationStatus, type RecommendationStrength } from '../vocabulary'
import { dayNumber, parseTimelineDate } from '../workflow/calendar'

export const progressStatuses = ['not_started', 'in_progress', 'done', 'not_done'] as const
export type ProgressStatus = (typeof progressStatuses)[number]

export const evaluationOutcomes = ['effective', 'not_effective', 'too_early'] as const
export type EvaluationOutcome = (typeof evaluationOutcomes)[number]

/** Where a recommendation stands, from the owner's and the QI lead's last word. */
export type FollowUpState = ProgressStatus | 'effective' | 'not_effective'
export const followUpStates: readonly FollowUpState[] = ['not_started', 'in_progress', 'done', 'not_done', 'effective', 'not_effective']

const calendarDate = z
  .string({ required_error: 'followUp.errors.dateRequired' })
  .trim()
  .refine(v => /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v), 'followUp.errors.dateInvalid')

const note = z.string().trim().max(4000, 'followUp.errors.noteTooLong')

export const progressInputSchema = z
  .object({
    status: z.enum(progressStatuses, { errorMap: () => ({ message: 'followUp.errors.statusRequired' }) }),
    note: note.default(''),
    evaluateOn: z.string().trim().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.status === 'not_done' && input.note === '') ctx.addIssue({ code: 'custom', path: ['note'], message: 'followUp.errors.reasonRequired' })
    if (input.status === 'done') {
      const parsed = calendarDate.safeParse(input.evaluateOn ?? '')
      if (!input.evaluateOn) ctx.addIssue({ code: 'custom', path: ['evaluateOn'], message: 'followUp.errors.evaluateOnRequired' })
      else if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['evaluateOn'], message: 'followUp.errors.dateInvalid' })
    }
  })
  .transform(input => ({ ...input, evaluateOn: input.status === 'done' ? (input.evaluateOn ?? null) : null }))
export type ProgressInput = z.output<typeof progressInputSchema>

export const evaluationInputSchema = z
  .object({
    outcome: z.enum(evaluationOutcomes, { errorMap: () => ({ message: 'followUp.errors.outcomeRequired' }) }),
    evidence: note.min(1, 'followUp.errors.evidenceRequired'),
    evaluateOn: z.string().trim().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.outcome !== 'too_early') return
    if (!input.evaluateOn) ctx.addIssue({ code: 'custom', path: ['evaluateOn'], message: 'followUp.errors.evaluateOnRequired' })
    else if (!calendarDate.safeParse(input.evaluateOn).success) ctx.addIssue({ code: 'custom', path: ['evaluateOn'], message: 'followUp.errors.dateInvalid' })
  })
  .transform(input => ({ ...input, evaluateOn: input.outcome === 'too_early' ? (input.evaluateOn ?? null) : null }))
export type EvaluationInput = z.output<typeof evaluationInputSchema>

export type FollowUpEntry =
  | { kind: 'progress'; status: ProgressStatus; note: string; evaluateOn: string | null; at: string; authorName: string | null }
  | { kind: 'evaluation'; outcome: EvaluationOutcome; note: string; evaluateOn: string | null; at: string; authorName: string | null }

/** Before any entry, the document's status says where it stands (set in the workspace). */
export function stateFromDocumentStatus(status: RecommendationStatus): FollowUpState {
  switch (status) {
    case 'proposed':
    case 'accepted':
      return 'not_started'
    case 'in_progress':
      return 'in_progress'
    case 'done':
      return 'done'
    case 'verified_effective':
      return 'effective'
    case 'verified_not_effective':
      return 'not_effective'
  }
}

/** The status the review document gets, so the workspace and the checklists agree. */
export function documentStatusFor(state: FollowUpState): RecommendationStatus {
  switch (state) {
    case 'not_started':
    case 'not_done':
      // Accepted but not (or no longer) being carried out; the reason is in the history.
      return 'accepted'
    case 'in_progress':
      return 'in_progress'
    case 'done':
      return 'done'
    case 'effective':
      return 'verified_effective'
    case 'not_effective':
      return 'verified_not_effective'
  }
}

export type FollowUpSummary = {
  state: FollowUpState
  /** When the effect is to be judged: set when done, moved on by "too early". */
  evaluateOn: string | null
  /** Done, not yet judged effective or not. */
  awaitingEvaluation: boolean
}

/** Entries oldest first. */
export function summarise(entries: readonly FollowUpEntry[], documentStatus: RecommendationStatus): FollowUpSummary {
  let state = stateFromDocumentStatus(documentStatus)
  let evaluateOn: string | null = null
  for (const entry of entries) {
    if (entry.kind === 'progress') {
      state = entry.status
      evaluateOn = entry.status === 'done' ? entry.evaluateOn : null
    } else if (entry.outcome === 'too_early') {
      state = 'done'
      evaluateOn = entry.evaluateOn
    } else {
      state = entry.outcome
      evaluateOn = null
    }
  }
  return { state, evaluateOn, awaitingEvaluation: state === 'done' }
}

/** The owner may move it while it is open; done or not done is for the QI lead to take further. */
export function ownerMayUpdate(state: FollowUpState): boolean {
  return state === 'not_started' || state === 'in_progress'
}

export function mayEvaluate(state: FollowUpState): boolean {
  return state === 'done'
}

export function isClosed(state: FollowUpState): boolean {
  return state === 'done' || state === 'not_done' || state === 'effective' || state === 'not_effective'
}

export type TrackedRow = {
  dueDate: string | null
  state: FollowUpState
  evaluateOn: string | null
}

function dayOf(date: string | null): number | null {
  return date ? (parseTimelineDate(date)?.day ?? null) : null
}

export function isOverdueRow(row: TrackedRow, today: string): boolean {
  const due = dayOf(row.dueDate)
  return !isClosed(row.state) && due !== null && due < dayNumber(today)
}

/** Done and its evaluation date reached (or none set): the QI lead has something to judge. */
export function isEvaluationDue(row: TrackedRow, today: string): boolean {
  if (row.state !== 'done') return false
  const on = dayOf(row.evaluateOn)
  return on === null || on <= dayNumber(today)
}

/**
 * The tracker's order: overdue first (longest overdue at the top), then done but not yet
 * evaluated (evaluation due first), then open by due date, open undated, and the closed ones.
 * Ties keep input order.
 */
export function sortTracked<T extends TrackedRow>(rows: readonly T[], today: string): T[] {
  const todayDay = dayNumber(today)
  return rows
    .map((row, index) => {
      const due = dayOf(row.dueDate)
      let group: number
      let key = due ?? Number.POSITIVE_INFINITY
      if (isOverdueRow(row, today)) group = 0
      else if (row.state === 'done') {
        group = 1
        key = dayOf(row.evaluateOn) ?? Number.NEGATIVE_INFINITY
      } else if (!isClosed(row.state)) group = due === null ? 3 : 2
      else group = 4
      return { row, index, group, key: group === 0 ? (due ?? todayDay) : key }
    })
    .sort((a, b) => a.group - b.group || a.key - b.key || a.index - b.index)
    .map(e => e.row)
}

// ------------------------------------------------------------------ filters and search

export const trackerFilterSchema = z.object({
  review: z.string().trim().max(100).optional().catch(undefined),
  owner: z.string().trim().max(100).optional().catch(undefined),
  state: z
    .enum(followUpStates as [FollowUpState, ...FollowUpState[]])
    .optional()
    .catch(undefined),
  strength: z.enum(recommendationStrengths).optional().catch(undefined),
  value: z.string().trim().max(60).optional().catch(undefined),
  domain: z.string().trim().max(60).optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
})
export type TrackerFilter = z.infer<typeof trackerFilterSchema>

/** Reads filters from a query string; anything unreadable is simply not applied. */
export function parseTrackerFilter(params: URLSearchParams): TrackerFilter {
  const raw: Record<string, string> = {}
  for (const key of Object.keys(trackerFilterSchema.shape)) {
    const value = params.get(key)
    if (value !== null && value.trim() !== '') raw[key] = value
  }
  return trackerFilterSchema.parse(raw)
}

export type FilterableRow = TrackedRow & {
  reviewId: string
  reviewTitle: string
  text: string
  measure: string | null
  strength: RecommendationStrength
  ownerUserId: string | null
  ownerName: string | null
  values: readonly string[]
  domains: readonly string[]
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()

export function applyTrackerFilter<T extends FilterableRow>(rows: readonly T[], filter: TrackerFilter, today: string): T[] {
  const q = filter.q ? fold(filter.q) : null
  return rows.filter(
    row =>
      (!filter.review || row.reviewId === filter.review) &&
      (!filter.owner || row.ownerUserId === filter.owner) &&
      (!filter.state || row.state === filter.state) &&
      (!filter.strength || row.strength === filter.strength) &&
      (!filter.value || row.values.includes(filter.value)) &&
      (!filter.domain || row.domains.includes(filter.domain)) &&
      (!filter.overdue || isOverdueRow(row, today)) &&
      (!q || [row.text, row.measure ?? '', row.reviewTitle, row.ownerName ?? ''].some(s => fold(s).includes(q))),
  )
}

// ------------------------------------------------------------------ by strength

export type StrengthOutcomes = { strength: RecommendationStrength; total: number; completed: number; effective: number; notEffective: number }

/**
 * Counts per strength for "do stronger actions work more often?": completed counts everything
 * done (judged or not); effective / not effective only judged ones.
 */
export function outcomesByStrength(rows: readonly { strength: RecommendationStrength; state: FollowUpState }[]): StrengthOutcomes[] {
  return recommendationStrengths.map(strength => {
    const of = rows.filter(r => r.strength === strength)
    const count = (...states: FollowUpState[]) => of.filter(r => states.includes(r.state)).length
    return {
      strength,
      total: of.length,
      completed: count('done', 'effective', 'not_effective'),
      effective: count('effective'),
      notEffective: count('not_effective'),
    }
  })
}
