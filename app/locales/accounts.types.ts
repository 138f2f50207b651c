import type { accountsEn } from './accounts.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type AccountsTranslations = Widen<typeof accountsEn>
