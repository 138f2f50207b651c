// A plain input or textarea bound to one Y.Text of the review document, edited live: each
// change of the field's value becomes one insert/delete at the caret, and others' changes are
// applied to the field while keeping this user's selection where it was in the text. Undo
// (Ctrl+Z) undoes only this user's typing in this field. See ADR 0011 for why these fields are
// plain inputs rather than small Tiptap editors.
import { memo, useEffect, useRef, useState, type FocusEvent, type InputHTMLAttributes, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { diffText, textAt, transformPosition, type Collection } from '~/domain/review-doc'
import { useWorkspace } from './context'
import { useOthersEditing } from './presence'

/** Where the Y.Text lives: an entity's field, or the "why" of one of a finding's value tags. */
export type LiveTextTarget =
  { collection: Collection; id: string; field: string; valueTag?: undefined } | { collection: 'findings'; id: string; valueTag: string; field?: undefined }

/** The name others see in "X is editing" (awareness `editing`); one per field. */
export function liveTextKey(target: LiveTextTarget): string {
  return target.valueTag !== undefined ? `findings:${target.id}:valueTags:${target.valueTag}` : `${target.collection}:${target.id}:${target.field}`
}

function parentMap(ydoc: Y.Doc, target: LiveTextTarget): Y.Map<unknown> | null {
  let entity: unknown
  try {
    entity = ydoc.getMap<unknown>(target.collection).get(target.id)
  } catch {
    return null
  }
  if (!(entity instanceof Y.Map)) return null
  if (target.valueTag === undefined) return entity
  const tags = entity.get('valueTags')
  return tags instanceof Y.Map ? tags : null
}

function keyOf(target: LiveTextTarget): string {
  return target.valueTag ?? target.field
}

type Attributes = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'maxLength' | 'required' | 'autoComplete' | 'aria-describedby' | 'aria-invalid' | 'aria-label' | 'placeholder' | 'className' | 'disabled'
> & {
  onFocus?: (event: FocusEvent<HTMLInputElement & HTMLTextAreaElement>) => void
  onBlur?: (event: FocusEvent<HTMLInputElement & HTMLTextAreaElement>) => void
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement & HTMLTextAreaElement>) => void
}

type Props = Attributes & {
  target: LiveTextTarget
  /** The read model's value: shown until the field is bound (and if the Y.Text is missing). */
  fallback: string
  /** A textarea (Enter makes a new line) instead of a one-line input. */
  multiline?: boolean
  rows?: number
}

