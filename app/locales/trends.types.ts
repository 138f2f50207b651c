import type { trendsEn } from './trends.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type TrendsTranslations = Widen<typeof trendsEn>
