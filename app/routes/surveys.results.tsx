import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CompositeResults } from '~/components/surveys/composite-results'
import { closedWaveResults, surveySettings } from '~/models/survey.server'
import surveyStylesUrl from '~/styles/surveys.css'
import trendStylesUrl from '~/styles/trends.css'
import { languageOfRequest } from '~/utils/i18next.server'
import { requireJurisdictionPermission, userCan } from '~/utils/permissions.server'
import { TitledSection } from '~/components/layout'

export const meta: MetaFunction = () => [{ title: 'Survey results · SCIR Workspace' }]
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: trendStylesUrl },
  { rel: 'stylesheet', href: surveyStylesUrl },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'read:survey-results')
  const locale = await languageOfRequest(request)
  const [closed, settings] = await Promise.all([closedWaveResults(user.jurisdictionId), surveySettings(user.jurisdictionId)])
  return json({ locale, closed, minResponses: settings.minResponses, canManage: userCan(user, 'manage:surveys') })
}

export default function SurveyResultsRoute() {
  const { locale, closed, minResponses, canManage } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('surveys.results.title')}</h1>
      {canManage ? (
        <p>
          <Link to="/admin/surveys">{t('surveys.results.manage')}</Link>
        </p>
      ) : null}
      <p>{t('surveys.results.intro', { min: minResponses })}</p>
      {!closed ? (
        <p>{t('surveys.results.none')}</p>
      ) : (
        <>
          <p>
            <a href="/surveys/results.csv" download>
              {t('surveys.results.csv')}
            </a>
          </p>
          {closed.instrument.composites.map(c => (
            <CompositeResults key={c.id} composite={c} results={closed.results} locale={locale} />
          ))}
          <TitledSection id="comments" title={t('surveys.results.commentsTitle')} className="trend-section">
            <p className="trend-hint">{t('surveys.results.commentsIntro')}</p>
            {closed.results.waves.map((wave, k) =>
              closed.results.jurisdiction[k]!.status === 'shown' ? (
                <section key={wave.waveId} aria-label={t('surveys.results.commentsFor', { wave: wave.label })}>
                  <h3>{t('surveys.results.commentsFor', { wave: wave.label })}</h3>
                  {closed.comments[k]!.length === 0 ? (
                    <p>{t('surveys.results.noComments')}</p>
                  ) : (
                    <ul className="survey-comments">
                      {closed.comments[k]!.map((c, i) => (
                        <li key={i}>{c}</li>
                      ))}
                    </ul>
                  )}
                </section>
              ) : null,
            )}
          </TitledSection>
        </>
      )}
    </>
  )
}
