// The live review workspace: the shared timeline and findings, who is here, and the state of
// the connection. The live parts run in the browser only; the server renders the frame and, in
// the session view, the first timeline rows from the projection (ADR 0053), which the live list
// replaces with the same markup once the document has synced.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { applyCommand, collections, orderedCollections, ReviewCommandError, type ReviewCommand } from '~/domain/review-doc'
import { orderArrayName } from '~/domain/review-doc/structure'
import { LOCAL_ADD_ORIGIN, LOCAL_ORIGIN, WorkspaceContext, type WorkspaceContextValue } from './context'
import type { WorkspaceSettings, WorkspaceView } from './settings'
import { WorkspaceViewContent } from './views'
import { TimelinePreviewList } from './timeline'
import type { TimelinePreview } from '~/models/timeline-rows.server'
import { WorkspaceTabs } from './tabs'
import { ConnectionStatus, editorsByField, PresenceList, useParticipants } from './presence'
import { isTerminal, useCollabSession, type LocalStore, type PresenceUser } from './use-collab-session'
import { useOfflinePage } from './use-offline-page'
import { useReviewDocument } from './use-review-document'

type Props = {
  view: WorkspaceView
  settings: WorkspaceSettings
  docName: string
  canWrite: boolean
  user: PresenceUser
  /** The workspace loader's data URL, asked when the socket keeps failing (signed out? removed?). */
  probeUrl: string
  signInUrl: string
  /** This browser's copy of the document, for working offline; none for read-only members. */
  localStore?: LocalStore | null
  /** The page to keep for a reload without network (see useOfflinePage); none for read-only members. */
  keptPage?: { cache: string; href: string } | null
  /** The first timeline rows as last projected, shown read-only until the document has synced. */
  preview?: TimelinePreview | null
}

/** Structured edits this browser made, undoable without touching anyone else's. */
function useStructuredUndo(ydoc: Y.Doc | null) {
  const [manager, setManager] = useState<Y.UndoManager | null>(null)
  const [stacks, setStacks] = useState({ undo: 0, redo: 0 })
  useEffect(() => {
    if (!ydoc) return
    const undoManager = new Y.UndoManager(
      // Every structured collection and its order: registry, timeline, analysis, findings and
      // recommendations. Rich text has its own per-editor undo.
      [...collections.map(name => ydoc.getMap(name)), ...orderedCollections.map(name => ydoc.getArray(orderArrayName(name)))],
      // Every click is its own step; only changes made through LOCAL_ORIGIN are tracked.
      { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 },
    )
    const sync = () => setStacks({ undo: undoManager.undoStack.length, redo: undoManager.redoStack.length })
    undoManager.on('stack-item-added', sync)
    undoManager.on('stack-item-popped', sync)
    undoManager.on('stack-cleared', sync)
    setManager(undoManager)
    sync()
    return () => {
      undoManager.destroy()
      setManager(null)
      setStacks({ undo: 0, redo: 0 })
    }
  }, [ydoc])
  return { manager, canUndo: stacks.undo > 0, canRedo: stacks.redo > 0 }
}

/** Keys that belong to a text field or editor and must keep their own meaning. */
function isTextTarget(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target.closest('.ProseMirror')) return true
  if (target instanceof HTMLTextAreaElement) return true
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
}

