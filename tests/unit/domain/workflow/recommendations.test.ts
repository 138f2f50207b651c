import { describe, expect, it } from 'vitest'
import { isOverdue, recommendationStrengthExamples, sortTrackerRows, strengthNudge } from '~/domain/workflow/recommendations'
import { recommendationStrengths, type RecommendationStatus } from '~/domain/vocabulary'

describe('recommendationStrengthExamples', () => {
  it('has a few examples per strength in both languages', () => {
    for (const strength of recommendationStrengths) {
      const examples = recommendationStrengthExamples[strength]
      expect(examples.length).toBeGreaterThanOrEqual(3)
      for (const example of examples) {
        expect(example.en.trim()).not.toBe('')
        expect(example.fr.trim()).not.toBe('')
        expect(example.fr).not.toBe(example.en)
      }
    }
  })
})

describe('strengthNudge', () => {
  it('says nothing without recommendations or without rated ones', () => {
    expect(strengthNudge([])).toBeNull()
    expect(strengthNudge([{ strength: null }, {}])).toBeNull()
  })

  it('says nothing once there is a stronger action', () => {
    expect(strengthNudge([{ strength: 'weaker' }, { strength: 'stronger' }])).toBeNull()
  })

  it('nudges when every rated action is weaker', () => {
    const nudge = strengthNudge([{ strength: 'weaker' }, { strength: 'weaker' }, { strength: null }])
    expect(nudge?.key).toBe('recommendations.allWeaker')
    expect(nudge?.params).toEqual({ total: 3, weaker: 2, intermediate: 0, unrated: 1 })
    expect(nudge?.examples).toBe(recommendationStrengthExamples.stronger)
  })

  it('nudges more softly when there are intermediate actions but no stronger one', () => {
    const nudge = strengthNudge([{ strength: 'intermediate' }, { strength: 'weaker' }])
    expect(nudge?.key).toBe('recommendations.noStrongerAction')
    expect(nudge?.message).toMatch(/stronger action/)
  })
})

describe('tracker', () => {
  const row = (id: string, dueDate: string | null, status: RecommendationStatus = 'in_progress') => ({ id, dueDate, status })
  const today = '2025-07-01'

  it('knows what is overdue: past due and not finished', () => {
    expect(isOverdue(row('a', '2025-06-30'), today)).toBe(true)
    expect(isOverdue(row('a', '2025-07-01'), today)).toBe(false)
    expect(isOverdue(row('a', '2025-06-30', 'done'), today)).toBe(false)
    expect(isOverdue(row('a', '2025-06-30', 'verified_not_effective'), today)).toBe(false)
    expect(isOverdue(row('a', null), today)).toBe(false)
    expect(isOverdue(row('a', 'soon'), today)).toBe(false)
  })

  it('puts overdue rows first, longest overdue on top, then by due date, undated, finished', () => {
    const rows = [
      row('later', '2025-12-01'),
      row('done-early', '2025-01-01', 'done'),
      row('undated', null, 'proposed'),
      row('overdue-recent', '2025-06-30'),
      row('soon', '2025-07-01', 'accepted'),
      row('overdue-old', '2025-03-01', 'proposed'),
      row('done-late', '2025-08-01', 'verified_effective'),
    ]
    expect(sortTrackerRows(rows, today).map(r => r.id)).toEqual(['overdue-old', 'overdue-recent', 'soon', 'later', 'undated', 'done-early', 'done-late'])
  })

  it('keeps input order for ties and does not touch the input', () => {
    const rows = [row('b', '2025-08-01'), row('a', '2025-08-01'), row('c', null), row('d', '')]
    const copy = [...rows]
    expect(sortTrackerRows(rows, today).map(r => r.id)).toEqual(['b', 'a', 'c', 'd'])
    expect(rows).toEqual(copy)
  })
})
