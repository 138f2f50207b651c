// One recommendation followed to its effect, reached from the tracker: its owner records
// progress here, the QI lead evaluates, the facilitator or QI lead assigns the owner - none of
// them has to open the review's workspace.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors } from '~/components/forms'
import { evaluationInputSchema, evaluationOutcomes, mayEvaluate, ownerMayUpdate, progressInputSchema, progressStatuses } from '~/domain/follow-up'
import {
  assignableOwners,
  assignOwner,
  currentState,
  historyOf,
  recordEvaluation,
  recordProgress,
  requireRecommendation,
  type FollowUpOutcome,
} from '~/models/follow-up.server'
import { requireUser } from '~/utils/auth.server'
import { TitledSection } from '~/components/layout'

export const meta: MetaFunction = () => [{ title: 'Recommendation · SCIR Workspace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const ctx = await requireRecommendation(user, params.reviewId ?? '', params.recommendationId ?? '')
  const [summary, history] = await Promise.all([currentState(ctx), historyOf(ctx.review.id, ctx.recommendation.id)])
  const mayAssign = ctx.allows('assign:recommendation')
  return json({
    review: { id: ctx.review.id, title: ctx.review.title },
    recommendation: ctx.recommendation,
    summary,
    history: [...history].reverse(),
    mayUpdate: ctx.allows('update:recommendation-progress') && ownerMayUpdate(summary.state),
    isOwner: ctx.isOwner,
    mayEvaluate: ctx.allows('evaluate:recommendation') && mayEvaluate(summary.state),
    candidates: mayAssign ? await assignableOwners(ctx.review.jurisdictionId) : null,
    ownerUserId: ctx.ownerUserId,
  })
}

type ActionData = { intent: string; fieldErrors: Record<string, string[]>; formErrors: string[] }

function problems(intent: string, error: z.ZodError): ActionData {
  const flat = error.flatten()
  return { intent, fieldErrors: flat.fieldErrors as Record<string, string[]>, formErrors: flat.formErrors }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const permission =
    intent === 'progress'
      ? 'update:recommendation-progress'
      : intent === 'evaluate'
        ? 'evaluate:recommendation'
        : intent === 'assign'
          ? 'assign:recommendation'
          : null
  if (!permission) {
    // Still nothing about a recommendation to someone who may not see it.
    await requireRecommendation(user, params.reviewId ?? '', params.recommendationId ?? '')
    return json<ActionData>({ intent, fieldErrors: {}, formErrors: ['validation.invalid'] }, { status: 400 })
  }
  const ctx = await requireRecommendation(user, params.reviewId ?? '', params.recommendationId ?? '', permission)
  const field = (name: string) => {
    const value = form.get(name)
    return typeof value === 'string' ? value : undefined
  }
  let outcome: FollowUpOutcome
  if (intent === 'progress') {
    const parsed = progressInputSchema.safeParse({ status: field('status'), note: field('note'), evaluateOn: field('evaluateOn') || undefined })
    if (!parsed.success) return json(problems(intent, parsed.error), { status: 400 })
    outcome = await recordProgress(ctx, parsed.data)
  } else if (intent === 'evaluate') {
    const parsed = evaluationInputSchema.safeParse({
      outcome: field('outcome'),
      evidence: field('evidence') ?? '',
      evaluateOn: field('evaluateOn') || undefined,
    })
    if (!parsed.success) return json(problems(intent, parsed.error), { status: 400 })
    outcome = await recordEvaluation(ctx, parsed.data)
  } else {
    outcome = await assignOwner(ctx, field('userId') ?? '')
  }
  if (!outcome.ok) return json<ActionData>({ intent, fieldErrors: {}, formErrors: [outcome.message] }, { status: 400 })
  return redirect(`/recommendations/${ctx.review.id}/${ctx.recommendation.id}?saved=1`)
}

export default function RecommendationRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const { recommendation: rec, summary } = data
  const formErrorsFor = (intent: string) => (actionData?.intent === intent ? actionData.formErrors : undefined)
  const ownerName = data.candidates?.find(c => c.id === data.ownerUserId)?.name ?? rec.owner
  return (
    <section aria-labelledby="recommendation-title">
      <p>
        <Link to="/recommendations">{t('followUp.detail.back')}</Link>
      </p>
      <h1 id="recommendation-title">{rec.text}</h1>
      <p className="meta">{t('followUp.detail.review', { title: data.review.title })}</p>
      {searchParams.get('saved') === '1' && !actionData ? (
        <p role="status" className="notice">
          {t('followUp.detail.saved')}
        </p>
      ) : null}
      <dl className="recommendation-facts">
        <dt>{t('followUp.detail.state')}</dt>
        <dd data-testid="follow-up-state">{t(`followUp.state.${summary.state}`)}</dd>
        {summary.evaluateOn ? (
          <>
            <dt>{t('followUp.tracker.awaitingEvaluation')}</dt>
            <dd>{t('followUp.detail.evaluateOn', { date: summary.evaluateOn })}</dd>
          </>
        ) : null}
        <dt>{t('followUp.detail.strength')}</dt>
        <dd>{t(`strength.${rec.strength}`)}</dd>
        <dt>{t('followUp.detail.owner')}</dt>
        <dd>{ownerName ?? t('followUp.detail.noOwner')}</dd>
        <dt>{t('followUp.detail.due')}</dt>
        <dd>{rec.dueDate ?? t('tracker.none')}</dd>
        <dt>{t('followUp.detail.measure')}</dt>
        <dd>{rec.measure ?? t('tracker.none')}</dd>
      </dl>

      {data.mayUpdate ? (
        <FollowUpForm
          intent="progress"
          section="progress"
          choice={{
            name: 'status',
            label: t('followUp.detail.status'),
            defaultValue: summary.state === 'not_started' ? 'in_progress' : summary.state,
            options: progressStatuses.map(s => [s, t(`followUp.state.${s}`)]),
          }}
          text={{ name: 'note', label: t('followUp.detail.note'), hint: t('followUp.detail.noteHint') }}
          dateLabel={t('followUp.detail.evaluateOnLabel')}
          submit={t('followUp.detail.save')}
        />
      ) : data.isOwner ? (
        <p>{t('followUp.detail.closedForOwner')}</p>
      ) : null}

      {data.mayEvaluate ? (
        <FollowUpForm
          intent="evaluate"
          section="evaluation"
          choice={{ name: 'outcome', label: t('followUp.detail.outcomeLabel'), options: evaluationOutcomes.map(o => [o, t(`followUp.outcome.${o}`)]) }}
          text={{ name: 'evidence', label: t('followUp.detail.evidence') }}
          dateLabel={t('followUp.detail.nextEvaluateOn')}
          submit={t('followUp.detail.saveEvaluation')}
        />
      ) : null}

      {data.candidates ? (
        <Form method="post" className="form-stack" aria-labelledby="assign-title">
          <h2 id="assign-title">{t('followUp.detail.assignTitle')}</h2>
          <FormErrors errors={formErrorsFor('assign')} />
          <input type="hidden" name="intent" value="assign" />
          <Field label={t('followUp.detail.assignLabel')}>
            {({ id }) => (
              <select id={id} name="userId" defaultValue={data.ownerUserId ?? ''} required>
                <option value="">{t('followUp.detail.choose')}</option>
                {data.candidates!.map(c => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button-secondary">
            {t('followUp.detail.assign')}
          </button>
        </Form>
      ) : null}

      <TitledSection id="history" title={t('followUp.detail.history')}>
        {data.history.length === 0 ? (
          <p>{t('followUp.detail.noHistory')}</p>
        ) : (
          <ol className="follow-up-history">
            {data.history.map((entry, i) => (
              <li key={`${entry.at}-${i}`}>
                <p>
                  <time dateTime={entry.at}>{entry.at.slice(0, 10)}</time>{' '}
                  {entry.kind === 'progress'
                    ? t('followUp.detail.progressEntry', {
                        state: t(`followUp.state.${entry.status}`),
                        author: entry.authorName ?? t('followUp.detail.someone'),
                      })
                    : t('followUp.detail.evaluationEntry', {
                        outcome: t(`followUp.outcome.${entry.outcome}`),
                        author: entry.authorName ?? t('followUp.detail.someone'),
                      })}
                  {entry.evaluateOn ? ` · ${t('followUp.detail.evaluateOn', { date: entry.evaluateOn })}` : ''}
                </p>
                {entry.note ? <p className="follow-up-note">{entry.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </TitledSection>
    </section>
  )
}

type FollowUpFormProps = {
  intent: 'progress' | 'evaluate'
  /** Names the heading (`${section}-title`) and its texts (followUp.detail.<section>Title, ...Intro). */
  section: 'progress' | 'evaluation'
  /** The state or outcome chosen: [value, text] pairs. */
  choice: { name: string; label: string; options: [string, string][]; defaultValue?: string }
  /** The note or evidence written with it. */
  text: { name: string; label: string; hint?: string }
  /** The label of the date to evaluate (again) on. */
  dateLabel: string
  submit: string
}

/** Progress and evaluation are recorded alike: a choice, words about it, and a date to look again. */
function FollowUpForm({ intent, section, choice, text, dateLabel, submit }: FollowUpFormProps) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const mine = actionData?.intent === intent ? actionData : undefined
  const errorsOf = (name: string) => mine?.fieldErrors[name]
  const titleId = `${section}-title`
  return (
    <Form method="post" className="form-stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(`followUp.detail.${section}Title`)}</h2>
      <p>{t(`followUp.detail.${section}Intro`)}</p>
      <FormErrors errors={mine?.formErrors} />
      <input type="hidden" name="intent" value={intent} />
      <Field label={choice.label} errors={errorsOf(choice.name)}>
        {({ id, describedBy, invalid }) => (
          <select id={id} name={choice.name} aria-describedby={describedBy} aria-invalid={invalid || undefined} defaultValue={choice.defaultValue}>
            {choice.options.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={text.label} hint={text.hint} errors={errorsOf(text.name)}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} name={text.name} rows={3} maxLength={4000} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field label={dateLabel} errors={errorsOf('evaluateOn')}>
        {({ id, describedBy, invalid }) => <input id={id} name="evaluateOn" type="date" aria-describedby={describedBy} aria-invalid={invalid || undefined} />}
      </Field>
      <button type="submit">{submit}</button>
    </Form>
  )
}
