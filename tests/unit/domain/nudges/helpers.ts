import { expect, it } from 'vitest'
import { findNudges, type FindNudgesOptions, type NudgeLocale } from '~/domain/nudges'

/** "[category] phrase" for each nudge: short, readable failures. */
export function spans(text: string, locale: NudgeLocale, options?: FindNudgesOptions): string[] {
  return findNudges(text, locale, options).map(n => `[${n.category}] ${n.phrase}`)
}

/** One test per sentence: each is flagged with exactly the one nudge expected. */
export function itFlags(locale: NudgeLocale, cases: [text: string, expected: string][], options?: FindNudgesOptions, title = 'flags %j'): void {
  it.each(cases)(title, (text, expected) => {
    expect(spans(text, locale, options)).toEqual([expected])
  })
}

/** One test per sentence: none is flagged, even with the people's names known. */
export function itLeavesAlone(locale: NudgeLocale, texts: string[], options?: FindNudgesOptions): void {
  it.each(texts)('leaves %j alone', text => {
    expect(findNudges(text, locale, options)).toEqual([])
  })
}
