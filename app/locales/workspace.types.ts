import type { workspaceEn } from './workspace.en'
import type { Widen } from './widen'

export type WorkspaceTranslations = Widen<typeof workspaceEn>
