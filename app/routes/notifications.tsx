import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { markAllRead, notificationsFor } from '~/models/notification.server'
import { requireUser } from '~/utils/auth.server'
import { IntentButton } from '~/components/intent-form'

export const meta: MetaFunction = () => [{ title: 'Notifications · SCIR Workspace' }]

// Only the reader's own notifications; each says what it is about only while they may see it.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return json({ notifications: await notificationsFor(user, new Date().toISOString().slice(0, 10)) })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await request.formData()
  if (form.get('intent') !== 'mark-all-read') return json({ message: 'validation.invalid' }, { status: 400 })
  await markAllRead(user)
  return redirect('/notifications')
}

export default function NotificationsRoute() {
  const { notifications } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t('followUp.notifications.title')}</h1>
      {notifications.some(n => n.unread) ? (
        <IntentButton intent="mark-all-read" fields={{}} label={t('followUp.notifications.markAllRead')} buttonClassName="button-secondary" />
      ) : null}
      {notifications.length === 0 ? (
        <p>{t('followUp.notifications.empty')}</p>
      ) : (
        <ul className="notification-list">
          {notifications.map(n => (
            <li key={n.id} className={n.unread ? 'unread' : undefined} data-testid="notification">
              <p>
                <time dateTime={n.at}>{n.at.slice(0, 10)}</time> {n.unread ? <strong>{`${t('followUp.notifications.unread')} · `}</strong> : null}
                {t(`followUp.notifications.kind.${n.kind}`, { review: n.detail?.reviewTitle ?? '…' })}
              </p>
              {n.detail?.text ? (
                <p className="meta">{n.kind === 'quote-request' ? t('followUp.notifications.finding', { text: n.detail.text }) : n.detail.text}</p>
              ) : null}
              {n.detail ? null : <p className="meta">{t('followUp.notifications.unavailable')}</p>}
              <Link to={`/notifications/${n.id}`}>{t('followUp.notifications.open')}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
