import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { conformField, FormErrors, InputField, SelectField, TextareaField } from '~/components/forms'
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
        <InputField label={t('newReview.fieldTitle')} hint={t('newReview.fieldTitleHint')} {...conformField(fields.title)} maxLength={200} />
        <SelectField
          label={t('newReview.fieldType')}
          {...conformField(fields.incidentType, '')}
          emptyLabel="—"
          emptyDisabled
          options={incidentTypes.map(type => [type, t(`incidentType.${type}`)] as const)}
        />
        <InputField label={t('newReview.fieldDate')} {...conformField(fields.incidentDate)} type="date" max={today} />
        <TextareaField label={t('newReview.fieldSummary')} {...conformField(fields.summary)} rows={5} />
        <div className="actions-row">
          <button type="submit">{t('newReview.submit')}</button>
          <Link to="/reviews">{t('newReview.cancel')}</Link>
        </div>
      </Form>
    </section>
  )
}
