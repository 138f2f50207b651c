// A flag becomes a draft unmet need: what the family needed, what they received, and the gap.
// The draft speaks of the family's need and ends on a question about the system, so that the
// panel starts from the family and from conditions, not from who was late.
import type { JourneyStage } from '../vocabulary'
import type { StandardFlag } from './check'
import { renderMessage, stageNames, type StandardsLocale, type StandardsMessageKey } from './messages'

export interface UnmetNeedDraft {
  need: string
  received: string
  gap: string
}

// What each stage is for (docs/domain.md), to remind the panel why the standard exists.
const needs: Record<StandardsLocale, Partial<Record<JourneyStage, string>>> = {
  en: {
    referral: 'a referral connecting them with a service that could help them keep the children safe at home',
    safety_plan: 'a safety plan made with them, setting clear, measurable goals for the children’s immediate safety',
    family_snapshot: 'a family snapshot capturing their circumstances, stressors and strengths',
    assessment: 'an assessment bringing together what was known about them, the chronology and any cumulative harm',
    case_plan: 'a case plan made with them, with goals to sustain the children’s safety and strengthen the family',
    case_closure: 'a case closure summary of the outcomes and of the supports they still needed to sustain the changes',
    follow_up_snapshot: 'a follow-up family snapshot showing whether the service had improved things for them',
  },
  fr: {
    referral: 'd’une orientation vers un service pouvant l’aider à assurer la sécurité des enfants à la maison',
    safety_plan: 'd’un plan de sécurité élaboré avec elle, fixant des objectifs clairs et mesurables pour la sécurité immédiate des enfants',
    family_snapshot: 'd’un portrait de la famille décrivant sa situation, ses sources de stress et ses forces',
    assessment: 'd’une évaluation réunissant ce que l’on savait de la famille, la chronologie et tout préjudice cumulatif',
    case_plan: 'd’un plan d’intervention élaboré avec elle, avec des objectifs pour maintenir la sécurité des enfants et renforcer la famille',
    case_closure: 'd’un sommaire de fermeture du dossier décrivant les résultats et les soutiens encore nécessaires pour maintenir les changements',
    follow_up_snapshot: 'd’un portrait de suivi montrant si le service avait amélioré sa situation',
  },
}

const recordedLate = new Set<StandardsMessageKey>([
  'standards.byVisit.recordedAt',
  'standards.byVisit.recordedBetween',
  'standards.withinDays.recordedAfter',
  'standards.withinDays.recordedAfterBetween',
])

const words = {
  en: {
    need: (stage: string, what: string | undefined, standard: string) => `The family needed ${what ?? `a ${stage}`} (standard: ${standard}).`,
    late: (stage: string) => `The ${stage} came later than the standard.`,
    beyondTarget: (stage: string) => `The ${stage} came after the target, though within the limit.`,
    absent: (stage: string) => `There is no ${stage} on the timeline although it was due.`,
    approximate: 'The dates are approximate: check the records to confirm whether the standard was met.',
    question:
      'What made this make sense at the time, and what in the system (workload, tools, policy, supervision, access to services) made the standard hard to meet for this family?',
  },
  fr: {
    need: (stage: string, what: string | undefined, standard: string) =>
      `La famille avait besoin ${what ?? `de l’étape «\u00a0${stage}\u00a0»`} (norme : ${standard}).`,
    late: (stage: string) => `L’étape «\u00a0${stage}\u00a0» est arrivée plus tard que ne le prévoit la norme.`,
    beyondTarget: (stage: string) => `L’étape «\u00a0${stage}\u00a0» a dépassé la cible, tout en restant dans la limite.`,
    absent: (stage: string) => `La chronologie ne montre aucune étape «\u00a0${stage}\u00a0», alors qu’elle était due.`,
    approximate: 'Les dates sont approximatives : vérifier les dossiers pour confirmer si la norme a été respectée.',
    question:
      'Qu’est-ce qui, sur le moment, rendait cette situation compréhensible, et qu’est-ce qui, dans le système (charge de travail, outils, politiques, supervision, accès aux services), rendait la norme difficile à respecter pour cette famille?',
  },
} as const

function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1) + '.'
}

/**
 * A draft unmet need for the panel to edit, in the review's language; null for a rule that
 * could not be checked, which says nothing yet about what the family received.
 */
export function suggestUnmetNeed(flag: StandardFlag, locale: StandardsLocale = 'en'): UnmetNeedDraft | null {
  if (flag.kind === 'cannot_assess') return null
  const w = words[locale]
  const stage = stageNames[locale][flag.stage]
  const what = needs[locale][flag.stage]
  const gapParts = [flag.severity === 'beyond_target' ? w.beyondTarget(stage) : recordedLate.has(flag.message.key) ? w.late(stage) : w.absent(stage)]
  if (flag.severity === 'possibly_missed') gapParts.push(w.approximate)
  gapParts.push(w.question)
  return {
    need: w.need(stage, what, renderMessage(flag.standard, locale)),
    received: sentence(renderMessage(flag.message, locale)),
    gap: gapParts.join(' '),
  }
}
