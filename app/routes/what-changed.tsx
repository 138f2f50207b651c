import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { whatChangedFor } from '~/models/what-changed.server'
import trendStylesUrl from '~/styles/trends.css'
import { requireUser } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'What changed · SCIR Workspace' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: trendStylesUrl }]

// Any signed-in user: the page only ever lists the reviews they are or were a member of.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const today = new Date().toISOString().slice(0, 10)
  return json({ reviews: await whatChangedFor(user, today) })
}

export default function WhatChangedRoute() {
  const { reviews } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('trends.whatChanged.title')}</h1>
      <p>{t('trends.whatChanged.intro')}</p>
      {reviews.length === 0 ? <p>{t('trends.whatChanged.empty')}</p> : null}
      {reviews.map(review => (
        <section key={review.reviewId} className="what-changed-review" aria-labelledby={`review-${review.reviewId}`}>
          <h2 id={`review-${review.reviewId}`}>
            {review.role ? <Link to={`/reviews/${review.reviewId}`}>{review.title}</Link> : review.title}
          </h2>
          <p className="meta">
            {t('trends.whatChanged.phase', { phase: t(`phase.${review.phase}`) })}
            {' · '}
            {review.role ? t('trends.whatChanged.yourRole', { role: t(`role.${review.role}`) }) : t('trends.whatChanged.formerNote')}
          </p>
          {review.recommendations.length === 0 ? (
            <p>{t('trends.whatChanged.noRecommendations')}</p>
          ) : (
            <table>
              <caption className="visually-hidden">{`${t('trends.whatChanged.caption')}: ${review.title}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('trends.whatChanged.colRecommendation')}</th>
                  <th scope="col">{t('trends.whatChanged.colStrength')}</th>
                  <th scope="col">{t('trends.whatChanged.colOwner')}</th>
                  <th scope="col">{t('trends.whatChanged.colDue')}</th>
                  <th scope="col">{t('trends.whatChanged.colStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {review.recommendations.map(r => (
                  <tr key={r.id}>
                    <td>{r.text}</td>
                    <td>{t(`strength.${r.strength}`)}</td>
                    <td>{r.owner ?? t('trends.whatChanged.notSet')}</td>
                    <td className={r.overdue ? 'overdue' : undefined}>
                      {r.dueDate ?? t('trends.whatChanged.notSet')}
                      {r.overdue ? ` (${t('trends.whatChanged.overdue')})` : ''}
                    </td>
                    <td>{t(`recommendationStatus.${r.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  )
}
