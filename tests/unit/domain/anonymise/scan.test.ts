import { describe, expect, it } from 'vitest'
import {
  countDigits,
  digitTokens,
  eachAtWordStarts,
  eachInWindows,
  isPossessive,
  isRegExpSpace,
  isYearRange,
  windowsAroundSpans,
  windowsAroundWordsWithin,
  wordTable,
  type Windows,
} from '../../../../app/domain/anonymise/scan'

// The scan helpers read character codes where a regular expression call per word used to be
// (ADR 0052); each must accept exactly what that expression accepted.
describe('character-code tests of the scan', () => {
  it('isRegExpSpace is the \\s of a regular expression on every UTF-16 code unit', () => {
    const differing: number[] = []
    for (let code = 0; code <= 0xffff; code += 1) if (isRegExpSpace(code) !== /\s/.test(String.fromCharCode(code))) differing.push(code)
    expect(differing).toEqual([])
  })

  it('isYearRange accepts what /^(?:19|20)\\d\\d[-/](?:(?:19|20)?\\d\\d)$/ accepts', () => {
    const regex = /^(?:19|20)\d\d[-/](?:(?:19|20)?\d\d)$/
    const samples = [
      '2019-20',
      '2019/2020',
      '1999-2000',
      '2019-2120',
      '2019.20',
      '2119-20',
      '201-20',
      '2019-2',
      '2019-20a',
      '2019--20',
      '1920-1921',
      '20x9-20',
      '',
    ]
    for (const prefix of ['19', '20', '18', '2a'])
      for (const joiner of ['-', '/', '.']) for (const tail of ['20', '2020', '1920', '3020', '2', '202']) samples.push(`${prefix}17${joiner}${tail}`)
    for (const sample of samples) expect([sample, isYearRange(sample)]).toEqual([sample, regex.test(sample)])
  })

  it('isPossessive and countDigits', () => {
    for (const sample of ["Tessa's", 'Tessa’s', 'Tessa', "'s", 's', "Tessa's.", 'Charles']) expect(isPossessive(sample)).toBe(/['’]s$/.test(sample))
    expect(countDigits('CFS-2024-10377 (7)')).toBe(10)
    expect(countDigits('no digits')).toBe(0)
  })

  it('digitTokens finds each token once, with its joiners and groups', () => {
    const folded = 'case cfs-2024-10377, 3 visits, a/b1 and 12-34 on 2024/06/14; x9'
    const tokens = digitTokens({ original: folded, folded }).map(token => [token.text, token.start, token.groups.join('-')])
    expect(tokens).toEqual([
      ['cfs-2024-10377', 5, '3-4-5'],
      ['3', 21, '1'],
      ['a/b1', 31, '1-2'],
      ['12-34', 40, '2-2'],
      ['2024/06/14', 49, '4-2-2'],
      ['x9', 61, '2'],
    ])
  })
})

// Word tables replace alternations of words (ADR 0052): on texts made of those words, their
// prefixes and extensions, glued to digits, '#' and window edges, they must find exactly what the
// regular expression found.
describe('word tables find what the alternation found', () => {
  const pieces = ['no', 'n', 'case', 'cases', 'file', 'fil', '#', '12', ' 4471', ' 12', 'mai', 'may', 'mayo', 'x', ' ', ' ', '.', '-', '\n', 'jan', 'janv']
  const texts: string[] = []
  let seed = 7
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  for (let i = 0; i < 400; i += 1) {
    let text = ''
    for (let j = 0; j < 40; j += 1) text += pieces[Math.floor(next() * pieces.length)]
    texts.push(text)
  }
  const windowsOf = (text: string): Windows => {
    const cut = Math.floor(next() * text.length)
    return [0, cut, Math.min(text.length, cut + 3), text.length]
  }

  it('eachAtWordStarts matches a global scan of each window', () => {
    const source = '(?<![a-z0-9])(?:no\\.?|n|case|file|#)\\s*(\\d+)(?![a-z0-9])'
    const global = new RegExp(source, 'g')
    const sticky = new RegExp(source, 'y')
    const table = wordTable(['no', 'n', 'case', 'file'])
    let matches = 0
    for (const text of texts) {
      const windows = windowsOf(text)
      const expected: string[] = []
      const actual: string[] = []
      eachInWindows(text, windows, global, m => expected.push(`${m.index}:${m[0]}`))
      eachAtWordStarts(text, windows, table, 35, sticky, m => actual.push(`${m.index}:${m[0]}`))
      expect(actual).toEqual(expected)
      matches += expected.length
    }
    expect(matches).toBeGreaterThan(50)
  })

  it('windowsAroundWordsWithin finds the windows of the anchored alternation', () => {
    const words = ['mai', 'may', 'jan', 'janv']
    const anchor = new RegExp(`(?<![a-z])(?:${words.join('|')})(?![a-z])`, 'g')
    const table = wordTable(words)
    const reach = { before: 5, after: 5 }
    let hits = 0
    for (const text of texts) {
      const within = windowsOf(text)
      const expected: number[] = []
      eachInWindows(text, within, anchor, hit => expected.push(hit.index, hit.index + hit[0].length))
      expect(windowsAroundWordsWithin(text, within, table, reach)).toEqual(windowsAroundSpans(text, expected, reach))
      hits += expected.length / 2
    }
    expect(hits).toBeGreaterThan(100)
  })

  it('refuses words that are not plain lower-case letters', () => {
    expect(() => wordTable(['no.'])).toThrow()
  })
})
