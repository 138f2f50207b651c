import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { signOut } from '~/utils/auth.server'
import { providerSignOutUrl } from '~/utils/oidc.server'

// Signing out changes state, so only POST does it; a GET just goes home.
export async function loader() {
  return redirect('/')
}

// The local session ends first, whatever the provider does; a session begun at an OIDC
// provider then continues to its end_session_endpoint (RP-initiated logout, ADR 0026).
export async function action({ request }: ActionFunctionArgs) {
  const atProvider = await providerSignOutUrl(request)
  return signOut(request, atProvider ?? '/login')
}
