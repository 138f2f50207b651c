import { Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { workspaceViews, type WorkspaceView } from './settings'

/** Views of one live document: switching keeps the connection (same route, another ?view=). */
export function WorkspaceTabs({ current }: { current: WorkspaceView }) {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  return (
    <nav className="workspace-tabs" aria-label={t('workspace.sections')}>
      <ul>
        {workspaceViews.map(view => (
          <li key={view}>
            <Link
              to={`${pathname}?view=${view}`}
              aria-current={view === current ? 'page' : undefined}
              className={view === current ? 'current' : undefined}
              preventScrollReset
            >
              {t(`workspace.views.${view}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
