// RFC 4180 CSV, read leniently where spreadsheets differ (LF or lone CR line breaks, a leading
// byte-order mark) and strictly where a guess could change the data (stray or unclosed quotes
// are reported). Rows are counted as records, so a quoted field spanning lines is still one
// row, as a spreadsheet shows it.

export interface CsvSyntaxProblem {
  /** 1-based record number (the header is row 1). */
  row: number
  /** 1-based field number. */
  column: number
  message: string
}

export interface ParsedCsv {
  records: string[][]
  problems: CsvSyntaxProblem[]
}

const isBreak = (ch: string | undefined) => ch === '\n' || ch === '\r'
const isDelimiter = (ch: string | undefined) => ch === ',' || isBreak(ch)

export function parseCsv(input: string): ParsedCsv {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const records: string[][] = []
  const problems: CsvSyntaxProblem[] = []
  let record: string[] = []
  let field = ''
  // Whether the current record has begun: an empty last line is not a record, `""` is.
  let started = false
  let line = 1
  let i = 0

  const report = (message: string) => problems.push({ row: records.length + 1, column: record.length + 1, message })
  const endRecord = () => {
    record.push(field)
    records.push(record)
    record = []
    field = ''
    started = false
  }

  for (;;) {
    if (i >= text.length) {
      if (started) endRecord()
      break
    }
    if (text[i] === '"') {
      started = true
      const openedOnLine = line
      let closed = false
      i++
      while (i < text.length) {
        const ch = text[i] as string
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          closed = true
          break
        }
        if (ch === '\n') line++
        field += ch
        i++
      }
      if (!closed) {
        report(`the quoted field opened on line ${openedOnLine} is never closed`)
        endRecord()
        break
      }
      if (i < text.length && !isDelimiter(text[i])) {
        report('unexpected text after a closing quote (a quote inside a quoted field must be doubled)')
        while (i < text.length && !isDelimiter(text[i])) field += text[i++]
      }
    } else {
      let strayQuote = false
      while (i < text.length && !isDelimiter(text[i])) {
        if (text[i] === '"') strayQuote = true
        field += text[i++]
      }
      if (strayQuote) report('a field containing a quote must be enclosed in quotes, with the quote doubled')
      if (field !== '') started = true
    }

    if (i >= text.length) {
      if (started) endRecord()
      break
    }
    if (text[i] === ',') {
      record.push(field)
      field = ''
      started = true
      i++
    } else {
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1
      line++
      endRecord()
    }
  }
  return { records, problems }
}

function quote(field: string, alone: boolean): string {
  // A lone empty field must be quoted, or its record would read back as a blank line.
  const needsQuotes = /[",\r\n]/.test(field) || field.startsWith('\uFEFF') || (alone && field === '')
  return needsQuotes ? `"${field.replace(/"/g, '""')}"` : field
}

/** RFC 4180 text with CRLF line breaks; parseCsv reads it back unchanged. A record needs at least one field. */
export function serializeCsv(records: readonly (readonly string[])[]): string {
  return records
    .map(record => {
      const fields = record.length === 0 ? [''] : record
      return fields.map(field => quote(field, fields.length === 1)).join(',') + '\r\n'
    })
    .join('')
}
