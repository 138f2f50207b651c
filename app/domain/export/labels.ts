// The words of the exported reports (HTML, DOCX, CSV has none: its headers are a contract).
// The renderers are pure, so the caller passes the labels of the reader's language
// (app/locales/export.*.ts `report`); this interface is what they must provide.
import type {
  ConsentScope,
  ContributorKind,
  CoreValue,
  FindingStatus,
  IncidentType,
  JourneyStage,
  RecommendationStatus,
  RecommendationStrength,
  ReviewPhase,
} from '../vocabulary'
import type { SafetyMapColumn, SafetyMapTextField, SafetyScalingParty } from '../review-doc/safety-map'
import type { AgeBand } from './schema'

export interface ReportLabels {
  /** BCP 47 language of these labels, for the document's lang attribute. */
  lang: string
  title: string
  /** "{{incidentType}}, {{year}}" */
  subtitle: string
  notice: string
  facts: {
    jurisdiction: string
    sharedId: string
    incidentType: string
    incidentYear: string
    childAgeBand: string
    phase: string
    framework: string
  }
  sections: {
    findings: string
    recommendations: string
    unmetNeeds: string
    factors: string
    timeline: string
  }
  /** "Finding {{number}}" */
  finding: string
  findingStatus: string
  values: string
  factorsOfFinding: string
  /** "{{pseudonym}}, quoted with the author’s consent" */
  quoted: string
  columns: {
    number: string
    recommendation: string
    strength: string
    status: string
    measure: string
    due: string
    findings: string
    need: string
    received: string
    gap: string
    stages: string
    domain: string
    factor: string
    rating: string
    rationale: string
    day: string
    stage: string
    source: string
    actors: string
    text: string
  }
  /** "Day {{day}}" */
  day: string
  /** "Day {{from}} to Day {{to}}" */
  dayRange: string
  approximate: string
  keyPracticeEpisode: string
  fromStandardsCheck: string
  unknown: string
  none: string
  empty: string
  incidentType: Record<IncidentType, string>
  phase: Record<ReviewPhase, string>
  strength: Record<RecommendationStrength, string>
  recommendationStatus: Record<RecommendationStatus, string>
  status: Record<FindingStatus, string>
  value: Record<CoreValue, string>
  stage: Record<JourneyStage, string>
  /** Family and community voice (ADR 0038), shown only when consent let some leave the review. */
  familyVoice: {
    section: string
    intro: string
    contributor: Record<ContributorKind, string>
    consent: Record<Exclude<ConsentScope, 'review_only'>, string>
    needed: string
    helped: string
    notHelped: string
    shouldChange: string
    /** "Cited for unmet needs {{needs}}" */
    unmetNeeds: string
    /** "Cited for findings {{findings}}" */
    findings: string
  }
  /** Keyed by the rating as a string: "0" none ... "3" act now. */
  rating: Record<'0' | '1' | '2' | '3', string>
  ageBand: Record<AgeBand, string>
  /** Signs of Safety maps (ADR 0040). */
  safetyMaps: {
    section: string
    intro: string
    /** "Map {{number}}" */
    map: string
    part: string
    dangerStatements: string
    scaling: string
    notGiven: string
    events: string
    /** "Event {{number}}" */
    event: string
    gap: string
    columns: Record<SafetyMapColumn, string>
    fields: Record<SafetyMapTextField, string>
    parties: Record<SafetyScalingParty, string>
  }
}

/** Non-identifying names of factor items and domains from the jurisdiction's framework. */
export interface FactorNames {
  item(id: string): string | undefined
  domain(id: string): string | undefined
}

export const noFactorNames: FactorNames = { item: () => undefined, domain: () => undefined }

/** "{{name}}" interpolation, the same syntax as the interface's i18n strings. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole))
}
