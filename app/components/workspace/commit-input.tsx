import { useTranslation } from 'react-i18next'
import { useState, type FocusEvent, type InputHTMLAttributes, type KeyboardEvent, type TextareaHTMLAttributes } from 'react'

type Field = HTMLInputElement | HTMLTextAreaElement

/**
 * A structured value bound to the shared document (a date, a list). While the user edits it,
 * their draft is kept locally (a remote change does not yank the value away under the cursor);
 * it is written when focus leaves or on the commit key, and Escape goes back to the shared
 * value. If someone else changes the value meanwhile, nothing is silently overwritten or
 * dropped: the field says so and the user chooses which value stays.
 */
function useCommittedDraft<E extends Field>(
  value: string,
  onCommit: (value: string) => boolean,
  isCommitKey: (event: KeyboardEvent<E>) => boolean,
  handlers: { onFocus?: (event: FocusEvent<E>) => void; onBlur?: (event: FocusEvent<E>) => void; onKeyDown?: (event: KeyboardEvent<E>) => void },
) {
  const [stored, setDraft] = useState<{ text: string; base: string } | null>(null)
  // A draft the user has not changed follows the shared value (nothing of theirs to keep).
  const draft = stored !== null && stored.text === stored.base ? { text: value, base: value } : stored
  /** The shared value changed under a draft that differs from both: the user must choose. */
  const conflict = draft !== null && value !== draft.base && draft.text !== draft.base && draft.text !== value ? value : null
  /** Writes the draft if it changed; true unless it was refused. */
  const commit = (): boolean => draft === null || draft.text === value || (draft.text === draft.base ? true : onCommit(draft.text))
  const bound = {
    value: draft?.text ?? value,
    onFocus(event: FocusEvent<E>) {
      if (draft === null) setDraft({ text: value, base: value })
      handlers.onFocus?.(event)
    },
    onChange(event: { target: { value: string } }) {
      const text = event.target.value
      setDraft({ text, base: draft?.base ?? value })
    },
    onBlur(event: FocusEvent<E>) {
      // With a conflict the draft stays, and the choice below the field decides.
      if (conflict === null) {
        commit()
        setDraft(null)
      }
      handlers.onBlur?.(event)
    },
    onKeyDown(event: KeyboardEvent<E>) {
      if (isCommitKey(event)) {
        event.preventDefault()
        if (conflict !== null) return
        // Still focused: a refused value goes back to the shared one.
        if (!commit()) setDraft({ text: value, base: value })
        else setDraft({ text: draft?.text ?? value, base: draft?.text ?? value })
      } else if (event.key === 'Escape') {
        setDraft({ text: value, base: value })
      }
      handlers.onKeyDown?.(event)
    },
  }
  const resolve = {
    conflict,
    mine: draft?.text ?? '',
    keepMine() {
      if (draft !== null) onCommit(draft.text)
      setDraft(null)
    },
    useTheirs() {
      setDraft(null)
    },
  }
  return { bound, resolve }
}

function ConflictNotice({ conflict, mine, keepMine, useTheirs }: ReturnType<typeof useCommittedDraft>['resolve']) {
  const { t } = useTranslation()
  if (conflict === null) return null
  const shown = (text: string) => (text === '' ? t('workspace.conflict.empty') : text)
  return (
    <div className="field-conflict" role="alert">
      <p>{t('workspace.conflict.changed', { value: shown(conflict) })}</p>
      <button type="button" className="button-secondary" onClick={useTheirs}>
        {t('workspace.conflict.useTheirs', { value: shown(conflict) })}
      </button>{' '}
      <button type="button" className="button-secondary" onClick={keepMine}>
        {t('workspace.conflict.keepMine', { value: shown(mine) })}
      </button>
    </div>
  )
}

type Bound<A> = Omit<A, 'value' | 'onChange' | 'defaultValue'> & {
  /** The value in the shared document. */
  value: string
  /** Writes the edited value; returns false when it was refused (the field then reverts). */
  onCommit: (value: string) => boolean
}

/** A date (or other structured) input bound to the shared document; Enter commits. */
export function CommitInput({ value, onCommit, onFocus, onBlur, onKeyDown, ...rest }: Bound<InputHTMLAttributes<HTMLInputElement>>) {
  const { bound, resolve } = useCommittedDraft<HTMLInputElement>(value, onCommit, event => event.key === 'Enter', { onFocus, onBlur, onKeyDown })
  return (
    <>
      <input {...rest} {...bound} />
      <ConflictNotice {...resolve} />
    </>
  )
}

/** The same for longer values: Enter makes a new line, Ctrl+Enter commits. */
export function CommitTextarea({ value, onCommit, onFocus, onBlur, onKeyDown, ...rest }: Bound<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { bound, resolve } = useCommittedDraft<HTMLTextAreaElement>(value, onCommit, event => event.key === 'Enter' && (event.ctrlKey || event.metaKey), {
    onFocus,
    onBlur,
    onKeyDown,
  })
  return (
    <>
      <textarea {...rest} {...bound} />
      <ConflictNotice {...resolve} />
    </>
  )
}

type ChoiceSelectProps<T extends string> = {
  id: string
  value: T
  choices: readonly T[]
  /** The option's text, in the user's language. */
  label: (choice: T) => string
  onChoose: (choice: T) => void
  disabled?: boolean
}

/** A select over a fixed vocabulary; only values of that vocabulary ever reach `onChoose`. */
export function ChoiceSelect<T extends string>({ id, value, choices, label, onChoose, disabled }: ChoiceSelectProps<T>) {
  return (
    <select
      id={id}
      value={value}
      disabled={disabled}
      onChange={event => {
        const choice = choices.find(c => c === event.target.value)
        if (choice !== undefined) onChoose(choice)
      }}
    >
      {choices.map(choice => (
        <option key={choice} value={choice}>
          {label(choice)}
        </option>
      ))}
    </select>
  )
}
