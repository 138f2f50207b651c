import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import {
  buildSharedReview,
  csvFileNames,
  escapeHtml,
  renderCsvFiles,
  renderDocx,
  renderHtmlReport,
  renderJson,
  sharedReviewSchema,
  toCsv,
  xmlSafe,
  type FactorNames,
  type ReportLabels,
  type SharedReview,
} from '../../../../app/domain/export'
import { defaultFactorFramework } from '../../../../app/domain/factors'
import { reportLabels } from '../../../../app/locales/report-labels'
import { calderIdentifying } from '../../../fixtures/export/calder'
import { csvRecords, parseCsv } from '../../../fixtures/export/csv-parse'
import { csvText, docxText, htmlText } from '../../../fixtures/export/text'
import { calderExportInput } from '../../../fixtures/export/shared-review'

const labels: ReportLabels = reportLabels('en')
const labelsFr: ReportLabels = reportLabels('fr')
const names: FactorNames = {
  item: id => defaultFactorFramework.domains.flatMap(d => d.items).find(i => i.id === id)?.label.en,
  domain: id => defaultFactorFramework.domains.find(d => d.id === id)?.label.en,
}

const shared: SharedReview = buildSharedReview(
  calderExportInput({ excerpts: [{ pseudonym: 'Caseworker 3', findingId: 'f1', excerpt: 'I had <b>31</b> families & no "time".' }] }),
).sharedReview

const wordIn = (text: string, word: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu').test(text)

/** A review whose text tries to break out of each format. */
const hostile: SharedReview = {
  ...shared,
  findings: [{ ...shared.findings[0]!, text: '</p><script>alert("x")</script>\n=cmd|" /C calc"!A0, ok\r\nnext\u0001line \uD800 end' }],
  accountExcerpts: [],
}

describe('CSV', () => {
  const files = renderCsvFiles(shared, { labels, factorNames: names })

  it('writes one RFC 4180 file per entity, readable back exactly', () => {
    expect(files.map(f => f.name)).toEqual([...csvFileNames])
    for (const file of files) expect(() => parseCsv(file.content), file.name).not.toThrow()
    const findings = csvRecords(files.find(f => f.name === 'findings.csv')!.content)
    expect(findings).toHaveLength(shared.findings.length)
    // Labels a reader understands, never the JSON format's raw codes.
    expect(findings[0]).toMatchObject({
      finding_number: '1',
      status: labels.status.agreed,
      text: shared.findings[0]!.text,
      values: `${labels.value.family_centered}; ${labels.value.workforce_informed}`,
      workforce_informed_rationale: 'Caseworker 1 explained her workload',
      systems_focused_rationale: '',
      factor_domain_ids: `${names.domain('child_family')}; ${names.domain('worker_team')}`,
    })
    // Headers are the stable contract; the values below them are labels.
    expect(files.map(f => f.content.slice(f.content.indexOf('\r\n'))).join('\n')).not.toMatch(/near_fatality|in_progress|family_centered|worker_team\.workload/)
    expect(findings[0]!.text).toContain('\n')
    const timeline = csvRecords(files.find(f => f.name === 'timeline.csv')!.content)
    expect(timeline.map(t => t.day)).toEqual(['-134', '-132', '0'])
    expect(timeline[1]).toMatchObject({ day_end: '-130', approximate: 'true', actors: 'Caseworker 1' })
    const review = csvRecords(files.find(f => f.name === 'review.csv')!.content)[0]!
    expect(review).toMatchObject({ incident_type: labels.incidentType.near_fatality, phase: labels.phase.approval })
    const recommendations = csvRecords(files.find(f => f.name === 'recommendations.csv')!.content)
    expect(recommendations[0]).toMatchObject({
      strength: labels.strength.stronger,
      status: labels.recommendationStatus.in_progress,
      due_date: '2025-09-30',
      finding_numbers: '1; 2',
    })
    expect(recommendations[0]).not.toHaveProperty('due_day')
    const excerpts = csvRecords(files.find(f => f.name === 'account-excerpts.csv')!.content)
    expect(excerpts[0]).toEqual({ excerpt_number: '1', pseudonym: 'Caseworker 3', finding_number: '1', excerpt: 'I had <b>31</b> families & no "time".' })
  })

  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
          [-42, true],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n-42,true\r\n')
    expect(toCsv(['a'], [['=1+1'], ['+1'], ['-x'], ['@SUM(A1)']])).toBe("a\r\n'=1+1\r\n'+1\r\n'-x\r\n'@SUM(A1)\r\n")
    const rec = csvRecords(renderCsvFiles(shared, { labels }).find(f => f.name === 'recommendations.csv')!.content)
    expect(rec[1]!.text).toBe(`'=1+1 training memo, "quoted"`)
    const text = renderCsvFiles(hostile, { labels }).find(f => f.name === 'findings.csv')!.content
    expect(csvRecords(text)[0]!.text!.startsWith('</p>')).toBe(true)
  })

  it('carries nothing identifying', () => {
    const all = files.map(f => csvText(f.content)).join('\n')
    expect(calderIdentifying.filter(word => wordIn(all, word))).toEqual([])
  })
})

