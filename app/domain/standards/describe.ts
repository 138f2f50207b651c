// A rule in words, for showing a jurisdiction's standards on screen.
import { renderMessage, stageNames, type Message, type StandardsLocale } from './messages'
import type { StandardRule } from './schema'

function standardMessage(rule: StandardRule): Message {
  switch (rule.kind) {
    case 'by_visit':
      return { key: 'standards.rule.byVisit', params: { visit: rule.visit } }
    case 'within_days_of':
      return rule.warnDays === rule.limitDays
        ? { key: 'standards.rule.withinDays', params: { limitDays: rule.limitDays, anchor: rule.anchor } }
        : { key: 'standards.rule.withinDaysRange', params: { warnDays: rule.warnDays, limitDays: rule.limitDays, anchor: rule.anchor } }
    case 'data_point_at':
      if (!rule.when) return { key: 'standards.rule.dataPoint', params: { stage: rule.stage } }
      if (rule.when.reason === 'case_closed') return { key: 'standards.rule.dataPointCaseClosed', params: {} }
      if (rule.when.reason === 'support_ended') return { key: 'standards.rule.dataPointSupportEnded', params: {} }
      return { key: 'standards.rule.dataPointAfterStage', params: { triggerStage: rule.when.match.stages?.[0] ?? 'other' } }
  }
}

/** "Safety plan: by visit 3", after the jurisdiction's own wording when it gave one. */
export function describeRule(rule: StandardRule, locale: StandardsLocale): string {
  const described = `${stageNames[locale][rule.stage]}: ${renderMessage(standardMessage(rule), locale)}`
  return rule.label ? `${rule.label[locale]} (${described})` : described
}
