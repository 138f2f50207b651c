import type { ssoEn } from './sso.en'
import type { Widen } from './widen'

export type SsoTranslations = Widen<typeof ssoEn>
