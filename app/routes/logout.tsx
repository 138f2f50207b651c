import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { signOut } from '~/utils/auth.server'
import { providerSignOutUrl } from '~/utils/oidc.server'

export const meta: MetaFunction = () => [{ title: 'Signing out · SCIR Workspace' }]

// Signing out changes state, so only POST does it; a GET shows the sign-out button. (No
// redirect here: Remix runs this loader after the action too, and the action's page must show.)
export async function loader() {
  return json(null)
}

// The local session ends first, whatever the provider does. A session begun at an OIDC
// provider then continues to its end_session_endpoint (RP-initiated logout, ADR 0026) from a
// page, not a redirect: the CSP's form-action 'self' stops a form submission's redirect to
// another origin (which is what happens when sign-out is clicked before the page's scripts run).
export async function action({ request }: ActionFunctionArgs) {
  const atProvider = await providerSignOutUrl(request)
  const local = await signOut(request)
  if (!atProvider) return local
  return json({ providerSignOut: atProvider }, { headers: { 'set-cookie': local.headers.get('set-cookie') ?? '' } })
}

export default function SigningOut() {
  const { t } = useTranslation()
  const data = useActionData<typeof action>() as { providerSignOut?: string } | undefined
  if (!data?.providerSignOut) {
    return (
      <Form method="post" reloadDocument className="auth-card">
        <button type="submit">{t('app.signOut')}</button>
      </Form>
    )
  }
  return (
    <section className="auth-card" aria-labelledby="signing-out-title">
      {/* A refresh is a navigation of its own, allowed where a form's redirect is not. */}
      <meta httpEquiv="refresh" content={`0;url=${data.providerSignOut}`} />
      <h1 id="signing-out-title">{t('sso.signingOut.title')}</h1>
      <p>{t('sso.signingOut.body')}</p>
      <p>
        <a href={data.providerSignOut}>{t('sso.signingOut.continue')}</a>
      </p>
    </section>
  )
}
