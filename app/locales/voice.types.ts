import type { voiceEn } from './voice.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type VoiceTranslations = Widen<typeof voiceEn>
