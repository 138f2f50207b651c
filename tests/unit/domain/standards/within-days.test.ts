import { describe, expect, it } from 'vitest'
import { checkStandards, defaultPracticeStandards, type TimelineEventInput } from '~/domain/standards'
import { addDays } from '~/domain/workflow/calendar'
import { ev, REFERRAL_DAY, referral } from './helpers'

const INCIDENT = addDays(REFERRAL_DAY, 150)

/** `incidentDate` null: the review has no incident date. */
function flagFor(ruleId: string, events: TimelineEventInput[], incidentDate: string | null = INCIDENT) {
  const options = incidentDate === null ? {} : { incidentDate }
  return checkStandards(events, defaultPracticeStandards, options).find(f => f.ruleId === ruleId)
}

const assessment = (events: TimelineEventInput[], incidentDate: string | null = INCIDENT) => flagFor('assessment-6-8-weeks', events, incidentDate)

describe('assessment within 6-8 weeks (42/56 days) of the referral', () => {
  it.each([
    [0, undefined],
    [30, undefined],
    [42, undefined],
    [43, 'beyond_target'],
    [56, 'beyond_target'],
    [57, 'missed'],
    [71, 'missed'],
  ])('at day %i: %s', (day, severity) => {
    expect(assessment([referral, ev('as', day, 'assessment')])?.severity).toBe(severity)
  })

  it('explains a late assessment', () => {
    expect(assessment([referral, ev('as', 71, 'assessment')])).toMatchObject({
      id: 'assessment-6-8-weeks:ref+as',
      kind: 'missed_time_standard',
      stage: 'assessment',
      eventIds: ['ref', 'as'],
      message: { key: 'standards.withinDays.recordedAfter', params: { stage: 'assessment', anchor: 'referral', days: 71 } },
      standard: { key: 'standards.rule.withinDaysRange', params: { warnDays: 42, limitDays: 56, anchor: 'referral' } },
      explanation: 'assessment recorded 71 days after referral, standard: within 42-56 days of referral',
    })
  })

  it('says nothing about an assessment recorded before the referral', () => {
    expect(assessment([referral, ev('as', -3, 'assessment')])).toBeUndefined()
  })

  it('uses the first assessment when there are several', () => {
    const events = [referral, ev('as2', 90, 'assessment'), ev('as1', 40, 'assessment')]
    expect(assessment(events)).toBeUndefined()
  })

  it('uses the first referral when there are several', () => {
    const events = [ev('ref2', 30, 'referral'), referral, ev('as', 60, 'assessment')]
    expect(assessment(events)?.eventIds).toEqual(['ref', 'as'])
  })

  it('counts calendar days, whatever the time of day', () => {
    const events = [{ ...referral, date: `${REFERRAL_DAY}T23:59` }, ev('as', 56, 'assessment', { date: `${addDays(REFERRAL_DAY, 56)}T00:01` })]
    expect(assessment(events)?.severity).toBe('beyond_target')
  })

  describe('approximate dates and ranges', () => {
    it('says "possibly missed" when the limit falls within the tolerance (14 days either side)', () => {
      expect(assessment([referral, ev('as', 50, 'assessment', { approximate: true })])).toMatchObject({
        severity: 'possibly_missed',
        message: { key: 'standards.withinDays.recordedAfterBetween', params: { daysMin: 36, daysMax: 64 } },
        explanation: 'assessment recorded 36 to 64 days after referral (dates approximate), standard: within 42-56 days of referral',
      })
    })

    it('still says "missed" when even the earliest possible date is past the limit', () => {
      expect(assessment([referral, ev('as', 80, 'assessment', { approximate: true })])?.severity).toBe('missed')
    })

    it('applies the tolerance to an approximate referral too', () => {
      expect(assessment([{ ...referral, approximate: true }, ev('as', 50, 'assessment')])?.severity).toBe('possibly_missed')
      expect(assessment([{ ...referral, approximate: true }, ev('as', 28, 'assessment')])).toBeUndefined()
    })

    it('reads a range as "some time between"', () => {
      const inRange = ev('as', 40, 'assessment', { dateEnd: addDays(REFERRAL_DAY, 60) })
      expect(assessment([referral, inRange])).toMatchObject({ severity: 'possibly_missed', message: { params: { daysMin: 40, daysMax: 60 } } })
      const late = ev('as', 60, 'assessment', { dateEnd: addDays(REFERRAL_DAY, 70) })
      expect(assessment([referral, late])?.severity).toBe('missed')
      const reversed = ev('as', 60, 'assessment', { dateEnd: addDays(REFERRAL_DAY, 40) })
      expect(assessment([referral, reversed])?.severity).toBe('possibly_missed')
    })

    it('honours a jurisdiction tolerance', () => {
      const strict = { ...defaultPracticeStandards, approximateToleranceDays: 0 }
      const flags = checkStandards([referral, ev('as', 50, 'assessment', { approximate: true })], strict, { incidentDate: INCIDENT })
      expect(flags.find(f => f.ruleId === 'assessment-6-8-weeks')?.severity).toBe('beyond_target')
    })
  })

  describe('no assessment on the timeline', () => {
    it('is missed once the limit passed before the incident', () => {
      expect(assessment([referral], addDays(REFERRAL_DAY, 60))).toMatchObject({
        severity: 'missed',
        eventIds: ['ref'],
        explanation: 'no assessment recorded in the 60 days from referral to the incident, standard: within 42-56 days of referral',
      })
    })

    it('is beyond the target between target and limit, and not due before', () => {
      expect(assessment([referral], addDays(REFERRAL_DAY, 50))?.severity).toBe('beyond_target')
      expect(assessment([referral], addDays(REFERRAL_DAY, 30))).toBeUndefined()
    })

    it('ignores an assessment made after the incident', () => {
      expect(assessment([referral, ev('as', 70, 'assessment')], addDays(REFERRAL_DAY, 65))?.explanation).toBe(
        'no assessment recorded in the 65 days from referral to the incident, standard: within 42-56 days of referral',
      )
    })

    it('measures to the last recorded event when there is no incident date', () => {
      const events = [referral, ev('v', 20, 'engagement'), ev('o', 90, 'other')]
      expect(assessment(events, null)?.explanation).toBe(
        'no assessment recorded in the 90 days from referral to the last recorded event, standard: within 42-56 days of referral',
      )
    })

    it('takes the incident date from an incident event when none is given', () => {
      const events = [referral, ev('inc', 60, 'incident'), ev('o', 90, 'other')]
      expect(assessment(events, null)?.message.key).toBe('standards.withinDays.notRecordedByIncident')
      expect(assessment(events, null)?.message.params.days).toBe(60)
    })

    it('gives a range when the referral date is approximate', () => {
      expect(assessment([{ ...referral, approximate: true }], addDays(REFERRAL_DAY, 60))).toMatchObject({
        severity: 'possibly_missed',
        message: { key: 'standards.withinDays.notRecordedByIncidentBetween', params: { daysMin: 46, daysMax: 74 } },
      })
    })
  })
})

