import type { safetyMapEn } from './safety-map.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type SafetyMapTranslations = Widen<typeof safetyMapEn>
