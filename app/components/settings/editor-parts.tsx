// Small pieces shared by the standards and framework editors (admin settings).
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export function TextField(props: {
  label: string
  value: string
  onChange: (value: string) => void
  multiline?: boolean
  type?: 'text' | 'number'
  lang?: 'en' | 'fr'
  required?: boolean
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea id={id} lang={props.lang} rows={3} value={props.value} onChange={e => props.onChange(e.target.value)} />
      ) : (
        <input
          id={id}
          lang={props.lang}
          type={props.type ?? 'text'}
          value={props.value}
          required={props.required}
          onChange={e => props.onChange(e.target.value)}
        />
      )}
    </div>
  )
}

export function SelectField<T extends string>(props: {
  label: string
  value: T
  options: readonly { value: T; label: string }[]
  onChange: (value: T) => void
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={e => props.onChange(e.target.value as T)}>
        {props.options.map(o => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Move up, move down and remove for one entry of a list; `name` says which in each label. */
export function ListControls(props: {
  name: string
  index: number
  count: number
  onMove: (delta: number) => void
  onRemove: () => void
  canRemove?: boolean
}) {
  const { t } = useTranslation()
  return (
    <div className="list-controls">
      <button
        type="button"
        className="button-secondary"
        disabled={props.index === 0}
        onClick={() => props.onMove(-1)}
        aria-label={t('versions.editor.moveUpLabel', { name: props.name })}
      >
        {t('versions.editor.moveUp')}
      </button>
      <button
        type="button"
        className="button-secondary"
        disabled={props.index === props.count - 1}
        onClick={() => props.onMove(1)}
        aria-label={t('versions.editor.moveDownLabel', { name: props.name })}
      >
        {t('versions.editor.moveDown')}
      </button>
      <button
        type="button"
        className="button-secondary"
        disabled={props.canRemove === false}
        onClick={props.onRemove}
        aria-label={t('versions.editor.removeLabel', { name: props.name })}
      >
        {t('versions.editor.remove')}
      </button>
    </div>
  )
}

export function EditorCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="editor-card">
      <legend>{title}</legend>
      {children}
    </fieldset>
  )
}

/** A number field's text as a number; what is not a number stays text so the server names it. */
export function numberOrText(value: string): number | string {
  const n = Number(value)
  return value.trim() !== '' && Number.isFinite(n) ? n : value
}
