import type { LoaderFunctionArgs } from '@remix-run/node'
import { SURVEY_CSV_HEADER, surveyResultsCsv } from '~/domain/surveys'
import { closedWaveResults } from '~/models/survey.server'
import { i18nServer, languageOfRequest } from '~/utils/i18next.server'
import { requireJurisdictionPermission } from '~/utils/permissions.server'

// Aggregates only, exactly what the results page shows: hidden cells carry their reason and
// no number, and no answer sheet or comment is written.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'read:survey-results')
  const locale = await languageOfRequest(request)
  const closed = await closedWaveResults(user.jurisdictionId)
  const t = await i18nServer.getFixedT(request)
  const body = closed ? surveyResultsCsv(closed.results, closed.instrument, locale, t('surveys.results.jurisdiction')) : `${SURVEY_CSV_HEADER.join(',')}\r\n`
  return new Response('\uFEFF' + body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="survey-results-${user.jurisdiction.code}.csv"`,
      'cache-control': 'no-store',
    },
  })
}
