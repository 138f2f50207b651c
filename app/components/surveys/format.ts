import type { Change, Proportion } from '~/domain/surveys'

export const pct = (x: number) => Math.round(x * 100)
export const signed = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `−${Math.abs(points)}` : '0')

export function proportionParams(p: Proportion) {
  return { value: pct(p.value), low: pct(p.interval.low), high: pct(p.interval.high), count: p.respondents }
}

export function changeParams(c: Change) {
  return { value: signed(pct(c.value)), low: signed(pct(c.interval.low)), high: signed(pct(c.interval.high)) }
}
