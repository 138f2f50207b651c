import { en } from '~/locales/en'
import { fr } from '~/locales/fr'

export const supportedLanguages = ['en', 'fr'] as const
export type Language = (typeof supportedLanguages)[number]

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: ['common'],
  // Bundled resources: the interface must work offline and render on the server identically.
  resources: { en: { common: en }, fr: { common: fr } },
  interpolation: { escapeValue: false },
} as const

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}

/** The supported language a requested one falls back to (English for anything unknown). */
export function languageOf(value: unknown): Language {
  return isLanguage(value) ? value : 'en'
}
