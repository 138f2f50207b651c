import { useState, type FocusEvent, type InputHTMLAttributes, type KeyboardEvent, type TextareaHTMLAttributes } from 'react'

type Field = HTMLInputElement | HTMLTextAreaElement

/**
 * A field bound to the shared document. While the user edits it, their draft is kept locally
 * (a remote change does not yank the text away under the cursor); it is written when focus
 * leaves or on the commit key, and Escape goes back to the shared value. Otherwise the field
 * shows the shared value as it changes.
 */
function useCommittedDraft<E extends Field>(
  value: string,
  onCommit: (value: string) => boolean,
  isCommitKey: (event: KeyboardEvent<E>) => boolean,
  handlers: { onFocus?: (event: FocusEvent<E>) => void; onBlur?: (event: FocusEvent<E>) => void; onKeyDown?: (event: KeyboardEvent<E>) => void },
) {
  const [draft, setDraft] = useState<string | null>(null)
  /** Writes the draft if it changed; true unless it was refused. */
  const commit = (): boolean => draft === null || draft === value || onCommit(draft)
  return {
    value: draft ?? value,
    onFocus(event: FocusEvent<E>) {
      setDraft(value)
      handlers.onFocus?.(event)
    },
    onChange(event: { target: { value: string } }) {
      setDraft(event.target.value)
    },
    onBlur(event: FocusEvent<E>) {
      commit()
      setDraft(null)
      handlers.onBlur?.(event)
    },
    onKeyDown(event: KeyboardEvent<E>) {
      if (isCommitKey(event)) {
        event.preventDefault()
        // Still focused: a refused value goes back to the shared one.
        if (!commit()) setDraft(value)
      } else if (event.key === 'Escape') {
        setDraft(value)
      }
      handlers.onKeyDown?.(event)
    },
  }
}

type Bound<A> = Omit<A, 'value' | 'onChange' | 'defaultValue'> & {
  /** The value in the shared document. */
  value: string
  /** Writes the edited value; returns false when it was refused (the field then reverts). */
  onCommit: (value: string) => boolean
}

/** A text or date input bound to the shared document; Enter commits. */
export function CommitInput({ value, onCommit, onFocus, onBlur, onKeyDown, ...rest }: Bound<InputHTMLAttributes<HTMLInputElement>>) {
  const bound = useCommittedDraft<HTMLInputElement>(value, onCommit, event => event.key === 'Enter', { onFocus, onBlur, onKeyDown })
  return <input {...rest} {...bound} />
}

/** The same for longer text: Enter makes a new line, Ctrl+Enter commits. */
export function CommitTextarea({ value, onCommit, onFocus, onBlur, onKeyDown, ...rest }: Bound<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const bound = useCommittedDraft<HTMLTextAreaElement>(value, onCommit, event => event.key === 'Enter' && (event.ctrlKey || event.metaKey), {
    onFocus,
    onBlur,
    onKeyDown,
  })
  return <textarea {...rest} {...bound} />
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
