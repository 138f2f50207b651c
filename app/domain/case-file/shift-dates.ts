// Moves every date of a case file by the same number of days, so a demo or an example keeps its
// shape (intervals, order, ages) while sitting at any point in time. Times of day are kept.
import { formatDay, looseDayNumber } from '../workflow/calendar'
import type { CaseFile } from './schema'

export function shiftDay(day: string, days: number): string {
  return formatDay(looseDayNumber(day) + days) + day.slice(10)
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return looseDayNumber(to) - looseDayNumber(from)
}

export function shiftCaseFileDates(caseFile: CaseFile, days: number): CaseFile {
  if (days === 0) return caseFile
  return {
    ...caseFile,
    review: { ...caseFile.review, incidentDate: shiftDay(caseFile.review.incidentDate, days) },
    people: caseFile.people.map(p => (p.birthDate ? { ...p, birthDate: shiftDay(p.birthDate, days) } : p)),
    timeline: caseFile.timeline.map(e => ({ ...e, date: shiftDay(e.date, days) })),
  }
}

/** The same case file with its incident on `incidentDate`. */
export function caseFileWithIncidentOn(caseFile: CaseFile, incidentDate: string): CaseFile {
  return shiftCaseFileDates(caseFile, daysBetween(caseFile.review.incidentDate, incidentDate))
}
