import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ConfirmSubmit } from '~/components/confirm'
import { conformField, FormErrors, InputField } from '~/components/forms'
import { createUnit, listUnits, setUserUnit, SurveyInputError } from '~/models/survey.server'
import { createUser, deactivateUser, listUsers, setCanLeadReviews, UserInputError } from '~/models/user.server'
import { newUserSchema, userActionSchema } from '~/schemas/user'
import { requireJurisdictionPermission } from '~/utils/permissions.server'
import { IntentForm } from '~/components/intent-form'
import { DataTable, TitledSection } from '~/components/layout'

export const meta: MetaFunction = () => [{ title: 'Users · SCIR Workspace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'read:users')
  const [users, units] = await Promise.all([listUsers(user.jurisdictionId), listUnits(user.jurisdictionId)])
  return json({ jurisdiction: user.jurisdiction, users, units, selfId: user.id })
}

// Units (teams, offices) for survey results: added here and given to people here.
const unitActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('add-unit'), unitName: z.string().trim().min(1, 'surveys.units.nameRequired').max(80, 'surveys.units.nameTooLong') }),
  z.object({ intent: z.literal('set-unit'), userId: z.string().min(1).max(60), unitId: z.string().max(60) }),
])

async function unitAction(formData: FormData, admin: { id: string; jurisdictionId: string }) {
  const parsed = unitActionSchema.safeParse(Object.fromEntries(formData))
  const fail = (message: string) => json({ result: null, setupLink: null, done: null, unitError: message }, { status: 400 })
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'validation.invalid')
  try {
    if (parsed.data.intent === 'add-unit') {
      await createUnit(admin.jurisdictionId, parsed.data.unitName, admin.id)
      return json({ result: null, setupLink: null, done: 'surveys.units.added', unitError: null })
    }
    await setUserUnit(admin.jurisdictionId, parsed.data.userId, parsed.data.unitId || null, admin.id)
    return json({ result: null, setupLink: null, done: 'surveys.units.setDone', unitError: null })
  } catch (error) {
    if (error instanceof SurveyInputError) return fail(error.message)
    throw error
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireJurisdictionPermission(request, 'manage:users')
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'add-unit' || intent === 'set-unit') return unitAction(formData, admin)
  if (intent === 'set-lead') {
    const parsed = z.object({ userId: z.string().min(1).max(60), lead: z.enum(['on', 'off']) }).safeParse(Object.fromEntries(formData))
    if (!parsed.success) return json({ result: null, setupLink: null, done: null, unitError: 'validation.invalid' }, { status: 400 })
    try {
      await setCanLeadReviews(admin.jurisdictionId, parsed.data.userId, parsed.data.lead === 'on', admin.id)
    } catch (error) {
      if (error instanceof UserInputError) return json({ result: null, setupLink: null, done: null, unitError: error.message }, { status: 400 })
      throw error
    }
    return json({ result: null, setupLink: null, done: parsed.data.lead === 'on' ? 'ops.leads.marked' : 'ops.leads.unmarked', unitError: null })
  }
  const submission = parseWithZod(formData, { schema: userActionSchema })
  if (submission.status !== 'success') return json({ result: submission.reply(), setupLink: null, done: null }, { status: 400 })
  const input = submission.value
  try {
    if (input.intent === 'create') {
      const { setupToken } = await createUser({
        email: input.email,
        name: input.name,
        isAdmin: input.isAdmin,
        jurisdictionId: admin.jurisdictionId,
        createdById: admin.id,
      })
      const origin = new URL(request.url).origin
      return json({ result: submission.reply({ resetForm: true }), setupLink: `${origin}/set-password/${setupToken}`, done: 'users.created' })
    }
    await deactivateUser(admin.jurisdictionId, input.userId, admin.id)
    return json({ result: submission.reply(), setupLink: null, done: 'users.deactivated' })
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error
    const reply =
      error.field === 'form' ? submission.reply({ formErrors: [error.message] }) : submission.reply({ fieldErrors: { [error.field]: [error.message] } })
    return json({ result: reply, setupLink: null, done: null }, { status: 400 })
  }
}

