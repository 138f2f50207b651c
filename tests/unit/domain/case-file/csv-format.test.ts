import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCsv, serializeCsv } from '../../../../app/domain/case-file'

const records = (text: string) => {
  const parsed = parseCsv(text)
  expect(parsed.problems).toEqual([])
  return parsed.records
}

describe('parseCsv', () => {
  it('reads plain records with CRLF, LF or CR line breaks, with or without a final break', () => {
    expect(records('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(records('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(records('a,b\rc,d\r')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
  })

  it('reads quoted fields with commas, doubled quotes and line breaks inside', () => {
    expect(records('"a,b","say ""hi""","line 1\r\nline 2"\r\nnext')).toEqual([['a,b', 'say "hi"', 'line 1\r\nline 2'], ['next']])
  })

  it('keeps empty fields, spaces and a blank line as they are', () => {
    expect(records(',, a ,\r\n\r\nx')).toEqual([['', '', ' a ', ''], [''], ['x']])
    expect(records('""')).toEqual([['']])
    expect(records('')).toEqual([])
  })

  it('ignores a byte-order mark', () => {
    expect(records('\uFEFFdate,text\r\n')).toEqual([['date', 'text']])
  })

  it('reports an unclosed quote with the row, column and line it opened on', () => {
    const { records: rows, problems } = parseCsv('a,b\r\nc,"never\r\nclosed,x\r\n')
    expect(problems).toEqual([{ row: 2, column: 2, message: 'the quoted field opened on line 2 is never closed' }])
    expect(rows[0]).toEqual(['a', 'b'])
  })

  it('reports a quote inside an unquoted field, and text after a closing quote', () => {
    expect(parseCsv('a,b"c\r\n').problems).toEqual([
      { row: 1, column: 2, message: 'a field containing a quote must be enclosed in quotes, with the quote doubled' },
    ])
    const stray = parseCsv('x\r\n"ab"c,d\r\n')
    expect(stray.problems).toEqual([
      {
        row: 2,
        column: 1,
        message: 'unexpected text after a closing quote (a quote inside a quoted field must be doubled)',
      },
    ])
    expect(stray.records[1]).toEqual(['abc', 'd'])
  })

  it('counts rows as records, so a field spanning lines does not shift later rows', () => {
    const { problems } = parseCsv('h1,h2\r\n"multi\nline",x\r\nok,bad"quote\r\n')
    expect(problems[0]).toMatchObject({ row: 3, column: 2 })
  })
})

describe('serializeCsv', () => {
  it('quotes only what needs quoting and ends records with CRLF', () => {
    expect(serializeCsv([['a', 'b,c', 'say "hi"', 'two\nlines'], ['']])).toBe('a,"b,c","say ""hi""","two\nlines"\r\n""\r\n')
  })

  it('round-trips any records through parseCsv (property)', () => {
    const field = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.stringMatching(/^[",\r\n a]{0,6}$/))
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 8 }), rows => {
        const parsed = parseCsv(serializeCsv(rows))
        expect(parsed.problems).toEqual([])
        expect(parsed.records).toEqual(rows)
      }),
      { numRuns: 500 },
    )
  })
})
