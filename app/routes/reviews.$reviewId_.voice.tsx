// The panel's page for family and community voice (ADR 0038): read the contributions (every
// read audited), cite them for unmet needs and findings; the facilitator invites through a
// one-time link or records a conversation, and withdraws a recorded one on request.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ActionOutcome } from '~/components/action-outcome'
import { IntentForm } from '~/components/intent-form'
import { BackLinkHeading, LinkNotice, RowAction } from '~/components/review-page'
import { VoiceWordsFields, voiceQuestions } from '~/components/voice-fields'
import { useTranslation } from 'react-i18next'
import { TitledSection } from '~/components/layout'
import type { ZodError } from 'zod'
import { contributorKinds, INVITATION_DAYS_DEFAULT, INVITATION_DAYS_MAX } from '~/domain/vocabulary'
import {
  conversationFormSchema,
  createInvitation,
  invitationFormSchema,
  linkContribution,
  linkFormSchema,
  listInvitations,
  readContributions,
  recordConversation,
  revokeInvitation,
  withdrawRecorded,
  type ContributionView,
} from '~/models/family-voice.server'
import { prisma } from '~/utils/db.server'
import { requireReviewPermission } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Family and community voice · SCIR Workspace' }]

async function citableTargets(reviewId: string) {
  const [needs, findings] = await Promise.all([
    prisma.projectedUnmetNeed.findMany({ where: { reviewId }, select: { id: true, need: true } }),
    prisma.projectedFinding.findMany({ where: { reviewId }, select: { id: true, body: true } }),
  ])
  const short = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text)
  return {
    needs: needs.map((n, i) => ({ id: n.id, number: i + 1, text: short(n.need) })),
    findings: findings.map((f, i) => ({ id: f.id, number: i + 1, text: short(f.body) })),
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review, user, allows } = await requireReviewPermission(request, params.reviewId ?? '', 'read:family-voice')
  const mayInvite = allows('invite:family-voice')
  const [contributions, targets, invitations] = await Promise.all([
    readContributions(review, user.id, 'voice-page'),
    citableTargets(review.id),
    mayInvite ? listInvitations(review.id) : Promise.resolve([]),
  ])
  return json(
    {
      review: { id: review.id, title: review.title },
      contributions,
      targets,
      invitations,
      mayInvite,
      mayLink: allows('link:family-voice'),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

type ActionData = {
  done?: string
  created?: { url: string; expiresAt: string }
  error?: string
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
}

function fieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) out[String(issue.path[0] ?? 'form')] ??= issue.message
  return out
}

export async function action({ request, params }: ActionFunctionArgs) {
  const reviewId = params.reviewId ?? ''
  const form = await request.formData()
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const intent = values.intent
  if (intent === 'link' || intent === 'unlink') {
    const { review, user } = await requireReviewPermission(request, reviewId, 'link:family-voice')
    const parsed = linkFormSchema.safeParse(values)
    if (!parsed.success) return json<ActionData>({ error: 'voice.errors.target' }, { status: 400 })
    const outcome = await linkContribution(review, parsed.data, user.id)
    if (outcome !== 'done') return json<ActionData>({ error: 'voice.errors.unknown' }, { status: 400 })
    return json<ActionData>({ done: intent === 'link' ? 'voice.page.linked' : 'voice.page.unlinked' })
  }
  const { review, user } = await requireReviewPermission(request, reviewId, 'invite:family-voice')
  if (intent === 'invite') {
    const parsed = invitationFormSchema.safeParse(values)
    if (!parsed.success) return json<ActionData>({ fieldErrors: fieldErrors(parsed.error), values }, { status: 400 })
    const created = await createInvitation(review, user.id, parsed.data)
    return json<ActionData>({ created: { url: new URL(created.path, request.url).toString(), expiresAt: created.expiresAt.toISOString() } })
  }
  if (intent === 'revoke') {
    const ok = await revokeInvitation(review, values.invitationId ?? '', user.id)
    return ok ? json<ActionData>({ done: 'voice.page.revoked' }) : json<ActionData>({ error: 'voice.errors.unknown' }, { status: 400 })
  }
  if (intent === 'record') {
    const parsed = conversationFormSchema.safeParse({ ...values, consentScope: values.consentScope || undefined })
    if (!parsed.success) return json<ActionData>({ fieldErrors: fieldErrors(parsed.error), values }, { status: 400 })
    await recordConversation(review, user.id, parsed.data)
    return json<ActionData>({ done: 'voice.page.recorded' })
  }
  if (intent === 'withdraw') {
    const outcome = await withdrawRecorded(review, values.contributionId ?? '', user.id)
    if (outcome === 'wrong-phase') return json<ActionData>({ error: 'voice.errors.wrongPhase' }, { status: 400 })
    if (outcome === 'unknown') return json<ActionData>({ error: 'voice.errors.unknown' }, { status: 400 })
    return json<ActionData>({ done: 'voice.page.withdrawDone' })
  }
  return json<ActionData>({ error: 'voice.errors.unknown' }, { status: 400 })
}

