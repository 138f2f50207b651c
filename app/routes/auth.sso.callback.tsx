import type { LoaderFunctionArgs } from '@remix-run/node'
import { finishSsoSignIn } from '~/utils/oidc.server'

// The provider returns the browser here with a GET (no Origin check applies); state, nonce,
// PKCE and the ID token are all checked by openid-client before anyone is signed in.
export async function loader({ request }: LoaderFunctionArgs) {
  return finishSsoSignIn(request)
}
