import { useTranslation } from 'react-i18next'

/** What an action answered: a done message as a status, a refusal as an alert (both i18n keys). */
export function ActionOutcome({ done, error }: { done?: string | null; error?: string | null }) {
  const { t } = useTranslation()
  return (
    <>
      {done ? (
        <p role="status" className="notice">
          {t(done)}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="notice-error">
          {t(error)}
        </p>
      ) : null}
    </>
  )
}
