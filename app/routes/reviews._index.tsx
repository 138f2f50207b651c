import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DeadlineText } from '~/components/deadline'
import { reviewDeadline } from '~/domain/workflow/deadline'
import { listReviewsFor } from '~/models/review.server'
import { openWavesFor, surveySettings } from '~/models/survey.server'
import { requireUser } from '~/utils/auth.server'
import { userCan } from '~/utils/permissions.server'
import { DataTable } from '~/components/layout'

export const meta: MetaFunction = () => [{ title: 'My reviews · SCIR Workspace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [reviews, openSurveys, settings] = await Promise.all([
    listReviewsFor(user),
    userCan(user, 'answer:survey') ? openWavesFor(user.id) : Promise.resolve([] as Awaited<ReturnType<typeof openWavesFor>>),
    surveySettings(user.jurisdictionId),
  ])
  const today = new Date()
  return json({
    canCreate: userCan(user, 'create:review'),
    openSurveys,
    minResponses: settings.minResponses,
    reviews: reviews.map(r => ({ ...r, deadline: reviewDeadline(r.incidentDate, today) })),
  })
}

export default function ReviewsRoute() {
  const { reviews, canCreate, openSurveys, minResponses } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section aria-labelledby="reviews-title">
      <div className="actions-row">
        <h1 id="reviews-title">{t('reviews.title')}</h1>
        {canCreate ? (
          <Link to="/reviews/new" className="button">
            {t('reviews.new')}
          </Link>
        ) : null}
      </div>
      {openSurveys.length > 0 ? (
        <aside aria-labelledby="open-surveys-title" className="notice">
          <h2 id="open-surveys-title">{t('surveys.home.title')}</h2>
          <p>{t('surveys.home.intro', { min: minResponses })}</p>
          <ul>
            {openSurveys.map(w => (
              <li key={w.id}>
                <Link to={`/surveys/${w.id}`}>{t('surveys.home.answer', { title: w.title, closesOn: w.closesOn })}</Link>
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      {reviews.length === 0 ? (
        <p>{t('reviews.empty')}</p>
      ) : (
        <DataTable
          caption={t('reviews.caption')}
          headers={[t('reviews.colTitle'), t('reviews.colType'), t('reviews.colPhase'), t('reviews.colDeadline'), t('reviews.colRole')]}
        >
          {reviews.map(r => (
            <tr key={r.id}>
              <td>
                <Link to={`/reviews/${r.id}`}>{r.title}</Link>
              </td>
              <td>{t(`incidentType.${r.incidentType}`, { defaultValue: r.incidentType })}</td>
              <td>{t(`phase.${r.phase}`)}</td>
              <td>
                <DeadlineText daysLeft={r.deadline.daysLeft} />
              </td>
              <td>{r.role ? t(`role.${r.role}`) : t('reviews.adminAccess')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  )
}
