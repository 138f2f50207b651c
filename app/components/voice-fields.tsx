import { consentScopes } from '~/domain/vocabulary'
import { FAMILY_VOICE_TEXT_MAX } from '~/domain/export/schema'

/** The four questions a family or community member answers, in the order asked. */
export const voiceQuestions = ['needed', 'helped', 'notHelped', 'shouldChange'] as const

type T = (key: string, options?: Record<string, unknown>) => string

type Props = {
  /** Prefix of the controls' ids (`${prefix}-needed`, `${prefix}-consent-…`). */
  prefix: string
  /** The page's translator: the link page answers in the language of the link, not the session's. */
  t: T
  rows: number
  values: Record<string, string | undefined>
  errors: Record<string, string | undefined>
  /** The link's form ties each error to its control and requires a consent choice in the browser. */
  linkForm?: boolean
}

/**
 * The contribution's words and consent, as the family fills them in through their link and as
 * the facilitator records a conversation: one set of fields, so both ask the same.
 */
export function VoiceWordsFields({ prefix, t, rows, values, errors, linkForm = false }: Props) {
  const errorId = (name: string) => (linkForm && errors[name] ? `${prefix}-${name}-error` : undefined)
  const consentErrorId = linkForm && errors.consentScope ? `${prefix}-consent-error` : undefined
  return (
    <>
      {voiceQuestions.map(q => (
        <div className="field" key={q}>
          <label htmlFor={`${prefix}-${q}`}>{t(`voice.form.${q}`)}</label>
          <textarea
            id={`${prefix}-${q}`}
            name={q}
            rows={rows}
            maxLength={FAMILY_VOICE_TEXT_MAX}
            defaultValue={values[q] ?? ''}
            aria-invalid={errors[q] ? true : undefined}
            aria-describedby={errorId(q)}
          />
          {errors[q] ? (
            <p id={errorId(q)} className="field-error" role="alert">
              {t(errors[q]!)}
            </p>
          ) : null}
        </div>
      ))}
      <fieldset className="field" aria-describedby={consentErrorId}>
        <legend>{t('voice.form.consentLegend')}</legend>
        {consentScopes.map(scope => (
          <div className="field-checkbox" key={scope}>
            <input
              type="radio"
              id={`${prefix}-consent-${scope}`}
              name="consentScope"
              value={scope}
              defaultChecked={values.consentScope === scope}
              required={linkForm || undefined}
            />
            <label htmlFor={`${prefix}-consent-${scope}`}>{t(`voice.form.consent.${scope}`)}</label>
          </div>
        ))}
        {errors.consentScope ? (
          <p id={consentErrorId} className="field-error" role="alert">
            {t(errors.consentScope)}
          </p>
        ) : null}
      </fieldset>
    </>
  )
}
