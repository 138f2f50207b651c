import type { analysisEn } from './analysis.en'
import type { Widen } from './widen'

export type AnalysisTranslations = Widen<typeof analysisEn>
