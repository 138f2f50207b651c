// Resource route: the download of one export format (POST only: an export is a recorded action).
// A refusal (residual candidates appeared meanwhile, the jurisdiction's opt-out, the phase)
// sends the browser back to the export page, which says why.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/utils/auth.server'
import { exportFormats } from '~/domain/export'
import { exportReview } from '~/models/export.server'
import { languageOfRequest } from '~/utils/i18next.server'
import { loadReviewAccess, reviewRefusal } from '~/utils/permissions.server'

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await loadReviewAccess(user, params.reviewId ?? '', 'export:review')
  if (!access.allowed && access.reason === 'wrong-phase') return redirect(`/reviews/${access.review!.id}/export?refused=phase`, 303)
  if (!access.allowed) throw reviewRefusal(access)
  const { review } = access
  const form = await request.formData()
  const format = exportFormats.find(f => f === form.get('format'))
  if (!format) return new Response('Unknown export format', { status: 400 })
  const locale = await languageOfRequest(request)
  const result = await exportReview(review, format, { actorId: user.id, via: 'web', locale })
  if (!result.ok) return redirect(`/reviews/${review.id}/export?refused=${result.reason}`, 303)
  const { download } = result
  // A copy backed by a plain ArrayBuffer, which is what a Response body accepts.
  return new Response(download.bytes.slice(), {
    headers: {
      'Content-Type': download.contentType,
      // The name is ASCII by construction (jurisdiction code and a hex id): no encoding needed.
      'Content-Disposition': `attachment; filename="${download.name}"`,
      'Content-Length': String(download.bytes.length),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
