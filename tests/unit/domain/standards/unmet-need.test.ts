import { describe, expect, it } from 'vitest'
import { findNudges } from '~/domain/nudges'
import { checkStandards, defaultPracticeStandards, suggestUnmetNeed } from '~/domain/standards'
import { ev, referral } from './helpers'

const INCIDENT = '2025-06-01'
const visits = [ev('v1', 5, 'engagement'), ev('v2', 6, 'engagement'), ev('v3', 7, 'engagement'), ev('v4', 8, 'engagement')]

function flag(ruleId: string, events: Parameters<typeof checkStandards>[0]) {
  const found = checkStandards(events, defaultPracticeStandards, { incidentDate: INCIDENT }).find(f => f.ruleId === ruleId)
  if (!found) throw new Error(`no ${ruleId} flag`)
  return found
}

describe('suggestUnmetNeed', () => {
  it('drafts need, received and gap for a stage that never happened', () => {
    expect(suggestUnmetNeed(flag('case-plan-6-8-weeks', [referral]))).toEqual({
      need: 'The family needed a case plan made with them, with goals to sustain the children’s safety and strengthen the family (standard: within 42-56 days of referral).',
      received: 'No case plan recorded in the 146 days from referral to the incident.',
      gap: 'There is no case plan on the timeline although it was due. What made this make sense at the time, and what in the system (workload, tools, policy, supervision, access to services) made the standard hard to meet for this family?',
    })
  })

  it('says the standard was passed for a late stage, and asks to check approximate dates', () => {
    const late = suggestUnmetNeed(flag('safety-plan-by-visit-3', [referral, ...visits, ev('sp', 9, 'safety_plan')]))
    expect(late?.gap).toMatch(/^The safety plan came later than the standard\./)
    const possibly = suggestUnmetNeed(flag('safety-plan-by-visit-3', [referral, ...visits, ev('sp', 7, 'safety_plan', { approximate: true })]))
    expect(possibly?.gap).toMatch(/dates are approximate/)
    const target = suggestUnmetNeed(flag('assessment-6-8-weeks', [referral, ev('as', 50, 'assessment')]))
    expect(target?.gap).toMatch(/after the target, though within the limit/)
  })

  it('drafts data points in the words of the journey', () => {
    const draft = suggestUnmetNeed(flag('closure-summary-at-closure', [referral, ev('c', 50, 'other', { text: 'Case closed.' })]))
    expect(draft?.need).toBe(
      'The family needed a case closure summary of the outcomes and of the supports they still needed to sustain the changes (standard: completed at case closure).',
    )
    expect(draft?.received).toBe('No case closure summary recorded although the case was closed.')
  })

  it('drafts in French', () => {
    expect(suggestUnmetNeed(flag('safety-plan-by-visit-3', [referral, ...visits, ev('sp', 9, 'safety_plan')]), 'fr')).toEqual({
      need: 'La famille avait besoin d’un plan de sécurité élaboré avec elle, fixant des objectifs clairs et mesurables pour la sécurité immédiate des enfants (norme : au plus tard à la visite 3).',
      received: 'Plan de sécurité : consignation à la visite 5.',
      gap: expect.stringMatching(/^L’étape «\u00a0plan de sécurité\u00a0» est arrivée plus tard que ne le prévoit la norme\. /) as unknown as string,
    })
  })

  it('drafts nothing for a standard that could not be checked', () => {
    expect(suggestUnmetNeed(flag('assessment-6-8-weeks', [ev('as', 5, 'assessment')]))).toBeNull()
  })

  it('writes drafts without hindsight or blame language', () => {
    const flags = checkStandards([referral, ...visits, ev('sp', 9, 'safety_plan'), ev('c', 50, 'other', { text: 'Case closed.' })], defaultPracticeStandards, {
      incidentDate: INCIDENT,
    })
    expect(flags.length).toBeGreaterThan(3)
    for (const f of flags) {
      for (const locale of ['en', 'fr'] as const) {
        const draft = suggestUnmetNeed(f, locale)
        for (const text of Object.values(draft ?? {})) expect(findNudges(text, locale), text).toEqual([])
      }
    }
  })
})
