import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

type Props = {
  /** The first button's text, e.g. "Remove". */
  label: string
  /** Accessible name of the first button when its text alone is ambiguous (one per table row). */
  ariaLabel?: string
  /** The question asked before anything happens, e.g. "Remove Wren Worker from this review?" */
  question: string
  /** Text of the button that does it, e.g. "Yes, remove". */
  confirmLabel: string
  /** Sent with the confirming button, for forms that carry their intent on the button. */
  name?: string
  value?: string
  className?: string
}

/**
 * A destructive submit in two steps, inside the enclosing form: the first button only asks; the
 * question, a submit button and a cancel button replace it. Not window.confirm: it is part of
 * the page (readable, translatable, testable) and keeps focus where a keyboard user expects it.
 */
export function ConfirmSubmit({ label, ariaLabel, question, confirmLabel, name, value, className = 'button-danger' }: Props) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  useEffect(() => {
    if (asking) confirmRef.current?.focus()
    else if (returnFocus.current) {
      returnFocus.current = false
      triggerRef.current?.focus()
    }
  }, [asking])
  if (!asking) {
    return (
      <button ref={triggerRef} type="button" className={className} aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    )
  }
  return (
    // Escape anywhere in the step cancels it; the buttons inside are the interactive elements.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <span
      role="group"
      aria-label={question}
      className="confirm-step"
      onKeyDown={event => {
        if (event.key === 'Escape') {
          returnFocus.current = true
          setAsking(false)
        }
      }}
    >
      <span className="confirm-question">{question}</span>{' '}
      <button ref={confirmRef} type="submit" className={className} name={name} value={value}>
        {confirmLabel}
      </button>{' '}
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          returnFocus.current = true
          setAsking(false)
        }}
      >
        {t('checks.confirm.cancel')}
      </button>
    </span>
  )
}
