import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkStandards, defaultPracticeStandards, suggestUnmetNeed, type TimelineEventInput } from '~/domain/standards'
import { journeyStages, type JourneyStage } from '~/domain/vocabulary'

interface CaseFileEntry {
  date: string
  approximate?: boolean
  stage?: string
  text: string
}

const caseFile = JSON.parse(fs.readFileSync('tests/unit/domain/case-file/fixtures/example-case-file.json', 'utf8')) as {
  review: { incidentDate: string }
  timeline: CaseFileEntry[]
}

function isStage(value: string | undefined): value is JourneyStage {
  return (journeyStages as readonly string[]).includes(value ?? '')
}

// The case file has no event ids; e1..e9 in file order stand in for the review document's ids.
const events: TimelineEventInput[] = caseFile.timeline.map((entry, i) => ({
  id: `e${i + 1}`,
  date: entry.date,
  stage: isStage(entry.stage) ? entry.stage : 'other',
  text: entry.text,
  ...(entry.approximate === undefined ? {} : { approximate: entry.approximate }),
}))

describe('the example case file (near fatality, northern district)', () => {
  const flags = checkStandards(events, defaultPracticeStandards, { incidentDate: caseFile.review.incidentDate })

  it('finds the safety plan late: agreed at the fourth visit, standard by the third', () => {
    // Visits: first home visit (20 Nov), second (9 Dec), third (15 Jan), and the safety plan made
    // with Ms. Calder "after the fourth visit" (29 Jan), itself a visit.
    const flag = flags.find(f => f.ruleId === 'safety-plan-by-visit-3')
    expect(flag).toMatchObject({
      id: 'safety-plan-by-visit-3:e6',
      kind: 'missed_time_standard',
      severity: 'missed',
      stage: 'safety_plan',
      eventIds: ['e6'],
      message: { key: 'standards.byVisit.recordedAt', params: { stage: 'safety_plan', visit: 4 } },
      standard: { key: 'standards.rule.byVisit', params: { visit: 3 } },
      explanation: 'safety plan recorded at visit 4, standard: by visit 3',
    })
  })

  it('finds exactly the four gaps the record implies, and nothing about closure', () => {
    expect(flags.map(f => [f.id, f.severity, f.explanation])).toEqual([
      ['safety-plan-by-visit-3:e6', 'missed', 'safety plan recorded at visit 4, standard: by visit 3'],
      // Referral 6 Nov 2024 to the incident on 18 Mar 2025 is 132 days; no snapshot ("not yet started" on 12 Feb).
      [
        'family-snapshot-6-weeks:e2',
        'missed',
        'no family snapshot recorded in the 132 days from referral to the incident, standard: within 42 days of referral',
      ],
      // "Assessment started, 18 weeks after referral": 124 days.
      ['assessment-6-8-weeks:e2+e8', 'missed', 'assessment recorded 124 days after referral, standard: within 42-56 days of referral'],
      ['case-plan-6-8-weeks:e2', 'missed', 'no case plan recorded in the 132 days from referral to the incident, standard: within 42-56 days of referral'],
    ])
  })

  it('drafts an unmet need from the safety plan flag', () => {
    const flag = flags[0]
    if (!flag) throw new Error('no flag')
    expect(suggestUnmetNeed(flag)).toEqual({
      need: 'The family needed a safety plan made with them, setting clear, measurable goals for the children’s immediate safety (standard: by visit 3).',
      received: 'Safety plan recorded at visit 4.',
      gap: expect.stringMatching(/^The safety plan came later than the standard\. What made this make sense at the time/) as unknown as string,
    })
  })

  it('gives the same flags whatever order the timeline arrives in', () => {
    const shuffled = [...events].reverse()
    expect(checkStandards(shuffled, defaultPracticeStandards, { incidentDate: caseFile.review.incidentDate })).toEqual(flags)
  })

  it('gives the same flags when the incident date comes from the incident event', () => {
    expect(checkStandards(events, defaultPracticeStandards)).toEqual(flags)
  })
})