export const LiveText = memo(function LiveText({ target, fallback, multiline = false, rows, disabled, onFocus, onBlur, onKeyDown, className, ...rest }: Props) {
  const { t } = useTranslation()
  const { ydoc, canEdit, setEditing } = useWorkspace()
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null)
  const [text, setText] = useState<Y.Text | null>(null)
  // One origin per field instance: its undo manager tracks only this user's typing here.
  const [origin] = useState(() => ({ source: 'workspace-live-text' }))
  const undoRef = useRef<Y.UndoManager | null>(null)
  const focused = useRef(false)
  const editingKey = liveTextKey(target)
  const editors = useOthersEditing(editingKey)
  const setEditingRef = useRef(setEditing)
  setEditingRef.current = setEditing
  const fallbackRef = useRef(fallback)
  fallbackRef.current = fallback
  const { collection, id } = target
  const key = keyOf(target)
  const isValueTag = target.valueTag !== undefined

  // Bind to the Y.Text, and rebind when the key gets another one (e.g. the value tag is re-added).
  useEffect(() => {
    const current: LiveTextTarget = isValueTag ? { collection: 'findings', id, valueTag: key } : { collection, id, field: key }
    let parent = parentMap(ydoc, current)
    const bind = () => {
      const value = parent?.get(key)
      setText(value instanceof Y.Text ? value : null)
    }
    const onParent = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has(key)) bind()
    }
    // The value-tag map may be created after this field (an old document): watch the entity too.
    const entity = parentMap(ydoc, { collection, id, field: key })
    const onEntity = () => {
      const next = parentMap(ydoc, current)
      if (next === parent) return
      parent?.unobserve(onParent)
      parent = next
      parent?.observe(onParent)
      bind()
    }
    bind()
    parent?.observe(onParent)
    if (isValueTag) entity?.observe(onEntity)
    return () => {
      parent?.unobserve(onParent)
      if (isValueTag) entity?.unobserve(onEntity)
    }
  }, [ydoc, collection, id, key, isValueTag])

  // Show the Y.Text in the field and follow others' changes, keeping the local selection.
  useEffect(() => {
    const element = ref.current
    if (!element) return
    if (!text) {
      if (!focused.current) element.value = fallbackRef.current
      return
    }
    if (element.value !== text.toString()) element.value = text.toString()
    const undo = new Y.UndoManager(text, { trackedOrigins: new Set([origin]), captureTimeout: 600 })
    undoRef.current = undo
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === origin) return // the field already shows this user's typing
      const value = text.toString()
      if (element.value === value) return
      const hasFocus = element.ownerDocument.activeElement === element
      const start = element.selectionStart
      const end = element.selectionEnd
      const direction = element.selectionDirection ?? undefined
      element.value = value
      if (hasFocus && start !== null && end !== null) {
        const delta = event.delta as { insert?: unknown; delete?: number; retain?: number }[]
        element.setSelectionRange(transformPosition(start, delta), transformPosition(end, delta), direction)
      }
    }
    text.observe(observer)
    return () => {
      text.unobserve(observer)
      undo.destroy()
      if (undoRef.current === undo) undoRef.current = null
    }
  }, [text, origin])

  // The read model's value while unbound (e.g. the field appeared before the Y.Text synced).
  useEffect(() => {
    const element = ref.current
    if (element && !text && !focused.current && element.value !== fallback) element.value = fallback
  }, [fallback, text])

  // An input removed while focused gets no blur: tell the others this user left it.
  useEffect(
    () => () => {
      if (focused.current) setEditingRef.current(null)
    },
    [],
  )

  const write = () => {
    const element = ref.current
    if (!element) return
    let bound = text
    if (!bound) {
      // A field without a Y.Text (written by an older version): create it, from what it held.
      const parent = parentMap(ydoc, target)
      if (!parent) return
      ydoc.transact(() => {
        bound = textAt(parent, key)
      }, origin)
      if (!bound) return
      setText(bound)
    }
    const yText: Y.Text = bound
    const edit = diffText(yText.toString(), element.value, element.selectionEnd ?? undefined)
    if (!edit) return
    ydoc.transact(() => {
      if (edit.remove > 0) yText.delete(edit.index, edit.remove)
      if (edit.insert !== '') yText.insert(edit.index, edit.insert)
    }, origin)
  }

  const historyKey = (event: KeyboardEvent<HTMLInputElement & HTMLTextAreaElement>) => {
    onKeyDown?.(event)
    if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey) return
    const letter = event.key.toLowerCase()
    const undo = undoRef.current
    if (letter === 'z' || letter === 'y') {
      // The browser's own undo would replay its history of this element, including others' text.
      event.preventDefault()
      if (!undo || !canEdit) return
      if (letter === 'z' && !event.shiftKey) undo.undo()
      else undo.redo()
    }
  }

  // The browser menu's Undo/Redo arrive as beforeinput; they too must undo only this user's typing.
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const onBeforeInput = (event: InputEvent) => {
      if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return
      event.preventDefault()
      if (event.inputType === 'historyUndo') undoRef.current?.undo()
      else undoRef.current?.redo()
    }
    element.addEventListener('beforeinput', onBeforeInput)
    return () => element.removeEventListener('beforeinput', onBeforeInput)
  }, [])

  const shared = {
    ...rest,
    ref,
    defaultValue: fallback,
    disabled: disabled || !canEdit,
    className: [className, editors ? 'live-text-shared' : null].filter(Boolean).join(' ') || undefined,
    style: editors ? { borderColor: editors.color, boxShadow: `0 0 0 2px ${editors.color}` } : undefined,
    'data-live-text': editingKey,
    onChange: write,
    onKeyDown: historyKey,
    onFocus: (event: FocusEvent<HTMLInputElement & HTMLTextAreaElement>) => {
      focused.current = true
      setEditingRef.current(editingKey)
      onFocus?.(event)
    },
    onBlur: (event: FocusEvent<HTMLInputElement & HTMLTextAreaElement>) => {
      focused.current = false
      setEditingRef.current(null)
      onBlur?.(event)
    },
  }

  return (
    <>
      {multiline ? <textarea {...shared} rows={rows} /> : <input {...shared} type="text" />}
      {editors ? (
        <p className="editing-now live-text-editing" style={{ borderColor: editors.color }}>
          {t('workspace.presence.editing', { names: editors.names })}
        </p>
      ) : null}
    </>
  )
})
