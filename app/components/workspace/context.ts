import { createContext, useContext } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { ReviewCommand } from '~/domain/review-doc'
import type { PresenceUser } from './use-collab-session'

/** Transaction origin of this browser's structured edits: the structured undo tracks only these. */
export const LOCAL_ORIGIN = { source: 'workspace-local' } as const
/**
 * Origin of this browser's additions (a new event or finding). Not undoable: undoing an
 * addition would delete what others have written into it since.
 */
export const LOCAL_ADD_ORIGIN = { source: 'workspace-local-add' } as const

export const isLocalOrigin = (origin: unknown) => origin === LOCAL_ORIGIN || origin === LOCAL_ADD_ORIGIN

export type WorkspaceContextValue = {
  ydoc: Y.Doc
  provider: WebsocketProvider
  user: PresenceUser
  /** False for read-only members, before the first sync and after the connection ended for good. */
  canEdit: boolean
  /** Applies a domain command as a local change; false (and an announced error) if it was refused. */
  run: (command: ReviewCommand, options?: { undoable?: boolean }) => boolean
  /** Tells the others which rich-text field this user is typing in (null: none). */
  setEditing: (field: string | null) => void
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null)

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext)
  if (!value) throw new Error('useWorkspace outside a live workspace')
  return value
}

/**
 * Ids become part of Y.Doc root names ("finding:<id>:body"). crypto.randomUUID only exists in
 * secure contexts, so plain-HTTP intranet installs would break; getRandomValues works anywhere.
 */
export function newEntityId(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('')
}
