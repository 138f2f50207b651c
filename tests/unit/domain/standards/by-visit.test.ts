import { describe, expect, it } from 'vitest'
import { checkStandards, defaultPracticeStandards, PracticeStandards, type PracticeStandardsInput } from '~/domain/standards'
import { ev, referral } from './helpers'

const INCIDENT = '2025-06-01'

function safetyPlanFlag(events: Parameters<typeof checkStandards>[0], standards = defaultPracticeStandards, incidentDate = INCIDENT) {
  return checkStandards(events, standards, { incidentDate }).find(f => f.ruleId === 'safety-plan-by-visit-3')
}

const visits = (...offsets: number[]) => offsets.map((o, i) => ev(`v${i + 1}`, o, i === 0 ? 'connected_to_service' : 'engagement'))

describe('safety plan by the end of the 3rd visit', () => {
  it('is met when the plan is made at the third visit', () => {
    expect(safetyPlanFlag([referral, ...visits(7, 14), ev('sp', 21, 'safety_plan')])).toBeUndefined()
  })

  it('is met when the plan is recorded on the day of the third visit, as its own record', () => {
    expect(safetyPlanFlag([referral, ...visits(7, 14, 21), ev('sp', 21, 'safety_plan')])).toBeUndefined()
  })

  it('is missed when the plan comes at the fourth visit', () => {
    const flag = safetyPlanFlag([referral, ...visits(7, 14, 21), ev('sp', 28, 'safety_plan')])
    expect(flag).toMatchObject({ severity: 'missed', eventIds: ['sp'], explanation: 'safety plan recorded at visit 4, standard: by visit 3' })
  })

  it('counts the plan record as no visit when the jurisdiction says so', () => {
    const officeWork = PracticeStandards.parse({
      ...defaultPracticeStandards,
      visits: { ...defaultPracticeStandards.visits, stages: ['connected_to_service', 'engagement'] },
    } satisfies PracticeStandardsInput)
    // Written up in the office a week after the third visit: done by the end of the third visit.
    expect(safetyPlanFlag([referral, ...visits(7, 14, 21), ev('sp', 28, 'safety_plan')], officeWork)).toBeUndefined()
    const flag = safetyPlanFlag([referral, ...visits(7, 14, 21, 28), ev('sp', 30, 'safety_plan')], officeWork)
    expect(flag?.explanation).toBe('safety plan recorded at visit 4, standard: by visit 3')
  })

  it('is missed when there is no plan at all after five visits', () => {
    const flag = safetyPlanFlag([referral, ...visits(7, 14, 21, 28, 35)])
    expect(flag).toMatchObject({
      kind: 'missed_time_standard',
      severity: 'missed',
      // The visit by which the plan was due: stable however many visits follow.
      eventIds: ['v3'],
      id: 'safety-plan-by-visit-3:v3',
      explanation: 'no safety plan recorded by visit 5, standard: by visit 3',
    })
  })

  it('is missed once three visits have passed without a plan, and not due before', () => {
    expect(safetyPlanFlag([referral, ...visits(7, 14, 21)])?.explanation).toBe('no safety plan recorded by visit 3, standard: by visit 3')
    expect(safetyPlanFlag([referral, ...visits(7, 14)])).toBeUndefined()
  })

  it('uses the first plan when there are several', () => {
    const events = [referral, ...visits(7, 14, 21, 28), ev('sp1', 14, 'safety_plan'), ev('sp2', 35, 'safety_plan')]
    expect(safetyPlanFlag(events)).toBeUndefined()
    expect(safetyPlanFlag([...events].reverse())).toBeUndefined()
  })

  it('reads events in any order', () => {
    const events = [ev('sp', 28, 'safety_plan'), ...visits(21, 7, 14), referral]
    expect(safetyPlanFlag(events)?.explanation).toBe('safety plan recorded at visit 4, standard: by visit 3')
  })

  it('counts several records of one day as one visit', () => {
    const events = [
      referral,
      ev('v1', 7, 'connected_to_service'),
      ev('v1b', 7, 'engagement', { text: 'Second note from the same home visit.' }),
      ev('v2', 14, 'engagement'),
      ev('v2b', 14, 'other', { text: 'Home visit: children seen.' }),
      ev('sp', 21, 'safety_plan'),
    ]
    expect(safetyPlanFlag(events)).toBeUndefined()
  })

  it('counts a visit time-stamped on the same day as the plan as that visit', () => {
    const events = [
      referral,
      ...visits(7, 14),
      ev('v3', 21, 'engagement', { date: '2025-01-27T09:00' }),
      ev('sp', 21, 'safety_plan', { date: '2025-01-27T15:30' }),
    ]
    expect(safetyPlanFlag(events)).toBeUndefined()
  })

  it('counts home visits found in the text of other records, in English and French', () => {
    const events = [
      referral,
      ev('v1', 7, 'other', { text: 'Home visit; mother and baby seen.' }),
      ev('v2', 14, 'other', { text: 'Visite à domicile avec la grand-mère.' }),
      ev('v3', 21, 'other', { text: 'Worker visited the family after school.' }),
      ev('sp', 28, 'safety_plan'),
    ]
    expect(safetyPlanFlag(events)?.explanation).toBe('safety plan recorded at visit 4, standard: by visit 3')
  })

  it('does not count other records that merely mention a visit', () => {
    const events = [
      { ...referral, text: 'Referral accepted; home visit booked for next week.' },
      ev('n1', 3, 'other', { text: 'Tessa’s sister to visit daily.' }),
      ev('n2', 4, 'assessment', { text: 'Notes written after the home visit.' }),
      ...visits(7, 14),
      ev('sp', 21, 'safety_plan'),
    ]
    expect(safetyPlanFlag(events)).toBeUndefined()
  })

  it('does not count visits from before the referral (an earlier episode)', () => {
    const events = [ev('old1', -400, 'engagement'), ev('old2', -390, 'engagement'), referral, ...visits(7, 14), ev('sp', 21, 'safety_plan')]
    expect(safetyPlanFlag(events)).toBeUndefined()
  })

  it('counts from the first record when there is no referral', () => {
    const events = [...visits(7, 14, 21), ev('sp', 28, 'safety_plan')]
    expect(safetyPlanFlag(events)?.explanation).toBe('safety plan recorded at visit 4, standard: by visit 3')
  })

  describe('approximate dates', () => {
    it('says "possibly missed" when the plan may have come at the third or the fourth visit', () => {
      // Plan "around" day 25 (11-39) between visits on 7, 14, 21 and 28.
      const flag = safetyPlanFlag([referral, ...visits(7, 14, 21, 28), ev('sp', 25, 'safety_plan', { approximate: true })])
      expect(flag).toMatchObject({
        severity: 'possibly_missed',
        message: { key: 'standards.byVisit.recordedBetween', params: { visitMin: 2, visitMax: 5 } },
        explanation: 'safety plan recorded at visit 2 to 5 (dates approximate), standard: by visit 3',
      })
    })

    it('still says "missed" when every possible date is late', () => {
      const flag = safetyPlanFlag([referral, ...visits(7, 14, 21, 28), ev('sp', 60, 'safety_plan', { approximate: true })])
      expect(flag).toMatchObject({ severity: 'missed', explanation: 'safety plan recorded at visit 5, standard: by visit 3' })
    })

    it('says nothing when every possible date is in time', () => {
      expect(safetyPlanFlag([referral, ...visits(30, 60, 90), ev('sp', 35, 'safety_plan', { approximate: true })])).toBeUndefined()
    })

    it('treats an approximate visit as possibly before or after the plan', () => {
      const events = [referral, ...visits(7, 14), ev('v3', 30, 'engagement', { approximate: true }), ev('sp', 31, 'safety_plan')]
      expect(safetyPlanFlag(events)?.severity).toBe('possibly_missed')
    })

    it('uses a range as "some time between"', () => {
      const events = [referral, ...visits(7, 14, 21, 28), ev('sp', 20, 'safety_plan', { dateEnd: '2025-02-05' })] // days 20-30
      expect(safetyPlanFlag(events)).toMatchObject({ severity: 'possibly_missed', message: { params: { visitMin: 3, visitMax: 5 } } })
    })
  })

  describe('the end of the review timeline', () => {
    it('ignores a plan made after the incident', () => {
      const events = [referral, ...visits(7, 14, 21), ev('sp', 200, 'safety_plan')]
      expect(safetyPlanFlag(events)?.explanation).toBe('no safety plan recorded by visit 3, standard: by visit 3')
    })

    it('ignores visits after the incident', () => {
      const events = [referral, ...visits(7, 14, 200)]
      expect(safetyPlanFlag(events)).toBeUndefined()
    })

    it('keeps an untimed record of the incident day, and a timed one only if it was earlier', () => {
      const base = [referral, ...visits(7, 14, 21, 28)]
      const incident = '2025-02-10T14:00' // day 35
      expect(safetyPlanFlag([...base, ev('sp', 35, 'safety_plan')], defaultPracticeStandards, incident)?.eventIds).toEqual(['sp'])
      expect(safetyPlanFlag([...base, ev('sp', 35, 'safety_plan', { date: '2025-02-10T09:15' })], defaultPracticeStandards, incident)?.eventIds).toEqual(['sp'])
      expect(safetyPlanFlag([...base, ev('sp', 35, 'safety_plan', { date: '2025-02-10T16:45' })], defaultPracticeStandards, incident)?.eventIds).toEqual(['v3'])
    })
  })

  it('cannot assess a plan whose date is not a real date', () => {
    const flag = safetyPlanFlag([referral, ...visits(7, 14, 21, 28), { id: 'sp', date: '2025-02-30', stage: 'safety_plan' }])
    expect(flag).toMatchObject({
      kind: 'cannot_assess',
      severity: 'info',
      explanation: 'safety plan cannot be checked: its date is missing or not a real date, standard: by visit 3',
    })
  })
})
