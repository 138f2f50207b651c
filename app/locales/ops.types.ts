import type { opsEn } from './ops.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type OpsTranslations = Widen<typeof opsEn>
