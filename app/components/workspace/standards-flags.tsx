// Practice-standard checks of the live timeline, computed in the browser so that the panel sees a
// flag appear or go away as the timeline is edited. A flag is a candidate unmet need (docs/domain.md),
// so each one can be turned into a draft unmet need in one click.
import { Link, useLocation } from '@remix-run/react'
import { memo, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TimelineEvent, UnmetNeed } from '~/domain/review-doc'
import {
  checkStandards,
  renderMessage,
  suggestUnmetNeed,
  type FlagSeverity,
  type PracticeStandards,
  type StandardFlag,
  type StandardsLocale,
  type TimelineEventInput,
} from '~/domain/standards'
import { useWorkspace } from './context'
import { SectionHead } from './form-parts'
import { formatTimelineDate } from './format'

export function standardsLocale(language: string | undefined): StandardsLocale {
  return language?.startsWith('fr') ? 'fr' : 'en'
}

/** An event not yet placed on the journey is read as 'other', which the checks match by text only. */
export function toStandardsInput(events: readonly TimelineEvent[]): TimelineEventInput[] {
  return events.map(event => ({
    id: event.id,
    date: event.date,
    dateEnd: event.dateEnd,
    approximate: event.approximate,
    stage: event.stage ?? 'other',
    text: event.description.text,
  }))
}

/**
 * The flags of the current timeline. The read model keeps the same events array while nothing
 * changed (see use-review-document.ts), so this reruns only on real edits.
 */
export function useStandardFlags(events: readonly TimelineEvent[], standards: PracticeStandards, incidentDate: string): StandardFlag[] {
  return useMemo(() => {
    const started = performance.now()
    const flags = checkStandards(toStandardsInput(events), standards, { incidentDate })
    performance.measure('workspace: practice-standard checks', { start: started, duration: performance.now() - started })
    return flags
  }, [events, standards, incidentDate])
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1)

export function useFlagText() {
  const { t, i18n } = useTranslation()
  const locale = standardsLocale(i18n.language)
  return useMemo(
    () => ({
      locale,
      explanation: (flag: StandardFlag) =>
        capitalise(t('timeline.flags.explanation', { message: renderMessage(flag.message, locale), standard: renderMessage(flag.standard, locale) })),
      severity: (severity: FlagSeverity) => t(`timeline.flags.severity.${severity}`),
    }),
    [t, locale],
  )
}

/** Event id -> the explanations of the flags that concern it, one line each. */
export function flagTextByEvent(flags: readonly StandardFlag[], explain: (flag: StandardFlag) => string): Map<string, string> {
  const byEvent = new Map<string, string>()
  for (const flag of flags) {
    const text = explain(flag)
    for (const id of flag.eventIds) {
      const before = byEvent.get(id)
      byEvent.set(id, before ? `${before}\n${text}` : text)
    }
  }
  return byEvent
}

/**
 * The unmet need raised from a flag gets an id derived from the flag's, so two panel members
 * clicking at the same moment write the same entity (one need, not two) instead of racing.
 */
export function unmetNeedIdFor(flagId: string): string {
  // cyrb53: a small, well-spread 53-bit string hash; ids only need to be stable, not secret.
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < flagId.length; i++) {
    const code = flagId.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0)
  return `standards-flag-${hash.toString(36)}`
}

const severityIcon: Record<FlagSeverity, string> = { missed: '⚠', possibly_missed: '⚠', beyond_target: '◔', info: 'ℹ' }

export function FlagIcon({ severity }: { severity: FlagSeverity }) {
  return (
    <span className={`flag-icon flag-icon-${severity}`} aria-hidden="true">
      {severityIcon[severity]}
    </span>
  )
}

