import { useCallback, useEffect, useRef, useState } from 'react'
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
 * The state of a two-step confirmation: asking moves focus to the confirming button, cancelling
 * brings it back to the button that asked (for keyboard and screen-reader users).
 */
export function useConfirmStep() {
  // 'cancelled' is idle too, but says focus goes back to the button that asked.
  const [step, setStep] = useState<'idle' | 'asking' | 'cancelled'>('idle')
  const confirmRef = useRef<HTMLButtonElement>(null)
  const triggerRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (step === 'asking') confirmRef.current?.focus()
    else if (step === 'cancelled') triggerRef.current?.focus()
  }, [step])
  const ask = useCallback(() => setStep('asking'), [])
  const cancel = useCallback(() => setStep('cancelled'), [])
  return { asking: step === 'asking', ask, cancel, confirmRef, triggerRef }
}

/**
 * A destructive submit in two steps, inside the enclosing form: the first button only asks; the
 * question, a submit button and a cancel button replace it. Not window.confirm: it is part of
 * the page (readable, translatable, testable) and keeps focus where a keyboard user expects it.
 */
export function ConfirmSubmit({ label, ariaLabel, question, confirmLabel, name, value, className = 'button-danger' }: Props) {
  const { t } = useTranslation()
  const { asking, ask, cancel, confirmRef, triggerRef } = useConfirmStep()
  if (!asking) {
    return (
      <button ref={triggerRef} type="button" className={className} aria-label={ariaLabel} onClick={ask}>
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
        if (event.key === 'Escape') cancel()
      }}
    >
      <span className="confirm-question">{question}</span>{' '}
      <button ref={confirmRef} type="submit" className={className} name={name} value={value}>
        {confirmLabel}
      </button>{' '}
      <button type="button" className="button-secondary" onClick={cancel}>
        {t('checks.confirm.cancel')}
      </button>
    </span>
  )
}
