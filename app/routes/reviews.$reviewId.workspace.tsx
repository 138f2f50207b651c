import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { presenceColour } from '~/components/workspace/colour'
import { Workspace } from '~/components/workspace/workspace'
import { reviewDocName } from '~/models/review-doc.server'
import workspaceStylesUrl from '~/styles/workspace.css'
import { requireReviewPermission } from '~/utils/permissions.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: workspaceStylesUrl }]

export const meta: MetaFunction = () => [{ title: 'Shared workspace · SCIR Workspace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, review, allows } = await requireReviewPermission(request, params.reviewId ?? '', 'read:review-doc')
  return json(
    {
      review: { id: review.id, title: review.title },
      docName: reviewDocName(review.id),
      canWrite: allows('write:review-doc'),
      // The people registry is not sent: it lives in the shared document.
      user: { name: user.name, color: presenceColour(user.id) },
    },
    // Access can change at any time; never serve this from a cache.
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export default function ReviewWorkspaceRoute() {
  const { review, docName, canWrite, user } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const location = useLocation()
  const presenceUser = useMemo(() => ({ name: user.name, color: user.color }), [user.name, user.color])
  const probeUrl = `${location.pathname}?_data=${encodeURIComponent('routes/reviews.$reviewId.workspace')}`
  const signInUrl = `/login?${new URLSearchParams({ redirectTo: location.pathname })}`
  return (
    <div className="workspace-page">
      <p className="back-link">
        <Link to={`/reviews/${review.id}`}>{t('workspace.backToReview')}</Link>
      </p>
      <h1>
        {t('workspace.title')}
        <span className="workspace-review-title">{review.title}</span>
      </h1>
      <Workspace docName={docName} canWrite={canWrite} user={presenceUser} probeUrl={probeUrl} signInUrl={signInUrl} />
    </div>
  )
}
