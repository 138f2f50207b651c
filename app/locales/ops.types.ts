import type { opsEn } from './ops.en'
import type { Widen } from './widen'

export type OpsTranslations = Widen<typeof opsEn>
