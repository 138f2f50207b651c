import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { removeSsoSettings, saveSsoSettings, ssoSettings, ssoSettingsSchema } from '~/models/sso.server'
import { CALLBACK_PATH, publicOrigin } from '~/utils/oidc.server'
import { requireJurisdictionPermission } from '~/utils/permissions.server'
import { IntentButton } from '~/components/intent-form'

export const meta: MetaFunction = () => [{ title: 'Single sign-on · SCIR Workspace' }]

// Same permission as the other jurisdiction settings: who runs the jurisdiction decides how its
// people sign in.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'manage:jurisdiction-settings')
  const origin = publicOrigin(request)
  return json({
    jurisdiction: user.jurisdiction,
    settings: await ssoSettings(user.jurisdictionId),
    redirectUri: origin + CALLBACK_PATH,
    postLogoutUri: `${origin}/login`,
  })
}

type ActionResult = { done: string | null; errors: Record<string, string> }

const checkbox = (form: FormData, name: string) => form.get(name) === 'on'

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'manage:jurisdiction-settings')
  const form = await request.formData()
  const intent = z.enum(['save', 'remove']).safeParse(form.get('intent'))
  if (!intent.success) return json<ActionResult>({ done: null, errors: { form: 'validation.invalid' } }, { status: 400 })
  if (intent.data === 'remove') {
    await removeSsoSettings(user.jurisdictionId, user.id)
    return json<ActionResult>({ done: 'sso.admin.removed', errors: {} })
  }
  const secret = form.get('clientSecret')
  const parsed = ssoSettingsSchema.safeParse({
    issuer: form.get('issuer') ?? undefined,
    clientId: form.get('clientId') ?? undefined,
    clientSecret: typeof secret === 'string' && secret.length ? secret : undefined,
    clearSecret: checkbox(form, 'clearSecret'),
    displayName: form.get('displayName') ?? undefined,
    enabled: checkbox(form, 'enabled'),
    passwordSignIn: checkbox(form, 'passwordSignIn'),
    jitProvisioning: checkbox(form, 'jitProvisioning'),
  })
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
    return json<ActionResult>({ done: null, errors }, { status: 400 })
  }
  await saveSsoSettings(user.jurisdictionId, parsed.data, user.id)
  return json<ActionResult>({ done: 'sso.admin.saved', errors: {} })
}

function TextField({
  name,
  label,
  defaultValue,
  error,
  hint,
  type = 'text',
}: {
  name: string
  label: string
  defaultValue?: string
  error?: string
  hint?: string
  type?: string
}) {
  const { t } = useTranslation()
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={`sso-${name}`}>{label}</label>
      {hint ? (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={`sso-${name}`}
        name={name}
        type={type}
        defaultValue={defaultValue}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
      />
      {error ? (
        <p id={`${name}-error`} className="field-error">
          {t(error)}
        </p>
      ) : null}
    </div>
  )
}

function Checkbox({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
  return (
    <div className="field field-checkbox">
      <input id={`sso-${name}`} name={name} type="checkbox" defaultChecked={defaultChecked} />
      <label htmlFor={`sso-${name}`}>{label}</label>
    </div>
  )
}

export default function AdminSsoRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const s = data.settings
  const errors = actionData?.errors ?? {}
  return (
    <>
      <h1>{t('sso.admin.title')}</h1>
      {navigation.state === 'idle' && actionData?.done ? (
        <p role="status" className="notice">
          {t(actionData.done)}
        </p>
      ) : null}
      {errors.form ? (
        <div role="alert" className="form-error">
          <p>{t(errors.form)}</p>
        </div>
      ) : null}
      <p>{t('sso.admin.intro', { jurisdiction: data.jurisdiction.name })}</p>
      <dl>
        <dt>{t('sso.admin.redirectUri')}</dt>
        <dd>
          <code>{data.redirectUri}</code>
        </dd>
        <dt>{t('sso.admin.postLogoutUri')}</dt>
        <dd>
          <code>{data.postLogoutUri}</code>
        </dd>
      </dl>
      {s ? null : <p>{t('sso.admin.notConfigured')}</p>}
      {/* Keyed by the saved version so that the fields show what is stored after each save. */}
      <Form method="post" key={s?.updatedAt ?? 'new'} aria-labelledby="sso-form-title">
        <h2 id="sso-form-title" className="visually-hidden">
          {t('sso.admin.title')}
        </h2>
        <input type="hidden" name="intent" value="save" />
        <TextField name="issuer" label={t('sso.admin.issuer')} hint={t('sso.admin.issuerHint')} defaultValue={s?.issuer} error={errors.issuer} type="url" />
        <TextField name="clientId" label={t('sso.admin.clientId')} defaultValue={s?.clientId} error={errors.clientId} />
        {/* The stored secret is never sent to the browser: the field starts empty. */}
        <TextField
          name="clientSecret"
          label={t('sso.admin.clientSecret')}
          hint={s?.hasClientSecret ? t('sso.admin.secretStored') : t('sso.admin.secretNone')}
          error={errors.clientSecret}
          type="password"
        />
        {s?.hasClientSecret ? <Checkbox name="clearSecret" label={t('sso.admin.clearSecret')} defaultChecked={false} /> : null}
        <TextField name="displayName" label={t('sso.admin.displayName')} defaultValue={s?.displayName ?? data.jurisdiction.name} error={errors.displayName} />
        <Checkbox name="enabled" label={t('sso.admin.enabled')} defaultChecked={s?.enabled ?? true} />
        <Checkbox name="passwordSignIn" label={t('sso.admin.passwordSignIn')} defaultChecked={s?.passwordSignIn ?? true} />
        <Checkbox name="jitProvisioning" label={t('sso.admin.jitProvisioning')} defaultChecked={s?.jitProvisioning ?? false} />
        <button type="submit">{t('sso.admin.save')}</button>
      </Form>
      {s ? <IntentButton intent="remove" fields={{}} label={t('sso.admin.remove')} buttonClassName="button-secondary" /> : null}
    </>
  )
}
