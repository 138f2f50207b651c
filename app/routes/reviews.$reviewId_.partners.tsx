// Partner agencies on the panel (ADR 0039): the facilitator invites people from other
// organisations, sets when their access ends and whether they see real names.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ActionOutcome } from '~/components/action-outcome'
import { IntentForm } from '~/components/intent-form'
import { DataTable } from '~/components/layout'
import { BackLinkHeading, LinkNotice, RowAction } from '~/components/review-page'
import { useTranslation } from 'react-i18next'
import {
  invitePartner,
  listPartners,
  partnerActionSchema,
  removePartner,
  reviewPartnerAgencies,
  setPartnerAccessUntil,
  setPartnerRealNames,
} from '~/models/partner.server'
import { requireReviewPermission } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Partner agencies · SCIR Workspace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review } = await requireReviewPermission(request, params.reviewId ?? '', 'manage:review-members')
  const [partners, agencies] = await Promise.all([listPartners(review.id), reviewPartnerAgencies(review.id)])
  return json({ review: { id: review.id, title: review.title }, partners, agencies }, { headers: { 'Cache-Control': 'no-store' } })
}

type ActionData = {
  done?: string
  error?: string
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
  setup?: { url: string; email: string }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { review, user } = await requireReviewPermission(request, params.reviewId ?? '', 'manage:review-members')
  const values = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]))
  const parsed = partnerActionSchema.safeParse(values)
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {}
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message
    return json<ActionData>({ fieldErrors, values }, { status: 400 })
  }
  const input = parsed.data
  switch (input.intent) {
    case 'invite': {
      const outcome = await invitePartner(review, input, user.id)
      if (!outcome.ok) return json<ActionData>({ fieldErrors: { [outcome.field]: outcome.message }, values }, { status: 400 })
      // No email is sent by this application: the facilitator passes the link on.
      return json<ActionData>({ setup: { url: new URL(outcome.setupPath, request.url).toString(), email: input.email } })
    }
    case 'access': {
      const outcome = await setPartnerAccessUntil(review, input.userId, input.accessUntil, user.id)
      if (outcome === 'date') return json<ActionData>({ error: 'voice.partners.errors.date' }, { status: 400 })
      return outcome === 'done'
        ? json<ActionData>({ done: 'voice.partners.saved' })
        : json<ActionData>({ error: 'voice.partners.errors.unknown' }, { status: 400 })
    }
    case 'names': {
      const outcome = await setPartnerRealNames(review, input.userId, input.value === 'yes', user.id)
      return outcome === 'done'
        ? json<ActionData>({ done: 'voice.partners.saved' })
        : json<ActionData>({ error: 'voice.partners.errors.unknown' }, { status: 400 })
    }
    case 'remove': {
      const outcome = await removePartner(review, input.userId, user.id)
      return outcome === 'done'
        ? json<ActionData>({ done: 'voice.partners.removed' })
        : json<ActionData>({ error: 'voice.partners.errors.unknown' }, { status: 400 })
    }
  }
}

export default function PartnersPage() {
  const { review, partners, agencies } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation()
  const errors = data?.fieldErrors ?? {}
  const values = data?.values?.intent === 'invite' ? data.values : {}
  const err = (name: string) =>
    errors[name] ? (
      <p id={`partner-${name}-error`} className="field-error" role="alert">
        {t(errors[name]!)}
      </p>
    ) : null
  return (
    <section aria-labelledby="partners-title">
      <BackLinkHeading to={`/reviews/${review.id}`} back={review.title} id="partners-title" title={t('voice.partners.title')} />
      <p>{t('voice.partners.intro')}</p>
      <ActionOutcome done={data?.done} error={data?.error} />
      {data?.setup ? <LinkNotice message={t('voice.partners.invited', { email: data.setup.email })} url={data.setup.url} testId="partner-setup-link" /> : null}
      <h2>{t('voice.partners.agencies')}</h2>
      <p data-testid="partner-agencies">{agencies.length ? agencies.join(', ') : t('voice.partners.noAgencies')}</p>
      {partners.length === 0 ? (
        <p>{t('voice.partners.empty')}</p>
      ) : (
        <DataTable headers={[...(['name', 'organisation', 'accessUntil', 'realNames'] as const).map(k => t(`voice.partners.${k}`)), t('members.colActions')]}>
          {partners.map(p => (
            <tr key={p.userId}>
              <td>
                {p.name}
                <br />
                <span className="hint">{p.email}</span>
              </td>
              <td>{p.organisation}</td>
              <td>
                <IntentForm intent="access" className="inline-form">
                  <input type="hidden" name="userId" value={p.userId} />
                  <label className="visually-hidden" htmlFor={`access-${p.userId}`}>
                    {t('voice.partners.accessUntil')}
                  </label>
                  <input
                    id={`access-${p.userId}`}
                    type="date"
                    name="accessUntil"
                    defaultValue={p.accessUntil ?? ''}
                    aria-describedby={`access-${p.userId}-hint`}
                  />
                  <span id={`access-${p.userId}-hint`} className="hint">
                    {p.accessUntil ? '' : t('voice.partners.untilApproval')}
                  </span>
                  <button type="submit" className="button-link">
                    {t('voice.partners.setAccess')}
                  </button>
                </IntentForm>
              </td>
              <td>
                <RowAction
                  intent="names"
                  fields={{ userId: p.userId, value: p.realNamesGranted ? 'no' : 'yes' }}
                  buttonClassName="button-link"
                  label={p.realNamesGranted ? t('voice.partners.revokeNames') : t('voice.partners.grantNames')}
                />
              </td>
              <td>
                <RowAction intent="remove" fields={{ userId: p.userId }} buttonClassName="button-secondary" label={t('voice.partners.remove')} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>{t('voice.partners.inviteTitle')}</h2>
      <p className="hint">{t('voice.partners.inviteIntro')}</p>
      <IntentForm intent="invite" noValidate>
        {(
          [
            ['name', 'text', 'name'],
            ['email', 'email', 'email'],
            ['organisation', 'text', 'organization'],
            ['accessUntil', 'date', undefined],
          ] as const
        ).map(([name, type, autoComplete]) => {
          // Only the date has a hint, and it keeps pointing there when the date is refused.
          const hint = name === 'accessUntil' ? t('voice.partners.accessUntilHint') : null
          return (
            <div className="field" key={name}>
              <label htmlFor={`partner-${name}`}>{t(`voice.partners.${name}`)}</label>
              <input
                id={`partner-${name}`}
                name={name}
                type={type}
                autoComplete={autoComplete}
                defaultValue={values[name] ?? ''}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={hint ? `partner-${name}-hint` : errors[name] ? `partner-${name}-error` : undefined}
              />
              {hint ? (
                <p id={`partner-${name}-hint`} className="hint">
                  {hint}
                </p>
              ) : null}
              {err(name)}
            </div>
          )
        })}
        <button type="submit">{t('voice.partners.invite')}</button>
      </IntentForm>
    </section>
  )
}
