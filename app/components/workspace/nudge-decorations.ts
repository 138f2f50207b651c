// Hindsight and blame language, highlighted inside a live rich-text editor. A ProseMirror
// decoration plugin: it never changes the text, never blocks typing and writes nothing to the
// shared document, so every collaborator sees highlights computed from their own language.
import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { findNudges, type Nudge, type NudgeLocale } from '~/domain/nudges'

export type NudgeSettings = { locale: NudgeLocale; personNames: readonly string[] }

/** A nudge placed in the editor: document positions, and the id of the note describing it. */
export type PlacedNudge = Nudge & { from: number; to: number; noteId: string }

/**
 * The link between React and one editor's plugin: React sets the locale and the registry's
 * names (which change without the editor being recreated) and hears which nudges were found,
 * to list them under the editor.
 */
export class NudgeSource {
  private settings: NudgeSettings
  private readonly listeners = new Set<() => void>()
  private found: readonly PlacedNudge[] = []
  private reportTo: ((nudges: readonly PlacedNudge[]) => void) | null = null

  constructor(
    settings: NudgeSettings,
    /** Prefix of the ids of the notes listing the nudges (aria-describedby targets). */
    readonly notePrefix: string,
  ) {
    this.settings = settings
  }

  get current(): NudgeSettings {
    return this.settings
  }

  update(settings: NudgeSettings): void {
    const same =
      settings.locale === this.settings.locale &&
      settings.personNames.length === this.settings.personNames.length &&
      settings.personNames.every((name, index) => name === this.settings.personNames[index])
    if (same) return
    this.settings = settings
    for (const listener of this.listeners) listener()
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Called by the plugin whenever the list of nudges changed. */
  report(nudges: readonly PlacedNudge[]): void {
    this.found = nudges
    this.reportTo?.(nudges)
  }

  /** The React side listens here; it gets the latest list at once. */
  listen(callback: ((nudges: readonly PlacedNudge[]) => void) | null): void {
    this.reportTo = callback
    callback?.(this.found)
  }
}

// Text of a textblock with one character per document position, so an offset in the text is
// an offset in the block: a hard break reads as a line break, any other inline node as a
// placeholder that no phrase matches.
function blockText(block: ProseMirrorNode): string {
  let text = ''
  block.forEach(child => {
    if (child.isText) text += child.text ?? ''
    else text += (child.type.name === 'hardBreak' ? '\n' : '\ufffc').repeat(child.nodeSize)
  })
  return text
}

type PluginState = { decorations: DecorationSet; nudges: readonly PlacedNudge[] }

const CACHE_LIMIT = 500

function placeNudges(doc: ProseMirrorNode, source: NudgeSource, cache: Map<string, Nudge[]>): PluginState {
  const { locale, personNames } = source.current
  const nudges: PlacedNudge[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    const text = blockText(node)
    // Typing changes one paragraph at a time: the others are answered from the cache.
    let found = cache.get(text)
    if (!found) {
      found = findNudges(text, locale, { personNames })
      if (cache.size >= CACHE_LIMIT) cache.clear()
      cache.set(text, found)
    }
    for (const nudge of found) {
      nudges.push({ ...nudge, from: pos + 1 + nudge.start, to: pos + 1 + nudge.end, noteId: `${source.notePrefix}-${nudges.length}` })
    }
    return false
  })
  const decorations = nudges.map(nudge =>
    Decoration.inline(nudge.from, nudge.to, {
      class: `nudge nudge-${nudge.category}`,
      title: nudge.suggestion,
      'aria-describedby': nudge.noteId,
      'data-nudge': nudge.category,
    }),
  )
  return { decorations: DecorationSet.create(doc, decorations), nudges }
}

function sameNudges(a: readonly PlacedNudge[], b: readonly PlacedNudge[]): boolean {
  return (
    a.length === b.length &&
    a.every((nudge, i) => nudge.from === b[i]?.from && nudge.to === b[i]?.to && nudge.ruleId === b[i]?.ruleId && nudge.suggestion === b[i]?.suggestion)
  )
}

const nudgeKey = new PluginKey<PluginState>('languageNudges')

/** The Tiptap extension to pass to CollaborativeEditor; keep one source per editor. */
export function nudgeExtension(source: NudgeSource) {
  return Extension.create({
    name: 'languageNudges',
    addProseMirrorPlugins() {
      const cache = new Map<string, Nudge[]>()
      return [
        new Plugin<PluginState>({
          key: nudgeKey,
          state: {
            init: (_config, state) => placeNudges(state.doc, source, cache),
            apply: (tr, previous, _oldState, newState) => {
              if (tr.getMeta(nudgeKey) === 'settings') {
                cache.clear()
                return placeNudges(newState.doc, source, cache)
              }
              if (!tr.docChanged) return previous
              const next = placeNudges(newState.doc, source, cache)
              // Fresh decorations for the new document; the same list object when nothing moved,
              // so the list under the editor does not re-render on every keystroke.
              return sameNudges(previous.nudges, next.nudges) ? { decorations: next.decorations, nudges: previous.nudges } : next
            },
          },
          props: {
            decorations: state => nudgeKey.getState(state)?.decorations ?? DecorationSet.empty,
          },
          view: view => {
            const unsubscribe = source.subscribe(() => {
              // A new locale or new names in the registry: look again, without touching the text.
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(nudgeKey, 'settings').setMeta('addToHistory', false))
            })
            source.report(nudgeKey.getState(view.state)?.nudges ?? [])
            return {
              update: (updated, previousState) => {
                const before = nudgeKey.getState(previousState)?.nudges
                const after = nudgeKey.getState(updated.state)?.nudges
                if (after && before !== after) source.report(after)
              },
              destroy: () => {
                unsubscribe()
              },
            }
          },
        }),
      ]
    },
  })
}
