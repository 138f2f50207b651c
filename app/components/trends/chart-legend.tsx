// At least 3:1 against white (WCAG 1.4.11) and told apart by lightness as well as hue; lines
// also differ by dash, and the legend and the table name every series.
export const palette = ['#0b5394', '#b45309', '#15803d', '#7e22ce', '#be123c', '#0f766e']
export const dashes = ['', '8 4', '2 4', '12 4 2 4', '4 4', '1 3']

export const colourOf = (i: number) => palette[i % palette.length]
export const dashOf = (i: number) => dashes[i % dashes.length]

/** The chart's key; hidden from screen readers, which get the table instead. */
export function ChartLegend({ names, kind }: { names: readonly string[]; kind: 'lines' | 'swatches' }) {
  return (
    <ul className="trend-chart-legend" aria-hidden="true">
      {names.map((name, i) => (
        <li key={i}>
          {kind === 'lines' ? (
            <svg width="28" height="12" className="swatch-line">
              <line x1="0" y1="6" x2="28" y2="6" stroke={colourOf(i)} strokeWidth="3" strokeDasharray={dashOf(i)} />
            </svg>
          ) : (
            <span className="swatch" style={{ background: colourOf(i) }} />
          )}
          {name}
        </li>
      ))}
    </ul>
  )
}
