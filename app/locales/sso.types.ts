import type { ssoEn } from './sso.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type SsoTranslations = Widen<typeof ssoEn>
