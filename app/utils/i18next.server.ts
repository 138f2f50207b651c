import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { i18nConfig, supportedLanguages } from './i18n'

export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
})

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage: 'en',
    cookie: languageCookie,
    order: ['cookie', 'header'],
  },
  i18next: { ...i18nConfig },
})
