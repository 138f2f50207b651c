import { describe, expect, it } from 'vitest'
import {
  caseFileFromCsv,
  describeForPeople,
  explainProblem,
  renderCaseFileMessage,
  validateCaseFile,
  validateCaseFileJson,
  type CaseFileProblem,
} from '../../../../app/domain/case-file'
import { en } from '../../../../app/locales/en'
import { fr } from '../../../../app/locales/fr'
import { example, exampleWith } from './fixtures'

function problemsOf(input: unknown): CaseFileProblem[] {
  const result = validateCaseFile(input)
  if (result.ok) throw new Error('expected problems')
  return result.problems
}

const inEnglish = (input: unknown) => problemsOf(input).map(p => describeForPeople(explainProblem(p, input), en.caseFile))
const inFrench = (input: unknown) => problemsOf(input).map(p => describeForPeople(explainProblem(p, input), fr.caseFile))

describe('case-file problems in words a person reads', () => {
  it('names the event by its number and quotes the impossible date', () => {
    const input = exampleWith(['/timeline/4/date', '2024-13-45'])
    expect(inEnglish(input)).toEqual(['event 5, date: 2024-13-45 is not a real date'])
    expect(inFrench(input)).toEqual(['événement 5, date: 2024-13-45 n’est pas une date réelle'])
  })

  it('explains every kind of problem of a broken file, in English and in French, without pointers or zod words', () => {
    const input = exampleWith(
      ['/format', 'something-else/2'],
      ['/review/incidentType', 'flood'],
      ['/people/1/key', 'c1'],
      ['/people/2/role', 'martian'],
      ['/timeline/0/date', 'soon'],
      ['/timeline/1/text', ''],
      ['/timeline/2/actors/0', 'ghost'],
      ['/timeline/3/colour', 'red'],
    )
    const english = inEnglish(input)
    expect(english[0]).toBe('the format line: must be "scir-case-file/1": this is not a case file the product can read')
    expect(english).toContain('the review details, incidentType: "flood" is not one of: fatality, near_fatality, serious_injury, other')
    expect(english).toContain('person 2, key: the key "c1" is already used by person 1')
    expect(english).toContain('event 1, date: "soon" is not a date written YYYY-MM-DD (or YYYY-MM-DDTHH:mm with a time)')
    expect(english).toContain('event 2, text: is empty')
    expect(english).toContain('event 3, actors: names "ghost" among the people involved, but no person has that key')
    expect(english).toContain('event 4, colour: is not something a case file can contain here')
    expect(english.find(line => line.startsWith('person 3, role:'))).toMatch(/^person 3, role: "martian" is not one of: child, /)
    for (const line of english) expect(line).not.toMatch(/\/timeline|\/people|\(got|must be string/)

    const french = inFrench(input)
    expect(french).toHaveLength(english.length)
    expect(french).toContain('événement 1, date: « soon » n’est pas une date écrite AAAA-MM-JJ (ou AAAA-MM-JJTHH:mm avec une heure)')
    expect(french).toContain('personne 2, key: la clé « c1 » est déjà utilisée par la personne 1')
    expect(french).toContain('événement 3, actors: nomme « ghost » parmi les personnes concernées, mais aucune personne n’a cette clé')
    // Nothing falls through to the untranslated fallback.
    for (const p of problemsOf(input)) expect(explainProblem(p, input).what.key).not.toBe('problem.other')
  })

  it('says what is wrong with a file that is not JSON', () => {
    const result = validateCaseFileJson('{"format": ')
    if (result.ok) throw new Error('expected problems')
    const explained = explainProblem(result.problems[0]!)
    expect(renderCaseFileMessage(explained.where)).toBe('the file')
    expect(explained.what.key).toBe('problem.notJson')
    expect(renderCaseFileMessage(explained.what, fr.caseFile)).toMatch(/^n’est pas du JSON valide \(/)
  })

  it('locates CSV problems by file, row and column, with the file name translated', () => {
    const result = caseFileFromCsv({
      review: { title: 'T', incidentType: 'fatality', incidentDate: '2025-01-01' },
      peopleCsv: 'key,name,role\nc1,Test Child,child\n',
      timelineCsv: 'date,text,approximate\n2025-01-40,Visit,maybe\n',
    })
    if (result.ok) throw new Error('expected problems')
    const english = result.problems.map(p => describeForPeople(explainProblem(p), en.caseFile))
    expect(english).toEqual([
      'timeline CSV, row 2, column date: 2025-01-40 is not a real date',
      'timeline CSV, row 2, column approximate: must be true or false, not "maybe"',
    ])
    const french = result.problems.map(p => describeForPeople(explainProblem(p), fr.caseFile))
    expect(french).toEqual([
      'CSV chronologie, ligne 2, colonne date: 2025-01-40 n’est pas une date réelle',
      'CSV chronologie, ligne 2, colonne approximate: doit être true ou false, pas « maybe »',
    ])
  })

  it('has the same message tree in English and French, with the same placeholders', () => {
    const keys = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)))
    expect(keys(fr.caseFile).sort()).toEqual(keys(en.caseFile).sort())
    expect(validateCaseFile(example()).ok).toBe(true)
  })
})