export default function VoicePage() {
  const { review, contributions, targets, invitations, mayInvite, mayLink } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
  const errors = data?.fieldErrors ?? {}
  const values = data?.values ?? {}
  const recordValues = values.intent === 'record' ? values : {}
  return (
    <section aria-labelledby="voice-page-title" className="voice-panel">
      <BackLinkHeading to={`/reviews/${review.id}`} back={review.title} id="voice-page-title" title={t('voice.page.title')} />
      <p>{t('voice.page.intro')}</p>
      <ActionOutcome done={data?.done} error={data?.error} />
      {data?.created ? (
        <LinkNotice message={t('voice.page.created', { date: date(data.created.expiresAt) })} url={data.created.url} testId="voice-link" />
      ) : null}

      {contributions.length === 0 ? <p>{t('voice.page.empty')}</p> : null}
      <ol className="voice-list">
        {contributions.map(c => (
          <Contribution key={c.id} c={c} targets={targets} mayLink={mayLink} mayInvite={mayInvite} date={date} />
        ))}
      </ol>

      {mayInvite ? (
        <>
          <TitledSection id="voice-invite" title={t('voice.page.inviteTitle')}>
            <p className="hint">{t('voice.page.inviteIntro')}</p>
            <IntentForm intent="invite" noValidate>
              <KindAndLanguage prefix="invite" errors={values.intent === 'invite' ? errors : {}} />
              <div className="field">
                <label htmlFor="invite-days">{t('voice.page.days')}</label>
                <input
                  id="invite-days"
                  name="days"
                  type="number"
                  min={1}
                  max={INVITATION_DAYS_MAX}
                  defaultValue={INVITATION_DAYS_DEFAULT}
                  aria-invalid={values.intent === 'invite' && errors.days ? true : undefined}
                />
                {values.intent === 'invite' && errors.days ? (
                  <p className="field-error" role="alert">
                    {t(errors.days)}
                  </p>
                ) : null}
              </div>
              <button type="submit">{t('voice.page.invite')}</button>
            </IntentForm>
            <InvitationList invitations={invitations} date={date} />
          </TitledSection>
          <TitledSection id="voice-record" title={t('voice.page.recordTitle')}>
            <p className="hint">{t('voice.page.recordIntro')}</p>
            <IntentForm intent="record" noValidate>
              <KindAndLanguage prefix="record" errors={values.intent === 'record' ? errors : {}} />
              <VoiceWordsFields prefix="record" t={t} rows={3} values={recordValues} errors={recordValues.intent ? errors : {}} />
              <button type="submit">{t('voice.page.record')}</button>
            </IntentForm>
          </TitledSection>
        </>
      ) : null}
    </section>
  )
}

/** The facilitator's invitations so far, each open one with a way to revoke it. */
function InvitationList({ invitations, date }: { invitations: SerializeFrom<typeof loader>['invitations']; date: (iso: string) => string }) {
  const { t } = useTranslation()
  if (invitations.length === 0) return null
  return (
    <>
      <h3>{t('voice.page.invitationsTitle')}</h3>
      <ul className="voice-invitations">
        {invitations.map(inv => (
          <li key={inv.id}>
            {t(`voice.page.contributorKind.${inv.contributorKind}`)} · {t(`voice.page.invitationState.${inv.state}`)} ·{' '}
            {t('voice.page.created_on', { date: date(inv.createdAt), expires: date(inv.expiresAt) })}
            {inv.state === 'open' ? (
              <RowAction intent="revoke" fields={{ invitationId: inv.id }} buttonClassName="button-link" label={t('voice.page.revoke')} />
            ) : null}
          </li>
        ))}
      </ul>
    </>
  )
}