export function Workspace({
  view,
  settings,
  docName,
  canWrite,
  user: account,
  probeUrl,
  signInUrl,
  localStore = null,
  keptPage = null,
  preview = null,
}: Props) {
  const { t } = useTranslation()
  const { session, connection, synced, localLoaded, color } = useCollabSession({ docName, user: account, probeUrl, localStore })
  // The colour shown in this room (distinct from everyone else's), for carets too.
  const user = useMemo(() => ({ name: account.name, color }), [account.name, color])
  const ydoc = session?.ydoc ?? null
  const document = useReviewDocument(ydoc)
  const participants = useParticipants(session?.provider ?? null)
  const editors = useMemo(() => editorsByField(participants), [participants])
  const { manager, canUndo, canRedo } = useStructuredUndo(ydoc)
  const [error, setError] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')

  const ended = isTerminal(connection)
  useOfflinePage(keptPage?.cache ?? null, keptPage?.href ?? '', synced)
  // This browser's own copy counts: after a reload while offline, work goes on from it.
  const ready = (synced || localLoaded) && document !== null && document.schemaVersion !== null
  const canEdit = canWrite && ready && !ended

  const canEditRef = useRef(canEdit)
  canEditRef.current = canEdit
  const run = useCallback(
    (command: ReviewCommand, options: { undoable?: boolean } = {}): boolean => {
      if (!ydoc || !canEditRef.current) return false
      try {
        applyCommand(ydoc, command, { origin: options.undoable === false ? LOCAL_ADD_ORIGIN : LOCAL_ORIGIN })
        setError(null)
        return true
      } catch (caught) {
        const reason = caught instanceof ReviewCommandError ? t('workspace.errors.invalidValue') : t('workspace.errors.notReady')
        setError(t('workspace.errors.notSaved', { reason }))
        return false
      }
    },
    [ydoc, t],
  )

  const setEditing = useCallback((field: string | null) => session?.provider.awareness.setLocalStateField('editing', field), [session])

  const context = useMemo<WorkspaceContextValue | null>(
    () => (session ? { ydoc: session.ydoc, provider: session.provider, user, canEdit, run, setEditing } : null),
    [session, user, canEdit, run, setEditing],
  )

  const undo = () => {
    if (canEdit) manager?.undo()
  }
  const redo = () => {
    if (canEdit) manager?.redo()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextTarget(event.target)) return
    const key = event.key.toLowerCase()
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault()
      undo()
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault()
      redo()
    }
  }

  return (
    // The review's undo/redo shortcuts, delegated from whichever field has focus.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div className="workspace" onKeyDown={onKeyDown}>
      <div className="workspace-bar">
        <ConnectionStatus state={connection} canWrite={canWrite} />
        <PresenceList participants={participants} />
      </div>
      {ended ? (
        <p className="notice-error workspace-ended">
          {connection === 'signed-out' ? (
            <a href={signInUrl}>{t('workspace.connection.signIn')}</a>
          ) : (
            <a href={probeUrl.split('?')[0]}>{t('workspace.connection.reload')}</a>
          )}
        </p>
      ) : null}
      {canWrite ? null : <p className="workspace-readonly">{t('workspace.readOnlyNote')}</p>}
      {canWrite ? (
        <div className="undo-bar">
          <button type="button" className="button-secondary" onClick={undo} disabled={!canEdit || !canUndo} aria-describedby="undo-hint">
            {t('workspace.undo.undo')}
          </button>
          <button type="button" className="button-secondary" onClick={redo} disabled={!canEdit || !canRedo} aria-describedby="undo-hint">
            {t('workspace.undo.redo')}
          </button>
          <p id="undo-hint" className="hint">
            {t('workspace.undo.hint')}
          </p>
        </div>
      ) : null}
      <div role="alert" className={error ? 'form-error' : 'visually-hidden'}>
        {error}
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>

      {context && document && ready ? (
        <WorkspaceContext.Provider value={context}>
          <WorkspaceTabs current={view} />
          <div className="workspace-view" id="workspace-view">
            <WorkspaceViewContent view={view} document={document} settings={settings} editors={editors} announce={setAnnouncement} />
          </div>
        </WorkspaceContext.Provider>
      ) : synced && document?.schemaVersion === null ? (
        <p className="notice-error">{t('workspace.notInitialised')}</p>
      ) : view === 'session' && preview && !ended ? (
        <>
          <WorkspaceTabs current={view} />
          <div className="workspace-view" id="workspace-view">
            <div className="workspace-columns">
              <TimelinePreviewList preview={preview} canWrite={canWrite} />
              <section className="findings" aria-labelledby="findings-title">
                <div className="section-head">
                  <h2 id="findings-title">{t('workspace.findings.title')}</h2>
                </div>
                <p className="workspace-loading">{t('workspace.loading')}</p>
              </section>
            </div>
          </div>
        </>
      ) : (
        <p className="workspace-loading">{t('workspace.loading')}</p>
      )}
    </div>
  )
}
