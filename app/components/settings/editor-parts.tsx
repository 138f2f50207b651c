// Small pieces shared by the standards and framework editors (admin settings).
import { Form } from '@remix-run/react'
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
  const buttons = [
    { key: 'moveUp', disabled: props.index === 0, onClick: () => props.onMove(-1) },
    { key: 'moveDown', disabled: props.index === props.count - 1, onClick: () => props.onMove(1) },
    { key: 'remove', disabled: props.canRemove === false, onClick: props.onRemove },
  ] as const
  return (
    <div className="list-controls">
      {buttons.map(({ key, disabled, onClick }) => (
        <button
          key={key}
          type="button"
          className="button-secondary"
          disabled={disabled}
          onClick={onClick}
          aria-label={t(`versions.editor.${key}Label`, { name: props.name })}
        >
          {t(`versions.editor.${key}`)}
        </button>
      ))}
    </div>
  )
}

/** One text in both languages: its English field, then its French one. */
export function BilingualField(props: {
  labels: { en: string; fr: string }
  value: { en: string; fr: string }
  onChange: (value: { en: string; fr: string }) => void
  multiline?: boolean
}) {
  return (
    <>
      {(['en', 'fr'] as const).map(lang => (
        <TextField
          key={lang}
          label={props.labels[lang]}
          lang={lang}
          multiline={props.multiline}
          value={props.value[lang]}
          onChange={text => props.onChange({ ...props.value, [lang]: text })}
        />
      ))}
    </>
  )
}

/**
 * An editor's form: it posts the draft as JSON under the setting's intent, with a button that adds
 * an entry to the list and the save button at the end.
 */
export function EditorForm(props: {
  intent: 'framework' | 'standards'
  label: string
  json: unknown
  addLabel: string
  onAdd: () => void
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Form method="post" className="settings-editor" aria-label={props.label}>
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="json" value={JSON.stringify(props.json)} />
      {props.children}
      <p>
        <button type="button" className="button-secondary" onClick={props.onAdd}>
          {props.addLabel}
        </button>
      </p>
      <button type="submit">{t('versions.editor.saveVersion')}</button>
    </Form>
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
