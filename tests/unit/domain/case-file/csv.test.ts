import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { caseFileFromCsv, caseFileToCsv, describeProblem, validateCaseFile, type CaseFile, type CaseFileValidation } from '../../../../app/domain/case-file'
import { identifierKinds, incidentTypes, journeyStages, personRoles, placeKinds } from '../../../../app/domain/vocabulary'
import { example } from './fixtures'

function exampleCaseFile(): CaseFile {
  const result = validateCaseFile(example())
  if (!result.ok) throw new Error('example must be valid')
  return result.caseFile
}

const review = { title: 'Near fatality review', incidentType: 'near_fatality', incidentDate: '2025-03-18' }
const peopleCsv =
  'key,name,aliases,role,pseudonym,birthDate\r\nc1,Ruby Calder,Ruby,child,Child 1,2024-10-02\r\nm,Tessa Calder,"Tess; Ms. Calder",parent,Mother,\r\nw1,Priya Raman,,worker,,\r\n'
const timelineCsv = [
  'date,approximate,stage,source,actors,text',
  '2024-11-04,,worries_raised,intake record,m,"Nurse reports Tessa appears exhausted, Ruby feeding poorly."',
  '2024-11-06,false,referral,intake record,w1,Referral accepted.',
  '2024-12-09,yes,engagement,case notes,w1;m,"Second visit.\nBruising noted; ""he fell at daycare""."',
].join('\r\n')

function problemsOf(result: CaseFileValidation) {
  return result.ok ? [] : result.problems
}

describe('caseFileFromCsv', () => {
  it('reads people and timeline CSV into a valid case file', () => {
    const result = caseFileFromCsv({ review, peopleCsv, timelineCsv })
    expect(problemsOf(result)).toEqual([])
    if (!result.ok) return
    expect(result.caseFile.people).toEqual([
      {
        key: 'c1',
        name: 'Ruby Calder',
        aliases: ['Ruby'],
        role: 'child',
        pseudonym: 'Child 1',
        birthDate: '2024-10-02',
      },
      { key: 'm', name: 'Tessa Calder', aliases: ['Tess', 'Ms. Calder'], role: 'parent', pseudonym: 'Mother' },
      { key: 'w1', name: 'Priya Raman', role: 'worker' },
    ])
    expect(result.caseFile.timeline[2]).toEqual({
      date: '2024-12-09',
      approximate: true,
      stage: 'engagement',
      source: 'case notes',
      actors: ['w1', 'm'],
      text: 'Second visit.\nBruising noted; "he fell at daycare".',
    })
    expect(result.caseFile.timeline[1]?.approximate).toBe(false)
    expect(result.caseFile).not.toHaveProperty('places')
  })

  it('accepts columns in any order and header names in any case', () => {
    const result = caseFileFromCsv({
      review,
      peopleCsv: 'ROLE,Key,name\nchild,c1,Ruby\n',
      timelineCsv: 'text,Date\nSomething happened,2025-01-01\n',
      placesCsv: 'kind,name\nschool,Fort Ellis Elementary\n',
      identifiersCsv: 'value,kind\nCFS-1,case_number\n',
    })
    expect(result).toMatchObject({
      ok: true,
      caseFile: {
        people: [{ key: 'c1', name: 'Ruby', role: 'child' }],
        timeline: [{ date: '2025-01-01', text: 'Something happened' }],
        places: [{ name: 'Fort Ellis Elementary', kind: 'school' }],
        identifiers: [{ value: 'CFS-1', kind: 'case_number' }],
      },
    })
  })

  it('reports problems by row and column, counting the header as row 1 and a multi-line cell as one row', () => {
    const badTimeline = [
      'date,approximate,stage,source,actors,text',
      '2024-11-04,,worries_raised,intake,m,"two\nlines"',
      '2025-02-30,maybe,intake,,w1;ghost,',
    ].join('\r\n')
    const result = caseFileFromCsv({ review: { ...review, title: '' }, peopleCsv, timelineCsv: badTimeline })
    expect(problemsOf(result).map(describeProblem)).toEqual([
      '/review/title: must not be empty',
      'timeline CSV row 3, column date: 2025-02-30 is not a real calendar date',
      'timeline CSV row 3, column approximate: must be true or false (got "maybe")',
      expect.stringMatching(/^timeline CSV row 3, column stage: must be one of: worries_raised/),
      'timeline CSV row 3, column actors: refers to person key "ghost", which is not in /people',
      'timeline CSV row 3, column text: must not be empty',
    ])
    expect(problemsOf(result)[1]).toMatchObject({
      path: '/timeline/1/date',
      csv: { file: 'timeline', row: 3, column: 'date' },
    })
  })

  it.each<[string, { peopleCsv: string; timelineCsv: string }, unknown[]]>([
    [
      'reports people problems at their row, skipping blank lines without renumbering',
      { peopleCsv: 'key,name,role\r\nc1,Ruby,child\r\n\r\nc1,Owen,sibling\r\nbad key,X,cousin\r\n', timelineCsv: 'date,text\r\n' },
      [
        'people CSV row 4, column key: duplicate person key "c1" (first used at /people/0)',
        'people CSV row 5, column key: must be 1 to 40 letters, digits, "-" or "_"',
        expect.stringMatching(/^people CSV row 5, column role: must be one of/),
      ],
    ],
    [
      'reports header problems: unknown, duplicate and missing columns',
      { peopleCsv: 'key,name,role,colour,name\r\nc1,Ruby,child,red,Ruby\r\n', timelineCsv: 'date,actors\r\n2025-01-01,c1\r\n' },
      [
        'people CSV row 1, column name: column name appears twice',
        'people CSV row 1, column colour: unknown column; the columns are key, name, aliases, role, pseudonym, birthDate',
        'timeline CSV row 1: missing column text',
      ],
    ],
    [
      'reports rows with the wrong number of fields, syntax errors and an empty file',
      { peopleCsv: '', timelineCsv: 'date,text\r\n2025-01-01,a,b\r\n2025-01-02,"unclosed\r\n' },
      [
        'people CSV row 1: is empty; its first row must be the header: key,name,aliases,role,pseudonym,birthDate',
        'timeline CSV row 2: has 3 fields, but the header has 2',
        'timeline CSV row 3, column text: the quoted field opened on line 3 is never closed',
      ],
    ],
  ])('%s', (_name, csv, expected) => {
    expect(problemsOf(caseFileFromCsv({ review, ...csv })).map(describeProblem)).toEqual(expected)
  })
})

