import type { surveysEn } from './surveys.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type SurveysTranslations = Widen<typeof surveysEn>
