import { useTranslation } from 'react-i18next'
import { changeBetween, type CellResult, type SurveyComposite, type SurveyResults } from '~/domain/surveys'
import { changeParams } from './format'
import { DataTable } from '~/components/layout'
import { ResultsCell } from './results-cell'
import { SurveyChart } from './survey-chart'

type Props = { composite: SurveyComposite; results: SurveyResults; locale: 'en' | 'fr' }

function ChangeCell({
  earlier,
  later,
  measure,
}: {
  earlier: CellResult | undefined
  later: CellResult | undefined
  measure: { kind: 'composite' | 'item'; id: string }
}) {
  const { t } = useTranslation()
  const change = changeBetween(earlier, later, measure)
  return change ? <>{t('surveys.results.changeValue', changeParams(change))}</> : <span className="survey-hidden">{t('surveys.results.noChange')}</span>
}

type WaveHeader = { key: string; kind: 'value' | 'change'; k: number }

/** One row's cells: the value at each wave and, from the second on, the change since the one before. */
function WaveCells({
  headers,
  cells,
  pick,
  measure,
}: {
  headers: WaveHeader[]
  cells: (CellResult | undefined)[]
  pick: Parameters<typeof ResultsCell>[0]['pick']
  measure: { kind: 'composite' | 'item'; id: string }
}) {
  return (
    <>
      {headers.map(h => (
        <td key={h.key}>
          {h.kind === 'value' ? <ResultsCell cell={cells[h.k]} pick={pick} /> : <ChangeCell earlier={cells[h.k - 1]} later={cells[h.k]} measure={measure} />}
        </td>
      ))}
    </>
  )
}

/** A composite: chart, table by unit and wave (with the change), and its items for all units. */
export function CompositeResults({ composite, results, locale }: Props) {
  const { t } = useTranslation()
  const label = composite.label[locale]
  const measure = { kind: 'composite' as const, id: composite.id }
  const lines = [
    { key: 'all', name: t('surveys.results.jurisdiction'), cells: results.jurisdiction },
    ...results.units.map((u, k) => ({ key: u.unitId, name: u.name, cells: results.cells[k]! })),
  ]
  const headers = results.waves.flatMap((w, k) => [
    { key: w.waveId, label: w.label, kind: 'value' as const, k },
    ...(k > 0 ? [{ key: `${w.waveId}-change`, label: t('surveys.results.change', { wave: results.waves[k - 1]!.label }), kind: 'change' as const, k }] : []),
  ])
  const tableId = `survey-${composite.id}`
  return (
    <section aria-labelledby={`${tableId}-title`} className="trend-section">
      <h2 id={`${tableId}-title`}>
        {label}
        {composite.kind === 'outcome' ? ` · ${t('surveys.results.outcome')}` : ''}
      </h2>
      {composite.description ? <p className="trend-hint">{composite.description[locale]}</p> : null}
      <SurveyChart title={t('surveys.results.chartTitle', { composite: label })} results={results} lines={lines} measure={measure} />
      <div className="survey-results">
        <DataTable
          id={tableId}
          caption={t('surveys.results.tableCaption', { composite: label })}
          headers={[t('surveys.results.unitHeader'), ...headers.map(h => h.label)]}
        >
          {lines.map(line => (
            <tr key={line.key}>
              <th scope="row">{line.name}</th>
              <WaveCells headers={headers} cells={line.cells} pick={c => c.composites[composite.id] ?? null} measure={measure} />
            </tr>
          ))}
        </DataTable>
      </div>
      <details>
        <summary>{t('surveys.results.itemsTitle', { composite: label })}</summary>
        <div className="survey-results">
          <DataTable
            caption={t('surveys.results.itemsCaption', { composite: label })}
            headers={[t('surveys.results.itemHeader'), ...headers.map(h => h.label)]}
          >
            {composite.items.map(item => (
              <tr key={item.id}>
                <th scope="row">
                  {item.text[locale]} {item.reverse ? <em>{t('surveys.results.reverse')}</em> : null}
                </th>
                <WaveCells headers={headers} cells={results.jurisdiction} pick={c => c.items[item.id] ?? null} measure={{ kind: 'item', id: item.id }} />
              </tr>
            ))}
          </DataTable>
        </div>
      </details>
    </section>
  )
}
