import type { TFunction } from 'i18next'
import type { TextLocation } from '~/domain/export/build'

/** "Finding 2, value rationale" for a location in the SharedReview. */
export function describeWhere(t: TFunction, where: Pick<TextLocation, 'section' | 'index' | 'field'>): string {
  return t('export.whereField', {
    where: t(`export.where.${where.section}`, { number: where.index + 1 }),
    field: t(`export.field.${where.field}`),
  })
}
