// Quoting staff accounts in findings. Whoever writes findings may ask to quote an exact
// excerpt of an account released to the panel; the excerpt shows here, in full, only once the
// author approved it. Before that (or if they decline) the finding only links the account.
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TitledSection } from '~/components/layout'
import { ActionOutcome } from '~/components/action-outcome'
import { ReviewPageHeading, conformErrors } from '~/components/review-page'
import { ConfidentialLabel } from '~/components/accounts/release-view'
import { QuoteRequestForm } from '~/components/accounts/quote-request-form'
import { findingsOfReview, quoteRequestSchema, quotesByFinding, requestQuote } from '~/models/quote-consent.server'
import { accountsOfReview } from '~/models/staff-account.server'
import accountStylesUrl from '~/styles/accounts.css'
import { requireAccountContext, requireAccountIn } from '~/utils/account-access.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesUrl }]

export const meta: MetaFunction = () => [{ title: 'Quotes from staff accounts · SCIR Workspace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccountContext(request, params.reviewId ?? '')
  // Findings are written by those who write in the review's document.
  if (!ctx.reviewAllows('write:review-doc')) throw json({ message: 'Forbidden' }, { status: 403 })
  const accounts = await accountsOfReview(ctx.review.id)
  const readable = new Set(accounts.filter(a => ctx.allows(a, 'read-released')).map(a => a.id))
  const [findings, byFinding] = await Promise.all([findingsOfReview(ctx.review.id), quotesByFinding(ctx.review.id, readable)])
  const done = new URL(request.url).searchParams.get('done') === 'requested'
  return json(
    {
      review: { id: ctx.review.id, title: ctx.review.title },
      findings: findings.map(f => ({ ...f, quotes: byFinding.get(f.id) ?? [] })),
      quotable: accounts.filter(a => ctx.allows(a, 'quote-request')).map(a => ({ id: a.id, pseudonym: a.pseudonym })),
      done,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccountContext(request, params.reviewId ?? '')
  const submission = parseWithZod(await request.formData(), { schema: quoteRequestSchema })
  if (submission.status !== 'success') {
    // The account is checked before anything is said about the form.
    const accountId = submission.payload.accountId
    if (typeof accountId === 'string' && accountId) await requireAccountIn(ctx, accountId, 'quote-request')
    return json({ result: submission.reply() }, { status: 400 })
  }
  const { account, review, user } = await requireAccountIn(ctx, submission.value.accountId, 'quote-request')
  const outcome = await requestQuote(review, account, submission.value, user.id)
  if (!outcome.ok) return json({ result: submission.reply({ formErrors: [outcome.message] }) }, { status: 400 })
  return redirect(`/reviews/${review.id}/quotes?done=requested`)
}

export default function QuotesRoute() {
  const { review, findings, quotable, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const errors = conformErrors(actionData?.result)
  return (
    <div className="accounts-page quotes-page">
      <ReviewPageHeading
        review={review}
        backTo="accounts"
        back={t('accounts.backToAccounts')}
        title={t('accounts.quotes.title')}
        reviewTitleClass="accounts-review-title"
      />
      <ConfidentialLabel />
      <p>{t('accounts.quotes.intro')}</p>
      <ActionOutcome done={done ? 'accounts.quotes.done' : null} />

      {findings.length === 0 ? (
        <p>{t('accounts.quotes.noFindings')}</p>
      ) : (
        <ol className="quote-findings">
          {findings.map(f => (
            <li key={f.id}>
              <TitledSection id={`finding-${f.id}`} title={t('accounts.quotes.findingHeading', { number: f.number })}>
                <p className="hint">{f.preview}</p>
                {f.quotes.length === 0 ? (
                  <p>{t('accounts.quotes.none')}</p>
                ) : (
                  <ul className="finding-quotes">
                    {f.quotes.map(q =>
                      q.excerpt !== null ? (
                        <li key={q.id} className="quote-approved">
                          <figure>
                            <blockquote>{q.excerpt}</blockquote>
                            <figcaption>{t('accounts.quotes.quotedWithConsent', { pseudonym: q.pseudonym })}</figcaption>
                          </figure>
                        </li>
                      ) : (
                        <li key={q.id} className="quote-link-only">
                          <Link to={`/reviews/${review.id}/accounts/${q.accountId}`}>{t('accounts.quotes.linkOnly', { pseudonym: q.pseudonym })}</Link> (
                          {t(`accounts.quotes.status.${q.status}`)})
                        </li>
                      ),
                    )}
                  </ul>
                )}
              </TitledSection>
            </li>
          ))}
        </ol>
      )}

      <TitledSection id="request" title={t('accounts.quotes.requestTitle')}>
        <p>{t('accounts.quotes.requestIntro')}</p>
        {quotable.length === 0 ? (
          <p>{t('accounts.quotes.noAccounts')}</p>
        ) : findings.length === 0 ? (
          <p>{t('accounts.quotes.noFindings')}</p>
        ) : (
          <QuoteRequestForm reviewId={review.id} findings={findings} account={{ choices: quotable }} errors={errors} />
        )}
      </TitledSection>
    </div>
  )
}
