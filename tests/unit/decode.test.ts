import { expect, test } from 'vitest'
import { z } from 'zod'
import { columns, decodeColumn, parseJsonColumn, RowDecodeError } from '~/models/decode.server'

test('a value in the list decodes to itself', () => {
  expect(decodeColumn(columns.contributorKind, 'family_member', 'FamilyContribution.contributorKind')).toBe('family_member')
})

test('a value outside the list is refused naming where it was read', () => {
  const read = () => decodeColumn(columns.consentScope, 'anyone', 'FamilyContribution.consentScope')
  expect(read).toThrow(RowDecodeError)
  expect(read).toThrow(/^FamilyContribution\.consentScope: .*'anyone'/)
})

test('JSON columns: broken text and the wrong shape are both refused with the column named', () => {
  const units = z.array(z.object({ unitId: z.string(), name: z.string() }))
  expect(parseJsonColumn(units, '[{"unitId":"u1","name":"North"}]', 'SurveyWave.units')).toEqual([{ unitId: 'u1', name: 'North' }])
  expect(() => parseJsonColumn(units, '[{"unitId":', 'SurveyWave.units')).toThrow(/^SurveyWave\.units: not valid JSON/)
  expect(() => parseJsonColumn(units, '[{"unitId":7}]', 'SurveyWave.units')).toThrow(/^SurveyWave\.units: 0\.unitId: Expected string/)
})
