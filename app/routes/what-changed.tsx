import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { RecommendationsTable } from '~/components/follow-up/recommendations-table'
import { FormErrors } from '~/components/forms'
import { publishWhatChanged, whatChangedFor } from '~/models/what-changed.server'
import trendStylesUrl from '~/styles/trends.css'
import { requireUser } from '~/utils/auth.server'
import { languageOfRequest } from '~/utils/i18next.server'
import { requireReviewPermissionFor } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'What changed · SCIR Workspace' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: trendStylesUrl }]

// Any signed-in user: the page only ever lists the reviews they are or were a member of.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const locale = await languageOfRequest(request)
  const today = new Date().toISOString().slice(0, 10)
  const reviews = await whatChangedFor(user, today, locale)
  return json({ reviews: reviews.map(r => ({ ...r, mayPublish: r.role === 'facilitator' })) })
}

const publishSchema = z.object({
  intent: z.literal('publish'),
  reviewId: z.string().min(1).max(100),
  message: z.string().trim().min(1, 'followUp.errors.messageRequired').max(4000, 'followUp.errors.noteTooLong'),
})

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = Object.fromEntries(await request.formData())
  const reviewId = typeof form.reviewId === 'string' ? form.reviewId : ''
  const { review } = await requireReviewPermissionFor(user, reviewId, 'publish:what-changed')
  const parsed = publishSchema.safeParse(form)
  if (!parsed.success) return json({ reviewId, errors: parsed.error.issues.map(i => i.message) }, { status: 400 })
  await publishWhatChanged(review, user.id, parsed.data.message)
  return redirect(`/what-changed?published=${encodeURIComponent(review.id)}#review-${review.id}`)
}

export default function WhatChangedRoute() {
  const { reviews } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('trends.whatChanged.title')}</h1>
      <p>{t('trends.whatChanged.intro')}</p>
      {reviews.length === 0 ? <p>{t('trends.whatChanged.empty')}</p> : null}
      {reviews.map(review => (
        <section key={review.reviewId} id={`review-${review.reviewId}`} className="what-changed-review" aria-labelledby={`review-title-${review.reviewId}`}>
          <h2 id={`review-title-${review.reviewId}`}>{review.role ? <Link to={`/reviews/${review.reviewId}`}>{review.title}</Link> : review.title}</h2>
          <p className="meta">
            {t('trends.whatChanged.phase', { phase: t(`phase.${review.phase}`) })}
            {' · '}
            {review.role ? t('trends.whatChanged.yourRole', { role: t(`role.${review.role}`) }) : t('trends.whatChanged.formerNote')}
            {review.lastPublishedAt ? ` · ${t('followUp.whatChanged.lastPublished', { date: review.lastPublishedAt.slice(0, 10) })}` : ''}
          </p>

          <h3>{t('followUp.whatChanged.findings')}</h3>
          {review.findings === null ? (
            <p>{t('followUp.whatChanged.findingsPending')}</p>
          ) : (
            <>
              <p>{t('followUp.whatChanged.findingsIntro')}</p>
              <ol className="what-changed-findings">
                {review.findings.map(f => (
                  <li key={f.number} data-testid="deidentified-finding">
                    <p>{f.text}</p>
                    {f.values.length ? <p className="meta">{f.values.map(v => t(`trends.value.${v}`)).join(' · ')}</p> : null}
                  </li>
                ))}
              </ol>
            </>
          )}

          <h3>{t('followUp.whatChanged.recommendations')}</h3>
          {review.recommendations.length === 0 ? (
            <p>{t('trends.whatChanged.noRecommendations')}</p>
          ) : (
            <RecommendationsTable
              caption={`${t('trends.whatChanged.caption')}: ${review.title}`}
              captionHidden
              statusHeader={t('followUp.whatChanged.colState')}
              notSet={t('trends.whatChanged.notSet')}
              statusTestId="what-changed-state"
              rows={review.recommendations.map(r => ({
                key: r.id,
                recommendation: r.text,
                strength: r.strength,
                owner: r.owner,
                dueDate: r.dueDate,
                overdue: r.overdue,
                status: `${r.followedUp ? t(`followUp.state.${r.state}`) : t(`recommendationStatus.${r.status}`)}${
                  r.state === 'done' && r.evaluateOn ? ` (${t('followUp.tracker.evaluateOn', { date: r.evaluateOn })})` : ''
                }`,
              }))}
            />
          )}

          {review.ownQuotes.length ? (
            <>
              <h3>{t('followUp.whatChanged.yourQuotes')}</h3>
              <p>{t('followUp.whatChanged.yourQuotesIntro')}</p>
              <ul className="what-changed-quotes">
                {review.ownQuotes.map((q, i) => (
                  <li key={i}>
                    <p className="meta">
                      {q.findingNumber ? t('followUp.whatChanged.inFinding', { number: q.findingNumber }) : t('followUp.whatChanged.inNoFinding')}
                    </p>
                    <blockquote>{q.excerpt}</blockquote>
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          <h3>{t('followUp.whatChanged.feed')}</h3>
          {review.feed.length === 0 ? (
            <p>{t('followUp.whatChanged.noFeed')}</p>
          ) : (
            <ol className="what-changed-feed">
              {review.feed.map((item, i) => (
                <li key={`${item.at}-${i}`}>
                  <time dateTime={item.at}>{item.at.slice(0, 10)}</time>{' '}
                  {item.kind === 'published'
                    ? t('followUp.whatChanged.feedPublished', { message: item.message })
                    : t(item.kind === 'progress' ? 'followUp.whatChanged.feedProgress' : 'followUp.whatChanged.feedEvaluation', {
                        recommendation: item.recommendation,
                        state: t(`followUp.state.${item.state}`),
                      })}
                </li>
              ))}
            </ol>
          )}

          {review.mayPublish ? (
            <Form method="post" className="form-stack" aria-labelledby={`publish-${review.reviewId}`}>
              <h3 id={`publish-${review.reviewId}`}>{t('followUp.whatChanged.publishTitle')}</h3>
              <p>{t('followUp.whatChanged.publishIntro')}</p>
              {searchParams.get('published') === review.reviewId && !actionData ? (
                <p role="status" className="notice">
                  {t('followUp.whatChanged.published')}
                </p>
              ) : null}
              {actionData?.reviewId === review.reviewId ? <FormErrors errors={actionData.errors} /> : null}
              <input type="hidden" name="intent" value="publish" />
              <input type="hidden" name="reviewId" value={review.reviewId} />
              <div className="field">
                <label htmlFor={`message-${review.reviewId}`}>{t('followUp.whatChanged.message')}</label>
                <textarea id={`message-${review.reviewId}`} name="message" rows={3} maxLength={4000} required />
              </div>
              <button type="submit">{t('followUp.whatChanged.publish')}</button>
            </Form>
          ) : null}
        </section>
      ))}
    </>
  )
}
