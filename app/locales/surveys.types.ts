import type { surveysEn } from './surveys.en'
import type { Widen } from './widen'

export type SurveysTranslations = Widen<typeof surveysEn>
