// Recommendation strength (RCA-squared action hierarchy) and the follow-up tracker.
// Weaker actions (training, memos, reminders) rely on people remembering; stronger ones change
// the work so the hazard cannot recur. Reviews drift towards the weaker ones because they are
// easy to agree on, hence a gentle nudge, never a rule.
import type { RecommendationStatus, RecommendationStrength } from '../vocabulary'
import { dayNumber, parseTimelineDate } from './calendar'

export interface BilingualText {
  en: string
  fr: string
}

/** Examples shown beside the strength picker, in child-welfare terms. */
export const recommendationStrengthExamples: Record<RecommendationStrength, readonly BilingualText[]> = {
  stronger: [
    {
      en: 'Cap caseloads in the case management system so that no worker can be assigned above the agreed number of families.',
      fr: 'Plafonner les charges de cas dans le système de gestion des dossiers afin qu’aucune personne intervenante ne puisse se voir attribuer plus de familles que le nombre convenu.',
    },
    {
      en: 'Make the safety plan a required step in the electronic record before a third visit can be logged.',
      fr: 'Faire du plan de sécurité une étape obligatoire du dossier électronique avant qu’une troisième visite puisse être saisie.',
    },
    {
      en: 'Replace three separate intake forms with one shared form that partner agencies and the agency both complete.',
      fr: 'Remplacer trois formulaires d’accueil distincts par un formulaire commun que les organismes partenaires et l’agence remplissent ensemble.',
    },
    {
      en: 'Leadership funds a dedicated after-hours line so public health nurses reach a child-welfare worker directly.',
      fr: 'La direction finance une ligne dédiée après les heures d’ouverture pour que les infirmières de santé publique joignent directement une personne intervenante.',
    },
  ],
  intermediate: [
    {
      en: 'Add a second worker to home visits when a new adult has joined the household.',
      fr: 'Ajouter une deuxième personne intervenante aux visites à domicile lorsqu’un nouvel adulte s’est joint au ménage.',
    },
    {
      en: 'Lower caseloads in the northern district by funding two more positions.',
      fr: 'Réduire les charges de cas dans le district nord en finançant deux postes supplémentaires.',
    },
    {
      en: 'Introduce a supervision checklist for cases with an infant under one year.',
      fr: 'Instaurer une liste de vérification en supervision pour les dossiers concernant un nourrisson de moins d’un an.',
    },
  ],
  weaker: [
    {
      en: 'Remind staff by memo to complete safety plans on time.',
      fr: 'Rappeler au personnel, par note de service, de compléter les plans de sécurité à temps.',
    },
    {
      en: 'Offer refresher training on recognising injuries in non-mobile infants.',
      fr: 'Offrir une formation d’appoint sur la reconnaissance des blessures chez les nourrissons qui ne se déplacent pas encore.',
    },
    {
      en: 'Ask supervisors to double-check overdue assessments.',
      fr: 'Demander aux superviseurs de revérifier les évaluations en retard.',
    },
  ],
}

export interface StrengthNudge {
  key: 'recommendations.noStrongerAction' | 'recommendations.allWeaker'
  params: { total: number; weaker: number; intermediate: number; unrated: number }
  /** Plain English; the interface translates `key`. */
  message: string
  /** Stronger actions to show as inspiration. */
  examples: readonly BilingualText[]
}

/**
 * A nudge when a review's recommendations contain no stronger action: 'allWeaker' when every
 * rated one is weaker, 'noStrongerAction' otherwise. Nothing to say about an empty list, or
 * when no recommendation has a strength yet (the checklist asks for strengths).
 */
export function strengthNudge(recommendations: readonly { strength?: RecommendationStrength | null }[]): StrengthNudge | null {
  const count = (strength: RecommendationStrength): number => recommendations.filter(r => r.strength === strength).length
  const stronger = count('stronger')
  const intermediate = count('intermediate')
  const weaker = count('weaker')
  const unrated = recommendations.length - stronger - intermediate - weaker
  if (stronger > 0 || intermediate + weaker === 0) return null
  const params = { total: recommendations.length, weaker, intermediate, unrated }
  const examples = recommendationStrengthExamples.stronger
  if (intermediate === 0) {
    return {
      key: 'recommendations.allWeaker',
      params,
      message:
        'All rated recommendations are weaker actions (training, memos, reminders). Is there a change to the process or the environment that would stop this from happening again?',
      examples,
    }
  }
  return {
    key: 'recommendations.noStrongerAction',
    params,
    message: 'No recommendation is a stronger action yet. Could one change the process or the environment so that the hazard cannot recur?',
    examples,
  }
}

export interface TrackerRow {
  dueDate?: string | null
  status: RecommendationStatus
}

const finished: readonly RecommendationStatus[] = ['done', 'verified_effective', 'verified_not_effective']

export function isFinished(row: TrackerRow): boolean {
  return finished.includes(row.status)
}

/** The due day, or null when there is none (or it is not a readable date: shown as undated, not hidden). */
function dueDay(row: TrackerRow): number | null {
  return row.dueDate ? (parseTimelineDate(row.dueDate)?.day ?? null) : null
}

/** Past its due date and not finished; `today` is a calendar date (YYYY-MM-DD). */
export function isOverdue(row: TrackerRow, today: string): boolean {
  const due = dueDay(row)
  return !isFinished(row) && due !== null && due < dayNumber(today)
}

/**
 * The follow-up tracker's order: overdue rows first (longest overdue at the top), then open
 * rows by due date, then open rows without a due date, then finished rows by due date. Ties
 * keep their input order so the list does not jump around between renders.
 */
export function sortTrackerRows<T extends TrackerRow>(rows: readonly T[], today: string): T[] {
  const todayDay = dayNumber(today)
  return rows
    .map((row, index) => {
      const due = dueDay(row)
      const group = isFinished(row) ? 3 : due === null ? 2 : due < todayDay ? 0 : 1
      return { row, index, group, due: due ?? Number.POSITIVE_INFINITY }
    })
    .sort((a, b) => a.group - b.group || a.due - b.due || a.index - b.index)
    .map(entry => entry.row)
}
