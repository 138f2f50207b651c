import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { signOut } from '~/utils/auth.server'

// Signing out changes state, so only POST does it; a GET just goes home.
export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  return signOut(request)
}
