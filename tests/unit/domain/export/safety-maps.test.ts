// Signs of Safety maps leave a review like every other narrative: through the one anonymiser,
// dates as days from the incident, linked events as timeline positions (ADR 0040).
import { describe, expect, it } from 'vitest'
import { buildSharedReview, renderCsvFiles, renderDocx, renderHtmlReport, sharedReviewSchema, type SharedReview } from '../../../../app/domain/export'
import type { ReviewCommand } from '../../../../app/domain/review-doc'
import { reportLabels } from '../../../../app/locales/report-labels'
import { calderCommands, calderIdentifying } from '../../../fixtures/export/calder'
import { csvRecords } from '../../../fixtures/export/csv-parse'
import { compileSharedReviewJsonSchema } from '../../../fixtures/export/json-schema'
import { documentFrom } from '../../../fixtures/export/review'
import { csvText, docxText, htmlText } from '../../../fixtures/export/text'
import { calderExportInput } from '../../../fixtures/export/shared-review'

const mapCommands: ReviewCommand[] = [
  {
    type: 'addSafetyMap',
    id: 'm-late',
    date: '2025-02-01',
    title: 'Case conference with Glen Osei',
    eventIds: ['e3', 'e1'],
    pastHarm: 'Ruby had a bruise; Tessa said Darren Pike was rough with her.',
    futureDanger: 'Worried Ruby will be shaken when Mr. Pike is alone with her at 14 Larch Crescent.',
    strengths: 'Tessa calls Priya Raman when she is worried (867-555-0143).',
    safetyGoals: 'Ruby is never left alone with Darren.',
    scaling: { worker: 3, family: 8, supervisor: 4 },
  },
  {
    type: 'addSafetyMap',
    id: 'm-early',
    date: '2024-11-06',
    eventIds: ['e2'],
    complicatingFactors: 'File CFS-2024-10377 notes Tessie is exhausted.',
    scaling: { worker: 6, family: 7, partner: 5 },
  },
]

function shared(commands: ReviewCommand[], locale: 'en' | 'fr' = 'en'): SharedReview {
  return buildSharedReview(calderExportInput({ document: documentFrom(commands).document, locale })).sharedReview
}

const wordIn = (text: string, word: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu').test(text)

describe('Signs of Safety maps in the shared review', () => {
  const withMaps = shared([...calderCommands, ...mapCommands])

  it('are part of the contract (zod and the published JSON Schema)', () => {
    expect(sharedReviewSchema.safeParse(withMaps).success).toBe(true)
    expect(compileSharedReviewJsonSchema()(JSON.parse(JSON.stringify(withMaps)))).toBe(true)
  })

  it('come in date order, dated as days from the incident, linked by timeline position, with every judgement', () => {
    const maps = withMaps.safetyMaps!
    expect(maps.map(m => m.day)).toEqual([-132, -45])
    // e1, e2, e3 are timeline positions 0, 1, 2.
    expect(maps.map(m => m.timelineIndexes)).toEqual([[1], [0, 2]])
    expect(maps.map(m => m.scaling)).toEqual([
      { worker: 6, supervisor: null, family: 7, partner: 5 },
      { worker: 3, supervisor: 4, family: 8, partner: null },
    ])
    expect(maps[0]!.title).toBeNull()
    expect(maps[1]!.existingSafety).toBe('')
  })

  it('carry no name, alias, address, phone, file number or date: people become their pseudonyms', () => {
    const json = JSON.stringify(withMaps.safetyMaps)
    expect(calderIdentifying.filter(word => wordIn(json, word))).toEqual([])
    const late = withMaps.safetyMaps![1]!
    expect(late.pastHarm).toContain('Child 1')
    expect(late.pastHarm).toContain('Mother')
    expect(late.title).not.toContain('Osei')
  })

  it('reach every report format de-identified, side by side', async () => {
    const labels = reportLabels('en')
    const csv = renderCsvFiles(withMaps, { labels })
    const rows = csvRecords(csv.find(f => f.name === 'safety-maps.csv')!.content)
    expect(rows).toHaveLength(2)
    expect(rows[1]).toMatchObject({
      map_number: '2',
      day: '-45',
      scaling_worker: '3',
      scaling_family: '8',
      scaling_partner: '',
      family_worker_gap: '5',
      event_numbers: '1; 3',
    })
    const html = renderHtmlReport(withMaps, { labels })
    const docx = await renderDocx(withMaps, { labels })
    for (const [format, text] of [
      ['csv', csv.map(f => csvText(f.content)).join('\n')],
      ['html', htmlText(html)],
      ['docx', await docxText(docx)],
    ] as const) {
      if (format !== 'csv') expect(text, format).toContain(labels.safetyMaps.section)
      expect(text, format).toContain(withMaps.safetyMaps![1]!.futureDanger)
      expect(
        calderIdentifying.filter(word => wordIn(text, word)),
        format,
      ).toEqual([])
    }
    expect(htmlText(html)).toContain(labels.safetyMaps.columns.worried)
  })

  it('use the labels of the export language', () => {
    const fr = shared([...calderCommands, ...mapCommands], 'fr')
    const html = htmlText(renderHtmlReport(fr, { labels: reportLabels('fr') }))
    expect(html).toContain('Cartes Signes de sécurité')
    expect(html).toContain('Qu’est-ce qui nous inquiète?')
    expect(html).toContain('Jour -45')
  })

  it('are left out of a review without maps, which exports exactly as before', () => {
    const without = shared(calderCommands)
    expect(without).not.toHaveProperty('safetyMaps')
    expect(renderHtmlReport(without, { labels: reportLabels('en') })).not.toContain('id="safety-maps"')
    const csv = renderCsvFiles(without, { labels: reportLabels('en') })
    expect(csvRecords(csv.find(f => f.name === 'safety-maps.csv')!.content)).toEqual([])
  })

  it('refuse a judgement outside 0-10 or an unknown party in the contract', () => {
    const map = withMaps.safetyMaps![0]!
    expect(sharedReviewSchema.safeParse({ ...withMaps, safetyMaps: [{ ...map, scaling: { ...map.scaling, family: 11 } }] }).success).toBe(false)
    expect(sharedReviewSchema.safeParse({ ...withMaps, safetyMaps: [{ ...map, scaling: { ...map.scaling, neighbour: 1 } }] }).success).toBe(false)
  })
})
