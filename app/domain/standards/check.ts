// Checks a review timeline against a jurisdiction's practice standards. A missed time standard or
// a missing data point is a candidate unmet need (docs/domain.md), never a verdict on a worker: the
// flags say what the record shows and leave the why to the panel.
//
// How the timeline is read:
// - The review timeline ends at the incident (options.incidentDate, else the first 'incident'
//   event). Events written as after it are left out: a safety plan made after the child was hurt
//   did not meet the standard. An untimed event on the incident day counts as before it.
// - Without any incident date, the timeline ends at its last recorded event.
// - A stage recorded more than once counts from its first record.
// - Events may arrive in any order; they are sorted chronologically first.
// - Ranges and approximate dates are uncertainty (see timeline.ts): a check that is certain says
//   'missed'; one that depends on where the true date lies says 'possibly_missed'.
// - Elapsed time is counted in calendar days; times of day only matter for the incident cut-off.
// - Events whose date is not a real date are not placed in time: a rule that needs them says
//   'cannot_assess' rather than guessing.
// - One episode of service per timeline: re-referrals after a closed case are not split out.
import type { JourneyStage } from '../vocabulary'
import { parseTimelineDate, type CalendarMoment } from '../workflow/calendar'
import { renderEnglish, type Message, type StandardsMessageKey } from './messages'
import type { ByVisitRule, DataPointRule, PracticeStandards, StandardRule, WithinDaysOfRule } from './schema'
import { chronological, compileMatcher, isAfter, toDatedEvent, type DatedEvent, type EventTest, type TimelineEventInput } from './timeline'

export const flagKinds = ['missed_time_standard', 'missing_data_point', 'cannot_assess'] as const
export type FlagKind = (typeof flagKinds)[number]

/**
 * 'missed': certainly outside the standard. 'possibly_missed': outside it for some of the dates
 * the record allows. 'beyond_target': past the target but within the limit (the 6 of "6-8
 * weeks"). 'info': a rule that could not be checked.
 */
export const flagSeverities = ['missed', 'possibly_missed', 'beyond_target', 'info'] as const
export type FlagSeverity = (typeof flagSeverities)[number]

export interface StandardFlag {
  /** Stable across runs: the rule id and the events the flag is about. */
  id: string
  ruleId: string
  ruleKind: StandardRule['kind']
  kind: FlagKind
  severity: FlagSeverity
  /** The stage the standard is about (e.g. 'safety_plan'). */
  stage: JourneyStage
  eventIds: string[]
  /** What the timeline shows, for translation. */
  message: Message
  /** The standard it was checked against, for translation. */
  standard: Message
  /** Plain English: "safety plan recorded at visit 4, standard: by visit 3". */
  explanation: string
}

export interface CheckOptions {
  /** The incident date of the review (YYYY-MM-DD or YYYY-MM-DDTHH:mm); ends the timeline. */
  incidentDate?: string
}

interface TimelineEnd {
  day: number
  source: 'incident' | 'last_event'
}

interface Context {
  /** Events before the end of the timeline, in chronological order, without the incident itself. */
  events: DatedEvent[]
  /** Stages that have an event whose date could not be read. */
  undatedStages: Set<JourneyStage>
  end: TimelineEnd | null
  isVisit: EventTest
  first: (stage: JourneyStage) => DatedEvent | undefined
}

function buildContext(events: readonly TimelineEventInput[], standards: PracticeStandards, options: CheckOptions): Context {
  const dated: DatedEvent[] = []
  const undatedStages = new Set<JourneyStage>()
  events.forEach((event, order) => {
    const result = toDatedEvent(event, order, standards.approximateToleranceDays)
    if (result) dated.push(result)
    else undatedStages.add(event.stage)
  })
  dated.sort(chronological)

  let incident: CalendarMoment | null = options.incidentDate ? parseTimelineDate(options.incidentDate) : null
  if (!incident) incident = dated.find(e => e.event.stage === 'incident')?.written ?? null

  const kept = dated.filter(e => e.event.stage !== 'incident' && !(incident && isAfter(e.written, incident)))
  const lastDay = kept.reduce<number | null>((last, e) => (last === null || e.written.day > last ? e.written.day : last), null)
  const end: TimelineEnd | null = incident ? { day: incident.day, source: 'incident' } : lastDay !== null ? { day: lastDay, source: 'last_event' } : null

  const firsts = new Map<JourneyStage, DatedEvent>()
  for (const e of kept) if (!firsts.has(e.event.stage)) firsts.set(e.event.stage, e)

  return {
    events: kept,
    undatedStages,
    end,
    isVisit: compileMatcher(standards.visits),
    first: stage => firsts.get(stage),
  }
}

