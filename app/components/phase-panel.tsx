import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ChecklistItem, ChecklistKey, ChecklistParams, SiblingCheckOutcome } from '~/domain/workflow'
import { nextPhase, siblingCheckOutcomes } from '~/domain/workflow'
import { reviewPhases, type ReviewPhase } from '~/domain/vocabulary'
import { siblingCheckSchema } from '~/schemas/phase'
import { ActionOutcome } from './action-outcome'
import { ConfirmSubmit } from './confirm'
import { conformField, FormErrors, InputField, SelectField, TextareaField } from './forms'

type Props = {
  current: string
  checklist: ChecklistItem[]
  history: {
    at: string
    actorName: string | null
    from: ReviewPhase
    to: ReviewPhase
    reason: string | null
    openItems: { key: ChecklistKey; params: ChecklistParams }[]
  }[]
  canMove: boolean
  siblingCheck: { date: string; outcome: SiblingCheckOutcome } | null
  canRecordSiblingCheck: boolean
}

type PhaseActionData = { done: string | null; result: SubmissionResult<string[]> & { error?: Record<string, string[] | null> } }

/** `key` when the last action answered it and nothing is on its way: the notice to show. */
function useDone(key: string) {
  const actionData = useActionData<PhaseActionData>()
  const navigation = useNavigation()
  return navigation.state === 'idle' && actionData?.done === key ? key : null
}

/**
 * The rapid safety check for siblings (intake): the day it was done and what it found. The
 * checklist item "is recorded" reads exactly this.
 */
function SiblingCheckForm({ siblingCheck, canRecord }: { siblingCheck: Props['siblingCheck']; canRecord: boolean }) {
  const { t, i18n } = useTranslation()
  const actionData = useActionData<PhaseActionData>()
  const navigation = useNavigation()
  const mine = actionData?.done === 'checks.siblingCheck.saved' || Boolean(actionData?.result?.error?.outcome || actionData?.result?.error?.date)
  const [form, fields] = useForm({
    id: 'sibling-check',
    lastResult: navigation.state === 'idle' && mine ? actionData?.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: siblingCheckSchema }),
    shouldValidate: 'onSubmit',
  })
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' })
  const today = new Date().toISOString().slice(0, 10)
  return (
    <section aria-labelledby="sibling-check-title" className="sibling-check">
      <h3 id="sibling-check-title">{t('checks.siblingCheck.title')}</h3>
      <p>
        {siblingCheck
          ? t('checks.siblingCheck.recorded', {
              date: dateFormat.format(new Date(`${siblingCheck.date}T00:00:00Z`)),
              outcome: t(`checks.siblingCheck.outcomes.${siblingCheck.outcome}`),
            })
          : t('checks.siblingCheck.notRecorded')}
      </p>
      <ActionOutcome done={useDone('checks.siblingCheck.saved')} />
      {canRecord ? (
        <Form method="post" {...getFormProps(form)} aria-labelledby="sibling-check-title">
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="record-sibling-check" />
          <InputField label={t('checks.siblingCheck.date')} {...conformField(fields.date, siblingCheck?.date)} key={fields.date.key} type="date" max={today} />
          <SelectField
            label={t('checks.siblingCheck.outcome')}
            {...conformField(fields.outcome, siblingCheck?.outcome ?? '')}
            key={fields.outcome.key}
            emptyLabel={t('checks.siblingCheck.choose')}
            options={siblingCheckOutcomes.map(o => [o, t(`checks.siblingCheck.outcomes.${o}`)] as const)}
          />
          <button type="submit" className="button-secondary">
            {t('checks.siblingCheck.submit')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}

/** Where the review stands, what the phase still needs, and (for the facilitator) moving it. */
export function PhasePanel({ current, checklist, history, canMove, siblingCheck, canRecordSiblingCheck }: Props) {
  const { t, i18n } = useTranslation()
  const actionData = useActionData<PhaseActionData>()
  const navigation = useNavigation()
  const phase = current as ReviewPhase
  const next = nextPhase(phase)
  const earlier = reviewPhases.slice(0, reviewPhases.indexOf(phase))
  const reasonErrors = navigation.state === 'idle' ? actionData?.result?.error?.reason : null
  const openCount = checklist.filter(item => !item.done).length
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
      <SiblingCheckForm siblingCheck={siblingCheck} canRecord={canRecordSiblingCheck} />
      <ActionOutcome done={useDone('phaseMove.moved')} />
      {canMove ? (
        <div className="phase-actions">
          {next ? (
            // Keyed by phase: a confirmation left open must not carry over to the next phase.
            <Form method="post" key={`forward-${phase}`}>
              <input type="hidden" name="intent" value="move-phase" />
              <input type="hidden" name="to" value={next} />
              {openCount > 0 ? (
                // Never blocking (see domain/workflow/phases.ts), but never by accident either.
                <ConfirmSubmit
                  className=""
                  label={t('phaseMove.forward', { phase: t(`phase.${next}`) })}
                  question={t('checks.openItems.confirm', { count: openCount, phase: t(`phase.${next}`) })}
                  confirmLabel={t('checks.openItems.yes')}
                  name="openItemsConfirmed"
                  value="yes"
                />
              ) : (
                <button type="submit">{t('phaseMove.forward', { phase: t(`phase.${next}`) })}</button>
              )}
            </Form>
          ) : null}
          {earlier.length ? (
            // Keyed by phase: an uncontrolled select keeps its old choice after a move otherwise,
            // and "Move back to" must start at the phase just before this one.
            <Form method="post" className="move-back" key={phase}>
              <input type="hidden" name="intent" value="move-phase" />
              <SelectField
                id="move-back-to"
                label={t('phaseMove.backTo')}
                name="to"
                defaultValue={earlier[earlier.length - 1]}
                options={earlier.map(p => [p, t(`phase.${p}`)] as const)}
              />
              <TextareaField id="move-back-reason" label={t('phaseMove.reason')} name="reason" rows={2} errors={reasonErrors} />
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
                {h.openItems.length ? (
                  <>
                    {' — '}
                    {t('checks.openItems.history', { count: h.openItems.length })}
                    <ul className="open-items">
                      {h.openItems.map(item => (
                        <li key={item.key}>{t(item.key, item.params)}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
