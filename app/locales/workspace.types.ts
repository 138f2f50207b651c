import type { workspaceEn } from './workspace.en'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type WorkspaceTranslations = Widen<typeof workspaceEn>
