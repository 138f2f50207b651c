// One staff account. Its author gets their private editor, the preview and release steps,
// withdrawal, the read log and the requests to quote. A reader (the facilitator, the panel)
// gets the release meant for them, and the read is logged for the author to see. Anyone else
// gets a 404, as if the account did not exist.
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmSubmit } from '~/components/confirm'
import { AccountEditor } from '~/components/accounts/account-editor'
import { PrivacyNotice } from '~/components/accounts/privacy-notice'
import { ConfidentialLabel, ReleaseView } from '~/components/accounts/release-view'
import { accountDocName, buildReleasePreview, type ReleaseAudience } from '~/domain/staff-account'
import { decideQuote, findingsOfReview, quoteDecisionSchema, quotesForAuthor } from '~/models/quote-consent.server'
import {
  declineWithdrawal,
  findAccount,
  latestReleasesForAuthor,
  markDrafting,
  readDraft,
  readLog,
  readReleaseAs,
  releaseAccount,
  releasePreview,
  requestWithdrawal,
  withdrawAccount,
  withdrawalRequestSchema,
  type StaffAccountRow,
} from '~/models/staff-account.server'
import accountStylesUrl from '~/styles/accounts.css'
import { refusalFor, requireAccountContext, requireAccountIn, type AccountContext } from '~/utils/account-access.server'
import { prisma } from '~/utils/db.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesUrl }]

export const meta: MetaFunction = () => [{ title: 'Staff account · SCIR Workspace' }]

const noStore = { 'Cache-Control': 'no-store' }

const doneMessages = {
  'released-facilitator': 'release.done.facilitator',
  'released-panel': 'release.done.panel',
  withdrawn: 'withdraw.done',
  'withdrawal-requested': 'withdraw.requestDone',
  'quote-decided': 'consent.done',
} as const
type DoneKey = keyof typeof doneMessages
const isDoneKey = (value: string | null): value is DoneKey => value !== null && value in doneMessages

async function authorView(ctx: AccountContext, account: StaffAccountRow, url: URL) {
  const draft = await readDraft(account.id)
  const state = (await markDrafting(account.id, draft)) ? 'drafting' : account.state
  const current = { ...account, state }
  const asked = url.searchParams.get('preview')
  const audience: ReleaseAudience | null = asked === 'facilitator' || asked === 'panel' ? asked : null
  const mayRelease = {
    facilitator: ctx.allows(current, 'release-to-facilitator'),
    panel: ctx.allows(current, 'release-to-panel'),
  }
  const preview = audience && mayRelease[audience] ? await releasePreview(current, audience, draft) : null
  const canEdit = ctx.allows(current, 'edit')
  const done = url.searchParams.get('done')
  return {
    kind: 'author' as const,
    review: { id: ctx.review.id, title: ctx.review.title },
    account: {
      id: current.id,
      pseudonym: current.pseudonym,
      state: current.state,
      withdrawalRequestedAt: current.withdrawalRequestedAt?.toISOString() ?? null,
    },
    docName: accountDocName(current.id),
    canEdit,
    // Read-only copy when the editor is closed (a withdrawn account stays its author's).
    draftCopy: canEdit ? null : buildReleasePreview(draft, current.pseudonym),
    mayRelease,
    // Whether the phase still takes releases (can()'s phase rule), whatever this account's state.
    releaseOpen: ctx.allows({ ...current, state: 'drafting' }, 'release-to-facilitator'),
    mayWithdraw: ctx.allows(current, 'withdraw'),
    mayRequestWithdrawal: ctx.allows(current, 'request-withdrawal'),
    namesVisibleTo: ctx.namesVisibleTo,
    preview,
    releases: await latestReleasesForAuthor(current.id),
    reads: await readLog(current),
    quotes: await quotesForAuthor(current),
    mayDecideQuotes: ctx.allows(current, 'approve-quote'),
    done: isDoneKey(done) ? doneMessages[done] : null,
  }
}

