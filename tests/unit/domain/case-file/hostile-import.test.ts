// Issue 10, point 5: a small file with a huge number of empty entries is refused with one
// problem, quickly, and no file makes the problem list unbounded.
import { describe, expect, it } from 'vitest'
import { caseFileFromCsv, MAX_PROBLEMS_REPORTED, validateCaseFileJson } from '~/domain/case-file'

const review = { title: 'Synthetic review', incidentType: 'death', incidentDate: '2024-03-01' }

describe('case-file import under hostile input', () => {
  it('refuses 300,000 empty timeline entries (0.9 MB) with one problem, without validating each', () => {
    const text = JSON.stringify({ format: 'scir-case-file/1', review, people: [], timeline: Array.from({ length: 300_000 }, () => ({})) })
    expect(text.length).toBeLessThan(1024 * 1024)
    const started = process.cpuUsage()
    const result = validateCaseFileJson(text)
    const cpuMs = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1000
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual([expect.objectContaining({ path: '/timeline', message: expect.stringContaining('at most 20000 items') })])
    // Before: 14 s of validation and a 75 MB list of problems.
    expect(cpuMs).toBeLessThan(5000)
  })

  it('lists the first problems and counts the rest', () => {
    const timeline = Array.from({ length: 5000 }, () => ({ date: 'not a date', text: '' }))
    const result = validateCaseFileJson(JSON.stringify({ format: 'scir-case-file/1', review, people: [], timeline }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toHaveLength(MAX_PROBLEMS_REPORTED + 1)
    expect(result.problems.at(-1)!.message).toMatch(/^and \d+ more problems/)
  })

  it('caps the problems of CSV files too', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `not-a-date,maybe,,,,row ${i}`).join('\n')
    const result = caseFileFromCsv({
      review,
      peopleCsv: 'key,name,aliases,role,pseudonym,birthDate\n',
      timelineCsv: `date,approximate,stage,source,actors,text\n${rows}\n`,
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS_REPORTED + 1)
  })
})

describe('case-file import: many broken entries within the limit', () => {
  it('answers 20,000 empty timeline entries from a cheap pass, listing 100', () => {
    const text = JSON.stringify({ format: 'scir-case-file/1', review, people: [], timeline: Array.from({ length: 20_000 }, () => ({})) })
    const started = process.cpuUsage()
    const result = validateCaseFileJson(text)
    const used = process.cpuUsage(started)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toHaveLength(MAX_PROBLEMS_REPORTED + 1)
    expect(result.problems[0]).toEqual({ path: '/timeline/0', message: 'must be an entry with a date and a text' })
    expect(result.problems.at(-1)!.message).toMatch(/^and 19900 more timeline entries/)
    // Full validation took 0.5-1 s of CPU for this file; the cheap pass a few milliseconds.
    expect((used.user + used.system) / 1000).toBeLessThan(300)
  })
})
