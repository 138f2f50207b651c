import type { safetyMapEn } from './safety-map.en'
import type { Widen } from './widen'

export type SafetyMapTranslations = Widen<typeof safetyMapEn>
