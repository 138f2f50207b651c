import { findNudges, type FindNudgesOptions, type NudgeLocale } from '~/domain/nudges'

/** "[category] phrase" for each nudge: short, readable failures. */
export function spans(text: string, locale: NudgeLocale, options?: FindNudgesOptions): string[] {
  return findNudges(text, locale, options).map(n => `[${n.category}] ${n.phrase}`)
}
