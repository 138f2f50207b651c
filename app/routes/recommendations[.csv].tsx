import type { LoaderFunctionArgs } from '@remix-run/node'
import { trackerCsv } from '~/domain/follow-up/report'
import { trackerView } from '~/models/follow-up.server'
import { requireUser } from '~/utils/auth.server'
import { languageOfRequest } from '~/utils/i18next.server'

// Exactly the rows the tracker shows for the same query string.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const locale = await languageOfRequest(request)
  const today = new Date().toISOString().slice(0, 10)
  const view = await trackerView(user, new URL(request.url).searchParams, today, locale)
  const body = trackerCsv(view.rows.map(r => ({ ...r, owner: r.ownerName ?? r.ownerText })))
  return new Response('\uFEFF' + body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="recommendations-${today}.csv"`,
      'cache-control': 'no-store',
    },
  })
}
