// Survey results: percent positive per composite and item, by unit and for the whole
// jurisdiction, one column per wave, with the suppression of ADR 0019 applied before anything
// leaves this module. Pure: the caller passes the answers (already without any link to a
// person) and gets back only what may be shown.
import { suppressTable, type PublishedCount, type SuppressionOptions } from '../trends/suppress'
import { isPositive, type AnswerSheet, type SurveyInstrument } from './instrument'
import { newcombeInterval, wilsonInterval, type Interval } from './stats'

export const DEFAULT_MIN_RESPONSES = 5
export const MIN_RESPONSES_FLOOR = 3
export const MIN_RESPONSES_CEILING = 50

export type Proportion = {
  /** Share positive, 0..1. */
  value: number
  interval: Interval
  /** Item answers counted (for a composite: every answer to its items). */
  answers: number
  /** People who answered (for a composite: at least one of its items); the interval's n. */
  respondents: number
}

export type ShownCell = {
  status: 'shown'
  respondents: number
  composites: Record<string, Proportion | null>
  items: Record<string, Proportion | null>
}
export type HiddenCell = { status: 'too-few' | 'withheld' | 'not-in-wave' }
export type CellResult = ShownCell | HiddenCell

export type WaveColumn = { waveId: string; label: string }
export type UnitRow = { unitId: string; name: string }

export type SurveyResults = {
  minResponses: number
  waves: WaveColumn[]
  units: UnitRow[]
  /** cells[unit][wave] */
  cells: CellResult[][]
  /** The whole jurisdiction, per wave. */
  jurisdiction: CellResult[]
}

export type ResultsInput = {
  instrument: SurveyInstrument
  minResponses: number
  /** In the order they ran; each lists the units it covered. */
  waves: { waveId: string; label: string; unitIds: string[] }[]
  units: UnitRow[]
  responses: { waveId: string; unitId: string; answers: AnswerSheet }[]
}

/** The suppression policy of survey results (ADR 0019), on the units x waves respondent table. */
export function surveySuppressionOptions(minResponses: number): SuppressionOptions {
  return { limit: minResponses, bounds: 'linear', poolAtLeastLimit: true, withholdFirst: 'row-totals' }
}

/** Which cells may be shown: the respondent counts through the shared suppression machinery. */
export function suppressRespondents(counts: readonly (readonly number[])[], minResponses: number) {
  const table = suppressTable(counts, {}, surveySuppressionOptions(minResponses))
  // A zero is "shown" as a count, but there is nothing to show for it.
  const visible = (p: PublishedCount | undefined) => typeof p === 'number' && p >= minResponses
  return {
    cell: (u: number, w: number): 'shown' | 'too-few' | 'withheld' => {
      const p = table.cells[u]?.[w]
      return visible(p) ? 'shown' : p === 'withheld' ? 'withheld' : 'too-few'
    },
    jurisdiction: (w: number): 'shown' | 'too-few' | 'withheld' => {
      const p = table.columnTotals[w]
      return visible(p) ? 'shown' : p === 'withheld' ? 'withheld' : 'too-few'
    },
  }
}

function proportion(positive: number, answers: number, respondents: number): Proportion | null {
  if (answers === 0 || respondents === 0) return null
  const value = positive / answers
  // Answers to the items of one composite come from the same people and move together, so the
  // composite's interval takes the number of people as its n, not the number of answers.
  return { value, interval: wilsonInterval(value * respondents, respondents), answers, respondents }
}

function summarise(instrument: SurveyInstrument, sheets: readonly AnswerSheet[]): ShownCell {
  const items: Record<string, Proportion | null> = {}
  const composites: Record<string, Proportion | null> = {}
  for (const composite of instrument.composites) {
    let positive = 0
    let answers = 0
    let respondents = 0
    for (const item of composite.items) {
      let itemPositive = 0
      let itemAnswers = 0
      for (const sheet of sheets) {
        const answer = sheet[item.id]
        if (answer === undefined) continue
        itemAnswers++
        if (isPositive(instrument.scale, item, answer)) itemPositive++
      }
      items[item.id] = proportion(itemPositive, itemAnswers, itemAnswers)
      positive += itemPositive
      answers += itemAnswers
    }
    for (const sheet of sheets) if (composite.items.some(item => sheet[item.id] !== undefined)) respondents++
    composites[composite.id] = proportion(positive, answers, respondents)
  }
  return { status: 'shown', respondents: sheets.length, composites, items }
}

export function surveyResults(input: ResultsInput): SurveyResults {
  const { instrument, minResponses, waves, units } = input
  const unitIndex = new Map(units.map((u, i) => [u.unitId, i]))
  const waveIndex = new Map(waves.map((w, i) => [w.waveId, i]))
  const sheets: AnswerSheet[][][] = units.map(() => waves.map(() => []))
  for (const r of input.responses) {
    const u = unitIndex.get(r.unitId)
    const w = waveIndex.get(r.waveId)
    if (u === undefined || w === undefined) continue
    sheets[u]![w]!.push(r.answers)
  }
  const counts = sheets.map(row => row.map(cell => cell.length))
  const decide = suppressRespondents(counts, minResponses)
  const cells: CellResult[][] = units.map((unit, u) =>
    waves.map((wave, w) => {
      if (!wave.unitIds.includes(unit.unitId)) return { status: 'not-in-wave' }
      const status = decide.cell(u, w)
      return status === 'shown' ? summarise(instrument, sheets[u]![w]!) : { status }
    }),
  )
  const jurisdiction: CellResult[] = waves.map((_, w) => {
    const status = decide.jurisdiction(w)
    return status === 'shown'
      ? summarise(
          instrument,
          sheets.flatMap(row => row[w]!),
        )
      : { status }
  })
  return { minResponses, waves: waves.map(({ waveId, label }) => ({ waveId, label })), units, cells, jurisdiction }
}

export type Change = { value: number; interval: Interval }

/**
 * The change in percent positive from one wave to the next for one measure, with Newcombe's
 * interval; null unless both ends are shown (a change never says more than its two ends).
 */
export function changeBetween(
  earlier: CellResult | undefined,
  later: CellResult | undefined,
  measure: { kind: 'composite' | 'item'; id: string },
): Change | null {
  if (earlier?.status !== 'shown' || later?.status !== 'shown') return null
  const pick = (cell: ShownCell) => (measure.kind === 'composite' ? cell.composites : cell.items)[measure.id] ?? null
  const a = pick(earlier)
  const b = pick(later)
  if (!a || !b) return null
  return { value: b.value - a.value, interval: newcombeInterval(a.value * a.respondents, a.respondents, b.value * b.respondents, b.respondents) }
}
