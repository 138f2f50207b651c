// One staff account. Its author gets their private editor, the preview and release steps,
// withdrawal, the read log and the requests to quote. A reader (the facilitator, the panel)
// gets the release meant for them, and the read is logged for the author to see. Anyone else
// gets a 404, as if the account did not exist.
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmSubmit } from '~/components/confirm'
import { DraftSection, QuoteConsent, ReadLog, ReleasedVersions, ReleaseSteps, useDateTime, WithdrawSection } from '~/components/accounts/author-sections'
import { PrivacyNotice } from '~/components/accounts/privacy-notice'
import { QuoteRequestForm } from '~/components/accounts/quote-request-form'
import { ConfidentialLabel, ReleaseView } from '~/components/accounts/release-view'
import { accountDocName, buildReleasePreview, type ReleaseAudience } from '~/domain/staff-account'
import { accountActionSchema, invalidAccountAction, operationForAccountAction } from '~/models/account-actions.server'
import { decideQuote, findingsOfReview, quotesForAuthor } from '~/models/quote-consent.server'
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
  type StaffAccountRow,
} from '~/models/staff-account.server'
import accountStylesUrl from '~/styles/accounts.css'
import { refusalFor, requireAccountContext, requireAccountIn, type AccountContext } from '~/utils/account-access.server'
import { prisma } from '~/utils/db.server'
import { TitledSection } from '~/components/layout'

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
  const author = ctx.allows(account, 'see-real-name') ? await prisma.user.findUnique({ where: { id: account.authorId }, select: { name: true } }) : null
  const mayDecideWithdrawal = ctx.allows(account, 'decide-withdrawal') && account.withdrawalRequestedAt !== null
  return {
    kind: 'reader' as const,
    review: { id: ctx.review.id, title: ctx.review.title },
    account: { id: account.id, pseudonym: account.pseudonym, state: account.state },
    realName: author?.name ?? null,
    release,
    withdrawal: mayDecideWithdrawal ? { requestedAt: account.withdrawalRequestedAt!.toISOString(), reason: account.withdrawalReason } : null,
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
  const submission = parseWithZod(await request.formData(), { schema: accountActionSchema })
  const here = `/reviews/${reviewId}/accounts/${accountId}`
  const operation = operationForAccountAction(submission.payload.intent, submission.payload.audience)
  if (!operation) {
    // An unknown intent reveals no more than a read would.
    await requireAccountIn(ctx, accountId, 'read-draft')
    return fail('accounts.errors.notAllowed')
  }
  const { account, review, user } = await requireAccountIn(ctx, accountId, operation)
  if (submission.status !== 'success') return fail(invalidAccountAction(submission.payload.intent))
  const input = submission.value
  switch (input.intent) {
    case 'release': {
      const outcome = await releaseAccount(review, account, input.audience, input.hash, user.id)
      return outcome.ok ? redirect(`${here}?done=released-${input.audience}`) : fail(outcome.message)
    }
    case 'withdraw': {
      const outcome = await withdrawAccount(review, account, user.id, 'author')
      return outcome.ok ? redirect(`${here}?done=withdrawn`) : fail(outcome.message)
    }
    case 'request-withdrawal': {
      const outcome = await requestWithdrawal(review, account, input.reason, user.id)
      return outcome.ok ? redirect(`${here}?done=withdrawal-requested`) : fail(outcome.message)
    }
    case 'grant-withdrawal':
    case 'decline-withdrawal': {
      if (!account.withdrawalRequestedAt) return fail('accounts.errors.noRequest')
      const granted = input.intent === 'grant-withdrawal'
      const outcome = granted ? await withdrawAccount(review, account, user.id, 'facilitator') : await declineWithdrawal(review, account, user.id)
      return outcome.ok ? redirect(`/reviews/${reviewId}/accounts?done=${granted ? 'withdrawal-granted' : 'withdrawal-declined'}`) : fail(outcome.message)
    }
    case 'decide-quote': {
      const outcome = await decideQuote(review, account, input, user.id)
      return outcome.ok ? redirect(`${here}?done=quote-decided`) : fail(outcome.message)
    }
  }
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
  const { review, account, releases } = data
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

      <DraftSection data={data} account={account} />

      <ReleaseSteps data={data} review={review} account={account} />

      <ReleasedVersions releases={releases} />

      <WithdrawSection data={data} account={account} />

      <QuoteConsent data={data} />

      <ReadLog data={data} />

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
        <TitledSection id="release" title={t('accounts.reader.released', { date: when(release.releasedAt) })}>
          <ReleaseView content={release.content} />
        </TitledSection>
      ) : (
        <p>{t('accounts.reader.notReleased')}</p>
      )}

      {data.withdrawal ? (
        <TitledSection id="withdrawal" title={t('accounts.decideWithdrawal.title')} className="account-withdrawal-request">
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
        </TitledSection>
      ) : null}

      {data.quoteFindings ? (
        <TitledSection id="quote" title={t('accounts.quotes.requestTitle')}>
          <p>{t('accounts.quotes.requestIntro')}</p>
          {data.quoteFindings.length === 0 ? (
            <p>{t('accounts.quotes.noFindings')}</p>
          ) : (
            <QuoteRequestForm reviewId={review.id} findings={data.quoteFindings} account={{ id: account.id }} />
          )}
          <p>
            <Link to={`/reviews/${review.id}/quotes`}>{t('accounts.quotes.openQuotes')}</Link>
          </p>
        </TitledSection>
      ) : null}
    </div>
  )
}
