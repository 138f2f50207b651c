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

/** Every problem in the input, each at its JSON pointer (e.g. /timeline/3/date), in file order. */
export function validateCaseFile(input: unknown): CaseFileValidation {
  const result = caseFileShapeSchema.safeParse(input)
  const problems: CaseFileProblem[] = [
    ...(result.success ? [] : problemsFromZod(result.error)),
    ...caseFileCrossFieldProblems(input),
  ]
  if (result.success && problems.length === 0) return { ok: true, caseFile: result.data }
  return { ok: false, problems: problems.sort(compareProblemOrder) }
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
  const where = [
    `${csv.file} CSV`,
    csv.row !== undefined ? ` row ${csv.row}` : '',
    csv.column ? `, column ${csv.column}` : '',
  ]
  return `${where.join('')}: ${problem.message}`
}
