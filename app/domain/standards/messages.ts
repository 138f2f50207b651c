// The words of a standard flag. A flag carries i18n keys with parameters (the interface
// translates them, in English and French); the English templates here produce the plain
// `explanation` used in logs, exports and tests, and show translators what each key means.
//
// Parameters named `stage`, `anchor` or `triggerStage` hold a JourneyStage value ('safety_plan'):
// translate them with the interface's stage labels before interpolating.
import type { JourneyStage } from '../vocabulary'

export type StandardsLocale = 'en' | 'fr'

export const standardsMessages = {
  // What the timeline shows.
  'standards.byVisit.recordedAt': '{stage} recorded at visit {visit}',
  'standards.byVisit.recordedBetween': '{stage} recorded at visit {visitMin} to {visitMax} (dates approximate)',
  'standards.byVisit.notRecorded': 'no {stage} recorded by visit {visits}',
  'standards.withinDays.recordedAfter': '{stage} recorded {days} days after {anchor}',
  'standards.withinDays.recordedAfterBetween': '{stage} recorded {daysMin} to {daysMax} days after {anchor} (dates approximate)',
  'standards.withinDays.notRecordedByIncident': 'no {stage} recorded in the {days} days from {anchor} to the incident',
  'standards.withinDays.notRecordedByIncidentBetween':
    'no {stage} recorded in the {daysMin} to {daysMax} days from {anchor} to the incident (dates approximate)',
  'standards.withinDays.notRecordedByLastEvent': 'no {stage} recorded in the {days} days from {anchor} to the last recorded event',
  'standards.withinDays.notRecordedByLastEventBetween':
    'no {stage} recorded in the {daysMin} to {daysMax} days from {anchor} to the last recorded event (dates approximate)',
  'standards.withinDays.noAnchor': '{stage} timing cannot be checked: no {anchor} recorded before the incident',
  'standards.undated': '{stage} cannot be checked: its date is missing or not a real date',
  'standards.dataPoint.missing': 'no {stage} recorded',
  'standards.dataPoint.missingCaseClosed': 'no {stage} recorded although the case was closed',
  'standards.dataPoint.missingSupportEnded': 'no {stage} recorded although support ended',
  'standards.dataPoint.missingAfterStage': 'no {stage} recorded although a {triggerStage} was recorded',
  // The standard itself.
  'standards.rule.byVisit': 'by visit {visit}',
  'standards.rule.withinDays': 'within {limitDays} days of {anchor}',
  'standards.rule.withinDaysRange': 'within {warnDays}-{limitDays} days of {anchor}',
  'standards.rule.dataPoint': '{stage} recorded as a key data capture point',
  'standards.rule.dataPointCaseClosed': 'completed at case closure',
  'standards.rule.dataPointSupportEnded': 'completed at the end of support',
  'standards.rule.dataPointAfterStage': 'completed once a {triggerStage} is recorded',
} as const

export type StandardsMessageKey = keyof typeof standardsMessages
export const standardsMessageKeys = Object.keys(standardsMessages) as StandardsMessageKey[]

