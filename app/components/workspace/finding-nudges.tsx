// The language nudges of one live editor: the extension that highlights phrases in the text,
// and the notes under the editor that say why and how to reframe them.
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AnyExtension } from '@tiptap/core'
import { NudgeSource, nudgeExtension, type NudgeSettings, type PlacedNudge } from './nudge-decorations'

/** Names and aliases of the registry, the words a sentence could blame a person by. */
export function personNamesOf(people: readonly { name: string; aliases: readonly string[] }[]): string[] {
  return people.flatMap(person => [person.name, ...person.aliases])
}

export function useLanguageNudges(field: string, settings: NudgeSettings) {
  // Fragment names hold ":"; ids of notes must stay simple for aria-describedby.
  const notePrefix = `nudge-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`
  const [source] = useState(() => new NudgeSource(settings, notePrefix))
  // One extension per editor for its lifetime: the editor is recreated if this array changes.
  const extensions = useMemo<readonly AnyExtension[]>(() => [nudgeExtension(source)], [source])
  const [nudges, setNudges] = useState<readonly PlacedNudge[]>([])

  useEffect(() => {
    source.update(settings)
  }, [source, settings])

  useEffect(() => {
    source.listen(setNudges)
    return () => source.listen(null)
  }, [source])

  return { extensions, nudges, notesId: `${notePrefix}-notes` }
}

/** Never a blocker: a list of what was highlighted, each with its systems-minded suggestion. */
export function NudgeNotes({ nudges, id }: { nudges: readonly PlacedNudge[]; id: string }) {
  const { t } = useTranslation()
  return (
    <div className="nudge-notes" id={id}>
      {/* Present even when empty, so that a new count is announced politely. */}
      <p className={nudges.length > 0 ? 'nudge-notes-title' : 'visually-hidden'} role="status">
        {nudges.length > 0 ? t('analysis.nudges.count', { count: nudges.length }) : ''}
      </p>
      {nudges.length > 0 ? (
        <>
          <p className="hint">{t('analysis.nudges.hint')}</p>
          <ul className="nudge-list">
            {nudges.map(nudge => (
              <li key={nudge.noteId} id={nudge.noteId} className={`nudge-note nudge-note-${nudge.category}`}>
                <span className="nudge-phrase">{t('analysis.nudges.phrase', { phrase: nudge.phrase })}</span>{' '}
                <span className="badge nudge-category">{t(`analysis.nudges.category.${nudge.category}`)}</span>{' '}
                <span className="nudge-suggestion">{nudge.suggestion}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}
