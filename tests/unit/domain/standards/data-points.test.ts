import { describe, expect, it } from 'vitest'
import { checkStandards, defaultPracticeStandards, PracticeStandards, type TimelineEventInput } from '~/domain/standards'
import { ev, referral } from './helpers'

const INCIDENT = '2025-12-01'

// A timeline that meets every time standard, so only data points can be flagged.
const onTime: TimelineEventInput[] = [
  referral,
  ev('v1', 5, 'connected_to_service'),
  ev('sp', 10, 'safety_plan'),
  ev('fs', 30, 'family_snapshot'),
  ev('as', 40, 'assessment'),
  ev('cp', 41, 'case_plan'),
]

function dataPointFlags(events: TimelineEventInput[], standards = defaultPracticeStandards) {
  return checkStandards(events, standards, { incidentDate: INCIDENT })
    .filter(f => f.kind === 'missing_data_point')
    .map(f => [f.id, f.explanation])
}

describe('data capture points', () => {
  it('asks for nothing more while the case is open', () => {
    expect(checkStandards(onTime, defaultPracticeStandards, { incidentDate: INCIDENT })).toEqual([])
  })

  it('asks for the closure summary and the follow-up snapshot once the case was closed', () => {
    const events = [...onTime, ev('cl', 120, 'case_plan_implemented', { text: 'Goals met. Case closed with the family’s agreement.' })]
    expect(dataPointFlags(events)).toEqual([
      ['closure-summary-at-closure:cl', 'no case closure summary recorded although the case was closed, standard: completed at case closure'],
      ['follow-up-snapshot-at-end:cl', 'no follow-up family snapshot recorded although support ended, standard: completed at the end of support'],
    ])
  })

  it('asks for the follow-up snapshot when only the closure summary is there', () => {
    const events = [...onTime, ev('cs', 120, 'case_closure')]
    expect(dataPointFlags(events)).toEqual([
      ['follow-up-snapshot-at-end:cs', 'no follow-up family snapshot recorded although support ended, standard: completed at the end of support'],
    ])
  })

  it('asks for the closure summary when a follow-up snapshot shows support ended', () => {
    const events = [...onTime, ev('fu', 130, 'follow_up_snapshot')]
    expect(dataPointFlags(events).map(([id]) => id)).toEqual(['closure-summary-at-closure:fu'])
  })

  it('is satisfied by both records', () => {
    expect(dataPointFlags([...onTime, ev('cs', 120, 'case_closure'), ev('fu', 130, 'follow_up_snapshot')])).toEqual([])
  })

  it('recognises closure and the end of support in French, with or without accents', () => {
    expect(dataPointFlags([...onTime, ev('cl', 120, 'other', { text: 'Le dossier a été fermé.' })]).length).toBe(2)
    expect(dataPointFlags([...onTime, ev('cl', 120, 'other', { text: 'LE DOSSIER A ETE FERME' })]).length).toBe(2)
    expect(dataPointFlags([...onTime, ev('cl', 120, 'other', { text: 'Fin de l’intervention.' })]).map(([id]) => id)).toEqual(['follow-up-snapshot-at-end:cl'])
  })

  it('does not take an earlier closed file mentioned at referral as this case closing', () => {
    const events = [{ ...referral, text: 'Previous file closed in 2022.' }, ...onTime.slice(1)]
    expect(dataPointFlags(events)).toEqual([])
  })

  it('does not count a closure after the incident', () => {
    expect(dataPointFlags([...onTime, ev('cl', 400, 'other', { text: 'Case closed.' })])).toEqual([])
  })

  it('counts a data point whose date is unreadable as recorded', () => {
    const events = [...onTime.slice(1), { id: 'ref', date: '2025-13-01', stage: 'referral' as const }]
    expect(dataPointFlags(events)).toEqual([])
  })

  it('supports a data point due once another stage is recorded', () => {
    const standards = PracticeStandards.parse({
      id: 'j',
      name: 'J',
      visits: { stages: ['engagement'] },
      rules: [
        { id: 'assessment-after-plan', kind: 'data_point_at', stage: 'assessment', when: { match: { stages: ['safety_plan'] }, reason: 'stage_recorded' } },
      ],
    })
    expect(dataPointFlags([referral, ev('sp', 10, 'safety_plan')], standards)).toEqual([
      ['assessment-after-plan:sp', 'no assessment recorded although a safety plan was recorded, standard: completed once a safety plan is recorded'],
    ])
  })
})