async function readerView(ctx: AccountContext, account: StaffAccountRow, audience: ReleaseAudience) {
  const release = await readReleaseAs(account, audience, ctx.user.id)
  const author = ctx.allows(account, 'see-real-name')
    ? await prisma.user.findUnique({ where: { id: account.authorId }, select: { name: true } })
    : null
  const mayDecideWithdrawal = ctx.allows(account, 'decide-withdrawal') && account.withdrawalRequestedAt !== null
  return {
    kind: 'reader' as const,
    review: { id: ctx.review.id, title: ctx.review.title },
    account: { id: account.id, pseudonym: account.pseudonym, state: account.state },
    realName: author?.name ?? null,
    release,
    withdrawal: mayDecideWithdrawal
      ? { requestedAt: account.withdrawalRequestedAt!.toISOString(), reason: account.withdrawalReason }
      : null,
    quoteFindings: ctx.allows(account, 'quote-request') ? await findingsOfReview(ctx.review.id) : null,
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccountContext(request, params.reviewId ?? '')
  const account = await findAccount(ctx.review.id, params.accountId ?? '')
  if (!account) throw json({ message: 'Not found' }, { status: 404 })
  if (ctx.allows(account, 'read-draft')) return json(await authorView(ctx, account, new URL(request.url)), { headers: noStore })
  const audience = ctx.audienceFor(account)
  if (!audience) throw refusalFor(ctx, account, ctx.decide(account, 'read-released'))
  return json(await readerView(ctx, account, audience), { headers: noStore })
}

function fail(message: string) {
  return json({ error: message }, { status: 400 })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const reviewId = params.reviewId ?? ''
  const accountId = params.accountId ?? ''
  const ctx = await requireAccountContext(request, reviewId)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const here = `/reviews/${reviewId}/accounts/${accountId}`

  if (intent === 'release') {
    const audience = formData.get('audience') === 'panel' ? 'panel' : 'facilitator'
    const { account, review, user } = await requireAccountIn(ctx, accountId, audience === 'panel' ? 'release-to-panel' : 'release-to-facilitator')
    const outcome = await releaseAccount(review, account, audience, String(formData.get('hash') ?? ''), user.id)
    return outcome.ok ? redirect(`${here}?done=released-${audience}`) : fail(outcome.message)
  }
  if (intent === 'withdraw') {
    const { account, review, user } = await requireAccountIn(ctx, accountId, 'withdraw')
    const outcome = await withdrawAccount(review, account, user.id, 'author')
    return outcome.ok ? redirect(`${here}?done=withdrawn`) : fail(outcome.message)
  }
  if (intent === 'request-withdrawal') {
    const { account, review, user } = await requireAccountIn(ctx, accountId, 'request-withdrawal')
    const submission = parseWithZod(formData, { schema: withdrawalRequestSchema })
    if (submission.status !== 'success') return fail('accounts.errors.reasonTooLong')
    const outcome = await requestWithdrawal(review, account, submission.value.reason, user.id)
    return outcome.ok ? redirect(`${here}?done=withdrawal-requested`) : fail(outcome.message)
  }
  if (intent === 'grant-withdrawal' || intent === 'decline-withdrawal') {
    const { account, review, user } = await requireAccountIn(ctx, accountId, 'decide-withdrawal')
    if (!account.withdrawalRequestedAt) return fail('accounts.errors.noRequest')
    const outcome = intent === 'grant-withdrawal' ? await withdrawAccount(review, account, user.id, 'facilitator') : await declineWithdrawal(review, account, user.id)
    const done = intent === 'grant-withdrawal' ? 'withdrawal-granted' : 'withdrawal-declined'
    return outcome.ok ? redirect(`/reviews/${reviewId}/accounts?done=${done}`) : fail(outcome.message)
  }
  if (intent === 'decide-quote') {
    const { account, review, user } = await requireAccountIn(ctx, accountId, 'approve-quote')
    const submission = parseWithZod(formData, { schema: quoteDecisionSchema })
    if (submission.status !== 'success') return fail('accounts.errors.noSuchQuote')
    const outcome = await decideQuote(review, account, submission.value, user.id)
    return outcome.ok ? redirect(`${here}?done=quote-decided`) : fail(outcome.message)
  }
  // An unknown intent reveals no more than a read would.
  await requireAccountIn(ctx, accountId, 'read-draft')
  return fail('accounts.errors.notAllowed')
}

function useDateTime() {
  const { i18n } = useTranslation()
  // UTC on the server and in the browser alike, so both render the same text.
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  return (iso: string) => `${format.format(new Date(iso))} UTC`
}

export default function AccountRoute() {
  const data = useLoaderData<typeof loader>()
  return data.kind === 'author' ? <AuthorPage data={data} /> : <ReaderPage data={data} />
}

type AuthorData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: 'author' }>
type ReaderData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: 'reader' }>

