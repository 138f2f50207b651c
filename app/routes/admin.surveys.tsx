import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { dayOf, MIN_RESPONSES_CEILING, MIN_RESPONSES_FLOOR, newWaveSchema } from '~/domain/surveys'
import { closeWave, listUnits, listWaves, openWave, resetSurveyInstrument, saveSurveyInstrument, setSurveyMinResponses, surveySettings, SurveyInputError } from '~/models/survey.server'
import surveyStylesUrl from '~/styles/surveys.css'
import { prisma } from '~/utils/db.server'
import { readUploadForm } from '~/utils/upload.server'
import { languageOfRequest } from '~/utils/i18next.server'
import { requireJurisdictionPermission } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Surveys · SCIR Workspace' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: surveyStylesUrl }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'manage:surveys')
  const locale = await languageOfRequest(request)
  const [settings, units, waves, people] = await Promise.all([
    surveySettings(user.jurisdictionId),
    listUnits(user.jurisdictionId),
    listWaves(user.jurisdictionId),
    prisma.user.findMany({
      where: { jurisdictionId: user.jurisdictionId, deactivatedAt: null, unitId: { not: null } },
      select: { id: true, name: true, unit: { select: { name: true } } },
      orderBy: { name: 'asc' },
    }),
  ])
  const today = new Date()
  return json({
    locale,
    ...settings,
    units,
    waves,
    people: people.map(p => ({ id: p.id, name: p.name, unit: p.unit?.name ?? '' })),
    defaults: { opensOn: dayOf(today), closesOn: dayOf(new Date(today.getTime() + 14 * 86_400_000)) },
  })
}

const MAX_JSON_BYTES = 2 * 1024 * 1024
type Problem = { where: string; message: string; params?: Record<string, number> }
type ActionResult = { done: string | null; problems: Problem[] }

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'manage:surveys')
  const refuse = (problems: Problem[], status = 400) => json<ActionResult>({ done: null, problems }, { status })
  const read = await readUploadForm(request, MAX_JSON_BYTES)
  if (!read.ok) return refuse([{ where: '/', message: 'surveys.admin.tooLarge' }], 413)
  const form = read.form
  const intent = z.enum(['instrument', 'reset-instrument', 'threshold', 'open', 'close']).safeParse(form.get('intent'))
  if (!intent.success) return refuse([{ where: 'intent', message: 'validation.invalid' }])
  try {
    switch (intent.data) {
      case 'instrument': {
        const upload = form.get('file')
        const text = upload && typeof upload !== 'string' ? await upload.text() : ''
        if (!text.trim()) return refuse([{ where: '/', message: 'surveys.admin.nothingGiven' }])
        const outcome = await saveSurveyInstrument(user.jurisdictionId, text, user.id)
        return outcome.ok ? json<ActionResult>({ done: 'surveys.admin.instrumentLoaded', problems: [] }) : refuse(outcome.problems)
      }
      case 'reset-instrument':
        await resetSurveyInstrument(user.jurisdictionId, user.id)
        return json<ActionResult>({ done: 'surveys.admin.instrumentReset', problems: [] })
      case 'threshold': {
        const value = z.coerce.number().int().min(MIN_RESPONSES_FLOOR).max(MIN_RESPONSES_CEILING).safeParse(form.get('minResponses'))
        if (!value.success) return refuse([{ where: 'minResponses', message: 'surveys.admin.thresholdInvalid', params: { min: MIN_RESPONSES_FLOOR, max: MIN_RESPONSES_CEILING } }])
        await setSurveyMinResponses(user.jurisdictionId, value.data, user.id)
        return json<ActionResult>({ done: 'surveys.admin.thresholdSaved', problems: [] })
      }
      case 'open': {
        const parsed = newWaveSchema.safeParse({
          title: form.get('title') ?? undefined,
          opensOn: form.get('opensOn'),
          closesOn: form.get('closesOn'),
          unitIds: form.getAll('unitIds').filter(v => typeof v === 'string'),
          userIds: form.getAll('userIds').filter(v => typeof v === 'string'),
        })
        if (!parsed.success) return refuse(parsed.error.issues.map(i => ({ where: i.path.join('.') || 'form', message: i.message })))
        await openWave(user.jurisdictionId, user.id, parsed.data)
        return json<ActionResult>({ done: 'surveys.admin.opened', problems: [] })
      }
      case 'close': {
        const waveId = z.string().min(1).max(60).safeParse(form.get('waveId'))
        if (!waveId.success) return refuse([{ where: 'waveId', message: 'validation.invalid' }])
        await closeWave(user.jurisdictionId, waveId.data, user.id)
        return json<ActionResult>({ done: 'surveys.admin.closed', problems: [] })
      }
    }
  } catch (error) {
    if (error instanceof SurveyInputError) return refuse([{ where: error.where, message: error.message }])
    throw error
  }
}

