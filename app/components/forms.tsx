import type { ReactNode } from 'react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

// Error messages travel as i18n keys (from zod schemas shared by server and browser) and are
// translated only here, at the edge.
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <div id={id}>
      {errors.map(e => (
        <p key={e} className="field-error">
          {t(e, { defaultValue: t('validation.invalid') })}
        </p>
      ))}
    </div>
  )
}

type FieldProps = {
  label: string
  hint?: string
  errors?: string[] | null
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
  className?: string
}

export function Field({ label, hint, errors, children, className }: FieldProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(errorId) })}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function FormErrors({ errors }: { errors?: string[] | null }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <div role="alert" className="form-error">
      {errors.map(e => (
        <p key={e}>{t(e, { defaultValue: t('validation.invalid') })}</p>
      ))}
    </div>
  )
}
