import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { isLanguage } from '~/utils/i18n'
import { languageCookie } from '~/utils/i18next.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const lng = form.get('lng')
  const target = String(form.get('redirectTo') ?? '/')
  const safeTarget = target.startsWith('/') && !target.startsWith('//') ? target : '/'
  if (!isLanguage(lng)) return redirect(safeTarget)
  return redirect(safeTarget, { headers: { 'set-cookie': await languageCookie.serialize(lng) } })
}
