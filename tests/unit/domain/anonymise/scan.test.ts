import { describe, expect, it } from 'vitest'
import { countDigits, digitTokens, isPossessive, isRegExpSpace, isYearRange } from '../../../../app/domain/anonymise/scan'

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
