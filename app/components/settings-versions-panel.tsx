// The versions of practice standards and factor framework a review uses, and its facilitator's
// choice to move it to newer ones (ADR 0036).
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type Pins = { practiceStandards: number; factorFramework: number }
type Change = { from: number; to: number }

export type SettingsVersionsPanelProps = {
  pins: Pins
  newer: { practiceStandards: number | null; factorFramework: number | null; any: boolean }
  standardsName: string
  frameworkName: { en: string; fr: string }
  history: { at: string; actorName: string | null; changes: Partial<Record<keyof Pins, Change>> }[]
  canSwitch: boolean
  done: string | null
}

function VersionName({ number }: { number: number }) {
  const { t } = useTranslation()
  return <>{number === 0 ? t('versions.defaults') : t('versions.number', { number })}</>
}

export function SettingsVersionsPanel({ pins, newer, standardsName, frameworkName, history, canSwitch, done }: SettingsVersionsPanelProps) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'fr' ? 'fr' : 'en'
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  const describe = (changes: Partial<Record<keyof Pins, Change>>) =>
    [
      changes.practiceStandards ? t('versions.review.standardsChange', { from: changes.practiceStandards.from, to: changes.practiceStandards.to }) : null,
      changes.factorFramework ? t('versions.review.frameworkChange', { from: changes.factorFramework.from, to: changes.factorFramework.to }) : null,
    ]
      .filter(Boolean)
      .join('; ')
  return (
    <section aria-labelledby="settings-versions-title" id="settings-versions">
      <h2 id="settings-versions-title">{t('versions.review.title')}</h2>
      {done ? (
        <p role="status" className="notice">
          {t(done)}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('versions.review.standards')}</dt>
        <dd>
          {standardsName} (<VersionName number={pins.practiceStandards} />)
        </dd>
        <dt>{t('versions.review.framework')}</dt>
        <dd>
          {frameworkName[locale]} (<VersionName number={pins.factorFramework} />)
        </dd>
      </dl>
      {newer.any ? (
        <div className="notice" role="note">
          <p>
            <strong>{t('versions.review.newer')}</strong>{' '}
            {[
              newer.practiceStandards !== null ? t('versions.review.newerStandards', { number: newer.practiceStandards }) : null,
              newer.factorFramework !== null ? t('versions.review.newerFramework', { number: newer.factorFramework }) : null,
            ]
              .filter(Boolean)
              .join(' ')}
          </p>
          {canSwitch ? (
            <Form method="post">
              <input type="hidden" name="intent" value="switch-settings" />
              <p className="hint">{t('versions.review.switchHint')}</p>
              <button type="submit">{t('versions.review.switch')}</button>
            </Form>
          ) : (
            <p className="hint">{t('versions.review.onlyFacilitator')}</p>
          )}
        </div>
      ) : (
        <p className="hint">{t('versions.review.upToDate')}</p>
      )}
      {history.length > 0 ? (
        <>
          <h3>{t('versions.review.historyTitle')}</h3>
          <ul>
            {history.map(entry => (
              <li key={entry.at}>
                <time dateTime={entry.at}>{dateFormat.format(new Date(entry.at))}</time>: {describe(entry.changes)}
                {entry.actorName ? ` — ${entry.actorName}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
