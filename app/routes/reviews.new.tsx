import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors } from '~/components/forms'
import { incidentTypes } from '~/domain/vocabulary'
import { createReview } from '~/models/review.server'
import { reviewFormSchema } from '~/schemas/review'
import { requireJurisdictionPermission } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'New review · SCIR Workspace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireJurisdictionPermission(request, 'create:review')
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'create:review')
  const submission = parseWithZod(await request.formData(), { schema: reviewFormSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  const review = await createReview({ ...submission.value, jurisdictionId: user.jurisdictionId, createdById: user.id })
  return redirect(`/reviews/${review.id}`)
}

export default function NewReviewRoute() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'new-review',
    lastResult: actionData?.result,
    // The same schema as the server: mistakes show before the round trip.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewFormSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const today = new Date().toISOString().slice(0, 10)
  return (
    <section aria-labelledby="new-review-title">
      <h1 id="new-review-title">{t('newReview.title')}</h1>
      <p>{t('newReview.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field label={t('newReview.fieldTitle')} hint={t('newReview.fieldTitleHint')} errors={fields.title.errors}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name={fields.title.name}
              defaultValue={fields.title.initialValue as string | undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              maxLength={200}
            />
          )}
        </Field>
        <Field label={t('newReview.fieldType')} errors={fields.incidentType.errors}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name={fields.incidentType.name}
              defaultValue={(fields.incidentType.initialValue as string | undefined) ?? ''}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            >
              <option value="" disabled>
                —
              </option>
              {incidentTypes.map(type => (
                <option key={type} value={type}>
                  {t(`incidentType.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('newReview.fieldDate')} errors={fields.incidentDate.errors}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name={fields.incidentDate.name}
              type="date"
              max={today}
              defaultValue={fields.incidentDate.initialValue as string | undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <Field label={t('newReview.fieldSummary')} errors={fields.summary.errors}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              name={fields.summary.name}
              rows={5}
              defaultValue={fields.summary.initialValue as string | undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <div className="actions-row">
          <button type="submit">{t('newReview.submit')}</button>
          <Link to="/reviews">{t('newReview.cancel')}</Link>
        </div>
      </Form>
    </section>
  )
}
