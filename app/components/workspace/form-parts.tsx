// The pieces every workspace tab builds its cards and add forms from: a labelled field with its
// hint and error, a live or choice field bound to the shared document, a draft input for an add
// form, the add form itself, a section's heading with its count, and a removal that asks first.
// One definition keeps ids, hints and error wiring the same on every tab (screen readers and
// the e2e specs find fields by these labels and roles).
import { type ComponentProps, type FormEvent, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReviewCommand } from '~/domain/review-doc'
import { ChoiceSelect } from './commit-input'
import { useWorkspace } from './context'
import { ConfirmRemove, LinkPicker, type LinkGroup } from './finding-fields'
import { LiveText } from './live-text'

type FieldProps = {
  id: string
  label: ReactNode
  children: ReactNode
  /** Shown under the control with the id `<id>-hint`. */
  hint?: ReactNode
  /** Shown when set, with the id `<id>-error`. */
  error?: ReactNode
  /** The error appears on submit: announce it. */
  alert?: boolean
  wide?: boolean
  className?: string
}

export function Field({ id, label, children, hint, error, alert, wide, className }: FieldProps) {
  return (
    <div className={className ?? (wide ? 'field field-wide' : 'field')}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role={alert ? 'alert' : undefined}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** The aria-describedby of a field's control: its hint and, while shown, its error. */
export function describedBy(id: string, { hint = false, error = false }: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}

type LiveFieldProps = Omit<ComponentProps<typeof LiveText>, 'id'> & Pick<FieldProps, 'id' | 'label' | 'hint' | 'wide' | 'className'>

/** A field whose text is a live Y.Text of the shared document. */
export function LiveField({ id, label, hint, wide, className, ...live }: LiveFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} wide={wide} className={className}>
      <LiveText id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...live} />
    </Field>
  )
}

type ChoiceFieldProps<T extends string> = Pick<FieldProps, 'id' | 'label'> & {
  value: T
  choices: readonly T[]
  choiceLabel: (choice: T) => string
  onChoose: (choice: T) => unknown
}

/** A field choosing one of a fixed list, editable by those who may edit. */
export function ChoiceField<T extends string>({ id, label, value, choices, choiceLabel, onChoose }: ChoiceFieldProps<T>) {
  const { canEdit } = useWorkspace()
  return (
    <Field id={id} label={label}>
      <ChoiceSelect id={id} value={value} disabled={!canEdit} choices={choices} label={choiceLabel} onChoose={choice => void onChoose(choice)} />
    </Field>
  )
}

type DraftInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'disabled'> & {
  value: string
  onValue: (value: string) => void
  invalid?: boolean
}

/** An add form's input: local state until the form is sent, disabled for those who may not edit. */
export function DraftInput({ onValue, invalid, type = 'text', ...rest }: DraftInputProps) {
  const { canEdit } = useWorkspace()
  return <input type={type} disabled={!canEdit} aria-invalid={invalid || undefined} onChange={event => onValue(event.target.value)} {...rest} />
}

type DraftTextareaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'disabled'> & {
  value: string
  onValue: (value: string) => void
  invalid?: boolean
}

/** An add form's text area, like DraftInput. */
export function DraftTextarea({ onValue, invalid, ...rest }: DraftTextareaProps) {
  const { canEdit } = useWorkspace()
  return <textarea disabled={!canEdit} aria-invalid={invalid || undefined} onChange={event => onValue(event.target.value)} {...rest} />
}

type AddFormProps = {
  /** The form's id stem: its title is `<base>-title`, its error `<base>-error`. */
  base: string
  title: string
  heading?: 'h3' | 'h4'
  className?: string
  /** Called on submit, the browser's own submission already prevented. */
  onSubmit: () => void
  /** Why nothing was added, announced when set. */
  error?: string | null
  submitLabel: string
  children: ReactNode
}

export function AddForm({ base, title, heading: Heading = 'h4', className, onSubmit, error, submitLabel, children }: AddFormProps) {
  const { canEdit } = useWorkspace()
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    onSubmit()
  }
  return (
    <form className={className ?? 'add-card'} onSubmit={submit} noValidate aria-labelledby={`${base}-title`}>
      <Heading id={`${base}-title`}>{title}</Heading>
      {children}
      {error ? (
        <p id={`${base}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={!canEdit}>
        {submitLabel}
      </button>
    </form>
  )
}

type SectionHeadProps = { id: string; title: ReactNode; count?: ReactNode; heading?: 'h2' | 'h3' }

/** A section's heading (its id names the section) with how many it holds. */
export function SectionHead({ id, title, count, heading: Heading = 'h3' }: SectionHeadProps) {
  return (
    <div className="section-head">
      <Heading id={id}>{title}</Heading>
      {count !== undefined ? <p className="section-count">{count}</p> : null}
    </div>
  )
}

type RemoveActionProps = {
  /** Translation stem: `<stem>.removeLabel` names the button for assistive technology, `<stem>.removeConfirm` asks. */
  stem: string
  values: Record<string, string | number>
  /** Visible text; "Remove" unless given. */
  label?: string
  /** In a one-line row rather than at the foot of a card. */
  row?: boolean
} & (
  | {
      command: ReviewCommand
      /** Announced once removed; `<stem>.removed` unless given. */
      removed?: string
      announce: (message: string) => void
      onConfirm?: never
    }
  | { onConfirm: () => void; command?: never }
)

/** The removal of one card or row: asks first, then runs the command and says it is done. */
export function RemoveAction(props: RemoveActionProps) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const { stem, values } = props
  const confirm = () => {
    if (props.onConfirm) return props.onConfirm()
    if (run(props.command, { undoable: false })) props.announce(props.removed ?? t(`${stem}.removed`))
  }
  return (
    <div className={props.row ? 'row-action' : 'card-actions'}>
      <ConfirmRemove
        label={props.label ?? t('analysis.common.remove')}
        accessibleLabel={t(`${stem}.removeLabel`, values)}
        question={t(`${stem}.removeConfirm`, values)}
        disabled={!canEdit}
        onConfirm={confirm}
      />
    </div>
  )
}

type LinkFieldProps = {
  /** Translation key of the legend; `<stem>Choose` opens the choices. */
  stem?: string
  legend?: string
  chooseLabel?: string
  groups: readonly LinkGroup[]
  selected: readonly string[]
  /** The new list of linked ids; not called when a toggle changes nothing (a double click, a collaborator was quicker). */
  onChange: (ids: string[]) => unknown
  noOptionsText?: string
  unknownLabel?: (id: string) => string
}

/** Links kept as a list of ids on the entity: a picker that writes the whole new list. */
export function LinkField({ stem, legend, chooseLabel, groups, selected, onChange, noOptionsText, unknownLabel }: LinkFieldProps) {
  const { t } = useTranslation()
  const { canEdit } = useWorkspace()
  return (
    <LinkPicker
      legend={legend ?? t(stem ?? '')}
      chooseLabel={chooseLabel ?? t(`${stem}Choose`)}
      groups={groups}
      selected={selected}
      canEdit={canEdit}
      noOptionsText={noOptionsText}
      unknownLabel={unknownLabel}
      onToggle={(id, linked) => {
        if (selected.includes(id) !== linked) onChange(linked ? [...selected, id] : selected.filter(other => other !== id))
      }}
    />
  )
}
