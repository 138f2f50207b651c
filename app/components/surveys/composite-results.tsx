import { useTranslation } from 'react-i18next'
import { changeBetween, type CellResult, type SurveyComposite, type SurveyResults } from '~/domain/surveys'
import { changeParams } from './format'
import { ResultsCell } from './results-cell'
import { SurveyChart } from './survey-chart'

type Props = { composite: SurveyComposite; results: SurveyResults; locale: 'en' | 'fr' }

function ChangeCell({ earlier, later, measure }: { earlier: CellResult | undefined; later: CellResult | undefined; measure: { kind: 'composite' | 'item'; id: string } }) {
  const { t } = useTranslation()
  const change = changeBetween(earlier, later, measure)
  return change ? <>{t('surveys.results.changeValue', changeParams(change))}</> : <span className="survey-hidden">{t('surveys.results.noChange')}</span>
}

/** A composite: chart, table by unit and wave (with the change), and its items for all units. */
export function CompositeResults({ composite, results, locale }: Props) {
  const { t } = useTranslation()
  const label = composite.label[locale]
  const measure = { kind: 'composite' as const, id: composite.id }
  const lines = [{ key: 'all', name: t('surveys.results.jurisdiction'), cells: results.jurisdiction }, ...results.units.map((u, k) => ({ key: u.unitId, name: u.name, cells: results.cells[k]! }))]
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
        <table id={tableId}>
          <caption>{t('surveys.results.tableCaption', { composite: label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('surveys.results.unitHeader')}</th>
              {headers.map(h => (
                <th key={h.key} scope="col">
                  {h.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map(line => (
              <tr key={line.key}>
                <th scope="row">{line.name}</th>
                {headers.map(h => (
                  <td key={h.key}>
                    {h.kind === 'value' ? (
                      <ResultsCell cell={line.cells[h.k]} pick={c => c.composites[composite.id] ?? null} />
                    ) : (
                      <ChangeCell earlier={line.cells[h.k - 1]} later={line.cells[h.k]} measure={measure} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details>
        <summary>{t('surveys.results.itemsTitle', { composite: label })}</summary>
        <div className="survey-results">
          <table>
            <caption>{t('surveys.results.itemsCaption', { composite: label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('surveys.results.itemHeader')}</th>
                {headers.map(h => (
                  <th key={h.key} scope="col">
                    {h.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {composite.items.map(item => (
                <tr key={item.id}>
                  <th scope="row">
                    {item.text[locale]} {item.reverse ? <em>{t('surveys.results.reverse')}</em> : null}
                  </th>
                  {headers.map(h => (
                    <td key={h.key}>
                      {h.kind === 'value' ? (
                        <ResultsCell cell={results.jurisdiction[h.k]} pick={c => c.items[item.id] ?? null} />
                      ) : (
                        <ChangeCell earlier={results.jurisdiction[h.k - 1]} later={results.jurisdiction[h.k]} measure={{ kind: 'item', id: item.id }} />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  )
}
