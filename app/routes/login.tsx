import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { conformField, FormErrors, InputField } from '~/components/forms'
import { requireAnonymous, signIn, verifyLogin } from '~/utils/auth.server'
import { clientAddress } from '~/utils/request.server'
import { loginLimiters } from '~/utils/rate-limit.server'
import { passwordSignInFor, signInProviders } from '~/models/sso.server'
import { ssoFailures, type SsoFailure } from '~/utils/oidc.server'

const loginSchema = z.object({
  email: z.string({ required_error: 'validation.emailRequired' }).trim().toLowerCase().email('validation.emailInvalid'),
  password: z.string({ required_error: 'validation.passwordRequired' }).min(1, 'validation.passwordRequired').max(200),
  redirectTo: z.string().optional(),
})

export const meta: MetaFunction = () => [{ title: 'Sign in · SCIR Workspace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const problem = new URL(request.url).searchParams.get('sso')
  const ssoProblem = ssoFailures.find(f => f === problem) ?? null
  return json({ providers: await signInProviders(), ssoProblem })
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: loginSchema })
  if (submission.status !== 'success') {
    return json({ result: submission.reply({ hideFields: ['password'] }), retryAfter: null }, { status: 400 })
  }
  const { email, password, redirectTo } = submission.value
  const address = clientAddress(request, context)
  const byAddress = await loginLimiters.byAddress.blocked(address)
  const byAccount = byAddress ? null : await loginLimiters.byAccount.blocked(email)
  const limited = byAddress ?? byAccount
  if (limited) {
    const reason = byAddress ? 'login.lockedAddress' : 'login.lockedAccount'
    return json(
      { result: submission.reply({ formErrors: [reason], hideFields: ['password'] }), retryAfter: limited.retryAfterSeconds },
      { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
    )
  }
  const user = await verifyLogin(email, password)
  if (!user) {
    await Promise.all([loginLimiters.byAddress.hit(address), loginLimiters.byAccount.hit(email)])
    return json({ result: submission.reply({ formErrors: ['login.invalid'], hideFields: ['password'] }), retryAfter: null }, { status: 400 })
  }
  await loginLimiters.byAccount.reset(email)
  // Checked after the password so that it tells nothing about an address to someone without it.
  const passwordRule = await passwordSignInFor(user.id)
  if (!passwordRule.allowed) {
    return json(
      { result: submission.reply({ formErrors: ['sso.passwordOff'], hideFields: ['password'] }), retryAfter: null, useProvider: passwordRule.provider },
      { status: 403 },
    )
  }
  return signIn(request, user.id, redirectTo ?? null)
}

export default function LoginRoute() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const { providers, ssoProblem } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm({
    id: 'login',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldRevalidate: 'onBlur',
  })
  const minutes = Math.max(1, Math.ceil((actionData?.retryAfter ?? 60) / 60))
  const locked = form.errors?.find(e => e === 'login.lockedAddress' || e === 'login.lockedAccount')
  const passwordOff = (actionData as { useProvider?: { code: string; displayName: string } } | undefined)?.useProvider ?? null
  const formErrors = form.errors?.filter(e => e !== locked && e !== 'sso.passwordOff')
  const redirectTo = searchParams.get('redirectTo')
  const startHref = (code: string) => `/auth/sso/start/${encodeURIComponent(code)}${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''}`
  return (
    <section className="auth-card" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {ssoProblem ? (
        <div role="alert" className="form-error">
          <p>{t(`sso.failure.${ssoProblem as SsoFailure}`)}</p>
        </div>
      ) : null}
      {passwordOff ? (
        <div role="alert" className="form-error">
          <p>{t('sso.passwordOff', { provider: passwordOff.displayName })}</p>
          <p>
            {/* A plain link: the provider is another origin, which form-action 'self' keeps forms from reaching. */}
            <a href={startHref(passwordOff.code)}>{t('sso.signInWith', { provider: passwordOff.displayName })}</a>
          </p>
        </div>
      ) : null}
      {providers.length ? (
        <nav aria-labelledby="sso-title" className="sso-providers">
          <h2 id="sso-title">{t('sso.organisationTitle')}</h2>
          <ul>
            {providers.map(p => (
              <li key={p.code}>
                <a className="button" href={startHref(p.code)}>
                  {t('sso.signInWith', { provider: p.displayName })}
                </a>{' '}
                <span className="hint">{p.jurisdictionName}</span>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {providers.length ? <h2>{t('sso.orPassword')}</h2> : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={formErrors} />
        {locked ? (
          <div role="alert" className="form-error">
            <p>{t(locked, { minutes })}</p>
          </div>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <InputField label={t('login.email')} {...conformField(fields.email)} type="email" autoComplete="username" required />
        <InputField
          label={t('login.password')}
          errors={fields.password.errors}
          name={fields.password.name}
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit">{t('login.submit')}</button>
      </Form>
    </section>
  )
}