export default function SurveyAdminRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  const navigation = useNavigation()
  const { t } = useTranslation()
  const locale = data.locale
  const idle = navigation.state === 'idle'
  return (
    <>
      <h1>{t('surveys.admin.title')}</h1>
      <p>
        <Link to="/surveys/results">{t('surveys.nav.results')}</Link>
      </p>
      {idle && result?.done ? (
        <p role="status" className="notice">
          {t(result.done)}
        </p>
      ) : null}
      {idle && result?.problems.length ? (
        <div role="alert" className="form-error">
          <p>{t('surveys.admin.refused')}</p>
          <ul>
            {result.problems.map((p, i) => (
              <li key={i}>
                <strong>{p.where}</strong>: {t(p.message, { defaultValue: p.message, ...(p.params ?? {}) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="waves-title">
        <h2 id="waves-title">{t('surveys.admin.wavesTitle')}</h2>
        {data.waves.length === 0 ? (
          <p>{t('surveys.admin.noWaves')}</p>
        ) : (
          <table>
            <caption>{t('surveys.admin.wavesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('surveys.admin.colTitle')}</th>
                <th scope="col">{t('surveys.admin.colDates')}</th>
                <th scope="col">{t('surveys.admin.colState')}</th>
                <th scope="col">{t('surveys.admin.colUnits')}</th>
                <th scope="col">{t('surveys.admin.colAnswered')}</th>
                <th scope="col">{t('surveys.admin.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.waves.map(w => (
                <tr key={w.id}>
                  <th scope="row">{w.title}</th>
                  <td>{t('surveys.admin.dates', { opensOn: w.opensOn, closesOn: w.closesOn })}</td>
                  <td>{t(`surveys.admin.state.${w.state}`)}</td>
                  <td>{w.units.join(', ')}</td>
                  <td>{t('surveys.admin.answered', { answered: w.answered, invited: w.invited })}</td>
                  <td>
                    {w.state === 'closed' ? (
                      <Link to="/surveys/results">{t('surveys.admin.results')}</Link>
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="close" />
                        <input type="hidden" name="waveId" value={w.id} />
                        <button type="submit" className="button-secondary" aria-label={t('surveys.admin.closeLabel', { title: w.title })}>
                          {t('surveys.admin.close')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="open-title">
        <h2 id="open-title">{t('surveys.admin.openTitle')}</h2>
        {data.units.length === 0 ? (
          <p>{t('surveys.admin.noUnits')}</p>
        ) : (
          <Form method="post" className="survey-open">
            <input type="hidden" name="intent" value="open" />
            <div className="field">
              <label htmlFor="wave-title">{t('surveys.admin.waveTitle')}</label>
              <input id="wave-title" name="title" required maxLength={120} />
            </div>
            <div className="field">
              <label htmlFor="wave-opens">{t('surveys.admin.opensOn')}</label>
              <input id="wave-opens" name="opensOn" type="date" required defaultValue={data.defaults.opensOn} />
            </div>
            <div className="field">
              <label htmlFor="wave-closes">{t('surveys.admin.closesOn')}</label>
              <input id="wave-closes" name="closesOn" type="date" required defaultValue={data.defaults.closesOn} />
            </div>
            <fieldset>
              <legend>{t('surveys.admin.unitsLegend')}</legend>
              {data.units.map(u => (
                <div key={u.id} className="field field-checkbox">
                  <input id={`unit-${u.id}`} type="checkbox" name="unitIds" value={u.id} defaultChecked />
                  <label htmlFor={`unit-${u.id}`}>{u.name}</label>
                </div>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('surveys.admin.inviteesLegend')}</legend>
              <p className="hint">{t('surveys.admin.inviteesHint')}</p>
              {data.people.map(p => (
                <div key={p.id} className="field field-checkbox">
                  <input id={`invite-${p.id}`} type="checkbox" name="userIds" value={p.id} defaultChecked />
                  <label htmlFor={`invite-${p.id}`}>
                    {p.name} ({p.unit})
                  </label>
                </div>
              ))}
            </fieldset>
            <button type="submit">{t('surveys.admin.open')}</button>
          </Form>
        )}
      </section>

      <section aria-labelledby="threshold-title">
        <h2 id="threshold-title">{t('surveys.admin.thresholdTitle')}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="threshold" />
          <div className="field">
            <label htmlFor="min-responses">{t('surveys.admin.thresholdLabel', { min: MIN_RESPONSES_FLOOR, max: MIN_RESPONSES_CEILING })}</label>
            <input id="min-responses" name="minResponses" type="number" min={MIN_RESPONSES_FLOOR} max={MIN_RESPONSES_CEILING} step={1} required defaultValue={data.minResponses} />
          </div>
          <button type="submit">{t('surveys.admin.save')}</button>
        </Form>
      </section>

      <section aria-labelledby="instrument-title">
        <h2 id="instrument-title">{t('surveys.admin.instrumentTitle')}</h2>
        <p>
          {data.customInstrument ? t('surveys.admin.customInstrument') : t('surveys.admin.defaultInstrument')} <strong>{data.instrument.name[locale]}</strong> ({data.instrument.version})
        </p>
        <p className="hint">{t('surveys.admin.instrumentHint')}</p>
        <h3>{t('surveys.admin.scale')}</h3>
        <ol className="survey-scale">
          {data.instrument.scale.labels.map((label, i) => (
            <li key={i}>{label[locale]}</li>
          ))}
        </ol>
        {data.instrument.composites.map(c => (
          <details key={c.id}>
            <summary>
              {c.label[locale]}
              {c.kind === 'outcome' ? ` · ${t('surveys.results.outcome')}` : ''}
            </summary>
            <ul>
              {c.items.map(item => (
                <li key={item.id}>
                  {item.text[locale]} {item.reverse ? <em>({t('surveys.admin.reverseItem')})</em> : null}
                </li>
              ))}
            </ul>
          </details>
        ))}
        <Form method="post" encType="multipart/form-data" className="json-upload">
          <input type="hidden" name="intent" value="instrument" />
          <div className="field">
            <label htmlFor="instrument-file">{t('surveys.admin.instrumentFile')}</label>
            <input id="instrument-file" type="file" name="file" accept=".json,application/json" />
          </div>
          <button type="submit">{t('surveys.admin.load')}</button>
        </Form>
        {data.customInstrument ? (
          <Form method="post">
            <input type="hidden" name="intent" value="reset-instrument" />
            <button type="submit" className="button-secondary">
              {t('surveys.admin.resetInstrument')}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  )
}
