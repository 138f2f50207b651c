import { useTranslation } from 'react-i18next'

/** What an action answered: a done message as a status, a refusal as an alert (both i18n keys; the refusal's may take values). */
export function ActionOutcome({ done, error, errorParams }: { done?: string | null; error?: string | null; errorParams?: Record<string, string> }) {
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
          {t(error, errorParams)}
        </p>
      ) : null}
    </>
  )
}
