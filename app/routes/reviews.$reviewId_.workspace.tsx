import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useMatches } from '@remix-run/react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { presenceColour } from '~/components/workspace/colour'
import { reviewPageCacheName, reviewStoreName } from '~/components/workspace/offline-store'
import { Workspace } from '~/components/workspace/workspace'
import { reviewDocName } from '~/models/review-doc.server'
import workspaceStylesUrl from '~/styles/workspace.css'
import timelineStylesUrl from '~/styles/timeline.css'
import analysisStylesUrl from '~/styles/analysis.css'
import safetyMapStylesUrl from '~/styles/safety-maps.css'
import { accountsOfReview } from '~/models/staff-account.server'
import { readContributions } from '~/models/family-voice.server'
import { partnerSeesRealNames } from '~/models/partner.server'
import { requireReviewPermission } from '~/utils/permissions.server'
import { timelinePreview, type TimelinePreview } from '~/models/timeline-rows.server'
import { reviewSettings } from '~/models/settings-version.server'
import { languageOfRequest } from '~/utils/i18next.server'
import { workspaceViews, type WorkspaceSettings, type WorkspaceView } from '~/components/workspace/settings'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: workspaceStylesUrl },
  { rel: 'stylesheet', href: timelineStylesUrl },
  { rel: 'stylesheet', href: analysisStylesUrl },
  { rel: 'stylesheet', href: safetyMapStylesUrl },
]

export const meta: MetaFunction = () => [{ title: 'Shared workspace · SCIR Workspace' }]

/** A first screenful and some: rows are about 150 px tall. */
const PREVIEW_ROWS = 40

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireReviewPermission(request, params.reviewId ?? '', 'read:review-doc')
  const { user, review, allows } = access
  const requested = new URL(request.url).searchParams.get('view')
  const view: WorkspaceView = (workspaceViews as readonly string[]).includes(requested ?? '') ? (requested as WorkspaceView) : 'session'
  // The versions this review uses, not the newest: settings are never retroactive (ADR 0036).
  // The session view's first timeline rows come from the projection, rendered before the live
  // document has synced (ADR 0053).
  const [settings, accounts, preview] = await Promise.all([
    reviewSettings(review),
    accountsOfReview(review.id),
    view === 'session' ? timelinePreview(access, PREVIEW_ROWS) : null,
  ])
  const locale = await languageOfRequest(request)
  // Shown beside the unmet needs; loading them here is a read, audited (ADR 0038).
  const familyVoice = allows('read:family-voice') ? (await readContributions(review, user.id, 'workspace')).filter(c => !c.withdrawn) : null
  const namesHidden = Boolean(user.partnerOrganisation) && !(await partnerSeesRealNames(review.id, user.id))
  return json(
    {
      view,
      settings: {
        locale,
        incidentDate: review.incidentDate.toISOString().slice(0, 10),
        practiceStandards: settings.practiceStandards,
        factorFramework: settings.factorFramework,
        // Only what the panel may cite: accounts their authors released to it, by pseudonym.
        releasedAccounts: accounts.filter(a => a.state === 'released_to_panel').map(a => ({ id: a.id, pseudonym: a.pseudonym })),
        namesHidden,
        familyVoice:
          familyVoice?.map(c => ({
            id: c.id,
            contributorKind: c.contributorKind,
            locale: c.locale,
            needed: c.needed,
            helped: c.helped,
            notHelped: c.notHelped,
            shouldChange: c.shouldChange,
            unmetNeedIds: c.links.filter(l => l.targetKind === 'unmet_need').map(l => l.targetId),
          })) ?? null,
        familyVoicePage: familyVoice ? `/reviews/${review.id}/voice` : undefined,
      },
      review: { id: review.id, title: review.title },
      preview,
      newerSettings: settings.newer.any,
      docName: reviewDocName(review.id),
      canWrite: allows('write:review-doc'),
      // The people registry is not sent: it lives in the shared document.
      user: { name: user.name, color: presenceColour(user.id) },
      // Only those who can edit keep a copy on the device (for offline work); see offline-store.ts.
      localStore: allows('write:review-doc')
        ? { name: reviewStoreName(user.id, review.id), userId: user.id, reviewId: review.id, pageCache: reviewPageCacheName(user.id, review.id) }
        : null,
    },
    // Access can change at any time; never serve this from a cache.
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export default function ReviewWorkspaceRoute() {
  const { review, docName, canWrite, user, view, settings, localStore, newerSettings, preview } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const location = useLocation()
  const presenceUser = useMemo(() => ({ name: user.name, color: user.color }), [user.name, user.color])
  // This route's own loader answers "am I still signed in and allowed?" when the socket keeps failing.
  const routeId = useMatches().at(-1)?.id ?? ''
  const probeUrl = `${location.pathname}?_data=${encodeURIComponent(routeId)}`
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
      {newerSettings ? (
        <p className="notice">
          <Link to={`/reviews/${review.id}#settings-versions`}>{t('versions.workspaceNewer')}</Link>
        </p>
      ) : null}
      <Workspace
        view={view}
        settings={settings as WorkspaceSettings}
        docName={docName}
        canWrite={canWrite}
        user={presenceUser}
        probeUrl={probeUrl}
        signInUrl={signInUrl}
        localStore={localStore}
        // The page itself is kept for a reload without network, with the same people as the copy.
        keptPage={localStore ? { cache: localStore.pageCache, href: location.pathname + location.search } : null}
        preview={preview as TimelinePreview | null}
      />
    </div>
  )
}
