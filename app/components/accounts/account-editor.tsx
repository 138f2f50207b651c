// The author's guided account: one rich-text editor per prompt, all bound to the author's own
// Y.Doc (one XmlFragment each). Content is never set here; it comes only from the document.
import Collaboration from '@tiptap/extension-collaboration'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect } from 'react'
import { PasteSizeGuard } from '../paste-size-guard'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { accountPrompts, promptField, type AccountPrompt } from '~/domain/staff-account'
import { useAccountDoc, type AccountConnection } from './use-account-doc'

type Props = { accountId: string; docName: string }

export function AccountEditor({ accountId, docName }: Props) {
  const { t } = useTranslation()
  const { ydoc, ready, connection } = useAccountDoc(accountId, docName)
  const editable = ready && connection !== 'ended'
  return (
    <div className="account-editor">
      <ConnectionLine state={connection} />
      {connection === 'ended' ? (
        <p className="notice-error">
          <a href={`?reload=${Date.now().toString(36)}`}>{t('accounts.connection.reload')}</a>
        </p>
      ) : null}
      <ol className="account-prompts">
        {accountPrompts.map(prompt => (
          <li key={prompt}>
            <PromptEditor prompt={prompt} ydoc={ready ? ydoc : null} editable={editable} />
          </li>
        ))}
      </ol>
    </div>
  )
}

function ConnectionLine({ state }: { state: AccountConnection }) {
  const { t } = useTranslation()
  const text = {
    connecting: t('accounts.connection.connecting'),
    saved: t('accounts.connection.saved'),
    reconnecting: t('accounts.connection.reconnecting'),
    'not-saving': t('accounts.connection.notSaving'),
    offline: t('accounts.connection.offline'),
    ended: t('accounts.connection.ended'),
  }[state]
  return (
    <p role="status" className={`account-connection account-connection-${state}`}>
      {text}
    </p>
  )
}

function PromptEditor({ prompt, ydoc, editable }: { prompt: AccountPrompt; ydoc: Y.Doc | null; editable: boolean }) {
  const { t } = useTranslation()
  const labelId = `prompt-${prompt}-label`
  const hintId = `prompt-${prompt}-hint`
  return (
    <div className="account-prompt">
      <h3 id={labelId}>{t(`accounts.prompt.${prompt}`)}</h3>
      <p id={hintId} className="hint">
        {t(`accounts.prompt.${prompt}Hint`)}
      </p>
      {ydoc ? (
        <BoundEditor field={promptField(prompt)} ydoc={ydoc} labelId={labelId} hintId={hintId} editable={editable} />
      ) : (
        <PendingEditor labelId={labelId} hintId={hintId} />
      )}
    </div>
  )
}

/** Where the editor will be, named and described already, until it is ready to bind. */
function PendingEditor({ labelId, hintId }: { labelId: string; hintId: string }) {
  return (
    <div className="rich-text-frame">
      <div
        className="rich-text rich-text-pending"
        role="textbox"
        aria-multiline="true"
        aria-readonly="true"
        aria-labelledby={labelId}
        aria-describedby={hintId}
      />
    </div>
  )
}

function BoundEditor({ field, ydoc, labelId, hintId, editable }: { field: string; ydoc: Y.Doc; labelId: string; hintId: string; editable: boolean }) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        // Collaboration brings its own Yjs undo manager.
        StarterKit.configure({ undoRedo: false, trailingNode: false, link: false }),
        Collaboration.configure({ document: ydoc, field }),
        PasteSizeGuard,
      ],
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          'aria-describedby': hintId,
          class: 'rich-text',
        },
      },
    },
    [ydoc, field],
  )
  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable)
  }, [editor, editable])
  if (!editor) {
    return <PendingEditor labelId={labelId} hintId={hintId} />
  }
  return <EditorContent editor={editor} className="rich-text-frame" />
}