function makeFlag(rule: StandardRule, kind: FlagKind, severity: FlagSeverity, eventIds: string[], message: Message, standard: Message): StandardFlag {
  return {
    id: `${rule.id}:${eventIds.length > 0 ? eventIds.join('+') : '-'}`,
    ruleId: rule.id,
    ruleKind: rule.kind,
    kind,
    severity,
    stage: rule.stage,
    eventIds,
    message,
    standard,
    explanation: `${renderEnglish(message)}, standard: ${renderEnglish(standard)}`,
  }
}

function undatedFlag(rule: StandardRule, stage: JourneyStage, standard: Message): StandardFlag {
  return makeFlag(rule, 'cannot_assess', 'info', [], { key: 'standards.undated', params: { stage } }, standard)
}

/** Same span of days: several records of one day are one visit. */
function dayKey(e: DatedEvent): string {
  return `${e.earliest}/${e.latest}`
}

function checkByVisit(rule: ByVisitRule, ctx: Context): StandardFlag | null {
  const standard: Message = { key: 'standards.rule.byVisit', params: { visit: rule.visit } }
  const from = rule.countFrom ? ctx.first(rule.countFrom) : undefined
  const visits: DatedEvent[] = []
  const seen = new Set<string>()
  for (const e of ctx.events) {
    if (!ctx.isVisit(e) || (from && e.written.day < from.written.day) || seen.has(dayKey(e))) continue
    seen.add(dayKey(e))
    visits.push(e)
  }

  const target = ctx.first(rule.stage)
  if (!target) {
    if (ctx.undatedStages.has(rule.stage)) return undatedFlag(rule, rule.stage, standard)
    const due = visits[rule.visit - 1]
    if (!due) return null // fewer visits than the standard allows: not due yet
    const message: Message = { key: 'standards.byVisit.notRecorded', params: { stage: rule.stage, visits: visits.length } }
    return makeFlag(rule, 'missed_time_standard', 'missed', [due.event.id], message, standard)
  }

  // The stage's own record is a visit when it matches (a safety plan made with the family at
  // home), or when a visit was recorded on the same day(s).
  const own = dayKey(target)
  const self = ctx.isVisit(target) || seen.has(own) ? 1 : 0
  const others = visits.filter(v => dayKey(v) !== own)
  const visitMin = self + others.filter(v => v.latest <= target.earliest).length
  const visitMax = self + others.filter(v => v.earliest <= target.latest).length
  if (visitMax <= rule.visit) return null
  const message: Message =
    visitMin === visitMax
      ? { key: 'standards.byVisit.recordedAt', params: { stage: rule.stage, visit: visitMin } }
      : { key: 'standards.byVisit.recordedBetween', params: { stage: rule.stage, visitMin, visitMax } }
  const severity: FlagSeverity = visitMin > rule.visit ? 'missed' : 'possibly_missed'
  return makeFlag(rule, 'missed_time_standard', severity, [target.event.id], message, standard)
}

function classifyDays(min: number, max: number, rule: WithinDaysOfRule): FlagSeverity | null {
  if (min > rule.limitDays) return 'missed'
  if (max > rule.limitDays) return 'possibly_missed'
  if (min > rule.warnDays) return 'beyond_target'
  return null
}

function daysMessage(exactKey: StandardsMessageKey, rangeKey: StandardsMessageKey, rule: WithinDaysOfRule, min: number, max: number): Message {
  const base = { stage: rule.stage, anchor: rule.anchor }
  return min === max ? { key: exactKey, params: { ...base, days: min } } : { key: rangeKey, params: { ...base, daysMin: min, daysMax: max } }
}

