import { useTranslation } from 'react-i18next'
import type { PublishedCount } from '~/domain/trends'

// The markers are the same in every language; what they mean is read out in the reader's.
export const SMALL_MARKER = '<10'
export const WITHHELD_MARKER = 'x'

export function PublishedCountView({ value }: { value: PublishedCount }) {
  const { t } = useTranslation()
  if (typeof value === 'number') return <>{value}</>
  const [marker, spoken] = value === 'small' ? [SMALL_MARKER, t('trends.suppression.smallSr')] : [WITHHELD_MARKER, t('trends.suppression.withheldSr')]
  return (
    <>
      <span aria-hidden="true" className={`suppressed suppressed-${value}`}>
        {marker}
      </span>
      <span className="visually-hidden">{spoken}</span>
    </>
  )
}
