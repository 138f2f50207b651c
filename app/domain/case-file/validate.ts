import { compareProblemOrder } from './problem-order'
import { problemsFromZod, type Problem } from '../review-doc/problems'
import { caseFileCrossFieldProblems, caseFileShapeSchema, type CaseFile } from './schema'

/** Where a problem is in an uploaded CSV: row 1 is the header, as in a spreadsheet. */
export interface CsvLocation {
  file: 'people' | 'timeline' | 'places' | 'identifiers'
  row?: number
  column?: string
}

export interface CaseFileProblem extends Problem {
  /** Set when the case file came from CSV files. */
  csv?: CsvLocation
}

export type CaseFileValidation = { ok: true; caseFile: CaseFile } | { ok: false; problems: CaseFileProblem[] }

/** Problems listed for one file; the rest are counted (a 75 MB error page helped no one). */
export const MAX_PROBLEMS_REPORTED = 100

/** Entries per section, checked before anything else is validated (issue 10, point 5). */
export const MAX_SECTION_ENTRIES = { people: 500, places: 500, identifiers: 500, timeline: 20000 } as const

/** The first MAX_PROBLEMS_REPORTED problems, then one saying how many more there are. */
export function capProblems(problems: CaseFileProblem[]): CaseFileProblem[] {
  if (problems.length <= MAX_PROBLEMS_REPORTED) return problems
  const more = problems.length - MAX_PROBLEMS_REPORTED
  return [...problems.slice(0, MAX_PROBLEMS_REPORTED), { path: '', message: `and ${more} more problems not listed; fix these first` }]
}

/**
 * A section over its limit is the only problem reported: validating 300,000 entries one by
 * one to list each one's problems blocked the server for seconds.
 */
function oversizedSections(input: unknown): CaseFileProblem[] {
  if (typeof input !== 'object' || input === null) return []
  const problems: CaseFileProblem[] = []
  for (const [section, max] of Object.entries(MAX_SECTION_ENTRIES)) {
    const entries = (input as Record<string, unknown>)[section]
    if (Array.isArray(entries) && entries.length > max) {
      problems.push({ path: `/${section}`, message: `must have at most ${max} items (this file has ${entries.length})` })
    }
  }
  return problems
}

/**
 * A file with more timeline entries lacking a date or a text than can be listed is answered
 * from this cheap pass: the full validation spends about 25 µs building errors per broken
 * entry, a second for 20,000 of them, on the request's thread.
 */
function massBrokenTimeline(input: unknown): CaseFileProblem[] | null {
  if (typeof input !== 'object' || input === null) return null
  const timeline = (input as Record<string, unknown>).timeline
  if (!Array.isArray(timeline) || timeline.length <= MAX_PROBLEMS_REPORTED) return null
  const problems: CaseFileProblem[] = []
  let broken = 0
  timeline.forEach((entry: unknown, index) => {
    const fields = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : null
    if (fields && typeof fields.date === 'string' && typeof fields.text === 'string') return
    broken++
    if (problems.length < MAX_PROBLEMS_REPORTED) problems.push({ path: `/timeline/${index}`, message: 'must be an entry with a date and a text' })
  })
  if (broken <= MAX_PROBLEMS_REPORTED) return null
  return [...problems, { path: '', message: `and ${broken - MAX_PROBLEMS_REPORTED} more timeline entries without a date or a text; fix these first` }]
}

/** Every problem in the input (up to a limit), each at its JSON pointer (e.g. /timeline/3/date), in file order. */
export function validateCaseFile(input: unknown): CaseFileValidation {
  const oversized = oversizedSections(input)
  if (oversized.length > 0) return { ok: false, problems: oversized }
  const broken = massBrokenTimeline(input)
  if (broken) return { ok: false, problems: broken }
  const result = caseFileShapeSchema.safeParse(input)
  const problems: CaseFileProblem[] = [...(result.success ? [] : problemsFromZod(result.error)), ...caseFileCrossFieldProblems(input)]
  if (result.success && problems.length === 0) return { ok: true, caseFile: result.data }
  return { ok: false, problems: capProblems(problems.sort(compareProblemOrder)) }
}

/** For an uploaded .json file: a syntax error is one more problem, not an exception. */
export function validateCaseFileJson(text: string): CaseFileValidation {
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `is not valid JSON: ${(error as Error).message}` }] }
  }
  return validateCaseFile(input)
}

/** "timeline CSV row 4, column date: ..." or "/review/title: ..." for showing to a person. */
export function describeProblem(problem: CaseFileProblem): string {
  const { csv } = problem
  if (!csv) return `${problem.path || '/'}: ${problem.message}`
  const where = [`${csv.file} CSV`, csv.row !== undefined ? ` row ${csv.row}` : '', csv.column ? `, column ${csv.column}` : '']
  return `${where.join('')}: ${problem.message}`
}