/** French defaults of the same keys (gender-neutral phrasing, so no agreement with the stage). */
export const standardsMessagesFr: Record<StandardsMessageKey, string> = {
  'standards.byVisit.recordedAt': '{stage} : consignation à la visite {visit}',
  'standards.byVisit.recordedBetween': '{stage} : consignation entre la visite {visitMin} et la visite {visitMax} (dates approximatives)',
  'standards.byVisit.notRecorded': '{stage} : aucune consignation au terme de la visite {visits}',
  'standards.withinDays.recordedAfter': '{stage} : consignation {days} jours après l’étape «\u00a0{anchor}\u00a0»',
  'standards.withinDays.recordedAfterBetween': '{stage} : consignation {daysMin} à {daysMax} jours après l’étape «\u00a0{anchor}\u00a0» (dates approximatives)',
  'standards.withinDays.notRecordedByIncident': '{stage} : aucune consignation dans les {days} jours entre l’étape «\u00a0{anchor}\u00a0» et l’incident',
  'standards.withinDays.notRecordedByIncidentBetween':
    '{stage} : aucune consignation dans les {daysMin} à {daysMax} jours entre l’étape «\u00a0{anchor}\u00a0» et l’incident (dates approximatives)',
  'standards.withinDays.notRecordedByLastEvent':
    '{stage} : aucune consignation dans les {days} jours entre l’étape «\u00a0{anchor}\u00a0» et le dernier événement consigné',
  'standards.withinDays.notRecordedByLastEventBetween':
    '{stage} : aucune consignation dans les {daysMin} à {daysMax} jours entre l’étape «\u00a0{anchor}\u00a0» et le dernier événement consigné (dates approximatives)',
  'standards.withinDays.noAnchor': '{stage} : délai impossible à vérifier, aucune étape «\u00a0{anchor}\u00a0» consignée avant l’incident',
  'standards.undated': '{stage} : vérification impossible, la date est absente ou invalide',
  'standards.dataPoint.missing': '{stage} : aucune consignation',
  'standards.dataPoint.missingCaseClosed': '{stage} : aucune consignation, bien que le dossier ait été fermé',
  'standards.dataPoint.missingSupportEnded': '{stage} : aucune consignation, bien que le soutien ait pris fin',
  'standards.dataPoint.missingAfterStage': '{stage} : aucune consignation, bien que l’étape «\u00a0{triggerStage}\u00a0» ait été consignée',
  'standards.rule.byVisit': 'au plus tard à la visite {visit}',
  'standards.rule.withinDays': 'dans les {limitDays} jours suivant l’étape «\u00a0{anchor}\u00a0»',
  'standards.rule.withinDaysRange': 'dans les {warnDays} à {limitDays} jours suivant l’étape «\u00a0{anchor}\u00a0»',
  'standards.rule.dataPoint': 'point clé de collecte de données : {stage}',
  'standards.rule.dataPointCaseClosed': 'à remplir à la fermeture du dossier',
  'standards.rule.dataPointSupportEnded': 'à remplir à la fin du soutien',
  'standards.rule.dataPointAfterStage': 'à remplir une fois l’étape «\u00a0{triggerStage}\u00a0» consignée',
}

export type MessageParams = Record<string, string | number>

export interface Message {
  key: StandardsMessageKey
  params: MessageParams
}

/** The parameter names each key expects, for translators and for a test that keeps them honest. */
export function messageParamNames(key: StandardsMessageKey): string[] {
  return [...standardsMessages[key].matchAll(/\{(\w+)\}/g)].map(match => match[1] ?? '')
}

/** Stage names as they read inside a sentence. */
export const stageNames: Record<StandardsLocale, Record<JourneyStage, string>> = {
  en: {
    worries_raised: 'worries raised',
    referral: 'referral',
    connected_to_service: 'connection to service',
    engagement: 'engagement',
    safety_plan: 'safety plan',
    family_snapshot: 'family snapshot',
    assessment: 'assessment',
    case_plan: 'case plan',
    case_plan_implemented: 'case plan implementation',
    case_closure: 'case closure summary',
    follow_up_snapshot: 'follow-up family snapshot',
    incident: 'incident',
    other: 'other event',
  },
  fr: {
    worries_raised: 'inquiétudes soulevées',
    referral: 'orientation vers un service',
    connected_to_service: 'prise en charge par le service',
    engagement: 'engagement de la famille',
    safety_plan: 'plan de sécurité',
    family_snapshot: 'portrait de la famille',
    assessment: 'évaluation',
    case_plan: 'plan d’intervention',
    case_plan_implemented: 'mise en œuvre du plan d’intervention',
    case_closure: 'sommaire de fermeture du dossier',
    follow_up_snapshot: 'portrait de suivi de la famille',
    incident: 'incident',
    other: 'autre événement',
  },
}

const STAGE_PARAMS = new Set(['stage', 'anchor', 'triggerStage'])

function isStage(value: string | number): value is JourneyStage {
  return typeof value === 'string' && Object.hasOwn(stageNames.en, value)
}

/** The sentence for a message in either language, stage values turned into stage names. */
export function renderMessage(message: Message, locale: StandardsLocale): string {
  const template = locale === 'fr' ? standardsMessagesFr[message.key] : standardsMessages[message.key]
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = message.params[name]
    if (value === undefined) return whole
    return STAGE_PARAMS.has(name) && isStage(value) ? stageNames[locale][value] : String(value)
  })
}

export function renderEnglish(message: Message): string {
  return renderMessage(message, 'en')
}
