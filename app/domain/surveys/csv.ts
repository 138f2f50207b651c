// CSV of survey aggregates only: one row per wave, unit (or the whole jurisdiction) and measure.
// Hidden cells say why and carry no number; no answer sheet or comment is ever written here.
// Headers are stable snake_case names, like the review export's CSV.
import { toCsv } from '../export/csv'
import type { SurveyInstrument } from './instrument'
import { changeBetween, type CellResult, type SurveyResults } from './results'

export const SURVEY_CSV_HEADER = [
  'wave',
  'unit',
  'status',
  'respondents',
  'measure_kind',
  'measure_id',
  'measure',
  'percent_positive',
  'ci95_low',
  'ci95_high',
  'change_from_previous_wave',
  'change_ci95_low',
  'change_ci95_high',
] as const

const pct = (x: number) => Math.round(x * 1000) / 10

export function surveyResultsCsv(results: SurveyResults, instrument: SurveyInstrument, locale: 'en' | 'fr', jurisdictionLabel: string): string {
  const rows: (string | number | null)[][] = []
  const measures = instrument.composites.flatMap(c => [
    { kind: 'composite' as const, id: c.id, label: c.label[locale] },
    ...c.items.map(i => ({ kind: 'item' as const, id: i.id, label: i.text[locale] })),
  ])
  const lines: { name: string; cells: CellResult[] }[] = [
    { name: jurisdictionLabel, cells: results.jurisdiction },
    ...results.units.map((u, k) => ({ name: u.name, cells: results.cells[k]! })),
  ]
  results.waves.forEach((wave, w) => {
    for (const line of lines) {
      const cell = line.cells[w]!
      if (cell.status !== 'shown') {
        rows.push([wave.label, line.name, cell.status, null, null, null, null, null, null, null, null, null, null])
        continue
      }
      for (const m of measures) {
        const p = (m.kind === 'composite' ? cell.composites : cell.items)[m.id] ?? null
        const change = w > 0 ? changeBetween(line.cells[w - 1], cell, m) : null
        rows.push([
          wave.label,
          line.name,
          'shown',
          cell.respondents,
          m.kind,
          m.id,
          m.label,
          p ? pct(p.value) : null,
          p ? pct(p.interval.low) : null,
          p ? pct(p.interval.high) : null,
          change ? pct(change.value) : null,
          change ? pct(change.interval.low) : null,
          change ? pct(change.interval.high) : null,
        ])
      }
    }
  })
  return toCsv(SURVEY_CSV_HEADER, rows)
}