function KindAndLanguage({ prefix, errors }: { prefix: string; errors: Record<string, string> }) {
  const { t } = useTranslation()
  return (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-kind`}>{t('voice.page.who')}</label>
        <select id={`${prefix}-kind`} name="contributorKind" defaultValue="family_member">
          {contributorKinds.map(kind => (
            <option key={kind} value={kind}>
              {t(`voice.page.contributorKind.${kind}`)}
            </option>
          ))}
        </select>
        {errors.contributorKind ? (
          <p className="field-error" role="alert">
            {t(errors.contributorKind)}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-locale`}>{t('voice.page.formLanguage')}</label>
        <select id={`${prefix}-locale`} name="locale" defaultValue="en">
          <option value="en">{t('voice.page.languageNames.en')}</option>
          <option value="fr">{t('voice.page.languageNames.fr')}</option>
        </select>
      </div>
    </>
  )
}

type Targets = { needs: { id: string; number: number; text: string }[]; findings: { id: string; number: number; text: string }[] }

function ContributionWords({ c }: { c: Pick<ContributionView, 'needed' | 'helped' | 'notHelped' | 'shouldChange' | 'locale'> }) {
  const { t } = useTranslation()
  return (
    <dl className="voice-words" lang={c.locale}>
      {voiceQuestions
        .filter(q => c[q] !== '')
        .map(q => (
          <div key={q}>
            <dt>{t(`voice.form.${q}`)}</dt>
            <dd>{c[q]}</dd>
          </div>
        ))}
    </dl>
  )
}

function Contribution({
  c,
  targets,
  mayLink,
  mayInvite,
  date,
}: {
  c: ContributionView
  targets: Targets
  mayLink: boolean
  mayInvite: boolean
  date: (iso: string) => string
}) {
  const { t } = useTranslation()
  const label = (kind: string, id: string) => {
    const need = kind === 'unmet_need' ? targets.needs.find(n => n.id === id) : undefined
    const finding = kind === 'finding' ? targets.findings.find(f => f.id === id) : undefined
    if (need) return t('voice.page.needOption', { number: need.number, text: need.text })
    if (finding) return t('voice.page.findingOption', { number: finding.number, text: finding.text })
    return id
  }
  return (
    <li className="voice-card" data-testid="voice-contribution">
      <article aria-label={t(`voice.page.contributorKind.${c.contributorKind}`)}>
        <h2>{t(`voice.page.contributorKind.${c.contributorKind}`)}</h2>
        <p className="meta">
          {t(`voice.page.via.${c.via}`)} · {t('voice.page.submittedOn', { date: date(c.submittedAt) })} · {t(`voice.page.consentShort.${c.consentScope}`)}
        </p>
        {c.withdrawn ? (
          <p>{t('voice.page.withdrawn')}</p>
        ) : (
          <>
            <ContributionWords c={c} />
            {c.links.length > 0 ? (
              <div>
                <h3>{t('voice.page.citedFor')}</h3>
                <ul>
                  {c.links.map(l => (
                    <li key={`${l.targetKind}:${l.targetId}`}>
                      {label(l.targetKind, l.targetId)}
                      {mayLink ? (
                        <RowAction
                          intent="unlink"
                          fields={{ contributionId: c.id, target: `${l.targetKind}:${l.targetId}` }}
                          buttonClassName="button-link"
                          label={t('voice.page.unlink')}
                        />
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {mayLink ? (
              targets.needs.length + targets.findings.length === 0 ? (
                <p className="hint">{t('voice.page.linkNone')}</p>
              ) : (
                <IntentForm intent="link" className="voice-link-form">
                  <input type="hidden" name="contributionId" value={c.id} />
                  <label htmlFor={`link-${c.id}`}>{t('voice.page.linkTo')}</label>
                  <select id={`link-${c.id}`} name="target">
                    {targets.needs.map(n => (
                      <option key={n.id} value={`unmet_need:${n.id}`}>
                        {t('voice.page.needOption', { number: n.number, text: n.text })}
                      </option>
                    ))}
                    {targets.findings.map(f => (
                      <option key={f.id} value={`finding:${f.id}`}>
                        {t('voice.page.findingOption', { number: f.number, text: f.text })}
                      </option>
                    ))}
                  </select>
                  <button type="submit">{t('voice.page.link')}</button>
                </IntentForm>
              )
            ) : null}
            {mayInvite && c.via === 'conversation' ? (
              <RowAction intent="withdraw" fields={{ contributionId: c.id }} buttonClassName="button-secondary" label={t('voice.page.withdrawOnRequest')} />
            ) : null}
          </>
        )}
      </article>
    </li>
  )
}
