import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors, InputField } from '~/components/forms'
import { passwordSchema } from '~/schemas/user'
import { findUsableSetupToken, setPasswordWithToken } from '~/utils/auth.server'

const setPasswordSchema = z
  .object({ password: passwordSchema, confirm: z.string({ required_error: 'validation.passwordRequired' }) })
  .refine(v => v.password === v.confirm, { path: ['confirm'], message: 'setPassword.mismatch' })

export const meta: MetaFunction = () => [{ title: 'Set password · SCIR Workspace' }]

export async function loader({ params }: LoaderFunctionArgs) {
  const row = await findUsableSetupToken(params.token ?? '')
  return json({ email: row?.user.email ?? null })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: setPasswordSchema })
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields: ['password', 'confirm'] }) }, { status: 400 })
  const user = await setPasswordWithToken(params.token ?? '', submission.value.password)
  if (!user) return json({ result: submission.reply({ formErrors: ['setPassword.invalidLink'] }) }, { status: 400 })
  return redirect('/login?passwordSet=1')
}

export default function SetPasswordRoute() {
  const { email } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'set-password',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setPasswordSchema }),
    shouldValidate: 'onSubmit',
  })
  if (!email) {
    return (
      <section className="auth-card">
        <h1>{t('setPassword.title')}</h1>
        <p role="alert" className="notice-error">
          {t('setPassword.invalidLink')}
        </p>
      </section>
    )
  }
  return (
    <section className="auth-card" aria-labelledby="set-password-title">
      <h1 id="set-password-title">{t('setPassword.title')}</h1>
      <p>{t('setPassword.intro', { email })}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        {(['password', 'confirm'] as const).map(name => (
          <InputField
            key={name}
            label={t(`setPassword.${name}`)}
            errors={fields[name].errors}
            type="password"
            name={fields[name].name}
            autoComplete="new-password"
          />
        ))}
        <button type="submit">{t('setPassword.submit')}</button>
      </Form>
    </section>
  )
}
