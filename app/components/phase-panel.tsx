import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ChecklistItem } from '~/domain/workflow'
import { nextPhase } from '~/domain/workflow'
import { reviewPhases, type ReviewPhase } from '~/domain/vocabulary'
import { ErrorList } from './forms'

type Props = {
  current: string
  checklist: ChecklistItem[]
  history: { at: string; actorName: string | null; from: ReviewPhase; to: ReviewPhase; reason: string | null }[]
  canMove: boolean
}

type PhaseActionData = { done: string | null; result: { error?: Record<string, string[] | null> } }

/** Where the review stands, what the phase still needs, and (for the facilitator) moving it. */
export function PhasePanel({ current, checklist, history, canMove }: Props) {
  const { t, i18n } = useTranslation()
  const actionData = useActionData<PhaseActionData>()
  const navigation = useNavigation()
  const phase = current as ReviewPhase
  const next = nextPhase(phase)
  const earlier = reviewPhases.slice(0, reviewPhases.indexOf(phase))
  const reasonErrors = navigation.state === 'idle' ? actionData?.result?.error?.reason : null
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <section aria-labelledby="phase-title">
      <h2 id="phase-title">{t('phaseMove.title')}</h2>
      <ol className="phase-steps" aria-label={t('phaseMove.stepsLabel')}>
        {reviewPhases.map(p => (
          <li key={p} aria-current={p === phase ? 'step' : undefined} className={p === phase ? 'current' : undefined}>
            {t(`phase.${p}`)}
          </li>
        ))}
      </ol>
      <h3>{t('phaseMove.checklistTitle', { phase: t(`phase.${phase}`) })}</h3>
      <ul className="checklist">
        {checklist.map(item => (
          <li key={item.key} className={item.done ? 'done' : 'todo'}>
            <span aria-hidden="true">{item.done ? '✓' : '○'}</span> {t(item.key, item.params)}
            <span className="visually-hidden">{item.done ? t('phaseMove.done') : t('phaseMove.notDone')}</span>
          </li>
        ))}
      </ul>
      {actionData?.done === 'phaseMove.moved' && navigation.state === 'idle' ? (
        <p role="status" className="notice">
          {t('phaseMove.moved')}
        </p>
      ) : null}
      {canMove ? (
        <div className="phase-actions">
          {next ? (
            <Form method="post">
              <input type="hidden" name="intent" value="move-phase" />
              <input type="hidden" name="to" value={next} />
              <button type="submit">{t('phaseMove.forward', { phase: t(`phase.${next}`) })}</button>
            </Form>
          ) : null}
          {earlier.length ? (
            <Form method="post" className="move-back">
              <input type="hidden" name="intent" value="move-phase" />
              <div className="field">
                <label htmlFor="move-back-to">{t('phaseMove.backTo')}</label>
                <select id="move-back-to" name="to" defaultValue={earlier[earlier.length - 1]}>
                  {earlier.map(p => (
                    <option key={p} value={p}>
                      {t(`phase.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="move-back-reason">{t('phaseMove.reason')}</label>
                <textarea
                  id="move-back-reason"
                  name="reason"
                  rows={2}
                  aria-invalid={reasonErrors?.length ? true : undefined}
                  aria-describedby={reasonErrors?.length ? 'move-back-reason-error' : undefined}
                />
                <ErrorList id="move-back-reason-error" errors={reasonErrors} />
              </div>
              <button type="submit" className="button-secondary">
                {t('phaseMove.back')}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {history.length ? (
        <>
          <h3>{t('phaseMove.historyTitle')}</h3>
          <ul className="phase-history">
            {history.map(h => (
              <li key={h.at + h.to}>
                {when.format(new Date(h.at))}: {t(`phase.${h.from}`)} → {t(`phase.${h.to}`)}
                {h.actorName ? ` (${h.actorName})` : ''}
                {h.reason ? ` — ${t('phaseMove.reasonShown', { reason: h.reason })}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
