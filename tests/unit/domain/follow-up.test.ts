import { describe, expect, test } from 'vitest'
import {
  applyTrackerFilter,
  documentStatusFor,
  evaluationInputSchema,
  followUpStates,
  isEvaluationDue,
  isOverdueRow,
  outcomesByStrength,
  parseTrackerFilter,
  progressInputSchema,
  sortTracked,
  stateFromDocumentStatus,
  summarise,
  type FollowUpEntry,
  type FilterableRow,
} from '~/domain/follow-up'
import { trackerCsv } from '~/domain/follow-up/report'

const progress = (status: 'not_started' | 'in_progress' | 'done' | 'not_done', evaluateOn: string | null = null): FollowUpEntry => ({
  kind: 'progress',
  status,
  note: '',
  evaluateOn,
  at: '2026-01-01T00:00:00Z',
  authorName: null,
})
const evaluation = (outcome: 'effective' | 'not_effective' | 'too_early', evaluateOn: string | null = null): FollowUpEntry => ({
  kind: 'evaluation',
  outcome,
  note: 'evidence',
  evaluateOn,
  at: '2026-02-01T00:00:00Z',
  authorName: null,
})

describe('where a recommendation stands', () => {
  test('from the document before any entry, then from the last word', () => {
    expect(summarise([], 'proposed').state).toBe('not_started')
    expect(summarise([], 'verified_effective').state).toBe('effective')
    expect(summarise([progress('in_progress')], 'proposed')).toEqual({ state: 'in_progress', evaluateOn: null, awaitingEvaluation: false })
    expect(summarise([progress('in_progress'), progress('done', '2026-06-01')], 'in_progress')).toEqual({
      state: 'done',
      evaluateOn: '2026-06-01',
      awaitingEvaluation: true,
    })
    expect(summarise([progress('done', '2026-06-01'), evaluation('too_early', '2026-12-01')], 'done')).toEqual({
      state: 'done',
      evaluateOn: '2026-12-01',
      awaitingEvaluation: true,
    })
    expect(summarise([progress('done', '2026-06-01'), evaluation('not_effective')], 'done')).toEqual({
      state: 'not_effective',
      evaluateOn: null,
      awaitingEvaluation: false,
    })
  })

  test('the document status written for each state reads back as the same state, except not done', () => {
    for (const state of followUpStates) {
      const back = stateFromDocumentStatus(documentStatusFor(state))
      expect(back).toBe(state === 'not_done' ? 'not_started' : state)
    }
  })
})

describe('what the owner and the QI lead must give', () => {
  test('done needs a real evaluation date; not done needs a reason', () => {
    expect(progressInputSchema.safeParse({ status: 'done' }).success).toBe(false)
    expect(progressInputSchema.safeParse({ status: 'done', evaluateOn: '2026-02-30' }).success).toBe(false)
    expect(progressInputSchema.parse({ status: 'done', evaluateOn: '2026-03-01' })).toEqual({ status: 'done', note: '', evaluateOn: '2026-03-01' })
    expect(progressInputSchema.safeParse({ status: 'not_done', note: '   ' }).success).toBe(false)
    // A date given with another status is not kept.
    expect(progressInputSchema.parse({ status: 'in_progress', evaluateOn: '2026-03-01' }).evaluateOn).toBeNull()
    expect(progressInputSchema.safeParse({ status: 'finished' }).success).toBe(false)
  })
  test('an evaluation needs evidence, and "too early" a next date', () => {
    expect(evaluationInputSchema.safeParse({ outcome: 'effective', evidence: '' }).success).toBe(false)
    expect(evaluationInputSchema.safeParse({ outcome: 'too_early', evidence: 'one month' }).success).toBe(false)
    expect(evaluationInputSchema.parse({ outcome: 'too_early', evidence: 'one month', evaluateOn: '2026-09-01' }).evaluateOn).toBe('2026-09-01')
  })
})

