import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RecommendationsTable } from '~/components/follow-up/recommendations-table'
import { SelectField } from '~/components/forms'
import { CountCell } from '~/components/trends/published-count'
import { TrendChart } from '~/components/trends/trend-chart'
import { followUpStates } from '~/domain/follow-up'
import { coreValues, recommendationStrengths } from '~/domain/vocabulary'
import { trackerView } from '~/models/follow-up.server'
import trendStylesUrl from '~/styles/trends.css'
import { requireUser } from '~/utils/auth.server'
import { languageOfRequest } from '~/utils/i18next.server'
import { TitledSection } from '~/components/layout'

export const meta: MetaFunction = () => [{ title: 'Recommendations · SCIR Workspace' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: trendStylesUrl }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const locale = await languageOfRequest(request)
  const today = new Date().toISOString().slice(0, 10)
  const view = await trackerView(user, new URL(request.url).searchParams, today, locale)
  return json({ ...view, includeFinished: view.includeClosed })
}

const columns = ['colOpen', 'colNotDone', 'colAwaiting', 'colEffective', 'colNotEffective'] as const

export default function RecommendationTrackerRoute() {
  const { rows, includeClosed, filter, options, byStrength } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const any = t('followUp.tracker.any')
  const location = useLocation()
  const query = location.search
  const { table } = byStrength
  // The filters in the order shown; each is named by its query parameter.
  const filters: { name: 'review' | 'owner' | 'state' | 'strength' | 'value' | 'domain'; options: [string, string][] }[] = [
    { name: 'review', options: options.reviews.map(r => [r.id, r.title]) },
    { name: 'owner', options: options.owners.map(o => [o.id, o.name]) },
    { name: 'state', options: followUpStates.map(s => [s, t(`followUp.state.${s}`)]) },
    { name: 'strength', options: recommendationStrengths.map(s => [s, t(`strength.${s}`)]) },
    { name: 'value', options: coreValues.map(v => [v, t(`trends.value.${v}`)]) },
    { name: 'domain', options: options.domains.map(d => [d.id, d.label]) },
  ]
  return (
    <section aria-labelledby="tracker-title">
      <h1 id="tracker-title">{t('tracker.title')}</h1>
      <p>{t('followUp.tracker.intro')}</p>
      <Form method="get" className="tracker-filters" aria-label={t('followUp.tracker.filters')}>
        <div className="field">
          <label htmlFor="tracker-q">{t('followUp.tracker.search')}</label>
          <input id="tracker-q" type="search" name="q" defaultValue={filter.q ?? ''} maxLength={200} />
        </div>
        {filters.map(f => (
          <SelectField
            key={f.name}
            id={`tracker-${f.name}`}
            name={f.name}
            label={t(`followUp.tracker.${f.name}`)}
            emptyLabel={any}
            defaultValue={filter[f.name] ?? ''}
            options={f.options}
          />
        ))}
        {(
          [
            ['overdue', filter.overdue === '1', t('followUp.tracker.overdueOnly')],
            ['all', includeClosed, t('tracker.includeFinished')],
          ] as const
        ).map(([name, checked, label]) => (
          <div className="field field-checkbox" key={name}>
            <input id={`tracker-${name}`} type="checkbox" name={name} value="1" defaultChecked={checked} />
            <label htmlFor={`tracker-${name}`}>{label}</label>
          </div>
        ))}
        <div className="actions-row">
          <button type="submit">{t('followUp.tracker.apply')}</button>
          <Link to="/recommendations">{t('followUp.tracker.clear')}</Link>
        </div>
      </Form>
      <p className="actions-row">
        <a href={`/recommendations.csv${query}`} download>
          {t('followUp.tracker.exportCsv')}
        </a>
        <a href={`/recommendations.docx${query}`} download>
          {t('followUp.tracker.exportDocx')}
        </a>
      </p>
      <p role="status">{t('followUp.tracker.count', { count: rows.length })}</p>
      {rows.length === 0 ? (
        <p>{t('tracker.empty')}</p>
      ) : (
        <RecommendationsTable
          caption={t('tracker.caption')}
          statusHeader={t('tracker.colStatus')}
          notSet={t('tracker.none')}
          columns={{ review: true, lastNote: true }}
          rowTestId="tracker-row"
          rows={rows.map(r => ({
            key: `${r.reviewId}:${r.id}`,
            recommendation: (
              <>
                <Link to={`/recommendations/${r.reviewId}/${r.id}`}>{r.text}</Link>
                {r.isMine ? (
                  <>
                    {' '}
                    <Link className="button-secondary" to={`/recommendations/${r.reviewId}/${r.id}`} aria-label={`${t('followUp.tracker.update')}: ${r.text}`}>
                      {t('followUp.tracker.update')}
                    </Link>
                  </>
                ) : null}
              </>
            ),
            review: <Link to={`/reviews/${r.reviewId}`}>{r.reviewTitle}</Link>,
            strength: r.strength,
            owner: `${r.ownerName ?? r.ownerText ?? t('tracker.none')}${r.isMine ? ` (${t('followUp.tracker.mine')})` : ''}`,
            dueDate: r.dueDate,
            overdue: r.overdue,
            status: `${r.followedUp ? t(`followUp.state.${r.state}`) : t(`recommendationStatus.${r.documentStatus}`)}${
              r.awaitingEvaluation
                ? ` (${t('followUp.tracker.awaitingEvaluation')}${r.evaluateOn ? `, ${t('followUp.tracker.evaluateOn', { date: r.evaluateOn })}` : ''})`
                : ''
            }`,
            lastNote: r.lastNote,
          }))}
        />
      )}
      <TitledSection id="by-strength" title={t('followUp.tracker.chartTitle')}>
        <p>{t('followUp.tracker.chartIntro')}</p>
        <TrendChart
          published={table.published}
          kind="bars"
          title={t('followUp.tracker.chartTitle')}
          categories={byStrength.strengths.map(s => t(`strength.${s}`))}
          series={columns.map((c, k) => ({ label: t(`followUp.tracker.${c}`), values: table.cells.map(row => row[k]!) }))}
        />
        <table>
          <caption>{t('followUp.tracker.chartCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('followUp.tracker.strength')}</th>
              {columns.map(c => (
                <th key={c} scope="col">
                  {t(`followUp.tracker.${c}`)}
                </th>
              ))}
              <th scope="col">{t('followUp.tracker.colTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {byStrength.strengths.map((s, i) => (
              <tr key={s}>
                <th scope="row">{t(`strength.${s}`)}</th>
                {columns.map((c, k) => (
                  <CountCell key={c} value={table.cells[i]![k]!} />
                ))}
                <CountCell value={table.rowTotals[i]!} />
              </tr>
            ))}
          </tbody>
        </table>
      </TitledSection>
    </section>
  )
}
