import type { voiceEn } from './voice.en'
import type { Widen } from './widen'

export type VoiceTranslations = Widen<typeof voiceEn>