describe('the tracker', () => {
  const today = '2026-06-15'
  const row = (id: string, dueDate: string | null, state: FilterableRow['state'], evaluateOn: string | null = null) => ({ id, dueDate, state, evaluateOn })
  test('overdue first, then done awaiting evaluation, then open by due date, undated, settled', () => {
    const rows = [
      row('settled', '2020-01-01', 'effective'),
      row('undated', null, 'in_progress'),
      row('later', '2026-12-01', 'not_started'),
      row('awaiting-late', '2026-01-01', 'done', '2026-09-01'),
      row('awaiting-due', '2026-01-01', 'done', '2026-05-01'),
      row('overdue-recent', '2026-06-01', 'in_progress'),
      row('overdue-old', '2026-01-01', 'not_started'),
      row('not-done', '2020-01-01', 'not_done'),
    ]
    expect(sortTracked(rows, today).map(r => r.id)).toEqual([
      'overdue-old',
      'overdue-recent',
      'awaiting-due',
      'awaiting-late',
      'later',
      'undated',
      'settled',
      'not-done',
    ])
    expect(isOverdueRow(row('x', '2026-01-01', 'done'), today)).toBe(false)
    expect(isEvaluationDue(row('x', null, 'done', '2026-05-01'), today)).toBe(true)
    expect(isEvaluationDue(row('x', null, 'done', '2026-07-01'), today)).toBe(false)
  })

  test('filters and search; unreadable filters are ignored', () => {
    const base = {
      reviewId: 'r1',
      reviewTitle: 'Infant review',
      measure: null,
      ownerName: 'Avery Owner',
      ownerUserId: 'u1',
      values: ['systems_focused'],
      domains: ['workload'],
      evaluateOn: null,
    }
    const rows: FilterableRow[] = [
      { ...base, text: 'Cap caseloads in the système', strength: 'stronger', dueDate: '2026-01-01', state: 'in_progress' },
      { ...base, reviewId: 'r2', text: 'Memo', strength: 'weaker', dueDate: null, state: 'done', ownerUserId: null, ownerName: null, values: [], domains: [] },
    ]
    const filter = (query: string) => applyTrackerFilter(rows, parseTrackerFilter(new URLSearchParams(query)), today).map(r => r.text)
    expect(filter('q=SYSTEME')).toEqual(['Cap caseloads in the système'])
    expect(filter('strength=weaker')).toEqual(['Memo'])
    expect(filter('strength=bogus&state=nope')).toHaveLength(2)
    expect(filter('owner=u1&value=systems_focused&domain=workload&review=r1&overdue=1')).toEqual(['Cap caseloads in the système'])
    expect(filter('state=done')).toEqual(['Memo'])
  })

  test('outcomes by strength count completion and judgement', () => {
    const o = outcomesByStrength([
      { strength: 'stronger', state: 'effective' },
      { strength: 'stronger', state: 'done' },
      { strength: 'stronger', state: 'in_progress' },
      { strength: 'weaker', state: 'not_effective' },
    ])
    expect(o).toEqual([
      { strength: 'stronger', total: 3, completed: 2, effective: 1, notEffective: 0 },
      { strength: 'intermediate', total: 0, completed: 0, effective: 0, notEffective: 0 },
      { strength: 'weaker', total: 1, completed: 1, effective: 0, notEffective: 1 },
    ])
  })

  test('the CSV neutralises formulas', () => {
    const csv = trackerCsv([
      {
        reviewTitle: '@review',
        text: '=1+1',
        strength: 'stronger',
        owner: '+owner',
        dueDate: null,
        measure: '-x',
        state: 'done',
        overdue: false,
        awaitingEvaluation: true,
        evaluateOn: '2026-01-01',
        lastNote: null,
      },
    ])
    expect(csv.split('\r\n')[1]).toBe(`'@review,'=1+1,stronger,'+owner,,'-x,done,false,true,2026-01-01,`)
  })
})