function checkWithinDays(rule: WithinDaysOfRule, ctx: Context): StandardFlag | null {
  const standard: Message =
    rule.warnDays === rule.limitDays
      ? { key: 'standards.rule.withinDays', params: { limitDays: rule.limitDays, anchor: rule.anchor } }
      : { key: 'standards.rule.withinDaysRange', params: { warnDays: rule.warnDays, limitDays: rule.limitDays, anchor: rule.anchor } }
  const anchor = ctx.first(rule.anchor)
  const target = ctx.first(rule.stage)

  if (!anchor) {
    if (ctx.undatedStages.has(rule.anchor)) return undatedFlag(rule, rule.anchor, standard)
    const message: Message = { key: 'standards.withinDays.noAnchor', params: { stage: rule.stage, anchor: rule.anchor } }
    return makeFlag(rule, 'cannot_assess', 'info', target ? [target.event.id] : [], message, standard)
  }

  if (target) {
    const min = target.earliest - anchor.latest
    const max = target.latest - anchor.earliest
    const severity = classifyDays(min, max, rule)
    if (!severity) return null
    const message = daysMessage('standards.withinDays.recordedAfter', 'standards.withinDays.recordedAfterBetween', rule, min, max)
    return makeFlag(rule, 'missed_time_standard', severity, [anchor.event.id, target.event.id], message, standard)
  }

  if (ctx.undatedStages.has(rule.stage)) return undatedFlag(rule, rule.stage, standard)
  if (!ctx.end) return null
  // Never recorded: how long had the family waited by the end of the timeline?
  const min = ctx.end.day - anchor.latest
  const max = ctx.end.day - anchor.earliest
  const severity = classifyDays(min, max, rule)
  if (!severity) return null
  const message =
    ctx.end.source === 'incident'
      ? daysMessage('standards.withinDays.notRecordedByIncident', 'standards.withinDays.notRecordedByIncidentBetween', rule, min, max)
      : daysMessage('standards.withinDays.notRecordedByLastEvent', 'standards.withinDays.notRecordedByLastEventBetween', rule, min, max)
  return makeFlag(rule, 'missed_time_standard', severity, [anchor.event.id], message, standard)
}

const triggerWording: Record<NonNullable<DataPointRule['when']>['reason'], { missing: StandardsMessageKey; standard: StandardsMessageKey }> = {
  case_closed: { missing: 'standards.dataPoint.missingCaseClosed', standard: 'standards.rule.dataPointCaseClosed' },
  support_ended: { missing: 'standards.dataPoint.missingSupportEnded', standard: 'standards.rule.dataPointSupportEnded' },
  stage_recorded: { missing: 'standards.dataPoint.missingAfterStage', standard: 'standards.rule.dataPointAfterStage' },
}

function checkDataPoint(rule: DataPointRule, ctx: Context): StandardFlag | null {
  // A record with an unreadable date still shows that the data was captured.
  if (ctx.first(rule.stage) || ctx.undatedStages.has(rule.stage)) return null
  if (!rule.when) {
    const standard: Message = { key: 'standards.rule.dataPoint', params: { stage: rule.stage } }
    return makeFlag(rule, 'missing_data_point', 'missed', [], { key: 'standards.dataPoint.missing', params: { stage: rule.stage } }, standard)
  }
  const matches = compileMatcher(rule.when.match)
  const trigger = ctx.events.find(matches)
  if (!trigger) return null
  const wording = triggerWording[rule.when.reason]
  const params = { stage: rule.stage, triggerStage: trigger.event.stage }
  return makeFlag(
    rule,
    'missing_data_point',
    'missed',
    [trigger.event.id],
    { key: wording.missing, params },
    { key: wording.standard, params: { triggerStage: trigger.event.stage } },
  )
}

/** Every flag the timeline raises, in the order of the standards' rules. */
export function checkStandards(events: readonly TimelineEventInput[], standards: PracticeStandards, options: CheckOptions = {}): StandardFlag[] {
  const ctx = buildContext(events, standards, options)
  const flags: StandardFlag[] = []
  for (const rule of standards.rules) {
    const flag = rule.kind === 'by_visit' ? checkByVisit(rule, ctx) : rule.kind === 'within_days_of' ? checkWithinDays(rule, ctx) : checkDataPoint(rule, ctx)
    if (flag) flags.push(flag)
  }
  return flags
}
