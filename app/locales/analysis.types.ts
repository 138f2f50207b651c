import type { analysisEn } from './analysis.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type AnalysisTranslations = Widen<typeof analysisEn>