export default function UsersRoute() {
  const { jurisdiction, users, units, selfId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    { result: SubmissionResult<string[]> | null; setupLink: string | null; done: string | null; unitError?: string | null } | undefined
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'create-user',
    lastResult: navigation.state === 'idle' ? (actionData?.result ?? null) : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newUserSchema }),
    shouldValidate: 'onSubmit',
  })
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title', { jurisdiction: jurisdiction.name })}</h1>
      {actionData?.done ? (
        <div role="status" className="notice">
          <p>{t(actionData.done)}</p>
          {actionData.setupLink ? (
            <p>
              <code data-testid="setup-link">{actionData.setupLink}</code>
            </p>
          ) : null}
        </div>
      ) : null}
      <DataTable
        caption={t('users.caption')}
        headers={[
          t('users.colName'),
          t('users.colEmail'),
          t('users.colAdmin'),
          t('ops.leads.col'),
          t('users.colStatus'),
          t('surveys.units.colUnit'),
          t('users.colActions'),
        ]}
      >
        {users.map(u => (
          <tr key={u.id}>
            <td>{u.name}</td>
            <td>{u.email}</td>
            <td>{u.isAdmin ? t('users.yes') : t('users.no')}</td>
            <td>
              {u.isAdmin ? (
                t('users.yes')
              ) : (
                <IntentForm intent="set-lead" className="inline-form">
                  <input type="hidden" name="userId" value={u.id} />
                  <input type="hidden" name="lead" value={u.canLeadReviews ? 'off' : 'on'} />
                  {u.canLeadReviews ? t('users.yes') : t('users.no')}{' '}
                  <button
                    type="submit"
                    className="button-secondary"
                    aria-label={t(u.canLeadReviews ? 'ops.leads.unmarkLabel' : 'ops.leads.markLabel', { name: u.name })}
                  >
                    {t(u.canLeadReviews ? 'ops.leads.unmark' : 'ops.leads.mark')}
                  </button>
                </IntentForm>
              )}
            </td>
            <td>{!u.active ? t('users.inactive') : u.hasPassword ? t('users.active') : t('users.invited')}</td>
            <td>
              <IntentForm intent="set-unit" className="inline-form">
                <input type="hidden" name="userId" value={u.id} />
                <select name="unitId" defaultValue={u.unitId ?? ''} aria-label={t('surveys.units.setLabel', { name: u.name })}>
                  <option value="">{t('surveys.units.noUnit')}</option>
                  {units.map(unit => (
                    <option key={unit.id} value={unit.id}>
                      {unit.name}
                    </option>
                  ))}
                </select>{' '}
                <button type="submit" className="button-secondary" aria-label={`${t('surveys.units.set')}: ${u.name}`}>
                  {t('surveys.units.set')}
                </button>
              </IntentForm>
            </td>
            <td>
              {u.active && u.id !== selfId ? (
                <IntentForm intent="deactivate" className="inline-form">
                  <input type="hidden" name="userId" value={u.id} />
                  <ConfirmSubmit
                    label={t('users.deactivate')}
                    ariaLabel={t('users.deactivateLabel', { name: u.name })}
                    question={t('checks.confirm.deactivateUser', { name: u.name })}
                    confirmLabel={t('checks.confirm.deactivateYes')}
                  />
                </IntentForm>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>

      {actionData?.unitError ? (
        <div role="alert" className="form-error">
          <p>{t(actionData.unitError, { defaultValue: t('validation.invalid') })}</p>
        </div>
      ) : null}

      <TitledSection id="units" title={t('surveys.units.title')}>
        <p>{t('surveys.units.intro')}</p>
        {units.length === 0 ? (
          <p>{t('surveys.units.none')}</p>
        ) : (
          <ul>
            {units.map(unit => (
              <li key={unit.id}>
                {unit.name} ({users.filter(u => u.unitId === unit.id).length})
              </li>
            ))}
          </ul>
        )}
        <IntentForm intent="add-unit" className="inline-form">
          <InputField id="unit-name" label={t('surveys.units.addLabel')} name="unitName" required maxLength={80} />
          <button type="submit">{t('surveys.units.add')}</button>
        </IntentForm>
      </TitledSection>

      <Form method="post" {...getFormProps(form)} aria-labelledby="create-user-title">
        <h2 id="create-user-title">{t('users.createTitle')}</h2>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <InputField label={t('users.name')} {...conformField(fields.name)} key={fields.name.key} />
        <InputField label={t('users.email')} {...conformField(fields.email)} key={fields.email.key} type="email" />
        <InputField label={t('users.isAdmin')} className="field-checkbox" type="checkbox" name={fields.isAdmin.name} key={fields.isAdmin.key} />
        <button type="submit">{t('users.create')}</button>
      </Form>
    </section>
  )
}
