// Per-class quality on the issue-11 class narratives (tests/fixtures/anonymise/classes.ts and
// holdout-classes.ts), shared by the benchmark and the diagnostic script.

import { compileAnonymiser } from '../../app/domain/anonymise'
import { issueClasses, type ClassItem, type IssueClass } from '../../tests/fixtures/anonymise/classes'
import { scoreClassItem, type Span } from '../../tests/fixtures/anonymise/scoring'

export interface ClassQuality {
  planted: number
  caught: number
  replaced: number
  /** caught / planted */
  recall: number
  /**
   * Share of the anonymiser's actions (replacements and residual candidates) that touch a planted
   * span: a replacement or a listed word nobody planted costs precision.
   */
  precision: number
  benignHit: number
  residuals: number
  words: number
  residualsPer1000Words: number
}

export interface ClassReport {
  byClass: Record<IssueClass, ClassQuality>
  overall: ClassQuality
  misses: Array<{ id: string; text: string }>
  benignHits: Array<{ id: string; text: string }>
  spurious: Array<{ id: string; text: string; as: 'replacement' | 'residual' }>
}

function empty(): ClassQuality & { actions: number; actionsOnPlanted: number } {
  return {
    planted: 0,
    caught: 0,
    replaced: 0,
    recall: 0,
    precision: 0,
    benignHit: 0,
    residuals: 0,
    words: 0,
    residualsPer1000Words: 0,
    actions: 0,
    actionsOnPlanted: 0,
  }
}

const round = (value: number): number => Math.round(value * 10000) / 10000

export function measureClasses(items: readonly ClassItem[]): ClassReport {
  const totals = new Map<IssueClass, ReturnType<typeof empty>>(issueClasses.map(name => [name, empty()]))
  const overall = empty()
  const misses: ClassReport['misses'] = []
  const benignHits: ClassReport['benignHits'] = []
  const spurious: ClassReport['spurious'] = []
  for (const item of items) {
    const result = compileAnonymiser(item.registry.context)(item.text)
    const score = scoreClassItem(item, result)
    for (const entry of [totals.get(item.issueClass), overall]) {
      if (entry === undefined) continue
      entry.planted += score.planted
      entry.caught += score.caught
      entry.replaced += score.replaced
      entry.benignHit += score.benignHit.length
      entry.residuals += score.residuals
      entry.words += score.words
      entry.actions += score.replacements + score.residuals
      entry.actionsOnPlanted += score.replacementsOnPlanted + score.residualsOnPlanted
    }
    misses.push(...score.missed.map((span: Span) => ({ id: item.id, text: span.text })))
    benignHits.push(...score.benignHit.map(text => ({ id: item.id, text })))
    const spans = item.planted.map(([text]) => text)
    const overlapsPlanted = (start: number, end: number): boolean =>
      spans.some(text => {
        for (let at = item.text.indexOf(text); at >= 0; at = item.text.indexOf(text, at + 1)) if (at < end && start < at + text.length) return true
        return false
      })
    for (const r of result.replacements) if (!overlapsPlanted(r.start, r.end)) spurious.push({ id: item.id, text: r.original, as: 'replacement' })
    for (const r of result.residuals) if (!overlapsPlanted(r.start, r.end)) spurious.push({ id: item.id, text: r.text, as: 'residual' })
  }
  const finish = (entry: ReturnType<typeof empty>): ClassQuality => ({
    planted: entry.planted,
    caught: entry.caught,
    replaced: entry.replaced,
    recall: round(entry.planted === 0 ? 1 : entry.caught / entry.planted),
    precision: round(entry.actions === 0 ? 1 : entry.actionsOnPlanted / entry.actions),
    benignHit: entry.benignHit,
    residuals: entry.residuals,
    words: entry.words,
    residualsPer1000Words: round(entry.words === 0 ? 0 : (entry.residuals / entry.words) * 1000),
  })
  const byClass = Object.fromEntries(issueClasses.map(name => [name, finish(totals.get(name) ?? empty())])) as Record<IssueClass, ClassQuality>
  return { byClass, overall: finish(overall), misses, benignHits, spurious }
}
