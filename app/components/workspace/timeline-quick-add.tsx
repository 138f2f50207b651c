// Keyboard-first entry for the joint session: date, stage, a short text, Enter, and straight on
// to the next one. The date and stage are kept (consecutive records are often close), the text
// is cleared. Without a text the new event opens with its full editor instead, for a longer
// description.
import { useContext, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { EVENT_DESCRIPTION_MAX } from '~/domain/review-doc'
import { journeyStages, type JourneyStage } from '~/domain/vocabulary'
import { DateFlagNote } from '../date-flag-note'
import { newEntityId, WorkspaceContext } from './context'
import { formatTimelineDate } from './format'
import { isStage } from './timeline-row'

type Props = {
  /** A new event without a text: open it and put the caret in its description. */
  onOpenNew: (id: string) => void
  announce: (message: string) => void
  /** For the date flag: the child's date of birth. */
  people: readonly { role: string; birthDate?: string }[]
}

export function QuickAdd({ onOpenNew, announce, people }: Props) {
  const { t, i18n } = useTranslation()
  // Outside the live workspace (the server's preview of the timeline) nothing can be added yet.
  const workspace = useContext(WorkspaceContext)
  const canEdit = workspace?.canEdit ?? false
  const [date, setDate] = useState('')
  const [stage, setStage] = useState<JourneyStage | ''>('')
  const [text, setText] = useState('')
  const [invalid, setInvalid] = useState(false)
  const dateRef = useRef<HTMLInputElement>(null)
  const id = useId()
  const ids = {
    title: `${id}-title`,
    hint: `${id}-hint`,
    date: `${id}-date`,
    stage: `${id}-stage`,
    text: `${id}-text`,
    error: `${id}-error`,
    flag: `${id}-flag`,
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setInvalid(true)
      dateRef.current?.focus()
      return
    }
    const description = text.trim()
    const eventId = newEntityId()
    const added = workspace?.run(
      {
        type: 'addEvent',
        id: eventId,
        date,
        ...(stage ? { stage } : {}),
        ...(description ? { description } : {}),
      },
      { undoable: false },
    )
    if (!added) return
    setInvalid(false)
    if (description) {
      setText('')
      announce(t('timeline.quickAdd.added', { date: formatTimelineDate(date, i18n.language) }))
      dateRef.current?.focus()
    } else {
      setDate('')
      onOpenNew(eventId)
    }
  }

  return (
    <form className="quick-add" onSubmit={submit} noValidate aria-labelledby={ids.title} aria-describedby={ids.hint}>
      <h3 id={ids.title} className="quick-add-title">
        {t('timeline.quickAdd.title')}
      </h3>
      <div className="quick-add-fields">
        <div className="field quick-add-date">
          <label htmlFor={ids.date}>{t('workspace.timeline.newDate')}</label>
          <input
            id={ids.date}
            ref={dateRef}
            type="date"
            value={date}
            disabled={!canEdit}
            onChange={e => setDate(e.target.value)}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${ids.error} ${ids.flag}` : ids.flag}
          />
        </div>
        <div className="field quick-add-stage">
          <label htmlFor={ids.stage}>{t('timeline.quickAdd.stage')}</label>
          <select id={ids.stage} value={stage} disabled={!canEdit} onChange={e => setStage(isStage(e.target.value) ? e.target.value : '')}>
            <option value="">{t('timeline.quickAdd.noStage')}</option>
            {journeyStages.map(value => (
              <option key={value} value={value}>
                {t(`workspace.stage.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field quick-add-text">
          <label htmlFor={ids.text}>{t('timeline.quickAdd.text')}</label>
          <input
            id={ids.text}
            type="text"
            value={text}
            maxLength={EVENT_DESCRIPTION_MAX}
            disabled={!canEdit}
            autoComplete="off"
            onChange={e => setText(e.target.value)}
          />
        </div>
        <button type="submit" disabled={!canEdit}>
          {t('workspace.timeline.add')}
        </button>
      </div>
      {invalid ? (
        <p id={ids.error} className="field-error">
          {t('workspace.errors.dateRequired')}
        </p>
      ) : null}
      <DateFlagNote id={ids.flag} date={date} people={people} />
      <p id={ids.hint} className="hint">
        {t('timeline.quickAdd.hint')}
      </p>
    </form>
  )
}
