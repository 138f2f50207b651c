// Refuses pastes and drops larger than a live document can take in one edit, with a message,
// instead of sending an update the server must refuse (issue 10, point 13). The server's
// limit is 4 MB per message (server/collab/limits.ts); 500,000 characters of text with its
// formatting stay well under it, even in multi-byte scripts.
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { Slice } from '@tiptap/pm/model'
import type { EditorView } from '@tiptap/pm/view'
import i18next from 'i18next'

export const MAX_PASTE_CHARS = 500_000
const MESSAGE_MS = 8000

function sizeOf(slice: Slice): number {
  // Text length plus one per node: what the edit will cost, in characters.
  return slice.content.size
}

function tell(view: EditorView, size: number): void {
  const host = view.dom.parentElement
  if (!host) return
  host.querySelector(':scope > .paste-too-large')?.remove()
  const note = document.createElement('p')
  note.className = 'form-error paste-too-large'
  note.setAttribute('role', 'alert')
  note.textContent = i18next.t('pasteGuard.tooLarge', { size: size.toLocaleString(), max: MAX_PASTE_CHARS.toLocaleString() })
  host.appendChild(note)
  setTimeout(() => note.remove(), MESSAGE_MS)
}

export const PasteSizeGuard = Extension.create({
  name: 'pasteSizeGuard',
  addProseMirrorPlugins() {
    const refuse = (view: EditorView, slice: Slice): boolean => {
      const size = sizeOf(slice)
      if (size <= MAX_PASTE_CHARS) return false
      tell(view, size)
      return true
    }
    return [
      new Plugin({
        key: new PluginKey('pasteSizeGuard'),
        props: {
          handlePaste: (view, _event, slice) => refuse(view, slice),
          handleDrop: (view, _event, slice) => refuse(view, slice),
        },
      }),
    ]
  },
})
