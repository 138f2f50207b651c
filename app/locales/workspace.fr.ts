import type { WorkspaceTranslations } from './workspace.types'

export const workspaceFr: WorkspaceTranslations = {
  title: 'Espace de travail partagé',
}
