import type { followUpEn } from './follow-up.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type FollowUpTranslations = Widen<typeof followUpEn>
