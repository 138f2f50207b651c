import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

// The shared parts every form is built from (after the Epic Stack's app/components/forms.tsx): a
// label bound to its control, an optional hint, and errors tied to the control through
// aria-describedby / aria-invalid. Pages pass ordinary element props through, so names, ids and
// validation attributes stay where the actions and the e2e tests expect them.

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

type ControlIds = { id: string; describedBy: string | undefined; invalid: boolean }

type LabelProps = {
  label: string
  hint?: string
  errors?: string[] | null
  className?: string
  /** A fixed id for the control (default: a generated one). */
  id?: string
}

type FieldProps = LabelProps & { children: (ids: ControlIds) => ReactNode }

export function Field({ label, hint, errors, children, className, id: fixedId }: FieldProps) {
  const generatedId = useId()
  const id = fixedId ?? generatedId
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={className ? `field ${className}` : 'field'}>
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

/** The attributes that tie a control to its label, hint and errors. */
function controlAttributes({ id, describedBy, invalid }: ControlIds) {
  return { id, 'aria-describedby': describedBy, 'aria-invalid': invalid || undefined }
}

type Without<T> = Omit<T, 'id' | 'className' | 'children'>

/** A labelled text-like input (text, email, password, date, number, file). */
export function InputField({ label, hint, errors, className, id, ...input }: LabelProps & Without<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className} id={id}>
      {ids => <input {...input} {...controlAttributes(ids)} />}
    </Field>
  )
}

export function TextareaField({
  label,
  hint,
  errors,
  className,
  id,
  ...textarea
}: LabelProps & Without<TextareaHTMLAttributes<HTMLTextAreaElement>> & { inputClassName?: string }) {
  const { inputClassName, ...rest } = textarea
  return (
    <Field label={label} hint={hint} errors={errors} className={className} id={id}>
      {ids => <textarea {...rest} className={inputClassName} {...controlAttributes(ids)} />}
    </Field>
  )
}

/** A checkbox with its label after it, the way checkboxes read. */
export function CheckboxField({ label, id, ...input }: { label: string; id: string } & Without<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}

/**
 * What a Conform field gives the control it labels: its name, its first value (or `fallback`, the
 * value saved before) and its errors.
 */
export function conformField(field: { name: string; initialValue?: unknown; errors?: string[] }, fallback?: string) {
  return { name: field.name, defaultValue: (field.initialValue as string | undefined) ?? fallback, errors: field.errors }
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

type SelectFieldProps = LabelProps &
  Without<SelectHTMLAttributes<HTMLSelectElement>> & {
    /** [value, text] pairs, in the order shown. */
    options: ReadonlyArray<readonly [string, string]>
    /** A first, empty choice (a filter's "any", or a "choose one" prompt). */
    emptyLabel?: string
    /** The empty choice only prompts: it cannot be picked back. */
    emptyDisabled?: boolean
  }

/** A labelled select with its choices (and an optional hint and errors, tied to it for screen readers). */
export function SelectField({ label, hint, errors, className, id, options, emptyLabel, emptyDisabled, ...select }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className} id={id}>
      {ids => (
        <select {...select} {...controlAttributes(ids)}>
          {emptyLabel !== undefined ? (
            <option value="" disabled={emptyDisabled}>
              {emptyLabel}
            </option>
          ) : null}
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
