import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { isLanguage } from '~/utils/i18n'
import { safeRedirectTo } from '~/utils/safe-redirect'
import { languageCookie } from '~/utils/i18next.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const lng = form.get('lng')
  const safeTarget = safeRedirectTo(String(form.get('redirectTo') ?? '/'), '/')
  if (!isLanguage(lng)) return redirect(safeTarget)
  return redirect(safeTarget, { headers: { 'set-cookie': await languageCookie.serialize(lng) } })
}
