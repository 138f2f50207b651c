// Staff accounts of a review. The facilitator invites and sees each account's state (never a
// draft); panel readers see what was released to them, under pseudonyms; an author finds their
// own. Every item is filtered through canOnAccount.
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ComponentProps } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionOutcome } from '~/components/action-outcome'
import { DataTable, TitledSection } from '~/components/layout'
import { ReviewPageHeading, conformErrors } from '~/components/review-page'
import { ConfidentialLabel } from '~/components/accounts/release-view'
import { PrivacyNotice } from '~/components/accounts/privacy-notice'
import { FormErrors, SelectField } from '~/components/forms'
import { accountCaseRoles } from '~/domain/staff-account'
import { accountsOfReview, invitableMembers, inviteSchema, inviteToGiveAccount } from '~/models/staff-account.server'
import accountStylesUrl from '~/styles/accounts.css'
import { requireAccountContext } from '~/utils/account-access.server'
import { prisma } from '~/utils/db.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesUrl }]

export const meta: MetaFunction = () => [{ title: 'Staff accounts · SCIR Workspace' }]

const noStore = { 'Cache-Control': 'no-store' }

const doneMessages = {
  invited: 'accounts.invite.done',
  'withdrawal-granted': 'accounts.decideWithdrawal.granted',
  'withdrawal-declined': 'accounts.decideWithdrawal.declined',
} as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccountContext(request, params.reviewId ?? '')
  const accounts = await accountsOfReview(ctx.review.id)
  const own = accounts.find(a => ctx.allows(a, 'read-draft')) ?? null
  const listStates = ctx.mayOnReview('list-states')

  const namedIds = listStates ? accounts.filter(a => ctx.allows(a, 'see-real-name')).map(a => a.authorId) : []
  const names = new Map((await prisma.user.findMany({ where: { id: { in: namedIds } }, select: { id: true, name: true } })).map(u => [u.id, u.name]))
  const states = listStates
    ? accounts.map(a => ({
        id: a.id,
        pseudonym: a.pseudonym,
        state: a.state,
        realName: ctx.allows(a, 'see-real-name') ? (names.get(a.authorId) ?? null) : null,
        withdrawalRequested: a.withdrawalRequestedAt !== null,
        canRead: ctx.allows(a, 'read-released'),
      }))
    : null
  // Panel readers: only what was released to them, by pseudonym.
  const released = listStates
    ? []
    : accounts
        .filter(a => a !== own && ctx.allows(a, 'read-released'))
        .map(a => ({ id: a.id, pseudonym: a.pseudonym, releasedAt: a.releasedToPanelAt?.toISOString() ?? null }))

  const done = new URL(request.url).searchParams.get('done')
  return json(
    {
      review: { id: ctx.review.id, title: ctx.review.title },
      own: own ? { id: own.id, state: own.state } : null,
      states,
      released,
      namesHidden: listStates && ctx.namesVisibleTo === 'nobody',
      invite: ctx.mayOnReview('invite') ? { members: await invitableMembers(ctx.review.id) } : null,
      canQuote: ctx.reviewAllows('write:review-doc'),
      done: done && done in doneMessages ? doneMessages[done as keyof typeof doneMessages] : null,
    },
    { headers: noStore },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccountContext(request, params.reviewId ?? '')
  if (!ctx.mayOnReview('invite')) throw json({ message: 'Forbidden' }, { status: 403 })
  const submission = parseWithZod(await request.formData(), { schema: inviteSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  const outcome = await inviteToGiveAccount(ctx.review, submission.value, ctx.user.id)
  if (!outcome.ok) return json({ result: submission.reply({ formErrors: [outcome.message] }) }, { status: 400 })
  return redirect(`/reviews/${ctx.review.id}/accounts?done=invited`)
}

export default function AccountsRoute() {
  const { review, own, states, released, namesHidden, invite, canQuote, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const errors = conformErrors(actionData?.result)
  const inviteSelects: ComponentProps<typeof SelectField>[] = invite
    ? [
        {
          id: 'invite-member',
          name: 'userId',
          label: t('accounts.invite.member'),
          required: true,
          options: invite.members.map(m => [m.userId, m.name] as const),
        },
        {
          id: 'invite-case-role',
          name: 'caseRole',
          label: t('accounts.invite.caseRole'),
          hint: t('accounts.invite.caseRoleHint'),
          defaultValue: 'worker',
          options: accountCaseRoles.map(r => [r, t(`accounts.caseRole.${r}`)] as const),
        },
      ]
    : []
  return (
    <div className="accounts-page">
      <ReviewPageHeading review={review} back={t('accounts.backToReview')} title={t('accounts.title')} reviewTitleClass="accounts-review-title" />
      <ConfidentialLabel />
      <PrivacyNotice />
      <ActionOutcome done={done} />

      {own ? (
        <TitledSection id="own" title={t('accounts.list.yours')} className="account-own">
          <p>{t('accounts.list.yoursIntro')}</p>
          <p>{t('accounts.list.yourState', { state: t(`accounts.state.${own.state}`) })}</p>
          <p>
            <Link className="button" to={`/reviews/${review.id}/accounts/${own.id}`}>
              {t('accounts.list.openYours')}
            </Link>
          </p>
        </TitledSection>
      ) : null}

      {states ? (
        <TitledSection id="states" title={t('accounts.list.statesTitle')}>
          {namesHidden ? <p>{t('accounts.list.namesHidden')}</p> : null}
          {states.length === 0 ? (
            <p>{t('accounts.list.empty')}</p>
          ) : (
            <DataTable
              className="account-states"
              caption={t('accounts.list.statesCaption')}
              headers={(['colPseudonym', namesHidden ? null : 'colPerson', 'colState', 'colWithdrawal', 'colOpen'] as const).map(
                k => k && t(`accounts.list.${k}`),
              )}
            >
              {states.map(a => (
                <tr key={a.id}>
                  <td>{a.pseudonym}</td>
                  {namesHidden ? null : <td>{a.realName ?? ''}</td>}
                  <td className={`account-state account-state-${a.state}`}>{t(`accounts.state.${a.state}`)}</td>
                  <td>{a.withdrawalRequested ? t('accounts.list.withdrawalRequested') : t('accounts.list.none')}</td>
                  <td>
                    {a.canRead ? (
                      <Link to={`/reviews/${review.id}/accounts/${a.id}`}>{t('accounts.list.read', { pseudonym: a.pseudonym })}</Link>
                    ) : (
                      t('accounts.list.notReleased')
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </TitledSection>
      ) : released.length > 0 || canQuote ? (
        <TitledSection id="released" title={t('accounts.list.releasedTitle')}>
          {released.length === 0 ? (
            <p>{t('accounts.list.releasedEmpty')}</p>
          ) : (
            <ul className="account-released-list">
              {released.map(a => (
                <li key={a.id}>
                  <Link to={`/reviews/${review.id}/accounts/${a.id}`}>{t('accounts.list.read', { pseudonym: a.pseudonym })}</Link>
                </li>
              ))}
            </ul>
          )}
        </TitledSection>
      ) : own ? null : (
        <p>{t('accounts.list.nothingForYou')}</p>
      )}

      {canQuote ? (
        <p>
          <Link to={`/reviews/${review.id}/quotes`}>{t('accounts.list.quotesLink')}</Link>
        </p>
      ) : null}

      {invite ? (
        <TitledSection id="invite" title={t('accounts.invite.title')}>
          <p>{t('accounts.invite.intro')}</p>
          {invite.members.length === 0 ? (
            <p>{t('accounts.invite.noneLeft')}</p>
          ) : (
            <Form method="post" className="account-invite">
              <FormErrors errors={errors} />
              {inviteSelects.map(select => (
                <SelectField key={select.id} {...select} />
              ))}
              <div className="field">
                <label htmlFor="invite-pseudonym">{t('accounts.invite.pseudonym')}</label>
                <span id="invite-pseudonym-hint" className="hint">
                  {t('accounts.invite.pseudonymHint')}
                </span>
                <input id="invite-pseudonym" name="pseudonym" type="text" maxLength={60} autoComplete="off" aria-describedby="invite-pseudonym-hint" />
              </div>
              <input type="hidden" name="intent" value="invite" />
              <button type="submit">{t('accounts.invite.submit')}</button>
            </Form>
          )}
        </TitledSection>
      ) : null}
    </div>
  )
}
