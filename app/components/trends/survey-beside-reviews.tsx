import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Line, LineChart, CartesianGrid, XAxis, YAxis } from 'recharts'
import { proportionParams } from '~/components/surveys/format'
import { DataTable } from '~/components/layout'
import type { SurveyTrends } from '~/models/survey.server'
import { ChartLegend, colourOf, dashOf } from './chart-legend'
import { CountCell, ScrollRegion } from './published-count'
import { useHydrated } from './use-hydrated'

/**
 * The trends page's survey section: composites for all units per closed survey, beside the
 * review counts of the same period (suppressed like every other trend count).
 */
export function SurveyBesideReviews({ data, locale }: { data: SurveyTrends; locale: 'en' | 'fr' }) {
  const { t } = useTranslation()
  const hydrated = useHydrated()
  const { periods, results, instrument, workforceFindings, recommendationsDue } = data
  const composites = instrument.composites
  const chartData = periods.map((p, k) => {
    const cell = results.jurisdiction[k]
    return {
      survey: p.label,
      ...Object.fromEntries(
        composites.map((c, i) => [`c${i}`, cell?.status === 'shown' && cell.composites[c.id] ? Math.round(cell.composites[c.id]!.value * 100) : null]),
      ),
    }
  })
  const anything = chartData.some(row => composites.some((_, i) => (row as Record<string, unknown>)[`c${i}`] !== null))
  return (
    <section aria-labelledby="survey-trends-title" className="trend-section">
      <h2 id="survey-trends-title">{t('surveys.trends.title')}</h2>
      <p className="trend-hint">{t('surveys.trends.intro')}</p>
      {hydrated && anything ? (
        <figure className="trend-chart">
          <div className="trend-chart-canvas" role="img" aria-label={t('surveys.results.chartLabel', { title: t('surveys.trends.chartTitle') })}>
            <LineChart width={720} height={300} data={chartData} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#c9ced6" />
              <XAxis dataKey="survey" padding={{ left: 24, right: 24 }} tick={{ fill: '#1b1f24' }} />
              <YAxis domain={[0, 100]} unit="%" tick={{ fill: '#1b1f24' }} />
              {composites.map((c, i) => (
                <Line
                  key={c.id}
                  dataKey={`c${i}`}
                  name={c.label[locale]}
                  stroke={colourOf(i)}
                  strokeWidth={2.5}
                  strokeDasharray={dashOf(i)}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </div>
          <ChartLegend names={composites.map(c => c.label[locale])} kind="lines" />
          <figcaption>{t('surveys.results.chartDescription')}</figcaption>
        </figure>
      ) : null}
      <ScrollRegion className="trend-table-wrap" labelledBy="survey-trends-caption">
        <DataTable
          className="trend-table"
          caption={t('surveys.trends.caption')}
          captionId="survey-trends-caption"
          headers={[
            t('surveys.trends.colSurvey'),
            ...composites.map(c => c.label[locale]),
            ...(['colFindings', 'colRecsDone', 'colRecsDue'] as const).map(k => ({ label: t(`surveys.trends.${k}`), className: 'count' })),
          ]}
        >
          {periods.map((p, k) => {
            const cell = results.jurisdiction[k]
            return (
              <tr key={p.waveId}>
                <th scope="row">
                  {p.from
                    ? t('surveys.trends.periodFrom', { label: p.label, from: p.from, to: p.to })
                    : t('surveys.trends.period', { label: p.label, to: p.to })}
                </th>
                {composites.map(c => {
                  const value = cell?.status === 'shown' ? cell.composites[c.id] : null
                  return (
                    <td key={c.id}>
                      {value ? (
                        <>
                          <strong>{t('surveys.results.percent', { value: proportionParams(value).value })}</strong>
                          <span className="survey-ci">{t('surveys.results.cell', proportionParams(value))}</span>
                        </>
                      ) : (
                        <span className="survey-hidden">{cell?.status === 'withheld' ? t('surveys.results.withheld') : t('surveys.results.tooFew')}</span>
                      )}
                    </td>
                  )
                })}
                <CountCell className="count" value={workforceFindings.cells[0]![k]!} />
                <CountCell className="count" value={recommendationsDue.cells[0]![k]!} />
                <CountCell className="count" value={recommendationsDue.columnTotals[k]!} />
              </tr>
            )
          })}
        </DataTable>
      </ScrollRegion>
      <p>
        <Link to="/surveys/results">{t('surveys.trends.more')}</Link>
      </p>
    </section>
  )
}
