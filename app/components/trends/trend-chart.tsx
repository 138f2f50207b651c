import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, XAxis, YAxis } from 'recharts'
import type { PublishedCount } from '~/domain/trends'
import { ChartLegend, colourOf, dashOf } from './chart-legend'
import { useHydrated } from './use-hydrated'

export type ChartSeries = { label: string; values: PublishedCount[] }

type Props = {
  /** False for a table too small to publish: then there is nothing to draw either. */
  published: boolean
  kind: 'bars' | 'lines' | 'horizontal-bars'
  title: string
  categories: string[]
  series: ChartSeries[]
}

/** Only shown numbers are drawn: a suppressed count has no height to give away. */
const drawable = (p: PublishedCount | undefined) => (typeof p === 'number' ? p : null)

const WIDTH = 720

export function TrendChart({ published, kind, title, categories, series }: Props) {
  const { t } = useTranslation()
  const hydrated = useHydrated()
  const descriptionId = useId()
  if (!hydrated || !published) return null
  const data = categories.map((category, k) => ({ category, ...Object.fromEntries(series.map((s, i) => [`s${i}`, drawable(s.values[k])])) }))
  const anything = series.some(s => s.values.some(v => typeof v === 'number' && v > 0))
  const common = { isAnimationActive: false }
  const height = kind === 'horizontal-bars' ? Math.max(160, 36 * categories.length + 60) : 320

  let chart
  if (kind === 'lines') {
    chart = (
      <LineChart width={WIDTH} height={height} data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#c9ced6" />
        <XAxis dataKey="category" padding={{ left: 24, right: 24 }} tick={{ fill: '#1b1f24' }} />
        <YAxis allowDecimals={false} tick={{ fill: '#1b1f24' }} />
        {series.map((s, i) => (
          <Line key={i} dataKey={`s${i}`} name={s.label} stroke={colourOf(i)} strokeWidth={2.5} strokeDasharray={dashOf(i)} connectNulls={false} {...common} />
        ))}
      </LineChart>
    )
  } else if (kind === 'horizontal-bars') {
    chart = (
      <BarChart width={WIDTH} height={height} data={data} layout="vertical" margin={{ top: 8, right: 48, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#c9ced6" />
        <XAxis type="number" allowDecimals={false} tick={{ fill: '#1b1f24' }} />
        <YAxis type="category" dataKey="category" width={240} tick={{ fill: '#1b1f24' }} />
        {series.map((s, i) => (
          <Bar key={i} dataKey={`s${i}`} name={s.label} fill={colourOf(i)} {...common}>
            <LabelList dataKey={`s${i}`} position="right" fill="#1b1f24" />
          </Bar>
        ))}
      </BarChart>
    )
  } else {
    chart = (
      <BarChart width={WIDTH} height={height + 80} data={data} margin={{ top: 24, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#c9ced6" />
        {/* Domain and status names are long: slanted, every one shown. */}
        <XAxis dataKey="category" interval={0} angle={-30} textAnchor="end" height={110} tick={{ fill: '#1b1f24', fontSize: 12 }} />
        <YAxis allowDecimals={false} tick={{ fill: '#1b1f24' }} />
        {series.map((s, i) => (
          <Bar key={i} dataKey={`s${i}`} name={s.label} fill={colourOf(i)} {...common}>
            <LabelList dataKey={`s${i}`} position="top" fill="#1b1f24" fontSize={12} />
          </Bar>
        ))}
      </BarChart>
    )
  }

  return (
    <figure className="trend-chart">
      {anything ? (
        <>
          <div className="trend-chart-canvas" role="img" aria-label={t('trends.chart.label', { title })} aria-describedby={descriptionId}>
            {chart}
          </div>
          {series.length > 1 ? <ChartLegend names={series.map(s => s.label)} kind={kind === 'lines' ? 'lines' : 'swatches'} /> : null}
          <figcaption id={descriptionId}>{t('trends.chart.description')}</figcaption>
        </>
      ) : (
        <figcaption>{t('trends.chart.noBars')}</figcaption>
      )}
    </figure>
  )
}
