// The family-voice invitation link (ADR 0038). The token in the address is the capability:
// no account, no session, no navigation, nothing of the review. It shows the form once; after
// sending, the contributor's own words with a way to withdraw them until the review reaches
// analysis; otherwise a refusal that says no more than why the link cannot be used.
import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConsentScope } from '~/domain/vocabulary'
import { VoiceWordsFields, voiceQuestions } from '~/components/voice-fields'
import { contributionSchema, submitThroughLink, viewThroughLink, withdrawThroughLink, type LinkView } from '~/models/family-voice.server'
import { voiceLinkLimiter } from '~/utils/rate-limit.server'
import { clientAddress } from '~/utils/request.server'
import { isLanguage } from '~/utils/i18n'

export const handle = { bare: true }

export const meta: MetaFunction = () => [{ title: 'SCIR' }, { name: 'robots', content: 'noindex, nofollow' }]

// The token must not travel on to anything else, nor be kept by a cache or a search engine.
const privateHeaders = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex, nofollow' }
export const headers: HeadersFunction = () => privateHeaders

type Refused = Extract<LinkView, { status: 'refused' }>['reason'] | 'rate'
type ViewData = { view: LinkView | { status: 'refused'; reason: 'rate' }; lang: 'en' | 'fr' }

function langOf(request: Request, fallback: string | null): 'en' | 'fr' {
  const asked = new URL(request.url).searchParams.get('lng')
  if (isLanguage(asked)) return asked
  return fallback === 'fr' ? 'fr' : 'en'
}

function limited(request: Request, context: unknown) {
  // Every request through a link counts: 43 random characters cannot be guessed, and this
  // keeps anyone from trying (and from hammering the form).
  return voiceLinkLimiter().hit(clientAddress(request, context as never)).allowed === false
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (limited(request, context))
    return json<ViewData>({ view: { status: 'refused', reason: 'rate' }, lang: langOf(request, null) }, { status: 429, headers: privateHeaders })
  const view = await viewThroughLink(params.token ?? '')
  const lang = langOf(request, view.locale ?? null)
  return json<ViewData>({ view, lang }, { status: view.status === 'refused' ? 404 : 200, headers: privateHeaders })
}

type ActionData =
  | { errors: Partial<Record<'needed' | 'helped' | 'notHelped' | 'shouldChange' | 'consentScope' | 'form', string>>; values: Record<string, string> }
  | { refused: Refused }

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (limited(request, context)) return json<ActionData>({ refused: 'rate' }, { status: 429, headers: privateHeaders })
  const token = params.token ?? ''
  const form = await request.formData()
  if (form.get('intent') === 'withdraw') {
    const outcome = await withdrawThroughLink(token)
    if (!outcome.ok) return json<ActionData>({ refused: outcome.reason }, { status: 400, headers: privateHeaders })
    return json<ActionData>({ refused: 'withdrawn' }, { headers: privateHeaders })
  }
  const values = Object.fromEntries(['needed', 'helped', 'notHelped', 'shouldChange', 'consentScope'].map(k => [k, String(form.get(k) ?? '')]))
  const parsed = contributionSchema.safeParse({ ...values, consentScope: values.consentScope || undefined })
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
    // What they typed comes back with the errors: bad input loses nothing.
    return json<ActionData>({ errors, values }, { status: 400, headers: privateHeaders })
  }
  const outcome = await submitThroughLink(token, parsed.data)
  if (!outcome.ok) return json<ActionData>({ refused: outcome.reason }, { status: 400, headers: privateHeaders })
  // Reloaded: the loader now shows the submitted words and the withdraw button.
  return json<ActionData>({ errors: {}, values: {} }, { headers: privateHeaders })
}

export default function VoiceLinkRoute() {
  const { view: loaded, lang } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { i18n } = useTranslation()
  const t = i18n.getFixedT(lang)
  const other = lang === 'fr' ? 'en' : 'fr'
  const refusedByAction = actionData && 'refused' in actionData ? actionData.refused : null
  const view = loaded as ViewData['view']

  const switcher = (
    <Form method="get" className="voice-language">
      <input type="hidden" name="lng" value={other} />
      <button type="submit" className="button-link" lang={other}>
        {t('voice.form.switchTo')}
      </button>
    </Form>
  )

  let body
  if (refusedByAction === 'withdrawn') {
    body = (
      <p role="status" className="notice">
        {t('voice.form.withdrawn')}
      </p>
    )
  } else if (refusedByAction || view.status === 'refused') {
    const reason = (refusedByAction ?? (view as { reason: Refused }).reason) as Refused
    body = (
      <>
        <h1>{t('voice.form.refused.title')}</h1>
        <p role="alert" className="notice-error">
          {t(`voice.form.refused.${reason}`)}
        </p>
      </>
    )
  } else if (view.status === 'submitted') {
    body = <Submitted view={view} t={t} />
  } else {
    body = <ContributionForm view={view} t={t} lang={lang} actionData={actionData && 'errors' in actionData ? actionData : null} />
  }
  return (
    <div className="voice-page auth-card" lang={lang}>
      {switcher}
      {body}
    </div>
  )
}

type T = (key: string, options?: Record<string, unknown>) => string

function ContributionForm({
  view,
  t,
  lang,
  actionData,
}: {
  view: Extract<LinkView, { status: 'form' }>
  t: T
  lang: 'en' | 'fr'
  actionData: { errors: Record<string, string | undefined>; values: Record<string, string> } | null
}) {
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  const values = actionData?.values ?? {}
  const expires = new Date(view.expiresAt).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  })
  return (
    <>
      <h1 id="voice-title">{t('voice.form.title')}</h1>
      <p>{view.contributorKind === 'community_representative' ? t('voice.form.introCommunity') : t('voice.form.intro')}</p>
      <p className="hint">{t('voice.form.expires', { date: expires })}</p>
      <Form method="post" aria-labelledby="voice-title" noValidate>
        {errors.form ? (
          <p role="alert" className="notice-error">
            {t(errors.form)}
          </p>
        ) : null}
        <VoiceWordsFields prefix="voice" t={t} rows={4} values={values} errors={errors} linkForm />
        <p className="hint">{t('voice.form.withdrawNote')}</p>
        <button type="submit" disabled={navigation.state !== 'idle'}>
          {t('voice.form.submit')}
        </button>
      </Form>
    </>
  )
}

function Submitted({ view, t }: { view: Extract<LinkView, { status: 'submitted' }>; t: T }) {
  const [confirming, setConfirming] = useState(false)
  return (
    <>
      <h1>{t('voice.form.title')}</h1>
      <p role="status" className="notice">
        {t('voice.form.thanks')}
      </p>
      <h2>{t('voice.form.yourWords')}</h2>
      <dl>
        {voiceQuestions
          .filter(q => view.words[q] !== '')
          .map(q => (
            <div key={q}>
              <dt>{t(`voice.form.${q}`)}</dt>
              <dd className="voice-words">{view.words[q]}</dd>
            </div>
          ))}
        <dt>{t('voice.form.yourConsent')}</dt>
        <dd>{t(`voice.form.consent.${view.consentScope as ConsentScope}`)}</dd>
      </dl>
      {view.canWithdraw ? (
        confirming ? (
          <Form method="post">
            <p>{t('voice.form.withdrawQuestion')}</p>
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="button-danger">
              {t('voice.form.withdrawConfirm')}
            </button>
          </Form>
        ) : (
          <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
            {t('voice.form.withdraw')}
          </button>
        )
      ) : (
        <p className="hint">{t('voice.form.withdrawClosed')}</p>
      )}
    </>
  )
}
