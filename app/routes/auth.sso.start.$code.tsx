import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireAnonymous } from '~/utils/auth.server'
import { startSsoSignIn } from '~/utils/oidc.server'

const codeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/)

// A link, not a form: the browser follows our redirect to the provider, which the CSP's
// form-action 'self' would refuse after a form submission.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const code = codeSchema.safeParse(params.code)
  const redirectTo = new URL(request.url).searchParams.get('redirectTo')
  return startSsoSignIn(request, code.success ? code.data : '', redirectTo)
}
