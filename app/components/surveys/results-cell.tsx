import { useTranslation } from 'react-i18next'
import type { CellResult, Proportion } from '~/domain/surveys'
import { proportionParams } from './format'

/** One cell of a results table: the value with its interval, or why there is none. */
export function ResultsCell({ cell, pick }: { cell: CellResult | undefined; pick: (shown: Extract<CellResult, { status: 'shown' }>) => Proportion | null }) {
  const { t } = useTranslation()
  if (!cell) return null
  if (cell.status !== 'shown') {
    const key = cell.status === 'too-few' ? 'tooFew' : cell.status === 'withheld' ? 'withheld' : 'notInWave'
    return <span className="survey-hidden">{t(`surveys.results.${key}`)}</span>
  }
  const p = pick(cell)
  if (!p) return <span className="survey-hidden">{t('surveys.results.noAnswers')}</span>
  const params = proportionParams(p)
  return (
    <>
      <strong>{t('surveys.results.percent', { value: params.value })}</strong>
      <span className="survey-ci">{t('surveys.results.cell', params)}</span>
    </>
  )
}
