import { useTranslation } from 'react-i18next'

export function DeadlineText({ daysLeft }: { daysLeft: number }) {
  const { t } = useTranslation()
  if (daysLeft < 0) return <span className="overdue">{t('reviews.overdue', { count: -daysLeft })}</span>
  if (daysLeft === 0) return <span className="overdue">{t('reviews.dueToday')}</span>
  return <span>{t('reviews.daysLeft', { count: daysLeft })}</span>
}
