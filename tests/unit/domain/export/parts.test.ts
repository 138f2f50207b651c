import crypto from 'node:crypto'
import fc from 'fast-check'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { ageBandAt, ageInYears, dayOffset, fill, previewSegments, signedDay } from '../../../../app/domain/export'
import { sha256Hex, sharedIdFor } from '../../../../app/utils/digest.server'
import { zipFiles } from '../../../../app/utils/zip.server'
import { compileAnonymiser } from '../../../../app/domain/anonymise'
import { calder } from '../../../fixtures/anonymise/registries'

describe('sha256Hex', () => {
  it('matches node:crypto on known and arbitrary input', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), text => {
        expect(sha256Hex(text)).toBe(crypto.createHash('sha256').update(text, 'utf8').digest('hex'))
      }),
      { numRuns: 200 },
    )
    // Around the 55/56/64-byte padding boundaries.
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 7) & 0xff)
      expect(sha256Hex(bytes), String(n)).toBe(crypto.createHash('sha256').update(bytes).digest('hex'))
    }
  })

  it('gives a stable 32-hex shared id that depends on jurisdiction and review', () => {
    const id = sharedIdFor('NW-DEMO', 'cm123')
    expect(id).toMatch(/^[a-f0-9]{32}$/)
    expect(sharedIdFor('NW-DEMO', 'cm123')).toBe(id)
    expect(sharedIdFor('LK-DEMO', 'cm123')).not.toBe(id)
    expect(sharedIdFor('NW-DEMO', 'cm124')).not.toBe(id)
    expect(id).not.toContain('cm123')
  })
})

describe('dates and ages', () => {
  it('counts whole days from the incident, ignoring the time of day', () => {
    expect(dayOffset('2025-03-18', '2025-03-18')).toBe(0)
    expect(dayOffset('2024-11-04T23:59', '2025-03-18')).toBe(-134)
    expect(dayOffset('2024-02-28', '2024-03-01')).toBe(-2) // leap year
    expect(dayOffset('2025-03-30', '2025-03-18')).toBe(12) // across a DST change, in UTC
    expect(dayOffset('1800-01-01', '2025-03-18')).toBe(-36_500)
    expect(signedDay(-3)).toBe('-3')
    expect(signedDay(0)).toBe('0')
    expect(signedDay(4)).toBe('+4')
  })

  it('gives the age at the incident as a band of the anonymiser', () => {
    expect(ageInYears('2021-06-11', '2025-03-18')).toBe(3)
    expect(ageInYears('2021-03-18', '2025-03-18')).toBe(4)
    expect(ageInYears('2021-03-19', '2025-03-18')).toBe(3)
    expect(ageInYears('2026-01-01', '2025-03-18')).toBeNull()
    expect(ageBandAt('2024-10-02', '2025-03-18')).toBe('under 1')
    expect(ageBandAt('2021-06-11', '2025-03-18')).toBe('1-4')
    expect(ageBandAt('2010-03-18', '2025-03-18')).toBe('15-17')
    expect(ageBandAt('1920-01-01', '2025-03-18')).toBe('90+')
  })
})

describe('preview segments', () => {
  it('marks every replacement and residual in both texts, at the right offsets', () => {
    const anonymise = compileAnonymiser(calder.context)
    const original = 'Tessie said Tessa Calder called 867-555-0143 on 2025-01-15.'
    const result = anonymise(original)
    const { original: left, anonymised: right } = previewSegments({
      original,
      ...{ anonymised: result.text, replacements: result.replacements, residuals: result.residuals },
    })
    expect(left.map(s => s.text).join('')).toBe(original)
    expect(right.map(s => s.text).join('')).toBe(result.text)
    expect(left.filter(s => s.type === 'replacement').map(s => s.text)).toEqual(['Tessa Calder', '867-555-0143', '2025-01-15'])
    expect(right.filter(s => s.type === 'replacement').map(s => s.text)).toEqual(['Mother', '[phone]', 'Day -62'])
    expect(left.find(s => s.type === 'residual')).toMatchObject({ text: 'Tessie' })
    expect(right.find(s => s.type === 'residual')).toMatchObject({ text: 'Tessie' })
  })

  it('skips a span that would overlap or overrun instead of garbling the text', () => {
    const segments = previewSegments({
      original: 'abcdef',
      anonymised: 'abcdef',
      replacements: [
        { start: 0, end: 3, outputStart: 0, outputEnd: 3, kind: 'person', original: 'abc', replacement: 'abc' },
        { start: 2, end: 4, outputStart: 2, outputEnd: 4, kind: 'place', original: 'cd', replacement: 'cd' },
        { start: 5, end: 9, outputStart: 5, outputEnd: 9, kind: 'place', original: 'f', replacement: 'f' },
      ],
      residuals: [],
    })
    expect(segments.original.map(s => s.text).join('')).toBe('abcdef')
  })
})

describe('zip', () => {
  it('writes a ZIP that a standard reader opens, names in UTF-8', async () => {
    const bytes = zipFiles([
      { name: 'findings.csv', content: 'a,b\r\n1,"é"\r\n' },
      { name: 'données.csv', content: new Uint8Array([1, 2, 3]) },
      { name: 'empty.csv', content: '' },
    ])
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true })
    expect(Object.keys(zip.files)).toEqual(['findings.csv', 'données.csv', 'empty.csv'])
    expect(await zip.file('findings.csv')!.async('string')).toBe('a,b\r\n1,"é"\r\n')
    expect([...(await zip.file('données.csv')!.async('uint8array'))]).toEqual([1, 2, 3])
    expect(await zip.file('empty.csv')!.async('string')).toBe('')
    // The same files give the same bytes.
    expect(zipFiles([{ name: 'x', content: 'y' }])).toEqual(zipFiles([{ name: 'x', content: 'y' }]))
  })

  it('refuses two files of the same name rather than dropping one', () => {
    expect(() =>
      zipFiles([
        { name: 'a.csv', content: '1' },
        { name: 'a.csv', content: '2' },
      ]),
    ).toThrow(/two files named a.csv/)
  })
})

describe('fill', () => {
  it('interpolates like the interface strings and leaves unknown placeholders', () => {
    expect(fill('Day {{day}} of {{x}}', { day: '+3' })).toBe('Day +3 of {{x}}')
  })
})
