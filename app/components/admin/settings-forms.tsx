// The pieces the jurisdiction's settings pages share: what the last action did or refused, a JSON
// file upload, and a one-button form that resets a setting to the default.
import { useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { IntentForm } from '~/components/intent-form'

export type SettingsProblem = { where: string; message: string; params?: Record<string, number> }
export type SettingsResult = { done: string | null; problems: SettingsProblem[] }

/**
 * The route action's last outcome (a SettingsResult), once the page is idle again; problems are
 * i18n keys or plain text.
 */
export function SettingsOutcome({ refusedLabel }: { refusedLabel: string }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const result = useActionData() as SettingsResult | undefined
  if (navigation.state !== 'idle' || !result) return null
  return (
    <>
      {result.done ? (
        <p role="status" className="notice">
          {t(result.done)}
        </p>
      ) : null}
      {result.problems.length ? (
        <div role="alert" className="form-error">
          <p>{refusedLabel}</p>
          <ul>
            {result.problems.map((p, i) => (
              <li key={i}>
                <strong>{p.where}</strong>: {t(p.message, { defaultValue: p.message, ...(p.params ?? {}) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  )
}

export function JsonUploadForm({ intent, label, submitLabel }: { intent: string; label: string; submitLabel: string }) {
  return (
    <IntentForm intent={intent} encType="multipart/form-data" className="json-upload">
      <div className="field">
        <label htmlFor={`${intent}-file`}>{label}</label>
        <input id={`${intent}-file`} type="file" name="file" accept=".json,application/json" />
      </div>
      <button type="submit">{submitLabel}</button>
    </IntentForm>
  )
}

export function ResetForm({ intent, label }: { intent: string; label: string }) {
  return (
    <IntentForm intent={intent}>
      <button type="submit" className="button-secondary">
        {label}
      </button>
    </IntentForm>
  )
}

/** A setting held as a JSON file: load another, or (once customised) go back to the default. */
export function JsonSettingForms(props: { intent: string; label: string; submitLabel: string; custom: boolean; resetLabel: string }) {
  return (
    <>
      <JsonUploadForm intent={props.intent} label={props.label} submitLabel={props.submitLabel} />
      {props.custom ? <ResetForm intent={`reset-${props.intent}`} label={props.resetLabel} /> : null}
    </>
  )
}
