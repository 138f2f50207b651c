import { describe, expect, it } from 'vitest'
import { defaultPracticeStandards, parsePracticeStandards, type PracticeStandardsInput } from '~/domain/standards'

const minimal: PracticeStandardsInput = {
  id: 'jurisdiction-x',
  name: 'Jurisdiction X practice standards',
  visits: { stages: ['engagement'] },
  rules: [{ id: 'plan-by-visit-2', kind: 'by_visit', stage: 'safety_plan', visit: 2 }],
}

function problems(input: unknown): string[] {
  const result = parsePracticeStandards(input)
  return result.ok ? [] : result.problems.map(p => `${p.path}: ${p.message}`)
}

describe('PracticeStandards as data', () => {
  it('round-trips the defaults through JSON', () => {
    const result = parsePracticeStandards(JSON.stringify(defaultPracticeStandards))
    expect(result).toEqual({ ok: true, standards: defaultPracticeStandards })
  })

  it('holds the standards of the family journey (docs/domain.md)', () => {
    expect(defaultPracticeStandards.rules.map(r => r.id)).toEqual([
      'referral-recorded',
      'safety-plan-by-visit-3',
      'family-snapshot-6-weeks',
      'assessment-6-8-weeks',
      'case-plan-6-8-weeks',
      'closure-summary-at-closure',
      'follow-up-snapshot-at-end',
    ])
    expect(defaultPracticeStandards.rules.find(r => r.id === 'assessment-6-8-weeks')).toMatchObject({ warnDays: 42, limitDays: 56, anchor: 'referral' })
  })

  it('fills in defaults a file may leave out', () => {
    const result = parsePracticeStandards(minimal)
    expect(result.ok && result.standards.approximateToleranceDays).toBe(14)
    expect(result.ok && result.standards.visits).toEqual({ stages: ['engagement'], textPatterns: [], excludeStages: [] })
  })

  it('reports every problem with its JSON pointer', () => {
    expect(
      problems({
        ...minimal,
        approximateToleranceDays: -1,
        visits: { stages: ['home_visit'], textPatterns: ['(unclosed'] },
        rules: [
          { id: 'Bad Id', kind: 'by_visit', stage: 'safety_plan', visit: 0 },
          { id: 'x', kind: 'soon_after', stage: 'assessment' },
        ],
      }),
    ).toEqual([
      '/approximateToleranceDays: Number must be greater than or equal to 0',
      "/visits/stages/0: Invalid enum value. Expected 'worries_raised' | 'referral' | 'connected_to_service' | 'engagement' | 'safety_plan' | 'family_snapshot' | 'assessment' | 'case_plan' | 'case_plan_implemented' | 'case_closure' | 'follow_up_snapshot' | 'incident' | 'other', received 'home_visit'",
      '/visits/textPatterns/0: is not a valid regular expression',
      '/rules/0/id: must be 1-64 characters: lower-case letters, digits, "_" or "-"',
      '/rules/0/visit: Number must be greater than or equal to 1',
      "/rules/1/kind: Invalid discriminator value. Expected 'by_visit' | 'within_days_of' | 'data_point_at'",
    ])
  })

  it('checks rules against each other once their shapes are right', () => {
    expect(
      problems({
        ...minimal,
        rules: [
          { id: 'a', kind: 'within_days_of', stage: 'assessment', anchor: 'referral', warnDays: 60, limitDays: 56 },
          { id: 'a', kind: 'within_days_of', stage: 'referral', anchor: 'referral', warnDays: 1, limitDays: 2 },
        ],
      }),
    ).toEqual(['/rules/0/warnDays: must not be more than limitDays', '/rules/1/id: duplicate rule id "a"', '/rules/1/anchor: must differ from stage'])
  })

  it('rejects text that is not JSON and unknown properties', () => {
    expect(problems('{')).toEqual([expect.stringMatching(/^: not valid JSON/)])
    expect(problems({ ...minimal, colour: 'blue' })).toEqual([": Unrecognized key(s) in object: 'colour'"])
  })
})
