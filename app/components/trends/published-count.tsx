import type { ReactNode } from 'react'
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

/** A table cell holding one published count. */
export function CountCell({ value, className }: { value: PublishedCount; className?: string }) {
  return (
    <td className={className}>
      <PublishedCountView value={value} />
    </td>
  )
}

/** Wide tables scroll on their own, never the page; the region is focusable so keyboards can scroll it. */
export function ScrollRegion({ className, labelledBy, children }: { className: string; labelledBy: string; children: ReactNode }) {
  return (
    <div className={className} role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  )
}
