import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PublishedCountView } from '~/components/trends/published-count'
import { TrendChart } from '~/components/trends/trend-chart'
import { followUpStates } from '~/domain/follow-up'
import { coreValues, recommendationStrengths } from '~/domain/vocabulary'
import { trackerView } from '~/models/follow-up.server'
import trendStylesUrl from '~/styles/trends.css'
import { requireUser } from '~/utils/auth.server'
import { languageOfRequest } from '~/utils/i18next.server'

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
  return (
    <section aria-labelledby="tracker-title">
      <h1 id="tracker-title">{t('tracker.title')}</h1>
      <p>{t('followUp.tracker.intro')}</p>
      <Form method="get" className="tracker-filters" aria-label={t('followUp.tracker.filters')}>
        <div className="field">
          <label htmlFor="tracker-q">{t('followUp.tracker.search')}</label>
          <input id="tracker-q" type="search" name="q" defaultValue={filter.q ?? ''} maxLength={200} />
        </div>
        <FilterSelect name="review" label={t('followUp.tracker.review')} anyLabel={any} value={filter.review} choices={options.reviews.map(r => [r.id, r.title])} />
        <FilterSelect name="owner" label={t('followUp.tracker.owner')} anyLabel={any} value={filter.owner} choices={options.owners.map(o => [o.id, o.name])} />
        <FilterSelect name="state" label={t('followUp.tracker.state')} anyLabel={any} value={filter.state} choices={followUpStates.map(s => [s, t(`followUp.state.${s}`)])} />
        <FilterSelect name="strength" label={t('followUp.tracker.strength')} anyLabel={any} value={filter.strength} choices={recommendationStrengths.map(s => [s, t(`strength.${s}`)])} />
        <FilterSelect name="value" label={t('followUp.tracker.value')} anyLabel={any} value={filter.value} choices={coreValues.map(v => [v, t(`trends.value.${v}`)])} />
        <FilterSelect name="domain" label={t('followUp.tracker.domain')} anyLabel={any} value={filter.domain} choices={options.domains.map(d => [d.id, d.label])} />
        <div className="field field-checkbox">
          <input id="tracker-overdue" type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue === '1'} />
          <label htmlFor="tracker-overdue">{t('followUp.tracker.overdueOnly')}</label>
        </div>
        <div className="field field-checkbox">
          <input id="tracker-all" type="checkbox" name="all" value="1" defaultChecked={includeClosed} />
          <label htmlFor="tracker-all">{t('tracker.includeFinished')}</label>
        </div>
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
        <table>
          <caption>{t('tracker.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tracker.colRecommendation')}</th>
              <th scope="col">{t('tracker.colReview')}</th>
              <th scope="col">{t('tracker.colStrength')}</th>
              <th scope="col">{t('tracker.colOwner')}</th>
              <th scope="col">{t('tracker.colDue')}</th>
              <th scope="col">{t('tracker.colStatus')}</th>
              <th scope="col">{t('followUp.tracker.colLastNote')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(r => (
              <tr key={`${r.reviewId}:${r.id}`} data-testid="tracker-row">
                <td>
                  <Link to={`/recommendations/${r.reviewId}/${r.id}`}>{r.text}</Link>
                  {r.isMine ? (
                    <>
                      {' '}
                      <Link className="button-secondary" to={`/recommendations/${r.reviewId}/${r.id}`} aria-label={`${t('followUp.tracker.update')}: ${r.text}`}>
                        {t('followUp.tracker.update')}
                      </Link>
                    </>
                  ) : null}
                </td>
                <td>
                  <Link to={`/reviews/${r.reviewId}`}>{r.reviewTitle}</Link>
                </td>
                <td>{t(`strength.${r.strength}`)}</td>
                <td>
                  {r.ownerName ?? r.ownerText ?? t('tracker.none')}
                  {r.isMine ? ` (${t('followUp.tracker.mine')})` : ''}
                </td>
                <td className={r.overdue ? 'overdue' : undefined}>
                  {r.dueDate ?? t('tracker.none')}
                  {r.overdue ? ` (${t('tracker.overdue')})` : ''}
                </td>
                <td>
                  {r.followedUp ? t(`followUp.state.${r.state}`) : t(`recommendationStatus.${r.documentStatus}`)}
                  {r.awaitingEvaluation ? ` (${t('followUp.tracker.awaitingEvaluation')}${r.evaluateOn ? `, ${t('followUp.tracker.evaluateOn', { date: r.evaluateOn })}` : ''})` : ''}
                </td>
                <td>{r.lastNote ?? t('tracker.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="by-strength-title">
        <h2 id="by-strength-title">{t('followUp.tracker.chartTitle')}</h2>
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
                  <td key={c}>
                    <PublishedCountView value={table.cells[i]![k]!} />
                  </td>
                ))}
                <td>
                  <PublishedCountView value={table.rowTotals[i]!} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  )
}

/** One filter of the tracker: a GET form field whose empty choice means "any". */
function FilterSelect(props: { name: string; label: string; anyLabel: string; value: string | null | undefined; choices: ReadonlyArray<readonly [string, string]> }) {
  const id = `tracker-${props.name}`
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value ?? ''}>
        <option value="">{props.anyLabel}</option>
        {props.choices.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  )
}
