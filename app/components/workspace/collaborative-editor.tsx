// One rich-text field of the review document, edited live. Several of these share one Y.Doc:
// each binds to its own XmlFragment through Collaboration's `field`. Content is never set here
// (that would duplicate text on every client); it comes only from the shared document.
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type { AnyExtension } from '@tiptap/core'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { memo, useEffect, useRef, useState } from 'react'
import { PasteSizeGuard } from '../paste-size-guard'
import { useWorkspace } from './context'

type CaretUser = { name?: string | null; color?: string | null }

/** The caret with the collaborator's name; hidden from screen readers (the presence list says who edits what). */
function renderCaret(user: CaretUser): HTMLElement {
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
  caret.setAttribute('aria-hidden', 'true')
  caret.style.borderColor = user.color ?? 'transparent'
  const label = document.createElement('span')
  label.classList.add('collaboration-carets__label')
  label.style.backgroundColor = user.color ?? '#37474f'
  label.textContent = user.name ?? ''
  caret.append(label)
  return caret
}

/** A light tint of the collaborator's colour, so selected text keeps its contrast. */
function renderSelection(user: CaretUser) {
  const color = user.color && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : null
  return color ? { style: `background-color: ${color}33`, class: 'collaboration-carets__selection' } : {}
}

const noExtensions: readonly AnyExtension[] = []

type Props = {
  /** The XmlFragment's name, e.g. findingBodyField(id). */
  field: string
  /** Id of the visible element naming this text box. */
  labelId: string
  /** Plain text shown until the editor is created in the browser. */
  fallback: string
  /** Put the caret in this editor once it exists (a field the user just created or opened). */
  autoFocus?: boolean
  /**
   * More behaviour for this editor (e.g. language nudges). Read when the editor is created:
   * pass a stable array, and let the extension pick up later changes itself.
   */
  extensions?: readonly AnyExtension[]
}

/**
 * The editor is created in a task of its own, after the render that shows the field: creating a
 * Tiptap editor bound to the document takes 25-35 ms, and in the same task as opening an event
 * at 10,000 events (a click: React runs its effects before returning) it made a 50 ms task.
 */
export const CollaborativeEditor = memo(function CollaborativeEditor(props: Props) {
  const [created, setCreated] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setCreated(true), 0)
    return () => clearTimeout(timer)
  }, [])
  return created ? <LiveEditor {...props} /> : <PendingEditor labelId={props.labelId} fallback={props.fallback} />
})

/** The text as last read, where the editor will be. */
function PendingEditor({ labelId, fallback }: Pick<Props, 'labelId' | 'fallback'>) {
  return (
    <div className="rich-text-frame">
      <div className="rich-text rich-text-pending" aria-labelledby={labelId} role="textbox" aria-readonly="true" aria-multiline="true">
        {fallback}
      </div>
    </div>
  )
}

function LiveEditor({ field, labelId, fallback, autoFocus = false, extensions = noExtensions }: Props) {
  const { ydoc, provider, user, canEdit, setEditing } = useWorkspace()
  const setEditingRef = useRef(setEditing)
  setEditingRef.current = setEditing
  const hasFocus = useRef(false)
  // An editor closed while typing gets no blur event: tell the others we left it.
  useEffect(
    () => () => {
      if (hasFocus.current) setEditingRef.current(null)
    },
    [],
  )

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canEdit,
      extensions: [
        // Collaboration brings a Yjs undo manager that undoes only this user's typing.
        StarterKit.configure({ undoRedo: false, trailingNode: false, link: { openOnClick: false } }),
        Collaboration.configure({ document: ydoc, field }),
        CollaborationCaret.configure({ provider, user, render: renderCaret, selectionRender: renderSelection }),
        PasteSizeGuard,
        ...extensions,
      ],
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          class: 'rich-text',
        },
      },
      onFocus: () => {
        hasFocus.current = true
        setEditingRef.current(field)
      },
      onBlur: () => {
        hasFocus.current = false
        setEditingRef.current(null)
      },
    },
    [ydoc, provider, field, extensions],
  )

  // The room may give this user another colour once it sees who else is here.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser(user)
  }, [editor, user])

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    if (editor.isEditable !== canEdit) editor.setEditable(canEdit)
    editor.view.dom.setAttribute('aria-readonly', String(!canEdit))
  }, [editor, canEdit])

  const focused = useRef(false)
  useEffect(() => {
    if (!autoFocus || !editor || editor.isDestroyed || focused.current || !canEdit) return
    focused.current = true
    editor.commands.focus('end')
  }, [autoFocus, editor, canEdit])

  if (!editor) return <PendingEditor labelId={labelId} fallback={fallback} />
  return <EditorContent editor={editor} className="rich-text-frame" />
}
