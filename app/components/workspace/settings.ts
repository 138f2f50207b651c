// What the workspace's views share: their names and the props each is given. Kept apart from
// workspace.tsx and views.tsx so that neither the tabs nor a view imports the module that
// renders it.
import type { FactorFramework } from '~/domain/factors'
import type { ReviewDocument } from '~/domain/review-doc'
import type { PracticeStandards } from '~/domain/standards'

export const workspaceViews = ['session', 'chronology', 'people', 'analysis', 'safety', 'recommendations'] as const
export type WorkspaceView = (typeof workspaceViews)[number]

/** Jurisdiction data the views need, from the route loader. */
export type WorkspaceSettings = {
  locale: 'en' | 'fr'
  incidentDate: string
  practiceStandards: PracticeStandards
  factorFramework: FactorFramework
  /** Staff accounts released to the panel, which findings may cite as evidence (pseudonyms only). */
  releasedAccounts?: readonly { id: string; pseudonym: string }[]
}

export type ViewProps = {
  document: ReviewDocument
  settings: WorkspaceSettings
  editors: ReadonlyMap<string, string>
  announce: (message: string) => void
}
