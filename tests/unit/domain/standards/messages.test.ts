import { describe, expect, it } from 'vitest'
import {
  checkStandards,
  defaultPracticeStandards,
  messageParamNames,
  renderMessage,
  standardsMessageKeys,
  standardsMessages,
  standardsMessagesFr,
  stageNames,
  type StandardFlag,
  type TimelineEventInput,
} from '~/domain/standards'
import { journeyStages } from '~/domain/vocabulary'
import { ev, referral } from './helpers'

function paramsOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map(m => m[1] ?? '').sort()
}

// Scenarios that between them raise every kind of message.
const scenarios: [TimelineEventInput[], string | undefined][] = [
  [
    [referral, ev('v1', 5, 'engagement'), ev('v2', 6, 'engagement'), ev('v3', 7, 'engagement'), ev('sp', 8, 'safety_plan'), ev('as', 70, 'assessment')],
    '2025-06-01',
  ],
  [
    [
      referral,
      ev('v1', 5, 'engagement'),
      ev('v2', 6, 'engagement'),
      ev('v3', 7, 'engagement'),
      ev('v4', 30, 'engagement'),
      ev('sp', 20, 'safety_plan', { approximate: true }),
      ev('as', 50, 'assessment', { approximate: true }),
    ],
    '2025-06-01',
  ],
  [[{ ...referral, approximate: true }, ev('cl', 100, 'other', { text: 'Case closed.' })], '2025-06-01'],
  [[referral, ev('o', 100, 'other'), ev('fu', 90, 'follow_up_snapshot')], undefined],
  [[{ ...referral, approximate: true }, ev('o', 100, 'other')], undefined],
  [[ev('as', 5, 'assessment'), { id: 'sp', date: 'x', stage: 'safety_plan' }], '2025-06-01'],
  [[referral, ev('v1', 5, 'engagement'), ev('v2', 6, 'engagement'), ev('v3', 7, 'engagement')], '2025-06-01'],
]

const flags: StandardFlag[] = scenarios.flatMap(([events, incidentDate]) =>
  checkStandards(events, defaultPracticeStandards, incidentDate ? { incidentDate } : {}),
)

describe('standards messages', () => {
  it('have a French template for every key, with the same parameters', () => {
    expect(Object.keys(standardsMessagesFr).sort()).toEqual([...standardsMessageKeys].sort())
    for (const key of standardsMessageKeys) {
      expect(paramsOf(standardsMessagesFr[key]), key).toEqual(paramsOf(standardsMessages[key]))
      expect(messageParamNames(key).sort()).toEqual(paramsOf(standardsMessages[key]))
    }
  })

  it('are all reachable, and every flag carries the parameters its templates need', () => {
    const used = new Set(flags.flatMap(f => [f.message.key, f.standard.key]))
    const unused = standardsMessageKeys.filter(key => !used.has(key))
    // Only the stage_recorded wording needs a custom rule (see data-points.test.ts).
    expect(unused.sort()).toEqual(['standards.dataPoint.missingAfterStage', 'standards.rule.dataPointAfterStage'])
    for (const flag of flags) {
      for (const message of [flag.message, flag.standard]) {
        for (const name of messageParamNames(message.key)) expect(message.params, `${message.key}.${name}`).toHaveProperty(name)
        expect(renderMessage(message, 'en')).not.toMatch(/[{}]/)
        expect(renderMessage(message, 'fr')).not.toMatch(/[{}]/)
      }
    }
  })

  it('name every stage in both languages', () => {
    for (const stage of journeyStages) {
      expect(stageNames.en[stage]).toBeTruthy()
      expect(stageNames.fr[stage]).toBeTruthy()
    }
  })

  it('render stage parameters as stage names', () => {
    expect(renderMessage({ key: 'standards.withinDays.recordedAfter', params: { stage: 'case_plan', anchor: 'referral', days: 70 } }, 'fr')).toBe(
      'plan d’intervention : consignation 70 jours après l’étape «\u00a0orientation vers un service\u00a0»',
    )
  })

  it('give every flag a stable id made of the rule and its events', () => {
    for (const flag of flags) expect(flag.id).toBe(`${flag.ruleId}:${flag.eventIds.length ? flag.eventIds.join('+') : '-'}`)
    const again = scenarios.flatMap(([events, incidentDate]) => checkStandards(events, defaultPracticeStandards, incidentDate ? { incidentDate } : {}))
    expect(again.map(f => f.id)).toEqual(flags.map(f => f.id))
  })
})
