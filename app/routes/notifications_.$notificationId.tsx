import { json, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { openNotification } from '~/models/notification.server'
import { requireUser } from '~/utils/auth.server'

// Opening a notification asks again whether the reader may see what it is about: one for
// something they have since lost access to is a 404, like the thing itself.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const link = await openNotification(user, params.notificationId ?? '')
  if (!link) throw json({ message: 'Not found' }, { status: 404 })
  return redirect(link)
}
