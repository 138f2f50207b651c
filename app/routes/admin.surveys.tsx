import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { JsonSettingForms, SettingsOutcome, type SettingsProblem, type SettingsResult } from '~/components/admin/settings-forms'
import { MIN_RESPONSES_CEILING, MIN_RESPONSES_FLOOR, newWaveSchema } from '~/domain/surveys'
import {
  closeWave,
  openWave,
  resetSurveyInstrument,
  saveSurveyInstrument,
  setSurveyMinResponses,
  surveyAdminView,
  SurveyInputError,
} from '~/models/survey.server'
import surveyStylesUrl from '~/styles/surveys.css'
import { readUploadForm } from '~/utils/upload.server'
import { languageOfRequest } from '~/utils/i18next.server'
import { requireJurisdictionPermission } from '~/utils/permissions.server'
import { IntentButton, IntentForm } from '~/components/intent-form'
import { DataTable, TitledSection } from '~/components/layout'

export const meta: MetaFunction = () => [{ title: 'Surveys · SCIR Workspace' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: surveyStylesUrl }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'manage:surveys')
  const locale = await languageOfRequest(request)
  return json({ locale, ...(await surveyAdminView(user.jurisdictionId)) })
}

const MAX_JSON_BYTES = 2 * 1024 * 1024
type Problem = SettingsProblem
type ActionResult = SettingsResult

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
        if (!value.success)
          return refuse([
            { where: 'minResponses', message: 'surveys.admin.thresholdInvalid', params: { min: MIN_RESPONSES_FLOOR, max: MIN_RESPONSES_CEILING } },
          ])
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
  const { t } = useTranslation()
  const locale = data.locale
  return (
    <>
      <h1>{t('surveys.admin.title')}</h1>
      <p>
        <Link to="/surveys/results">{t('surveys.nav.results')}</Link>
      </p>
      <SettingsOutcome refusedLabel={t('surveys.admin.refused')} />

      <TitledSection id="waves" title={t('surveys.admin.wavesTitle')}>
        {data.waves.length === 0 ? (
          <p>{t('surveys.admin.noWaves')}</p>
        ) : (
          <DataTable
            caption={t('surveys.admin.wavesCaption')}
            headers={['colTitle', 'colDates', 'colState', 'colUnits', 'colAnswered', 'colActions'].map(col => t(`surveys.admin.${col}`))}
          >
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
                    <IntentButton
                      intent="close"
                      fields={{ waveId: w.id }}
                      label={t('surveys.admin.close')}
                      ariaLabel={t('surveys.admin.closeLabel', { title: w.title })}
                      buttonClassName="button-secondary"
                      className="inline-form"
                    />
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </TitledSection>

      <TitledSection id="open" title={t('surveys.admin.openTitle')}>
        {data.units.length === 0 ? (
          <p>{t('surveys.admin.noUnits')}</p>
        ) : (
          <IntentForm intent="open" className="survey-open">
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
          </IntentForm>
        )}
      </TitledSection>

      <TitledSection id="threshold" title={t('surveys.admin.thresholdTitle')}>
        <IntentForm intent="threshold">
          <div className="field">
            <label htmlFor="min-responses">{t('surveys.admin.thresholdLabel', { min: MIN_RESPONSES_FLOOR, max: MIN_RESPONSES_CEILING })}</label>
            <input
              id="min-responses"
              name="minResponses"
              type="number"
              min={MIN_RESPONSES_FLOOR}
              max={MIN_RESPONSES_CEILING}
              step={1}
              required
              defaultValue={data.minResponses}
            />
          </div>
          <button type="submit">{t('surveys.admin.save')}</button>
        </IntentForm>
      </TitledSection>

      <TitledSection id="instrument" title={t('surveys.admin.instrumentTitle')}>
        <p>
          {data.customInstrument ? t('surveys.admin.customInstrument') : t('surveys.admin.defaultInstrument')} <strong>{data.instrument.name[locale]}</strong> (
          {data.instrument.version})
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
        <JsonSettingForms
          intent="instrument"
          label={t('surveys.admin.instrumentFile')}
          submitLabel={t('surveys.admin.load')}
          custom={data.customInstrument}
          resetLabel={t('surveys.admin.resetInstrument')}
        />
      </TitledSection>
    </>
  )
}
