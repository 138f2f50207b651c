// CSV (RFC 4180) from a SharedReview: one file per entity, for spreadsheets and statistics
// tools. Headers are stable snake_case names (a contract, not translated; docs/export/README.md);
// the values are what a reader understands: labels in the export's language ("Near fatality",
// "Stronger", the factor's name), never the raw codes of the JSON format, which is the file for
// machines. Rows are numbered from 1 as people count them; lists inside a cell are separated by "; ".
import { familyWorkerGap, safetyMapTextFields, safetyScalingParties } from '../review-doc/safety-map'
import { coreValues } from '../vocabulary'
import { noFactorNames, type FactorNames, type ReportLabels } from './labels'
import type { SharedReview } from './schema'

export interface ExportFile {
  name: string
  contentType: string
  content: string
}

export const csvFileNames = [
  'review.csv',
  'timeline.csv',
  'unmet-needs.csv',
  'factor-ratings.csv',
  'findings.csv',
  'recommendations.csv',
  'account-excerpts.csv',
  'safety-maps.csv',
] as const

/** Written only when some family or community voice may leave the review (ADR 0038). */
export const familyVoiceCsvFileName = 'family-voice.csv'

type Cell = string | number | boolean | null

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection), so
// text cells starting with one get a leading apostrophe, as OWASP recommends. Numbers are
// written as numbers and never touched ("-42" stays a number).
const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** RFC 4180: CRLF after every record, fields quoted when they hold a comma, quote or line break. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return [header, ...rows].map(row => row.map(cell).join(',') + '\r\n').join('')
}

const snake = (name: string): string => name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)

const list = (items: readonly (string | number)[]): string => items.join('; ')

export interface CsvOptions {
  labels: ReportLabels
  factorNames?: FactorNames
}

export function renderCsvFiles(shared: SharedReview, options: CsvOptions): ExportFile[] {
  const { labels } = options
  const names = options.factorNames ?? noFactorNames
  const item = (id: string) => names.item(id) ?? id
  const domain = (id: string) => names.domain(id) ?? id
  const file = (
    name: (typeof csvFileNames)[number] | typeof familyVoiceCsvFileName,
    header: readonly string[],
    rows: ReadonlyArray<readonly Cell[]>,
  ): ExportFile => ({
    name,
    contentType: 'text/csv; charset=utf-8',
    content: toCsv(header, rows),
  })
  const findingNumbers = (indexes: readonly number[]) => list(indexes.map(i => i + 1))
  return [
    file(
      'review.csv',
      ['format', 'shared_id', 'jurisdiction', 'incident_year', 'incident_type', 'child_age_band', 'phase', 'factor_framework_id', 'factor_framework_version'],
      [
        [
          shared.format,
          shared.sharedId,
          shared.jurisdiction,
          shared.review.incidentYear,
          labels.incidentType[shared.review.incidentType],
          shared.review.childAgeBand === null ? null : labels.ageBand[shared.review.childAgeBand],
          labels.phase[shared.review.phase],
          shared.factorFramework.id,
          shared.factorFramework.version,
        ],
      ],
    ),
    file(
      'timeline.csv',
      ['event_number', 'day', 'day_end', 'approximate', 'stage', 'source', 'key_practice_episode', 'actors', 'text'],
      shared.timeline.map((e, i) => [
        i + 1,
        e.day,
        e.dayEnd,
        e.approximate,
        e.stage === null ? null : labels.stage[e.stage],
        e.source,
        e.keyPracticeEpisode,
        list(e.actors),
        e.text,
      ]),
    ),
    file(
      'unmet-needs.csv',
      ['unmet_need_number', 'need', 'received', 'gap', 'stages', 'factor_item_ids', 'from_standards_check'],
      shared.unmetNeeds.map((n, i) => [
        i + 1,
        n.need,
        n.received,
        n.gap,
        list(n.stages.map(s => labels.stage[s])),
        list(n.factorItemIds.map(item)),
        n.fromStandardsCheck,
      ]),
    ),
    file(
      'factor-ratings.csv',
      ['factor_item_id', 'domain_id', 'rating', 'rationale'],
      shared.factorRatings.map(r => [
        item(r.factorItemId),
        r.domainId === null ? null : domain(r.domainId),
        labels.rating[String(r.rating) as '0' | '1' | '2' | '3'],
        r.rationale,
      ]),
    ),
    file(
      'findings.csv',
      ['finding_number', 'status', 'text', 'values', ...coreValues.map(v => `${v}_rationale`), 'factor_item_ids', 'factor_domain_ids'],
      shared.findings.map((f, i) => [
        i + 1,
        labels.status[f.status],
        f.text,
        list(f.values.map(v => labels.value[v.value])),
        ...coreValues.map(value => f.values.find(v => v.value === value)?.rationale ?? null),
        list(f.factorItemIds.map(item)),
        list(f.factorDomainIds.map(domain)),
      ]),
    ),
    file(
      'recommendations.csv',
      ['recommendation_number', 'text', 'strength', 'status', 'measure', 'due_date', 'finding_numbers'],
      shared.recommendations.map((r, i) => [
        i + 1,
        r.text,
        labels.strength[r.strength],
        labels.recommendationStatus[r.status],
        r.measure,
        r.dueDate,
        findingNumbers(r.findingIndexes),
      ]),
    ),
    file(
      'account-excerpts.csv',
      ['excerpt_number', 'pseudonym', 'finding_number', 'excerpt'],
      shared.accountExcerpts.map((x, i) => [i + 1, x.pseudonym, x.findingIndex === null ? null : x.findingIndex + 1, x.excerpt]),
    ),
    // Always written (headers only when the review has no map), so a folder of exports has the same files.
    file(
      'safety-maps.csv',
      ['map_number', 'day', 'title', ...safetyMapTextFields.map(snake), ...safetyScalingParties.map(p => `scaling_${p}`), 'family_worker_gap', 'event_numbers'],
      (shared.safetyMaps ?? []).map((m, i) => [
        i + 1,
        m.day,
        m.title,
        ...safetyMapTextFields.map(f => m[f]),
        ...safetyScalingParties.map(p => m.scaling[p]),
        familyWorkerGap(m.scaling),
        list(m.timelineIndexes.map(n => n + 1)),
      ]),
    ),
    ...(shared.familyVoice?.length
      ? [
          file(
            familyVoiceCsvFileName,
            ['contribution_number', 'contributor', 'consent_scope', 'needed', 'helped', 'not_helped', 'should_change', 'unmet_need_numbers', 'finding_numbers'],
            shared.familyVoice.map((v, i) => [
              i + 1,
              labels.familyVoice.contributor[v.contributor],
              labels.familyVoice.consent[v.consentScope],
              v.needed,
              v.helped,
              v.notHelped,
              v.shouldChange,
              findingNumbers(v.unmetNeedIndexes),
              findingNumbers(v.findingIndexes),
            ]),
          ),
        ]
      : []),
  ]
}

/** The shared format itself, as published (docs/export/shared-review.schema.json). */
export function renderJson(shared: SharedReview): string {
  return `${JSON.stringify(shared, null, 2)}\n`
}
