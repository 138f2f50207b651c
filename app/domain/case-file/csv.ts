// The case file as CSV files, for agencies whose records come out of a spreadsheet: one file
// per list, the same columns as the JSON case file, lists inside a cell separated by ";".
// Problems point at the row and column a person can find in their spreadsheet.
import { jsonPointer } from '../review-doc/problems'
import { parseCsv, serializeCsv } from './csv-format'
import { compareProblemOrder } from './problem-order'
import { CASE_FILE_FORMAT, type CaseFile } from './schema'
import { capProblems, validateCaseFile, type CaseFileProblem, type CaseFileValidation, type CsvLocation } from './validate'

type CsvFile = CsvLocation['file']

interface TableSpec {
  columns: readonly string[]
  required: readonly string[]
}

export const csvTables = {
  people: { columns: ['key', 'name', 'aliases', 'role', 'pseudonym', 'birthDate'], required: ['key', 'name', 'role'] },
  timeline: { columns: ['date', 'approximate', 'stage', 'source', 'actors', 'text'], required: ['date', 'text'] },
  places: { columns: ['name', 'kind'], required: ['name', 'kind'] },
  identifiers: { columns: ['value', 'kind'], required: ['value', 'kind'] },
} as const satisfies Record<CsvFile, TableSpec>

export const LIST_SEPARATOR = ';'

interface TableRow {
  row: number
  cells: Map<string, string>
}

interface Table {
  rows: TableRow[]
  problems: CaseFileProblem[]
}

function problem(file: CsvFile, message: string, row?: number, column?: string): CaseFileProblem {
  return { path: jsonPointer([file]), message, csv: { file, row, column } }
}

function readTable(file: CsvFile, text: string): Table {
  const spec: TableSpec = csvTables[file]
  const { records, problems: syntax } = parseCsv(text)
  const [header, ...data] = records
  const problems: CaseFileProblem[] = []
  const columnName = (index: number) => header?.[index]?.trim() || String(index + 1)
  for (const p of syntax) problems.push(problem(file, p.message, p.row, columnName(p.column - 1)))

  if (!header) {
    problems.push(problem(file, `is empty; its first row must be the header: ${spec.columns.join(',')}`, 1))
    return { rows: [], problems }
  }
  // Headers are matched ignoring case and surrounding spaces, as spreadsheets tend to alter both.
  const canonical = new Map(spec.columns.map(column => [column.toLowerCase(), column]))
  const columns: (string | undefined)[] = header.map((cell, index) => {
    const name = canonical.get(cell.trim().toLowerCase())
    if (name === undefined) {
      problems.push(problem(file, `unknown column; the columns are ${spec.columns.join(', ')}`, 1, columnName(index)))
    }
    return name
  })
  columns.forEach((name, index) => {
    if (name !== undefined && columns.indexOf(name) !== index) {
      problems.push(problem(file, `column ${name} appears twice`, 1, name))
    }
  })
  const missing = spec.required.filter(name => !columns.includes(name))
  for (const name of missing) problems.push(problem(file, `missing column ${name}`, 1))
  if (missing.length > 0) return { rows: [], problems }

  const rows: TableRow[] = []
  data.forEach((record, index) => {
    const row = index + 2
    if (record.length === 1 && record[0] === '') return // a blank line
    if (record.length !== header.length) {
      problems.push(problem(file, `has ${record.length} fields, but the header has ${header.length}`, row))
      return
    }
    const cells = new Map<string, string>()
    record.forEach((value, i) => {
      const name = columns[i]
      if (name !== undefined) cells.set(name, value)
    })
    rows.push({ row, cells })
  })
  return { rows, problems }
}

/** A cell's value, trimmed; an empty cell is an absent value. */
function optional(cells: Map<string, string>, column: string): string | undefined {
  const value = cells.get(column)?.trim()
  return value === undefined || value === '' ? undefined : value
}

function list(cells: Map<string, string>, column: string): string[] | undefined {
  const value = optional(cells, column)
  if (value === undefined) return undefined
  const items = value
    .split(LIST_SEPARATOR)
    .map(item => item.trim())
    .filter(item => item !== '')
  return items.length > 0 ? items : undefined
}

const booleans: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false }

/** Object with the absent (undefined) values left out, as the JSON case file would have it. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

export interface CaseFileCsv {
  /** The review block of the case file (title, incidentType, incidentDate, summary). */
  review: unknown
  peopleCsv: string
  timelineCsv: string
  placesCsv?: string
  identifiersCsv?: string
}

