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
  /** A partner without the real-names grant: the registry shows pseudonyms only (ADR 0039). */
  namesHidden?: boolean
  /** What the family and community told the review, for readers who may read it (ADR 0038). */
  familyVoice?: readonly FamilyVoiceEntry[] | null
  /** Where the panel reads and cites them. */
  familyVoicePage?: string
}

export type FamilyVoiceEntry = {
  id: string
  contributorKind: 'family_member' | 'community_representative'
  locale: string
  needed: string
  helped: string
  notHelped: string
  shouldChange: string
  unmetNeedIds: readonly string[]
}

export type ViewProps = {
  document: ReviewDocument
  settings: WorkspaceSettings
  editors: ReadonlyMap<string, string>
  announce: (message: string) => void
}