describe('caseFileToCsv', () => {
  it('writes the example case file as CSV that reads back to the same case file', () => {
    const caseFile = exampleCaseFile()
    const csv = caseFileToCsv(caseFile)
    expect(csv.timelineCsv.split('\r\n')[0]).toBe('date,approximate,stage,source,actors,text')
    expect(caseFileFromCsv(csv)).toEqual({ ok: true, caseFile })
  })

  it('round-trips any valid case file through CSV (property)', () => {
    const text = (max: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter(s => s.trim() === s && s !== '' && !s.includes(';'))
    const key = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/)
    const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map(d => d.toISOString().slice(0, 10))
    const caseFile = fc.uniqueArray(key, { minLength: 1, maxLength: 5 }).chain(keys =>
      fc.record({
        format: fc.constant('scir-case-file/1' as const),
        review: fc.record({ title: text(20), incidentType: fc.constantFrom(...incidentTypes), incidentDate: date }),
        people: fc.tuple(
          ...keys.map((k, i) =>
            fc.record(
              {
                key: fc.constant(k),
                name: text(20),
                aliases: fc.array(text(10), { minLength: 1, maxLength: 3 }),
                role: fc.constantFrom(...personRoles),
                pseudonym: fc.constant(`Person ${i + 1}`),
                birthDate: date,
              },
              { requiredKeys: ['key', 'name', 'role'] },
            ),
          ),
        ),
        places: fc.array(fc.record({ name: text(20), kind: fc.constantFrom(...placeKinds) }), { maxLength: 3 }),
        identifiers: fc.array(fc.record({ value: text(20), kind: fc.constantFrom(...identifierKinds) }), {
          maxLength: 3,
        }),
        timeline: fc.array(
          fc.record(
            {
              date: fc.oneof(
                date,
                date.map(d => `${d}T09:30`),
              ),
              approximate: fc.boolean(),
              stage: fc.constantFrom(...journeyStages),
              source: text(20),
              actors: fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1 }),
              // Free text keeps everything, including line breaks, quotes and commas.
              text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
            },
            { requiredKeys: ['date', 'text'] },
          ),
          { maxLength: 5 },
        ),
      }),
    )
    fc.assert(
      fc.property(caseFile, input => {
        const validated = validateCaseFile(input)
        expect(problemsOf(validated)).toEqual([])
        if (!validated.ok) return
        expect(caseFileFromCsv(caseFileToCsv(validated.caseFile))).toEqual(validated)
      }),
      { numRuns: 200 },
    )
  })
})