/** Reads the CSV files into a case file and validates it as validateCaseFile does. */
export function caseFileFromCsv(input: CaseFileCsv): CaseFileValidation {
  const problems: CaseFileProblem[] = []
  const rowsOf: Partial<Record<CsvFile, number[]>> = {}
  const read = (file: CsvFile, text: string) => {
    const table = readTable(file, text)
    problems.push(...table.problems)
    rowsOf[file] = table.rows.map(r => r.row)
    return table.rows
  }

  const people = read('people', input.peopleCsv).map(({ cells }) =>
    compact({
      key: optional(cells, 'key') ?? '',
      name: optional(cells, 'name') ?? '',
      aliases: list(cells, 'aliases'),
      role: optional(cells, 'role') ?? '',
      pseudonym: optional(cells, 'pseudonym'),
      birthDate: optional(cells, 'birthDate'),
    }),
  )
  const timeline = read('timeline', input.timelineCsv).map(({ row, cells }, index) => {
    const flag = optional(cells, 'approximate')
    const approximate = flag === undefined ? undefined : booleans[flag.toLowerCase()]
    if (flag !== undefined && approximate === undefined) {
      problems.push({
        path: jsonPointer(['timeline', index, 'approximate']),
        message: `must be true or false (got ${JSON.stringify(flag)})`,
        csv: { file: 'timeline', row, column: 'approximate' },
      })
    }
    return compact({
      date: optional(cells, 'date') ?? '',
      approximate,
      stage: optional(cells, 'stage'),
      source: optional(cells, 'source'),
      actors: list(cells, 'actors'),
      // The text is kept exactly as written, line breaks and all.
      text: cells.get('text') ?? '',
    })
  })
  const caseFile: Record<string, unknown> = { format: CASE_FILE_FORMAT, review: input.review, people, timeline }
  if (input.placesCsv !== undefined) {
    caseFile.places = read('places', input.placesCsv).map(({ cells }) => ({
      name: optional(cells, 'name') ?? '',
      kind: optional(cells, 'kind') ?? '',
    }))
  }
  if (input.identifiersCsv !== undefined) {
    caseFile.identifiers = read('identifiers', input.identifiersCsv).map(({ cells }) => ({
      value: optional(cells, 'value') ?? '',
      kind: optional(cells, 'kind') ?? '',
    }))
  }

  const validation = validateCaseFile(caseFile)
  if (!validation.ok) problems.push(...validation.problems.map(p => locate(p, rowsOf)))
  if (problems.length === 0 && validation.ok) return validation
  return { ok: false, problems: capProblems(problems.sort((a, b) => compareProblemOrder(a, b) || columnRank(a) - columnRank(b))) }
}

/** Left to right within a row, as a person reads the spreadsheet. */
function columnRank(problem: CaseFileProblem): number {
  if (!problem.csv?.column) return -1
  const columns: readonly string[] = csvTables[problem.csv.file].columns
  const index = columns.indexOf(problem.csv.column)
  return index === -1 ? columns.length : index
}

/** Adds the CSV row and column to a problem found in the assembled case file. */
function locate(problem: CaseFileProblem, rowsOf: Partial<Record<CsvFile, number[]>>): CaseFileProblem {
  const [, section, index, column] = problem.path.split('/')
  if (section !== 'people' && section !== 'timeline' && section !== 'places' && section !== 'identifiers') return problem
  const rows = rowsOf[section]
  if (!rows) return problem
  const row = index !== undefined && /^\d+$/.test(index) ? rows[Number(index)] : undefined
  return { ...problem, csv: { file: section, row, column } }
}

export interface CaseFileCsvExport extends CaseFileCsv {
  review: CaseFile['review']
  placesCsv: string
  identifiersCsv: string
}

/**
 * The case file as CSV texts. caseFileFromCsv reads them back to the same case file, except
 * that cells are trimmed, empty optional values and lists read back as absent, and list
 * items cannot contain ";".
 */
export function caseFileToCsv(caseFile: CaseFile): CaseFileCsvExport {
  const join = (items: readonly string[] | undefined) => (items ?? []).join(LIST_SEPARATOR)
  return {
    review: caseFile.review,
    peopleCsv: serializeCsv([
      csvTables.people.columns,
      ...caseFile.people.map(p => [p.key, p.name, join(p.aliases), p.role, p.pseudonym ?? '', p.birthDate ?? '']),
    ]),
    timelineCsv: serializeCsv([
      csvTables.timeline.columns,
      ...caseFile.timeline.map(e => [e.date, e.approximate === undefined ? '' : String(e.approximate), e.stage ?? '', e.source ?? '', join(e.actors), e.text]),
    ]),
    placesCsv: serializeCsv([csvTables.places.columns, ...(caseFile.places ?? []).map(p => [p.name, p.kind])]),
    identifiersCsv: serializeCsv([csvTables.identifiers.columns, ...(caseFile.identifiers ?? []).map(i => [i.value, i.kind])]),
  }
}
