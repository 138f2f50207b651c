import type { accountsEn } from './accounts.en'
import type { Widen } from './widen'

export type AccountsTranslations = Widen<typeof accountsEn>
