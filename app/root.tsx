import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { useOfflineStoreCleanup } from '~/components/workspace/use-offline-store-cleanup'
import stylesUrl from '~/styles/app.css'
import { getUser } from '~/utils/auth.server'
import { unreadCount } from '~/models/notification.server'
import { i18nServer } from '~/utils/i18next.server'
import { useNonce } from '~/utils/nonce-provider'
import { userCan } from '~/utils/permissions.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesUrl },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'SCIR Workspace' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), i18nServer.getLocale(request)])
  return json({
    locale,
    // The id of this page's request, shown on the error page (server/metrics.ts).
    requestId: typeof context.requestId === 'string' ? context.requestId : null,
    user: user
      ? {
          id: user.id,
          name: user.name,
          jurisdiction: user.jurisdiction.code,
          canManageUsers: userCan(user, 'manage:users'),
          canManageSettings: userCan(user, 'manage:jurisdiction-settings'),
          canManageSurveys: userCan(user, 'manage:surveys'),
          canReadAudit: userCan(user, 'read:audit'),
          // A partner agency's member gets no link to what they may not open (ADR 0039).
          isPartner: Boolean(user.partnerOrganisation),
          unreadNotifications: await unreadCount(user, new Date().toISOString().slice(0, 10)),
        }
      : null,
  })
}

export const handle = { i18n: 'common' }

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

function Document({ children, lang }: { children: ReactNode; lang: string }) {
  const nonce = useNonce()
  return (
    <html lang={lang} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function LanguageSwitch({ locale }: { locale: string }) {
  const { t } = useTranslation()
  const location = useLocation()
  const target = locale === 'fr' ? 'en' : 'fr'
  return (
    <Form method="post" action="/set-language" className="inline-form">
      <input type="hidden" name="lng" value={target} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="button-link" lang={target} aria-label={t('app.switchToLabel')}>
        {t('app.switchTo')}
      </button>
    </Form>
  )
}

/** The main navigation's plain entries: [address, label, shown to this user]. */
function NavLinks({ links }: { links: [to: string, label: string, shown: boolean][] }) {
  return (
    <>
      {links
        .filter(([, , shown]) => shown)
        .map(([to, label]) => (
          <li key={to}>
            <NavLink to={to}>{label}</NavLink>
          </li>
        ))}
    </>
  )
}

function Header() {
  const data = useRootData()
  const { t } = useTranslation()
  const user = data?.user
  return (
    <header className="site-header">
      <div className="brand">
        <Link to={user ? '/reviews' : '/'}>{t('app.name')}</Link>
        <span className="tagline">{t('app.tagline')}</span>
      </div>
      {user ? (
        <nav aria-label={t('app.mainNav')}>
          <ul>
            <NavLinks
              links={[
                ['/reviews', t('nav.reviews'), true],
                ['/recommendations', t('nav.recommendations'), !user.isPartner],
                ['/trends', t('trends.nav.trends'), !user.isPartner],
                ['/what-changed', t('trends.nav.whatChanged'), !user.isPartner],
                ['/surveys/results', t('surveys.nav.results'), !user.isPartner],
              ]}
            />
            <li>
              <NavLink
                to="/notifications"
                aria-label={user.unreadNotifications ? t('followUp.notifications.navUnread', { count: user.unreadNotifications }) : undefined}
              >
                {t('followUp.notifications.nav')}
                {user.unreadNotifications ? (
                  <span className="badge" data-testid="notification-badge" aria-hidden="true">
                    {user.unreadNotifications}
                  </span>
                ) : null}
              </NavLink>
            </li>
            <NavLinks
              links={[
                ['/admin/users', t('nav.users'), user.canManageUsers],
                ['/admin/settings', t('nav.settings'), user.canManageSettings],
                ['/admin/sso', t('sso.nav'), user.canManageSettings],
                ['/admin/surveys', t('surveys.nav.admin'), user.canManageSurveys],
                ['/admin/audit', t('ops.nav.audit'), user.canReadAudit],
              ]}
            />
          </ul>
        </nav>
      ) : null}
      <div className="header-tools">
        {user ? <span className="signed-in">{t('app.signedInAs', { name: user.name, jurisdiction: user.jurisdiction })}</span> : null}
        <LanguageSwitch locale={data?.locale ?? 'en'} />
        {user ? (
          <Form method="post" action="/logout" reloadDocument className="inline-form">
            <button type="submit" className="button-secondary">
              {t('app.signOut')}
            </button>
          </Form>
        ) : null}
      </div>
    </header>
  )
}

function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.confidential')}</p>
      </footer>
    </>
  )
}

/**
 * A route whose handle says `bare` (the family-voice link, ADR 0038) is shown alone: no
 * header, navigation or footer, so no other page is reachable from it.
 */
function useBare() {
  return useMatches().some(match => (match.handle as { bare?: boolean } | undefined)?.bare === true)
}

export default function App() {
  const { locale, user } = useLoaderData<typeof loader>()
  useChangeLanguage(locale)
  useOfflineStoreCleanup(user?.id ?? null)
  const bare = useBare()
  if (bare) {
    return (
      <Document lang={locale}>
        <main id="main" className="bare-page">
          <Outlet />
        </main>
      </Document>
    )
  }
  return (
    <Document lang={locale}>
      <Shell>
        <Outlet />
      </Shell>
    </Document>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const data = useRootData()
  return (
    <Document lang={data?.locale ?? 'en'}>
      <Shell>
        <ErrorMessage error={error} />
      </Shell>
    </Document>
  )
}

// A failed data request carries its own id in the message (entry.server.tsx); a failed page
// load is the root loader's request.
const REQUEST_ID_IN_MESSAGE = / \(request ([A-Za-z0-9._-]{8,64})\)$/

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const root = useRootData()
  const requestId = (error instanceof Error ? REQUEST_ID_IN_MESSAGE.exec(error.message)?.[1] : undefined) ?? root?.requestId ?? null
  const status = isRouteErrorResponse(error) ? error.status : 500
  if (!isRouteErrorResponse(error)) console.error(error)
  const [title, body] =
    status === 404
      ? [t('errors.notFoundTitle'), t('errors.notFound')]
      : status === 403
        ? [t('errors.forbiddenTitle'), t('errors.forbidden')]
        : [t('errors.genericTitle'), t('errors.generic')]
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      {requestId && status >= 500 ? (
        <p className="hint" data-testid="request-id">
          {t('errors.requestId', { id: requestId })}
        </p>
      ) : null}
      <p>
        <Link to="/reviews">{t('errors.backHome')}</Link>
      </p>
    </section>
  )
}
