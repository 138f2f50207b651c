// The tracker for a leadership meeting: CSV (through the export's CSV writer, so a cell that a
// spreadsheet would run as a formula is neutralised - ADR 0023) and a Word table. Only what the
// tracker page shows to the person downloading it.
import { Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { toCsv } from '../export/csv'
import { xmlSafe } from '../export/docx'
import type { RecommendationStrength } from '../vocabulary'
import type { FollowUpState } from './index'

export type ReportRow = {
  reviewTitle: string
  text: string
  strength: RecommendationStrength
  owner: string | null
  dueDate: string | null
  measure: string | null
  state: FollowUpState
  overdue: boolean
  awaitingEvaluation: boolean
  evaluateOn: string | null
  lastNote: string | null
}

/** Stable snake_case headers and codes (a contract for spreadsheets, not translated). */
export const TRACKER_CSV_HEADER = [
  'review',
  'recommendation',
  'strength',
  'owner',
  'due_date',
  'measure',
  'status',
  'overdue',
  'awaiting_evaluation',
  'evaluate_on',
  'latest_note',
] as const

export function trackerCsv(rows: readonly ReportRow[]): string {
  return toCsv(
    TRACKER_CSV_HEADER,
    rows.map(r => [r.reviewTitle, r.text, r.strength, r.owner, r.dueDate, r.measure, r.state, r.overdue, r.awaitingEvaluation, r.evaluateOn, r.lastNote]),
  )
}

export type TrackerReportLabels = {
  title: string
  generated: string
  columns: { review: string; recommendation: string; strength: string; owner: string; due: string; status: string; note: string }
  strength: Record<RecommendationStrength, string>
  state: Record<FollowUpState, string>
  overdue: string
  awaitingEvaluation: string
  none: string
}

function cell(text: string, header: boolean, width: number) {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EDF3' } } : {}),
    children: xmlSafe(text)
      .split('\n')
      .map(line => new Paragraph({ children: [new TextRun({ text: line, bold: header })] })),
  })
}

export async function trackerDocx(rows: readonly ReportRow[], labels: TrackerReportLabels): Promise<Uint8Array> {
  const c = labels.columns
  const widths = [14, 30, 10, 12, 10, 12, 12]
  const head = [c.review, c.recommendation, c.strength, c.owner, c.due, c.status, c.note]
  const body = rows.map(r => [
    r.reviewTitle,
    r.text,
    labels.strength[r.strength],
    r.owner ?? labels.none,
    `${r.dueDate ?? labels.none}${r.overdue ? ` (${labels.overdue})` : ''}`,
    `${labels.state[r.state]}${r.awaitingEvaluation ? ` (${labels.awaitingEvaluation})` : ''}`,
    r.lastNote ?? labels.none,
  ])
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlSafe(labels.title))] }),
          new Paragraph({ children: [new TextRun({ text: xmlSafe(labels.generated), italics: true })] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, true, widths[i]!)) }),
              ...body.map(row => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, false, widths[i]!)) })),
            ],
          }),
        ],
      },
    ],
  })
  return Packer.pack(document, 'uint8array')
}
