import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { recommendationTracker } from '~/models/tracker.server'
import { requireUser } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'Recommendations · SCIR Workspace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const includeFinished = new URL(request.url).searchParams.get('all') === '1'
  const today = new Date().toISOString().slice(0, 10)
  return json({ includeFinished, rows: await recommendationTracker(user, { includeFinished, today }) })
}

export default function RecommendationTrackerRoute() {
  const { rows, includeFinished } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section aria-labelledby="tracker-title">
      <h1 id="tracker-title">{t('tracker.title')}</h1>
      <p>{t('tracker.intro')}</p>
      <Form method="get" className="actions-row">
        <div className="field field-checkbox">
          <input id="tracker-all" type="checkbox" name="all" value="1" defaultChecked={includeFinished} />
          <label htmlFor="tracker-all">{t('tracker.includeFinished')}</label>
        </div>
        <button type="submit" className="button-secondary">
          {t('tracker.apply')}
        </button>
      </Form>
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
            </tr>
          </thead>
          <tbody>
            {rows.map(r => (
              <tr key={`${r.reviewId}:${r.id}`}>
                <td>{r.text}</td>
                <td>
                  <Link to={`/reviews/${r.reviewId}`}>{r.reviewTitle}</Link>
                </td>
                <td>{t(`strength.${r.strength}`)}</td>
                <td>{r.owner ?? t('tracker.none')}</td>
                <td className={r.overdue ? 'overdue' : undefined}>
                  {r.dueDate ?? t('tracker.none')}
                  {r.overdue ? ` (${t('tracker.overdue')})` : ''}
                </td>
                <td>{t(`recommendationStatus.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
