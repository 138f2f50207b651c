// A Word report of a SharedReview that a QI lead can hand to leadership: the incident in one
// line, the findings with their values, a table of recommendations with strength and status,
// the unmet needs, the rated factors and the de-identified timeline. Built with the `docx`
// library from the de-identified SharedReview only.
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { familyWorkerGap, safetyMapColumns, safetyScalingParties } from '../review-doc/safety-map'
import { coreValues } from '../vocabulary'
import { dayLabel, factorLabel } from './html'
import { fill, noFactorNames, type ReportLabels } from './labels'
import type { ReportOptions } from './html'
import type { SharedReview } from './schema'

// Characters XML 1.0 cannot hold (control characters, unpaired surrogates): Word refuses a
// document that contains one, so they are dropped.
// eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function xmlSafe(text: string): string {
  return text.replace(XML_UNSAFE, '')
}

/** One run per line, joined by line breaks, so multi-line text keeps its shape. */
function runs(text: string, style: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return xmlSafe(text)
    .split('\n')
    .map((line, index) => new TextRun({ text: line, ...style, ...(index > 0 ? { break: 1 } : {}) }))
}

/** Paragraphs from the non-empty lines of a text. */
function paragraphs(text: string, options: { italics?: boolean; indent?: boolean } = {}): Paragraph[] {
  return xmlSafe(text)
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(
      line =>
        new Paragraph({ children: [new TextRun({ text: line, italics: options.italics ?? false })], ...(options.indent ? { indent: { left: 567 } } : {}) }),
    )
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, children: runs(text) })
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: xmlSafe(`${label}: `), bold: true }), ...runs(value)] })
}

function table(head: string[], rows: string[][], widths: number[]): Table {
  const cell = (text: string, header: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EDF3' } } : {}),
      children: [new Paragraph({ children: runs(text, { bold: header }) })],
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, true, widths[i] ?? 10)) }),
      ...rows.map(row => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, false, widths[i] ?? 10)) })),
    ],
  })
}