describe('JSON', () => {
  it('is the shared format, pretty-printed', () => {
    const text = renderJson(shared)
    expect(sharedReviewSchema.parse(JSON.parse(text))).toEqual(shared)
    expect(text.endsWith('}\n')).toBe(true)
  })
})

describe('HTML report', () => {
  const html = renderHtmlReport(shared, { labels, factorNames: names })

  it('is a standalone, printable page in the reader’s language', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(html).toContain('@media print')
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/i)
    const text = htmlText(html)
    expect(text).toContain('De-identified review report')
    expect(text).toContain('Near fatality, 2025')
    expect(text).toContain('under 1 year')
    expect(text).toContain('Finding 1')
    expect(text).toContain('Workforce-informed — Caseworker 1 explained her workload')
    expect(text).toContain('Workload and caseload (worker_team.workload)')
    expect(text).toContain('3 – act now')
    expect(text).toContain('2025-09-30')
    expect(text).not.toContain('Day +196')
    expect(text).toContain('Day -132 to Day -130')
    expect(text).toContain('Caseworker 3, quoted with the author’s consent')
    const fr = htmlText(renderHtmlReport(shared, { labels: labelsFr }))
    expect(fr).toContain('Quasi-décès — année 2025')
    expect(fr).toContain('2025-09-30')
  })

  it('escapes every text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    const page = renderHtmlReport(hostile, { labels })
    expect(page).not.toContain('<script>')
    expect(page).toContain('&lt;/p&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(renderHtmlReport(shared, { labels })).toContain('I had &lt;b&gt;31&lt;/b&gt; families &amp; no &quot;time&quot;.')
  })

  it('carries nothing identifying', () => {
    expect(calderIdentifying.filter(word => wordIn(htmlText(html), word))).toEqual([])
  })
})

describe('DOCX report', () => {
  it('is a Word document with the findings, recommendations, unmet needs and factors', async () => {
    const bytes = await renderDocx(shared, { labels, factorNames: names })
    const zip = await JSZip.loadAsync(bytes)
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']))
    const text = await docxText(bytes)
    for (const expected of [
      'De-identified review report',
      'Near fatality, 2025',
      'Finding 1',
      'Family-centered',
      'Recommendations',
      'Stronger',
      'In progress',
      'Unmet needs',
      'Systemic factors',
      '3 – act now',
      'Caseworker 3, quoted with the author’s consent',
      shared.recommendations[0]!.text,
    ]) {
      expect(text, expected).toContain(expected)
    }
    expect(calderIdentifying.filter(word => wordIn(text, word))).toEqual([])
    // The recommendations are a real table with a repeated header row.
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain('<w:tblHeader/>')
  })

  it('drops characters XML cannot hold, and escapes the rest', async () => {
    expect(xmlSafe('a\u0001b\uD800c\uD83D\uDE00')).toBe('abc\uD83D\uDE00')
    const text = await docxText(await renderDocx(hostile, { labels }))
    expect(text).toContain('</p><script>alert("x")</script>')
    expect(text).toContain('nextline  end')
  })
})