type PanelProps = {
  flags: readonly StandardFlag[]
  unmetNeeds: readonly UnmetNeed[]
  events: readonly TimelineEvent[]
  standardsName: string
  /** Moves the user to an event (in the list or on the chart). */
  onShowEvent: (eventId: string) => void
  announce: (message: string) => void
  /** Heading level of the panel's title, to fit the view it is in. */
  level?: 2 | 3
}

export const FlagsPanel = memo(function FlagsPanel({ flags, unmetNeeds, events, standardsName, onShowEvent, announce, level = 3 }: PanelProps) {
  const { t, i18n } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const { pathname } = useLocation()
  const text = useFlagText()
  const recorded = useMemo(() => new Set(unmetNeeds.flatMap(need => (need.standardsFlagId ? [need.standardsFlagId] : []))), [unmetNeeds])
  const dates = useMemo(() => {
    const concerned = new Set(flags.flatMap(flag => flag.eventIds))
    const byId = new Map<string, string>()
    for (const event of events) if (concerned.has(event.id)) byId.set(event.id, formatTimelineDate(event.date, i18n.language))
    return byId
  }, [flags, events, i18n.language])
  const Heading = level === 2 ? 'h2' : 'h3'

  const turn = (flag: StandardFlag) => {
    const draft = suggestUnmetNeed(flag, text.locale)
    if (!draft) return
    const done = run(
      {
        type: 'addUnmetNeed',
        id: unmetNeedIdFor(flag.id),
        need: draft.need,
        received: draft.received,
        gap: draft.gap,
        eventIds: flag.eventIds.filter(id => dates.has(id)),
        standardsFlagId: flag.id,
      },
      // An addition: undoing it would delete what others have since written into the need.
      { undoable: false },
    )
    if (done) announce(t('timeline.flags.turnedAnnounce'))
  }

  return (
    <section className="standards-flags" aria-labelledby="standards-flags-title">
      <SectionHead id="standards-flags-title" heading={Heading} title={t('timeline.flags.title')} count={t('timeline.flags.count', { count: flags.length })} />
      <p className="standards-intro">{t('timeline.flags.intro', { standards: standardsName })}</p>
      {flags.length === 0 ? <p>{t('timeline.flags.none')}</p> : null}
      <ul className="flag-list">
        {flags.map(flag => {
          const explanation = text.explanation(flag)
          const hasNeed = recorded.has(flag.id)
          const canTurn = flag.kind !== 'cannot_assess'
          const concerned = flag.eventIds.filter(id => dates.has(id))
          return (
            <li key={flag.id} className={`flag flag-${flag.severity}`} data-flag-id={flag.id}>
              <p className="flag-severity">
                <FlagIcon severity={flag.severity} />
                {text.severity(flag.severity)}
              </p>
              <p className="flag-explanation">{explanation}</p>
              {concerned.length > 0 ? (
                <div className="flag-events">
                  <span>{t('timeline.flags.events')}</span>
                  {concerned.map(id => {
                    const date = dates.get(id) ?? ''
                    return (
                      <button key={id} type="button" className="button-link" onClick={() => onShowEvent(id)}>
                        {t('timeline.flags.goTo', { date })}
                      </button>
                    )
                  })}
                </div>
              ) : (
                <p className="flag-events">{t('timeline.flags.noEvents')}</p>
              )}
              <div className="flag-actions">
                {hasNeed ? (
                  <p className="flag-recorded">
                    <span aria-hidden="true">✓ </span>
                    {t('timeline.flags.turned')}
                    {' · '}
                    <Link to={`${pathname}?view=analysis`}>{t('timeline.flags.openAnalysis')}</Link>
                  </p>
                ) : canTurn ? (
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={!canEdit}
                    // The visible words first, then which flag: names stay distinct in a list of buttons.
                    aria-label={t('timeline.flags.turnLabel', { explanation })}
                    onClick={() => turn(flag)}
                  >
                    {t('timeline.flags.turn')}
                  </button>
                ) : (
                  <p className="hint">{t('timeline.flags.cannotTurn')}</p>
                )}
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
})