function buildDocument(shared: SharedReview, labels: ReportLabels, options: ReportOptions): Document {
  const names = options.factorNames ?? noFactorNames
  const c = labels.columns
  const subtitle = fill(labels.subtitle, { incidentType: labels.incidentType[shared.review.incidentType], year: shared.review.incidentYear })
  const empty = () => new Paragraph({ children: runs(labels.empty, { italics: true }) })

  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(labels.title) }),
    new Paragraph({ children: runs(subtitle, { bold: true }) }),
    new Paragraph({ children: runs(labels.notice, { italics: true }) }),
    labelled(labels.facts.incidentType, labels.incidentType[shared.review.incidentType]),
    labelled(labels.facts.incidentYear, String(shared.review.incidentYear)),
    labelled(labels.facts.childAgeBand, shared.review.childAgeBand === null ? labels.unknown : labels.ageBand[shared.review.childAgeBand]),
    labelled(labels.facts.phase, labels.phase[shared.review.phase]),
    labelled(labels.facts.jurisdiction, shared.jurisdiction),
    labelled(
      labels.facts.framework,
      shared.factorFramework.version ? `${shared.factorFramework.id} ${shared.factorFramework.version}` : shared.factorFramework.id,
    ),
    labelled(labels.facts.sharedId, shared.sharedId),
  ]

  children.push(heading(labels.sections.findings, HeadingLevel.HEADING_1))
  if (shared.findings.length === 0) children.push(empty())
  shared.findings.forEach((finding, index) => {
    children.push(heading(fill(labels.finding, { number: index + 1 }), HeadingLevel.HEADING_2))
    children.push(labelled(labels.findingStatus, labels.status[finding.status]))
    children.push(...paragraphs(finding.text))
    if (finding.values.length) {
      children.push(new Paragraph({ children: runs(`${labels.values}:`, { bold: true }) }))
      for (const value of coreValues) {
        const tag = finding.values.find(v => v.value === value)
        if (!tag) continue
        children.push(
          new Paragraph({
            bullet: { level: 0 },
            children: [new TextRun({ text: xmlSafe(labels.value[tag.value]), bold: true }), ...(tag.rationale ? runs(` — ${tag.rationale}`) : [])],
          }),
        )
      }
    }
    if (finding.factorItemIds.length) children.push(labelled(labels.factorsOfFinding, finding.factorItemIds.map(id => factorLabel(names, id)).join('; ')))
    for (const quote of shared.accountExcerpts.filter(x => x.findingIndex === index)) {
      children.push(...paragraphs(quote.excerpt, { italics: true, indent: true }))
      children.push(new Paragraph({ indent: { left: 567 }, children: runs(fill(labels.quoted, { pseudonym: quote.pseudonym })) }))
    }
  })
  for (const quote of shared.accountExcerpts.filter(x => x.findingIndex === null)) {
    children.push(...paragraphs(quote.excerpt, { italics: true, indent: true }))
    children.push(new Paragraph({ indent: { left: 567 }, children: runs(fill(labels.quoted, { pseudonym: quote.pseudonym })) }))
  }

  children.push(heading(labels.sections.recommendations, HeadingLevel.HEADING_1))
  children.push(
    shared.recommendations.length
      ? table(
          [c.number, c.recommendation, c.strength, c.status, c.measure, c.due, c.findings],
          shared.recommendations.map((r, i) => [
            String(i + 1),
            r.text,
            labels.strength[r.strength],
            labels.recommendationStatus[r.status],
            r.measure ?? labels.none,
            r.dueDate ?? labels.none,
            r.findingIndexes.length ? r.findingIndexes.map(n => n + 1).join(', ') : labels.none,
          ]),
          [5, 35, 11, 11, 20, 9, 9],
        )
      : empty(),
  )

  children.push(heading(labels.sections.unmetNeeds, HeadingLevel.HEADING_1))
  children.push(
    shared.unmetNeeds.length
      ? table(
          [c.number, c.need, c.received, c.gap, c.stages],
          shared.unmetNeeds.map((n, i) => [
            String(i + 1),
            n.fromStandardsCheck ? `${n.need}\n(${labels.fromStandardsCheck})` : n.need,
            n.received,
            n.gap,
            n.stages.map(s => labels.stage[s]).join('; '),
          ]),
          [5, 27, 24, 24, 20],
        )
      : empty(),
  )

  if (shared.familyVoice?.length) {
    const fv = labels.familyVoice
    children.push(heading(fv.section, HeadingLevel.HEADING_1))
    children.push(new Paragraph({ children: runs(fv.intro, { italics: true }) }))
    for (const voice of shared.familyVoice) {
      children.push(heading(fv.contributor[voice.contributor], HeadingLevel.HEADING_2))
      children.push(new Paragraph({ children: runs(fv.consent[voice.consentScope], { italics: true }) }))
      for (const [term, text] of [
        [fv.needed, voice.needed],
        [fv.helped, voice.helped],
        [fv.notHelped, voice.notHelped],
        [fv.shouldChange, voice.shouldChange],
      ] as const) {
        if (text.trim() === '') continue
        children.push(new Paragraph({ children: runs(term, { bold: true }) }))
        children.push(...paragraphs(text, { indent: true }))
      }
      if (voice.unmetNeedIndexes.length)
        children.push(new Paragraph({ children: runs(fill(fv.unmetNeeds, { needs: voice.unmetNeedIndexes.map(n => n + 1).join(', ') })) }))
      if (voice.findingIndexes.length)
        children.push(new Paragraph({ children: runs(fill(fv.findings, { findings: voice.findingIndexes.map(n => n + 1).join(', ') })) }))
    }
  }

  children.push(heading(labels.sections.factors, HeadingLevel.HEADING_1))
  children.push(
    shared.factorRatings.length
      ? table(
          [c.domain, c.factor, c.rating, c.rationale],
          shared.factorRatings.map(r => [
            r.domainId === null ? labels.unknown : (names.domain(r.domainId) ?? r.domainId),
            factorLabel(names, r.factorItemId),
            labels.rating[String(r.rating) as '0' | '1' | '2' | '3'],
            r.rationale,
          ]),
          [18, 27, 15, 40],
        )
      : empty(),
  )

  children.push(heading(labels.sections.timeline, HeadingLevel.HEADING_1))
  children.push(
    shared.timeline.length
      ? table(
          [c.day, c.stage, c.source, c.actors, c.text],
          shared.timeline.map(t => [
            [dayLabel(labels, t.day, t.dayEnd), t.approximate ? `(${labels.approximate})` : '', t.keyPracticeEpisode ? labels.keyPracticeEpisode : '']
              .filter(Boolean)
              .join('\n'),
            t.stage === null ? '' : labels.stage[t.stage],
            t.source ?? '',
            t.actors.join(', '),
            t.text,
          ]),
          [12, 14, 14, 15, 45],
        )
      : empty(),
  )

  // Maps side by side, one column each (ADR 0040); only when the review has maps.
  const maps = shared.safetyMaps ?? []
  if (maps.length > 0) {
    const sm = labels.safetyMaps
    children.push(heading(sm.section, HeadingLevel.HEADING_1))
    children.push(new Paragraph({ children: runs(sm.intro) }))
    const rows: string[][] = []
    for (const group of safetyMapColumns) {
      for (const field of group.fields) rows.push([`${sm.columns[group.column]}: ${sm.fields[field]}`, ...maps.map(m => m[field])])
    }
    rows.push([sm.fields.dangerStatements, ...maps.map(m => m.dangerStatements)])
    for (const party of safetyScalingParties)
      rows.push([`${sm.scaling}: ${sm.parties[party]}`, ...maps.map(m => (m.scaling[party] === null ? sm.notGiven : String(m.scaling[party])))])
    rows.push([sm.gap, ...maps.map(m => String(familyWorkerGap(m.scaling) ?? ''))])
    rows.push([sm.events, ...maps.map(m => m.timelineIndexes.map(n => fill(sm.event, { number: n + 1 })).join(', '))])
    const width = Math.floor(80 / maps.length)
    children.push(
      table([sm.part, ...maps.map((m, i) => [fill(sm.map, { number: i + 1 }), dayLabel(labels, m.day), m.title ?? ''].filter(Boolean).join('\n'))], rows, [
        20,
        ...maps.map(() => width),
      ]),
    )
  }

  return new Document({
    creator: 'SCIR Workspace',
    title: xmlSafe(`${labels.title} — ${subtitle}`),
    description: xmlSafe(labels.notice),
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: xmlSafe(`${labels.title} · ${shared.jurisdiction} · `) }), new TextRun({ children: [PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
}

export async function renderDocx(shared: SharedReview, options: ReportOptions): Promise<Uint8Array> {
  return Packer.pack(buildDocument(shared, options.labels, options), 'uint8array')
}