describe('family snapshot within 6 weeks (42 days)', () => {
  it('has no target-to-limit window: day 43 is missed', () => {
    const snapshot = (day: number) => flagFor('family-snapshot-6-weeks', [referral, ev('fs', day, 'family_snapshot')])
    expect(snapshot(42)).toBeUndefined()
    expect(snapshot(43)).toMatchObject({
      severity: 'missed',
      explanation: 'family snapshot recorded 43 days after referral, standard: within 42 days of referral',
    })
  })
})

describe('without a referral', () => {
  const events = [ev('v1', 7, 'connected_to_service'), ev('as', 60, 'assessment'), ev('cp', 61, 'case_plan')]
  const flags = checkStandards(events, defaultPracticeStandards, { incidentDate: INCIDENT })

  it('cannot assess the standards counted from the referral, and says the referral is missing', () => {
    expect(flags.map(f => [f.ruleId, f.kind, f.severity, f.eventIds])).toEqual([
      ['referral-recorded', 'missing_data_point', 'missed', []],
      ['family-snapshot-6-weeks', 'cannot_assess', 'info', []],
      ['assessment-6-8-weeks', 'cannot_assess', 'info', ['as']],
      ['case-plan-6-8-weeks', 'cannot_assess', 'info', ['cp']],
    ])
    expect(flags[0]?.explanation).toBe('no referral recorded, standard: referral recorded as a key data capture point')
    expect(flags[2]?.explanation).toBe('assessment timing cannot be checked: no referral recorded before the incident, standard: within 42-56 days of referral')
  })

  it('treats a referral dated after the incident as missing', () => {
    const late = checkStandards([...events, ev('ref', 200, 'referral')], defaultPracticeStandards, { incidentDate: INCIDENT })
    expect(late.map(f => f.kind)).toEqual(['missing_data_point', 'cannot_assess', 'cannot_assess', 'cannot_assess'])
  })

  it('cannot assess from a referral whose date is unreadable, without calling it missing', () => {
    const undated = checkStandards([...events, { id: 'ref', date: 'sometime in 2025', stage: 'referral' }], defaultPracticeStandards, {
      incidentDate: INCIDENT,
    })
    expect(undated.map(f => [f.ruleId, f.message.key])).toEqual([
      ['family-snapshot-6-weeks', 'standards.undated'],
      ['assessment-6-8-weeks', 'standards.undated'],
      ['case-plan-6-8-weeks', 'standards.undated'],
    ])
  })
})
