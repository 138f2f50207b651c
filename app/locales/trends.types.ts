import type { trendsEn } from './trends.en'
import type { Widen } from './widen'

export type TrendsTranslations = Widen<typeof trendsEn>
