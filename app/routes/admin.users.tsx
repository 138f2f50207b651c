import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmSubmit } from '~/components/confirm'
import { Field, FormErrors } from '~/components/forms'
import { createUser, deactivateUser, listUsers, UserInputError } from '~/models/user.server'
import { newUserSchema, userActionSchema } from '~/schemas/user'
import { requireJurisdictionPermission } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Users · SCIR Workspace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'read:users')
  return json({ jurisdiction: user.jurisdiction, users: await listUsers(user.jurisdictionId), selfId: user.id })
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireJurisdictionPermission(request, 'manage:users')
  const submission = parseWithZod(await request.formData(), { schema: userActionSchema })
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
      error.field === 'form'
        ? submission.reply({ formErrors: [error.message] })
        : submission.reply({ fieldErrors: { [error.field]: [error.message] } })
    return json({ result: reply, setupLink: null, done: null }, { status: 400 })
  }
}

export default function UsersRoute() {
  const { jurisdiction, users, selfId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'create-user',
    lastResult: navigation.state === 'idle' ? actionData?.result : null,
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
      <table>
        <caption>{t('users.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.colName')}</th>
            <th scope="col">{t('users.colEmail')}</th>
            <th scope="col">{t('users.colAdmin')}</th>
            <th scope="col">{t('users.colStatus')}</th>
            <th scope="col">{t('users.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map(u => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{u.isAdmin ? t('users.yes') : t('users.no')}</td>
              <td>{!u.active ? t('users.inactive') : u.hasPassword ? t('users.active') : t('users.invited')}</td>
              <td>
                {u.active && u.id !== selfId ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="deactivate" />
                    <input type="hidden" name="userId" value={u.id} />
                    <ConfirmSubmit
                      label={t('users.deactivate')}
                      ariaLabel={t('users.deactivateLabel', { name: u.name })}
                      question={t('checks.confirm.deactivateUser', { name: u.name })}
                      confirmLabel={t('checks.confirm.deactivateYes')}
                    />
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <Form method="post" {...getFormProps(form)} aria-labelledby="create-user-title">
        <h2 id="create-user-title">{t('users.createTitle')}</h2>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <Field label={t('users.name')} errors={fields.name.errors}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name={fields.name.name}
              key={fields.name.key}
              defaultValue={fields.name.initialValue as string | undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <Field label={t('users.email')} errors={fields.email.errors}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="email"
              name={fields.email.name}
              key={fields.email.key}
              defaultValue={fields.email.initialValue as string | undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <Field label={t('users.isAdmin')} className="field-checkbox">
          {({ id }) => <input id={id} type="checkbox" name={fields.isAdmin.name} key={fields.isAdmin.key} />}
        </Field>
        <button type="submit">{t('users.create')}</button>
      </Form>
    </section>
  )
}
