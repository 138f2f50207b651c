// Case-file problems in words a records clerk understands ("event 5: 2024-13-45 is not a real
// date"), as translatable messages. The validators keep their precise technical messages (and
// their JSON pointers) for tests and logs; this module reads those and says where the problem is
// in terms of the file's own lists, numbered from 1 as a person counts.
import type { CaseFileProblem } from './validate'

/** English wording; the interface has the same tree under `caseFile` in every language. */
export const caseFileText = {
  files: {
    people: 'people',
    timeline: 'timeline',
    places: 'places',
    identifiers: 'identifiers',
  },
  where: {
    file: 'the file',
    format: 'the format line',
    review: 'the review details, {{field}}',
    section: 'the {{section}} list',
    person: 'person {{n}}',
    personField: 'person {{n}}, {{field}}',
    event: 'event {{n}}',
    eventField: 'event {{n}}, {{field}}',
    place: 'place {{n}}',
    placeField: 'place {{n}}, {{field}}',
    identifier: 'identifier {{n}}',
    identifierField: 'identifier {{n}}, {{field}}',
    csvFile: '{{file}} CSV',
    csvRow: '{{file}} CSV, row {{row}}',
    csvCell: '{{file}} CSV, row {{row}}, column {{column}}',
  },
  problem: {
    missing: 'is missing',
    wrongType: 'has the wrong kind of value (expected {{expected}})',
    notCaseFile: 'must be "{{expected}}": this is not a case file the product can read',
    literal: 'must be "{{expected}}"',
    notInList: '"{{value}}" is not one of: {{options}}',
    empty: 'is empty',
    tooShort: 'is shorter than {{minimum}} characters',
    tooLong: 'is longer than {{maximum}} characters',
    tooMany: 'has more than {{maximum}} entries',
    tooFew: 'has fewer than {{minimum}} entries',
    notAllowed: 'is not something a case file can contain here',
    dateShape: '"{{value}}" is not a date written YYYY-MM-DD',
    dateShapeNoValue: 'is not a date written YYYY-MM-DD',
    timelineDateShape: '"{{value}}" is not a date written YYYY-MM-DD (or YYYY-MM-DDTHH:mm with a time)',
    timelineDateShapeNoValue: 'is not a date written YYYY-MM-DD (or YYYY-MM-DDTHH:mm with a time)',
    notRealDate: '{{value}} is not a real date',
    notRealDateTime: '{{value}} is not a real date and time',
    personKey: 'a person key must be 1 to 40 letters, digits, "-" or "_"',
    duplicateKey: 'the key "{{key}}" is already used by person {{first}}',
    duplicatePseudonym: 'the pseudonym "{{pseudonym}}" is already used by person {{first}}',
    unknownActor: 'names "{{key}}" among the people involved, but no person has that key',
    notJson: 'is not valid JSON ({{detail}})',
    csvEmpty: 'is empty; its first row must be the header: {{columns}}',
    csvUnknownColumn: 'is not a known column; the columns are {{columns}}',
    csvColumnTwice: 'column {{column}} appears twice',
    csvMissingColumn: 'has no {{column}} column',
    csvFieldCount: 'has {{count}} values, but the header has {{expected}}',
    csvTrueFalse: 'must be true or false, not "{{value}}"',
    csvUnclosedQuote: 'a quoted value opened on line {{line}} is never closed',
    csvTextAfterQuote: 'has text after a closing quote (a quote inside a quoted value must be doubled)',
    csvStrayQuote: 'has a quote in a value that is not enclosed in quotes (enclose it and double the quote)',
    nothingNew: 'everything in this file is already in the review; nothing was imported',
    pseudonymTaken: 'the pseudonym "{{pseudonym}}" is already used in this review by someone else',
    other: '{{message}}',
  },
  flag: {
    future: '{{value}} is in the future; check the date',
    beforeBirth: '{{value}} is before the child was born ({{birthDate}}); check the date',
    duplicate: 'is already in the review’s timeline ({{date}}, {{source}}); not imported again',
    duplicateNoSource: 'is already in the review’s timeline ({{date}}); not imported again',
  },
} as const

type Tree = typeof caseFileText
export type CaseFileMessageKey =
  `files.${keyof Tree['files']}` | `where.${keyof Tree['where']}` | `problem.${keyof Tree['problem']}` | `flag.${keyof Tree['flag']}`

