import type { followUpEn } from './follow-up.en'
import type { Widen } from './widen'

export type FollowUpTranslations = Widen<typeof followUpEn>
