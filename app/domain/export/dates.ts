// Dates never leave a review: they become whole days from the incident (Day 0), and ages become
// bands (docs/domain.md, "De-identification rules").
import { ageBand } from '../anonymise'
import { DAY_OFFSET_LIMIT, type AgeBand } from './schema'

import { looseDayNumber } from '../workflow/calendar'

// Timeline dates may carry a time ("2025-01-15T09:30"); only the calendar day counts.
const utcDay = looseDayNumber

/**
 * Days from the incident to `date` (negative before it). Clamped to the contract's range, so a
 * mistyped year in a record cannot make the whole export fail.
 */
export function dayOffset(date: string, incidentDate: string): number {
  const days = Math.round(utcDay(date) - utcDay(incidentDate))
  if (!Number.isFinite(days)) throw new Error(`not a calendar date: ${date}`)
  return Math.max(-DAY_OFFSET_LIMIT, Math.min(DAY_OFFSET_LIMIT, days))
}

/** Whole years from birth to the incident, or null when the birth date is after it. */
export function ageInYears(birthDate: string, incidentDate: string): number | null {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number)
  const [iy = 0, im = 0, id = 0] = incidentDate.split('-').map(Number)
  if (utcDay(birthDate) > utcDay(incidentDate)) return null
  const beforeBirthday = im < bm || (im === bm && id < bd)
  return iy - by - (beforeBirthday ? 1 : 0)
}

/** The band of the anonymiser (so narratives and metadata agree), as a contract code. */
export function ageBandAt(birthDate: string, incidentDate: string): AgeBand | null {
  const years = ageInYears(birthDate, incidentDate)
  if (years === null) return null
  const band = ageBand(years)
  if (band.to === 0) return 'under 1'
  if (band.to === undefined) return '90+'
  return `${band.from}-${band.to}` as AgeBand
}

/** Day labels are signed ("Day -42", "Day +3"), as the anonymiser writes them in text. */
export function signedDay(day: number): string {
  return day > 0 ? `+${day}` : String(day)
}
