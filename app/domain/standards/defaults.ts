// The practice standards of the family journey (docs/domain.md) (the child and family journey), as shipped defaults.
// "Within 6 weeks" / "within 6-8 weeks" are counted from the referral: the journey's clock starts
// when the request for service is made.
import { PracticeStandards, type EventMatcher } from './schema'

/**
 * What counts as a visit. Stages whose work happens with the family at home: being connected to
 * the service (the first visit), engagement, the safety plan and the case plan (both are made
 * "with the family"), and carrying out the case plan (regular meetings). The assessment and the
 * family snapshot are the practitioner's own work and are not visits, even when their text
 * mentions one ("notes written after the home visit"). Any other event whose text mentions a home
 * visit counts (records left as 'other'). Worries, the referral and the incident never count,
 * even if their text mentions a planned visit. Several records on one day are one visit.
 */
export const defaultVisitMatcher: EventMatcher = {
  stages: ['connected_to_service', 'engagement', 'safety_plan', 'case_plan', 'case_plan_implemented'],
  textPatterns: [
    '\\bhome[ -]?visits?\\b',
    '\\bvisit(?:ed)? (?:to |at )?the (?:family|home|household)\\b',
    'visites? (?:à|au) domicile',
    '(?:rendu|rend|rendre) visite à la famille',
  ],
  excludeStages: ['worries_raised', 'referral', 'family_snapshot', 'assessment', 'incident'],
}

// The case being closed, in either language; support ending includes it. Patterns are matched
// without regard to case, accents or the kind of apostrophe (see nudges/fold.ts).
const caseClosedPatterns = [
  '\\b(?:case|file) (?:was |is |has been )?closed\\b',
  '\\bclos(?:ed|ing|e) the (?:case|file)\\b',
  'dossier (?:a été |est )?fermé',
  'fermeture du dossier',
  'ferm(?:é|er|ons) le dossier',
]

const supportEndedPatterns = [
  ...caseClosedPatterns,
  '\\b(?:support|services?|intervention) (?:was |were |has been |have been )?(?:ended|ceased|terminated|withdrawn)\\b',
  '\\bend of (?:support|service|services|the intervention)\\b',
  'fin (?:du soutien|du service|des services|de l’intervention|de l’accompagnement)',
]

const notServiceEvents: EventMatcher['excludeStages'] = ['worries_raised', 'referral', 'incident']

export const defaultPracticeStandards: PracticeStandards = PracticeStandards.parse({
  id: 'seed-004-journey',
  name: 'Child and family journey',
  version: '1',
  approximateToleranceDays: 14,
  visits: defaultVisitMatcher,
  rules: [
    { id: 'referral-recorded', kind: 'data_point_at', stage: 'referral' },
    { id: 'safety-plan-by-visit-3', kind: 'by_visit', stage: 'safety_plan', visit: 3, countFrom: 'referral' },
    { id: 'family-snapshot-6-weeks', kind: 'within_days_of', stage: 'family_snapshot', anchor: 'referral', warnDays: 42, limitDays: 42 },
    { id: 'assessment-6-8-weeks', kind: 'within_days_of', stage: 'assessment', anchor: 'referral', warnDays: 42, limitDays: 56 },
    { id: 'case-plan-6-8-weeks', kind: 'within_days_of', stage: 'case_plan', anchor: 'referral', warnDays: 42, limitDays: 56 },
    {
      id: 'closure-summary-at-closure',
      kind: 'data_point_at',
      stage: 'case_closure',
      // A follow-up snapshot is only taken once support has ended, so it implies closure too.
      when: {
        match: { stages: ['follow_up_snapshot'], textPatterns: caseClosedPatterns, excludeStages: notServiceEvents },
        reason: 'case_closed',
      },
    },
    {
      id: 'follow-up-snapshot-at-end',
      kind: 'data_point_at',
      stage: 'follow_up_snapshot',
      when: {
        match: { stages: ['case_closure'], textPatterns: supportEndedPatterns, excludeStages: notServiceEvents },
        reason: 'support_ended',
      },
    },
  ],
})
