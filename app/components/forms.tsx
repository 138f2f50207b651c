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
  /** A fixed id for the control (default: a generated one). */
  id?: string
}

export function Field({ label, hint, errors, children, className, id: fixedId }: FieldProps) {
  const generatedId = useId()
  const id = fixedId ?? generatedId
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

type SelectFieldProps = {
  id: string
  name: string
  label: string
  /** [value, text] pairs, in the order shown. */
  options: ReadonlyArray<readonly [string, string]>
  /** A first, empty choice (a filter's "any"). */
  emptyLabel?: string
  hint?: string
  defaultValue?: string
  required?: boolean
}

/** A labelled select with its choices (and an optional hint, tied to it for screen readers). */
export function SelectField({ id, name, label, options, emptyLabel, hint, defaultValue, required }: SelectFieldProps) {
  return (
    <Field id={id} label={label} hint={hint}>
      {({ describedBy }) => (
        <select id={id} name={name} defaultValue={defaultValue} required={required} aria-describedby={describedBy}>
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
