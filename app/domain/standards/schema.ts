// A jurisdiction's practice standards are data, not code: each sets its own time standards and
// data capture points (the family journey in docs/domain.md is one jurisdiction's), and an administrator loads them from JSON.
import { z } from 'zod'
import { LocalizedText } from '../factors/schema'
import { isValidPattern } from '../nudges/fold'
import { journeyStages } from '../vocabulary'
import { parseJsonWith, type JsonProblem } from './json-problems'

const stage = z.enum(journeyStages)

/**
 * Which timeline events count as something (a visit, the case being closed...): an event counts
 * when its stage is listed or its text matches one of the patterns (case-insensitive regular
 * expressions), unless its stage is excluded. Stages are reliable, text is a fallback for
 * records whose stage was left as 'other'.
 */
export const EventMatcher = z
  .object({
    stages: z.array(stage).default([]),
    textPatterns: z.array(z.string().min(1).max(500).refine(isValidPattern, 'is not a valid regular expression')).max(50).default([]),
    excludeStages: z.array(stage).default([]),
  })
  .strict()
export type EventMatcher = z.infer<typeof EventMatcher>

const ruleId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 characters: lower-case letters, digits, "_" or "-"')

/**
 * The jurisdiction's own wording of a standard, in both languages of the interface ("Safety plan
 * with the family by the 3rd visit"); without it the rule is described from its fields.
 */
const ruleLabel = LocalizedText.optional()

/** The stage must be recorded no later than the Nth visit ("safety plan by the end of the 3rd visit"). */
export const ByVisitRule = z
  .object({
    id: ruleId,
    kind: z.literal('by_visit'),
    label: ruleLabel,
    stage,
    visit: z.number().int().min(1).max(100),
    /** Visits before the first event of this stage do not count (an earlier episode of service). */
    countFrom: stage.optional(),
  })
  .strict()
export type ByVisitRule = z.infer<typeof ByVisitRule>

/**
 * The stage must be recorded within `limitDays` of the anchor stage; past `warnDays` it is
 * beyond the target although still within the limit ("within 6-8 weeks" is 42/56).
 */
export const WithinDaysOfRule = z
  .object({
    id: ruleId,
    kind: z.literal('within_days_of'),
    label: ruleLabel,
    stage,
    anchor: stage,
    warnDays: z.number().int().min(0).max(3650),
    limitDays: z.number().int().min(0).max(3650),
  })
  .strict()
export type WithinDaysOfRule = z.infer<typeof WithinDaysOfRule>

/** Why a data point became due; each reason has its own wording (see messages.ts). */
export const triggerReasons = ['case_closed', 'support_ended', 'stage_recorded'] as const
export type TriggerReason = (typeof triggerReasons)[number]

/**
 * A data capture point: the stage must be on the timeline, always (no `when`) or once an event
 * matching `when.match` is ("case closure summary at closure").
 */
export const DataPointRule = z
  .object({
    id: ruleId,
    kind: z.literal('data_point_at'),
    label: ruleLabel,
    stage,
    when: z
      .object({ match: EventMatcher, reason: z.enum(triggerReasons) })
      .strict()
      .optional(),
  })
  .strict()
export type DataPointRule = z.infer<typeof DataPointRule>

export const StandardRule = z.discriminatedUnion('kind', [ByVisitRule, WithinDaysOfRule, DataPointRule])
export type StandardRule = z.infer<typeof StandardRule>

export const PracticeStandards = z
  .object({
    id: z.string().trim().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    version: z.string().trim().min(1).max(40).optional(),
    /**
     * How far either side an approximate date may really lie. Case records say "about mid-January"
     * or "early in the new year": two weeks covers that without swallowing whole months.
     */
    approximateToleranceDays: z.number().int().min(0).max(366).default(14),
    visits: EventMatcher,
    rules: z.array(StandardRule).max(200),
  })
  .strict()
  .superRefine((standards, ctx) => {
    const seen = new Set<string>()
    standards.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `duplicate rule id "${rule.id}"` })
      seen.add(rule.id)
      if (rule.kind === 'within_days_of') {
        if (rule.warnDays > rule.limitDays) {
          ctx.addIssue({ code: 'custom', path: ['rules', index, 'warnDays'], message: 'must not be more than limitDays' })
        }
        if (rule.anchor === rule.stage) {
          ctx.addIssue({ code: 'custom', path: ['rules', index, 'anchor'], message: 'must differ from stage' })
        }
      }
    })
  })
export type PracticeStandards = z.infer<typeof PracticeStandards>
/** What a JSON file may contain: defaults (e.g. the tolerance) may be left out. */
export type PracticeStandardsInput = z.input<typeof PracticeStandards>

export type ParseStandardsResult = { ok: true; standards: PracticeStandards } | { ok: false; problems: JsonProblem[] }

/** Validates standards loaded from JSON (text or parsed) and reports every problem at once. */
export function parsePracticeStandards(json: unknown): ParseStandardsResult {
  const result = parseJsonWith(PracticeStandards, json)
  return result.ok ? { ok: true, standards: result.value } : result
}
