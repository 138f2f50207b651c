import { useState, type InputHTMLAttributes, type KeyboardEvent } from 'react'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'> & {
  /** The value in the shared document. */
  value: string
  /** Writes the edited value; returns false when it was refused (the input then reverts). */
  onCommit: (value: string) => boolean
}

/**
 * A text or date input bound to the shared document. While the user edits it, their draft is
 * kept locally (a remote change does not yank the text away under the cursor); it is written on
 * Enter or when focus leaves, and Escape goes back to the shared value. Otherwise it shows the
 * shared value as it changes.
 */
export function CommitInput({ value, onCommit, onFocus, onBlur, onKeyDown, ...rest }: Props) {
  const [draft, setDraft] = useState<string | null>(null)

  /** Writes the draft if it changed; true unless it was refused. */
  const commit = (): boolean => draft === null || draft === value || onCommit(draft)

  return (
    <input
      {...rest}
      value={draft ?? value}
      onFocus={event => {
        setDraft(value)
        onFocus?.(event)
      }}
      onChange={event => setDraft(event.target.value)}
      onBlur={event => {
        commit()
        setDraft(null)
        onBlur?.(event)
      }}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter') {
          event.preventDefault()
          // Still focused: a refused value goes back to the shared one.
          if (!commit()) setDraft(value)
        } else if (event.key === 'Escape') {
          setDraft(value)
        }
        onKeyDown?.(event)
      }}
    />
  )
}
