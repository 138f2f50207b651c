import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, ErrorBar, XAxis, YAxis } from 'recharts'
import type { CellResult, SurveyResults } from '~/domain/surveys'
import { ChartLegend, colourOf } from '../trends/chart-legend'
import { useHydrated } from '../trends/use-hydrated'
import { pct } from './format'

type Props = {
  title: string
  results: SurveyResults
  lines: { key: string; name: string; cells: CellResult[] }[]
  measure: { kind: 'composite' | 'item'; id: string }
}

/** Percent positive per wave with its 95 % interval; only shown cells are drawn. */
export function SurveyChart({ title, results, lines, measure }: Props) {
  const { t } = useTranslation()
  const hydrated = useHydrated()
  const descriptionId = useId()
  if (!hydrated) return null
  const valueOf = (cell: CellResult | undefined) => {
    if (cell?.status !== 'shown') return null
    return (measure.kind === 'composite' ? cell.composites : cell.items)[measure.id] ?? null
  }
  const drawn = lines.filter(line => line.cells.some(c => valueOf(c)))
  if (drawn.length === 0) return null
  const data = results.waves.map((wave, w) => ({
    wave: wave.label,
    ...Object.fromEntries(
      drawn.flatMap((line, i): [string, number | number[] | null][] => {
        const p = valueOf(line.cells[w])
        return p
          ? [
              [`s${i}`, pct(p.value)],
              [`e${i}`, [pct(p.value) - pct(p.interval.low), pct(p.interval.high) - pct(p.value)]],
            ]
          : [[`s${i}`, null]]
      }),
    ),
  }))
  return (
    <figure className="trend-chart survey-chart">
      <div className="trend-chart-canvas" role="img" aria-label={t('surveys.results.chartLabel', { title })} aria-describedby={descriptionId}>
        <BarChart width={720} height={300} data={data} margin={{ top: 16, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#c9ced6" />
          <XAxis dataKey="wave" tick={{ fill: '#1b1f24' }} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fill: '#1b1f24' }} />
          {drawn.map((line, i) => (
            <Bar key={line.key} dataKey={`s${i}`} name={line.name} fill={colourOf(i)} isAnimationActive={false}>
              <ErrorBar dataKey={`e${i}`} width={6} stroke="#1b1f24" />
            </Bar>
          ))}
        </BarChart>
      </div>
      {drawn.length > 1 ? <ChartLegend names={drawn.map(line => line.name)} kind="swatches" /> : null}
      <figcaption id={descriptionId}>{t('surveys.results.chartDescription')}</figcaption>
    </figure>
  )
}
