// The 0-3 scale on which a contributing factor is rated (docs/domain.md "Systemic factors"). It rates
// how much a feature of the system contributed and how urgently it needs attention, never a
// person's performance.
import { factorRatings, type FactorRating } from '../vocabulary'
import type { LocalizedText } from './schema'

export interface FactorRatingLabel {
  rating: FactorRating
  label: LocalizedText
  description: LocalizedText
}

export const factorRatingScale: readonly FactorRatingLabel[] = [
  {
    rating: 0,
    label: { en: 'None', fr: 'Aucun' },
    description: { en: 'Did not contribute.', fr: 'N’a pas contribué.' },
  },
  {
    rating: 1,
    label: { en: 'Watch', fr: 'À surveiller' },
    description: {
      en: 'Contributed a little, or could matter for other families; keep an eye on it.',
      fr: 'A contribué un peu, ou pourrait compter pour d’autres familles; à garder à l’œil.',
    },
  },
  {
    rating: 2,
    label: { en: 'Act', fr: 'Agir' },
    description: {
      en: 'Contributed; plan an improvement.',
      fr: 'A contribué; prévoir une amélioration.',
    },
  },
  {
    rating: 3,
    label: { en: 'Act now', fr: 'Agir maintenant' },
    description: {
      en: 'Contributed strongly, or puts other children at risk now; act without delay.',
      fr: 'A fortement contribué, ou expose d’autres enfants à un risque dès maintenant; agir sans délai.',
    },
  },
]

export function factorRatingLabel(rating: FactorRating): FactorRatingLabel {
  const found = factorRatingScale.find(entry => entry.rating === rating)
  if (!found) throw new RangeError(`not a factor rating: ${String(rating)} (expected one of ${factorRatings.join(', ')})`)
  return found
}