export type MessageParams = Record<string, string | number>

/** A message to translate: `key` under `caseFile.` in the interface's strings. `file` params are file keys, translated too. */
export interface CaseFileMessage {
  key: CaseFileMessageKey
  params: MessageParams
}

export interface ExplainedProblem {
  where: CaseFileMessage
  what: CaseFileMessage
}

const listOf: Record<string, 'person' | 'event' | 'place' | 'identifier'> = {
  people: 'person',
  timeline: 'event',
  places: 'place',
  identifiers: 'identifier',
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

function at(input: unknown, pointer: string): unknown {
  if (pointer === '') return input
  let node: unknown = input
  for (const raw of pointer.split('/').slice(1)) {
    const segment = unescapePointer(raw)
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return node
}

/** Where a problem is, in the file's own terms: "event 5, date", "timeline CSV, row 6, column date". */
export function problemLocation(problem: CaseFileProblem): CaseFileMessage {
  const { csv } = problem
  if (csv) {
    if (csv.row !== undefined && csv.column) return { key: 'where.csvCell', params: { file: csv.file, row: csv.row, column: csv.column } }
    if (csv.row !== undefined) return { key: 'where.csvRow', params: { file: csv.file, row: csv.row } }
    return { key: 'where.csvFile', params: { file: csv.file } }
  }
  const [, section, index, ...rest] = problem.path.split('/').map(unescapePointer)
  if (section === undefined || section === '') return { key: 'where.file', params: {} }
  if (section === 'format') return { key: 'where.format', params: {} }
  if (section === 'review') return index === undefined ? { key: 'where.section', params: { section } } : { key: 'where.review', params: { field: index } }
  const item = listOf[section]
  if (!item) return { key: 'where.section', params: { section } }
  if (index === undefined || !/^\d+$/.test(index)) return { key: 'where.section', params: { section } }
  const n = Number(index) + 1
  const field = rest[0]
  return field === undefined ? { key: `where.${item}`, params: { n } } : { key: `where.${item}Field`, params: { n, field } }
}

/** "(first used at /people/0)" -> 1 */
function itemNumber(pointer: string | undefined): number | string {
  const index = pointer?.split('/')[2]
  return index !== undefined && /^\d+$/.test(index) ? Number(index) + 1 : (pointer ?? '?')
}

/**
 * What is wrong, as a translatable message. `input` is the file as read (JSON), so a message can
 * quote the value a person typed; without it the message says the same without the value.
 */
export function problemMessage(problem: CaseFileProblem, input?: unknown): CaseFileMessage {
  const m = problem.message
  const value = input === undefined ? undefined : at(input, problem.path)
  const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
  let match: RegExpExecArray | null
  if (m === 'is required') return { key: 'problem.missing', params: {} }
  if ((match = /^must be (\w+) \(got (\w+)\)$/.exec(m))) return { key: 'problem.wrongType', params: { expected: match[1]! } }
  if ((match = /^must be "(.*)" \(got .*\)$/.exec(m))) {
    return { key: problem.path === '/format' ? 'problem.notCaseFile' : 'problem.literal', params: { expected: match[1]! } }
  }
  if ((match = /^must be one of: (.*) \(got (.*)\)$/.exec(m))) {
    const got = match[2]!.replace(/^"(.*)"$/, '$1')
    return { key: 'problem.notInList', params: { value: got, options: match[1]! } }
  }
  if (m === 'must not be empty') return { key: 'problem.empty', params: {} }
  if ((match = /^must be at least (\d+) characters$/.exec(m))) return { key: 'problem.tooShort', params: { minimum: Number(match[1]) } }
  if ((match = /^must be at most (\d+) characters$/.exec(m))) return { key: 'problem.tooLong', params: { maximum: Number(match[1]) } }
  if ((match = /^must have at most (\d+) items$/.exec(m))) return { key: 'problem.tooMany', params: { maximum: Number(match[1]) } }
  if ((match = /^must have at least (\d+) items$/.exec(m))) return { key: 'problem.tooFew', params: { minimum: Number(match[1]) } }
  if (m === 'is not an allowed property') return { key: 'problem.notAllowed', params: {} }
  if (m === 'must be a date written YYYY-MM-DD') {
    return shown !== undefined ? { key: 'problem.dateShape', params: { value: shown } } : { key: 'problem.dateShapeNoValue', params: {} }
  }
  if (m === 'must be a date written YYYY-MM-DD or YYYY-MM-DDTHH:mm') {
    return shown !== undefined ? { key: 'problem.timelineDateShape', params: { value: shown } } : { key: 'problem.timelineDateShapeNoValue', params: {} }
  }
  if ((match = /^(.*) is not a real calendar date and time$/.exec(m))) return { key: 'problem.notRealDateTime', params: { value: match[1]! } }
  if ((match = /^(.*) is not a real calendar date$/.exec(m))) return { key: 'problem.notRealDate', params: { value: match[1]! } }
  if (m.startsWith('must be 1 to 40 letters')) return { key: 'problem.personKey', params: {} }
  if ((match = /^duplicate person key "(.*)" \(first used at (\S+)\)$/.exec(m))) {
    return { key: 'problem.duplicateKey', params: { key: match[1]!, first: itemNumber(match[2]) } }
  }
  if ((match = /^duplicate pseudonym "(.*)" \(also used at (\S+)\)$/.exec(m))) {
    return { key: 'problem.duplicatePseudonym', params: { pseudonym: match[1]!, first: itemNumber(match[2]) } }
  }
  if ((match = /^refers to person key "(.*)", which is not in \/people$/.exec(m))) return { key: 'problem.unknownActor', params: { key: match[1]! } }
  if ((match = /^is not valid JSON: (.*)$/.exec(m))) return { key: 'problem.notJson', params: { detail: match[1]! } }
  if ((match = /^is empty; its first row must be the header: (.*)$/.exec(m))) return { key: 'problem.csvEmpty', params: { columns: match[1]! } }
  if ((match = /^unknown column; the columns are (.*)$/.exec(m))) return { key: 'problem.csvUnknownColumn', params: { columns: match[1]! } }
  if ((match = /^column (.*) appears twice$/.exec(m))) return { key: 'problem.csvColumnTwice', params: { column: match[1]! } }
  if ((match = /^missing column (.*)$/.exec(m))) return { key: 'problem.csvMissingColumn', params: { column: match[1]! } }
  if ((match = /^has (\d+) fields, but the header has (\d+)$/.exec(m))) {
    return { key: 'problem.csvFieldCount', params: { count: Number(match[1]), expected: Number(match[2]) } }
  }
  if ((match = /^must be true or false \(got "(.*)"\)$/.exec(m))) return { key: 'problem.csvTrueFalse', params: { value: match[1]! } }
  if ((match = /^the quoted field opened on line (\d+) is never closed$/.exec(m)))
    return { key: 'problem.csvUnclosedQuote', params: { line: Number(match[1]) } }
  if (m.startsWith('unexpected text after a closing quote')) return { key: 'problem.csvTextAfterQuote', params: {} }
  if (m.startsWith('a field containing a quote must be enclosed')) return { key: 'problem.csvStrayQuote', params: {} }
  if (m === 'every timeline entry of this file is already in the review') return { key: 'problem.nothingNew', params: {} }
  if ((match = /^"(.*)" is already the pseudonym of someone in this review$/.exec(m)))
    return { key: 'problem.pseudonymTaken', params: { pseudonym: match[1]! } }
  return { key: 'problem.other', params: { message: m } }
}

export function explainProblem(problem: CaseFileProblem, input?: unknown): ExplainedProblem {
  return { where: problemLocation(problem), what: problemMessage(problem, input) }
}

function lookup(tree: unknown, key: string): string | undefined {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree)
  return typeof found === 'string' ? found : undefined
}

/**
 * A message in words, from a string tree shaped like caseFileText (English by default; the
 * interface passes its own translation through i18next instead).
 */
export function renderCaseFileMessage(message: CaseFileMessage, text: unknown = caseFileText): string {
  const template = lookup(text, message.key) ?? message.key
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = message.params[name]
    if (value === undefined) return whole
    return name === 'file' ? (lookup(text, `files.${value}`) ?? String(value)) : String(value)
  })
}

/** "event 5, date: 2024-13-45 is not a real date", for the command line and logs. */
export function describeForPeople(explained: ExplainedProblem, text: unknown = caseFileText): string {
  return `${renderCaseFileMessage(explained.where, text)}: ${renderCaseFileMessage(explained.what, text)}`
}