function BackLinks({ reviewId }: { reviewId: string }) {
  const { t } = useTranslation()
  return (
    <p className="back-link">
      <Link to={`/reviews/${reviewId}/accounts`}>{t('accounts.backToAccounts')}</Link>
    </p>
  )
}

function ActionError() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const error = actionData && 'error' in actionData ? actionData.error : null
  return error ? (
    <div role="alert" className="form-error">
      <p>{t(error, { defaultValue: t('accounts.errors.notAllowed') })}</p>
    </div>
  ) : null
}

function AuthorPage({ data }: { data: AuthorData }) {
  const { t } = useTranslation()
  const when = useDateTime()
  const { review, account, preview, releases } = data
  const done = data.done ? t(`accounts.${data.done}`) : null
  return (
    <div className="accounts-page account-author">
      <BackLinks reviewId={review.id} />
      <h1>
        {t('accounts.author.title')}
        <span className="accounts-review-title">{review.title}</span>
      </h1>
      <ConfidentialLabel />
      <div className="account-private-note">
        <p>
          <strong>{t('accounts.author.privateNote')}</strong>
        </p>
        <p>{t('accounts.author.savingNote')}</p>
        <p>{t('accounts.author.pseudonymNote', { pseudonym: account.pseudonym })}</p>
      </div>
      <p className="account-state-line">{t('accounts.author.stateLine', { state: t(`accounts.state.${account.state}`) })}</p>
      {done ? (
        <p role="status" className="notice">
          {done}
        </p>
      ) : null}
      <ActionError />

      <section aria-labelledby="prompts-title">
        <h2 id="prompts-title">{t('accounts.author.promptsTitle')}</h2>
        {data.canEdit ? (
          <>
            <p>{t('accounts.author.promptsIntro')}</p>
            <AccountEditor accountId={account.id} docName={data.docName} />
          </>
        ) : (
          <>
            <p>{t('accounts.author.withdrawnNote')}</p>
            {data.draftCopy && data.draftCopy.sections.length > 0 ? (
              <ReleaseView content={data.draftCopy} label={t('accounts.author.draftCopy')} />
            ) : (
              <p>{t('accounts.author.emptyDraft')}</p>
            )}
          </>
        )}
      </section>

      {data.canEdit ? (
        <section aria-labelledby="release-title" className="account-release-steps">
          <h2 id="release-title">{t('accounts.release.title')}</h2>
          <p>{t('accounts.release.steps')}</p>
          {data.releaseOpen ? null : <p>{t('accounts.release.closed')}</p>}
          <ul className="review-links">
            {(['facilitator', 'panel'] as const).map(audience =>
              data.mayRelease[audience] ? (
                <li key={audience}>
                  <Form method="get" className="inline-form">
                    <input type="hidden" name="preview" value={audience} />
                    <button type="submit" className="button-secondary">
                      {t(`accounts.release.preview.${audience}`)}
                    </button>
                  </Form>
                </li>
              ) : null,
            )}
          </ul>
          {data.mayRelease.panel ? <p className="hint">{t('accounts.release.panelIsFacilitatorVersion')}</p> : null}
          {preview ? (
            <section aria-labelledby="preview-title" className="account-preview">
              <h3 id="preview-title">{t(`accounts.release.previewTitle.${preview.audience}`)}</h3>
              {'problem' in preview ? (
                <p className="notice-error">{t(preview.problem)}</p>
              ) : (
                <>
                  <p>{t('accounts.release.previewIntro', { pseudonym: preview.content.pseudonym })}</p>
                  <p>{data.namesVisibleTo === 'facilitator' ? t('accounts.release.previewNamesFacilitator') : t('accounts.release.previewNamesNobody')}</p>
                  <p className="account-pseudonym">{preview.content.pseudonym}</p>
                  <ReleaseView content={preview.content} headingLevel={4} />
                  <div className="actions-row">
                    <Form method="post">
                      <input type="hidden" name="intent" value="release" />
                      <input type="hidden" name="audience" value={preview.audience} />
                      <input type="hidden" name="hash" value={preview.hash} />
                      <button type="submit">{t(`accounts.release.confirm.${preview.audience}`)}</button>
                    </Form>
                    <Link to={`/reviews/${review.id}/accounts/${account.id}`}>{t('accounts.release.cancel')}</Link>
                  </div>
                </>
              )}
            </section>
          ) : null}
        </section>
      ) : null}

      {releases.facilitator || releases.panel ? (
        <section aria-labelledby="released-title">
          <h2 id="released-title">{t('accounts.release.releasedVersions')}</h2>
          {releases.panel ? (
            <details>
              <summary>{t('accounts.release.panelVersion', { date: when(releases.panel.releasedAt) })}</summary>
              <ReleaseView content={releases.panel.content} />
            </details>
          ) : null}
          {releases.facilitator ? (
            <details>
              <summary>{t('accounts.release.facilitatorVersion', { date: when(releases.facilitator.releasedAt) })}</summary>
              <ReleaseView content={releases.facilitator.content} />
            </details>
          ) : null}
        </section>
      ) : null}

      {data.mayWithdraw || data.mayRequestWithdrawal || account.withdrawalRequestedAt ? (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t('accounts.withdraw.title')}</h2>
          {account.withdrawalRequestedAt ? (
            <p>{t('accounts.withdraw.requested', { date: when(account.withdrawalRequestedAt) })}</p>
          ) : data.mayWithdraw ? (
            <Form method="post">
              <p>{t('accounts.withdraw.intro')}</p>
              <input type="hidden" name="intent" value="withdraw" />
              <ConfirmSubmit label={t('accounts.withdraw.submit')} question={t('checks.confirm.withdrawAccount')} confirmLabel={t('checks.confirm.withdrawYes')} />
            </Form>
          ) : (
            <Form method="post">
              <p>{t('accounts.withdraw.requestIntro')}</p>
              <div className="field">
                <label htmlFor="withdraw-reason">{t('accounts.withdraw.reason')}</label>
                <textarea id="withdraw-reason" name="reason" rows={3} maxLength={2000} />
              </div>
              <input type="hidden" name="intent" value="request-withdrawal" />
              <button type="submit" className="button-danger">
                {t('accounts.withdraw.request')}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      <section aria-labelledby="consent-title">
        <h2 id="consent-title">{t('accounts.consent.title')}</h2>
        <p>{t('accounts.consent.intro')}</p>
        {data.quotes.length === 0 ? (
          <p>{t('accounts.consent.empty')}</p>
        ) : (
          <ul className="account-quotes">
            {data.quotes.map(q => (
              <li key={q.id}>
                <p>{q.findingNumber ? t('accounts.consent.inFinding', { number: q.findingNumber }) : t('accounts.consent.inUnknownFinding')}</p>
                {q.findingText ? <p className="quoted-finding">{q.findingText}</p> : null}
                <blockquote>{q.excerpt}</blockquote>
                <p>{t('accounts.consent.statusLine', { status: t(`accounts.quotes.status.${q.status}`) })}</p>
                {data.mayDecideQuotes && (q.status === 'pending' || q.status === 'approved') ? (
                  <Form method="post" className="actions-row">
                    <input type="hidden" name="intent" value="decide-quote" />
                    <input type="hidden" name="quoteId" value={q.id} />
                    {q.status === 'pending' ? (
                      <>
                        <button type="submit" name="decision" value="approve">
                          {t('accounts.consent.approve')}
                        </button>
                        <button type="submit" name="decision" value="decline" className="button-secondary">
                          {t('accounts.consent.decline')}
                        </button>
                      </>
                    ) : (
                      <button type="submit" name="decision" value="revoke" className="button-secondary">
                        {t('accounts.consent.revoke')}
                      </button>
                    )}
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="reads-title">
        <h2 id="reads-title">{t('accounts.reads.title')}</h2>
        {data.reads.length === 0 ? (
          <p>{t('accounts.reads.empty')}</p>
        ) : (
          <table className="account-reads">
            <caption>{t('accounts.reads.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.reads.colWho')}</th>
                <th scope="col">{t('accounts.reads.colRole')}</th>
                <th scope="col">{t('accounts.reads.colWhen')}</th>
                <th scope="col">{t('accounts.reads.colVersion')}</th>
              </tr>
            </thead>
            <tbody>
              {data.reads.map((r, index) => (
                <tr key={`${r.at}-${index}`}>
                  <td>{r.readerName}</td>
                  <td>{r.readerRole ? t(`role.${r.readerRole}`) : t('accounts.reads.noRole')}</td>
                  <td>{when(r.at)}</td>
                  <td>{r.audience ? t(`accounts.audience.${r.audience}`) : t('accounts.list.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <PrivacyNotice />
    </div>
  )
}

function ReaderPage({ data }: { data: ReaderData }) {
  const { t } = useTranslation()
  const when = useDateTime()
  const { review, account, release } = data
  return (
    <div className="accounts-page account-reader">
      <BackLinks reviewId={review.id} />
      <h1>
        {t('accounts.reader.title', { pseudonym: account.pseudonym })}
        <span className="accounts-review-title">{review.title}</span>
      </h1>
      <ConfidentialLabel />
      <p className="account-logged">{t('accounts.reader.logged')}</p>
      {data.realName ? <p>{t('accounts.reader.realName', { name: data.realName })}</p> : null}
      <p>{t('accounts.reader.state', { state: t(`accounts.state.${account.state}`) })}</p>
      <ActionError />
      {release ? (
        <section aria-labelledby="release-title">
          <h2 id="release-title">{t('accounts.reader.released', { date: when(release.releasedAt) })}</h2>
          <ReleaseView content={release.content} />
        </section>
      ) : (
        <p>{t('accounts.reader.notReleased')}</p>
      )}

      {data.withdrawal ? (
        <section aria-labelledby="withdrawal-title" className="account-withdrawal-request">
          <h2 id="withdrawal-title">{t('accounts.decideWithdrawal.title')}</h2>
          <p>{t('accounts.decideWithdrawal.intro', { date: when(data.withdrawal.requestedAt) })}</p>
          <p>{data.withdrawal.reason ? t('accounts.decideWithdrawal.reason', { reason: data.withdrawal.reason }) : t('accounts.decideWithdrawal.noReason')}</p>
          <Form method="post" className="actions-row">
            <ConfirmSubmit
              label={t('accounts.decideWithdrawal.grant')}
              question={t('checks.confirm.grantWithdrawal')}
              confirmLabel={t('checks.confirm.grantYes')}
              name="intent"
              value="grant-withdrawal"
            />
            <button type="submit" name="intent" value="decline-withdrawal" className="button-secondary">
              {t('accounts.decideWithdrawal.decline')}
            </button>
          </Form>
        </section>
      ) : null}

      {data.quoteFindings ? (
        <section aria-labelledby="quote-title">
          <h2 id="quote-title">{t('accounts.quotes.requestTitle')}</h2>
          <p>{t('accounts.quotes.requestIntro')}</p>
          {data.quoteFindings.length === 0 ? (
            <p>{t('accounts.quotes.noFindings')}</p>
          ) : (
            <Form method="post" action={`/reviews/${review.id}/quotes`}>
              <input type="hidden" name="intent" value="request-quote" />
              <input type="hidden" name="accountId" value={account.id} />
              <div className="field">
                <label htmlFor="quote-finding">{t('accounts.quotes.finding')}</label>
                <select id="quote-finding" name="findingId" required>
                  {data.quoteFindings.map(f => (
                    <option key={f.id} value={f.id}>
                      {t('accounts.quotes.findingOption', { number: f.number, preview: f.preview })}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="quote-excerpt">{t('accounts.quotes.excerpt')}</label>
                <textarea id="quote-excerpt" name="excerpt" rows={3} maxLength={2000} required />
              </div>
              <button type="submit">{t('accounts.quotes.submit')}</button>
            </Form>
          )}
          <p>
            <Link to={`/reviews/${review.id}/quotes`}>{t('accounts.quotes.openQuotes')}</Link>
          </p>
        </section>
      ) : null}
    </div>
  )
}
