import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { languageOf } from '~/utils/i18n'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TextareaField } from '~/components/forms'
import { MAX_COMMENT_LENGTH, surveyItems } from '~/domain/surveys'
import { submitAnswers, surveySettings, waveForRespondent } from '~/models/survey.server'
import surveyStylesUrl from '~/styles/surveys.css'
import { languageOfRequest } from '~/utils/i18next.server'
import { requireJurisdictionPermission } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Survey · SCIR Workspace' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: surveyStylesUrl }]

const notFound = () => json({ message: 'Not found' }, { status: 404 })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'answer:survey')
  const wave = await waveForRespondent(user.id, user.jurisdictionId, params.waveId ?? '')
  // Not invited reads as not there: a wave's existence is nobody else's business.
  if (!wave) throw notFound()
  const { minResponses } = await surveySettings(user.jurisdictionId)
  const thanks = wave.answered && new URL(request.url).searchParams.get('done') === '1'
  return json({ wave, minResponses, thanks })
}

type ActionResult = { reason: string; problems?: { where: string; message: string }[] }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'answer:survey')
  const waveId = params.waveId ?? ''
  const wave = await waveForRespondent(user.id, user.jurisdictionId, waveId)
  if (!wave) throw notFound()
  const locale = await languageOfRequest(request)
  const form = await request.formData()
  // Each radio group posts "answer:<item id>" = "<point>"; anything else in the form is ignored.
  const answers: Record<string, number> = {}
  for (const item of surveyItems(wave.instrument)) {
    const value = form.get(`answer:${item.id}`)
    if (typeof value === 'string' && value !== '') answers[item.id] = Number(value)
  }
  const comment = form.get('comment')
  const outcome = await submitAnswers(user, waveId, { answers, comment: typeof comment === 'string' ? comment : null, locale })
  if (outcome.ok) return redirect(`/surveys/${encodeURIComponent(waveId)}?done=1`)
  const status = outcome.reason === 'invalid' ? 400 : outcome.reason === 'not-invited' ? 404 : 403
  return json<ActionResult>({ reason: outcome.reason, problems: 'problems' in outcome ? outcome.problems : undefined }, { status })
}

export default function AnswerSurveyRoute() {
  const { wave, minResponses, thanks } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  const navigation = useNavigation()
  const { t, i18n } = useTranslation()
  const locale = languageOf(i18n.language)
  const { instrument } = wave

  let closedMessage: string | null = null
  if (thanks) closedMessage = t('surveys.answer.thanks')
  else if (wave.answered) closedMessage = t('surveys.answer.alreadyAnswered')
  else if (wave.state === 'scheduled') closedMessage = t('surveys.answer.scheduled')
  else if (wave.state === 'closed') closedMessage = t('surveys.answer.closed')

  const refusal =
    result && navigation.state === 'idle'
      ? result.reason === 'invalid'
        ? (result.problems ?? []).some(p => p.message === 'surveys.answer.empty')
          ? t('surveys.answer.empty')
          : (result.problems ?? []).some(p => p.message === 'surveys.answer.commentTooLong')
            ? t('surveys.answer.commentTooLong')
            : t('surveys.answer.invalid')
        : result.reason === 'already-answered'
          ? t('surveys.answer.alreadyAnswered')
          : t('surveys.answer.notOpen')
      : null

  return (
    <section aria-labelledby="survey-title">
      <h1 id="survey-title">{wave.title}</h1>
      {closedMessage ? (
        <p role="status" className="notice">
          {closedMessage}
        </p>
      ) : (
        <>
          <p>{t('surveys.answer.anonymity', { min: minResponses })}</p>
          {refusal ? (
            <div role="alert" className="form-error">
              <p>{refusal}</p>
              <p>{t('surveys.answer.refused')}</p>
            </div>
          ) : null}
          <Form method="post">
            <p>
              {t('surveys.answer.scaleLegend')} {t('surveys.answer.skipHint')}
            </p>
            {instrument.composites.map(composite => (
              <section key={composite.id} aria-labelledby={`composite-${composite.id}`}>
                <h2 id={`composite-${composite.id}`}>{composite.label[locale]}</h2>
                {composite.items.map(item => (
                  <fieldset key={item.id} className="survey-item">
                    <legend>{item.text[locale]}</legend>
                    <div className="survey-choices">
                      {instrument.scale.labels.map((label, k) => (
                        <label key={k}>
                          <input type="radio" name={`answer:${item.id}`} value={k + 1} />
                          {label[locale]}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                ))}
              </section>
            ))}
            {instrument.commentPrompt ? (
              <TextareaField
                id="survey-comment"
                label={t('surveys.answer.commentLabel')}
                hint={`${instrument.commentPrompt[locale]} ${t('surveys.answer.commentHint')}`}
                name="comment"
                rows={4}
                maxLength={MAX_COMMENT_LENGTH}
              />
            ) : null}
            <p className="hint">{t('surveys.answer.confirmHint')}</p>
            <button type="submit" disabled={navigation.state !== 'idle'}>
              {t('surveys.answer.submit')}
            </button>
          </Form>
        </>
      )}
    </section>
  )
}
