import { describe, expect, it } from 'vitest'
import { CapitalisedWords, countDigits, digitTokens, eachInWindows, isPossessive, isRegExpSpace, isYearRange } from '../../../../app/domain/anonymise/scan'

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

describe('CapitalisedWords', () => {
  // The expressions the residual scan used before the character loop (ADR 0052).
  const LETTERS = 'A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff'
  const LATIN_LETTERS = 'A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff'
  const expressions = {
    anyScript: new RegExp(
      // eslint-disable-next-line no-misleading-character-class -- combining marks are letters of a name here, as in residuals.ts
      `[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff][${LETTERS}\u0300-\u036f]*(?:['’][${LETTERS}\u0300-\u036f]+)*`,
      'g',
    ),
    latin: new RegExp(`[A-Z\u00c0-\u00d6\u00d8-\u00de][${LATIN_LETTERS}]*(?:['’][${LATIN_LETTERS}]+)*`, 'g'),
  }
  const byExpression = (text: string, anyScript: boolean): number[] =>
    [...text.matchAll(anyScript ? expressions.anyScript : expressions.latin)].flatMap(match => [match.index, match.index + match[0].length])
  const byLoop = (text: string, anyScript: boolean): number[] => {
    const words = new CapitalisedWords(text, anyScript)
    const offsets: number[] = []
    while (words.next()) offsets.push(words.start, words.end)
    return offsets
  }

  it('finds the words the expressions found, on written samples', () => {
    const samples = [
      "Tessa Calder's file, O'Brien and d’Hélène; ÉCOLE Saint-Joseph. McDonald iPhone XJ22B",
      "Željko, Σοφία and Олег met Ḁlex at L'Étoile' and O'' and 'Quote'",
      'ÀÖ×ØÞßàö÷øÿ Āā ɐ Ͱ Ӿ ԯ Ḁ ῿ a\u0301 E\u0301mile',
      '',
      'no capitals here',
      'Trailing apostrophe’',
    ]
    for (const sample of samples) for (const anyScript of [false, true]) expect(byLoop(sample, anyScript)).toEqual(byExpression(sample, anyScript))
  })

  it('finds the words the expressions found, on random text over the edges of each class', () => {
    const alphabet = [
      ..."AZaz09 ,.-'’\n",
      '\u00bf',
      '\u00c0',
      '\u00d6',
      '\u00d7',
      '\u00d8',
      '\u00de',
      '\u00df',
      '\u00f6',
      '\u00f7',
      '\u00f8',
      '\u00ff',
      '\u0100',
      '\u024f',
      '\u0250',
      '\u02ff',
      '\u0300',
      '\u036f',
      '\u0370',
      '\u03ff',
      '\u0400',
      '\u052f',
      '\u0530',
      '\u1dff',
      '\u1e00',
      '\u1fff',
      '\u2000',
      '\u2019',
      '\u00a0',
    ]
    let state = 42
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      return state >>> 8
    }
    for (let round = 0; round < 2000; round += 1) {
      let text = ''
      const length = next() % 24
      for (let i = 0; i < length; i += 1) text += alphabet[next() % alphabet.length]
      for (const anyScript of [false, true]) expect([text, byLoop(text, anyScript)]).toEqual([text, byExpression(text, anyScript)])
    }
  })
})

describe('eachInWindows with required literals', () => {
  it('skips a window holding none of the literals, and scans the others as before', () => {
    const text = 'aged 4 here and 7 years old there'
    const windows = [0, 11, 12, text.length]
    const starts = (required?: readonly string[]): number[] => {
      const found: number[] = []
      eachInWindows(text, windows, /\d/g, match => found.push(match.index), required)
      return found
    }
    expect(starts()).toEqual([5, 16])
    expect(starts(['old'])).toEqual([16])
    expect(starts(['aged', 'old'])).toEqual([5, 16])
    expect(starts(['months'])).toEqual([])
  })
})
