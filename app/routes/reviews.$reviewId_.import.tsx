import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { useCaseFileText } from '~/components/case-file-message'
import { readUploadForm, uploadedText } from '~/utils/upload.server'
import { importIntoReview, MAX_IMPORT_BYTES, type ImportNotice, type ImportProblem, type ImportSource } from '~/models/case-file-import.server'
import { requireReviewPermission } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Import a case file · SCIR Workspace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review } = await requireReviewPermission(request, params.reviewId ?? '', 'write:review-doc')
  return json({ review: { id: review.id, title: review.title } })
}

type ActionData = {
  problems: ImportProblem[]
  formError?: string
  /** Set when the import went through but something deserves a look before moving on. */
  imported?: { events: number; people: number; duplicates: ImportNotice[]; flags: ImportNotice[]; summaryKept: boolean }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { review, user } = await requireReviewPermission(request, params.reviewId ?? '', 'write:review-doc')
  const upload = await readUploadForm(request, MAX_IMPORT_BYTES)
  if (!upload.ok) return json<ActionData>({ problems: [], formError: 'import.tooLarge' }, { status: 413 })
  const [caseFile, peopleCsv, timelineCsv, placesCsv, identifiersCsv] = await Promise.all(
    ['caseFile', 'peopleCsv', 'timelineCsv', 'placesCsv', 'identifiersCsv'].map(name => uploadedText(upload.form, name)),
  )
  let source: ImportSource
  if (caseFile !== undefined) source = { kind: 'json', text: caseFile }
  else if (peopleCsv !== undefined && timelineCsv !== undefined) source = { kind: 'csv', peopleCsv, timelineCsv, placesCsv, identifiersCsv }
  else return json<ActionData>({ problems: [], formError: 'import.nothingChosen' }, { status: 400 })

  const outcome = await importIntoReview(review, source, user.id)
  if (!outcome.ok) return json<ActionData>({ problems: outcome.problems }, { status: 400 })
  if (outcome.duplicates.length || outcome.flags.length) {
    const { events, people, duplicates, flags, summaryKept } = outcome
    return json<ActionData>({ problems: [], imported: { events, people, duplicates, flags, summaryKept } })
  }
  return redirect(`/reviews/${review.id}?imported=${outcome.events}`)
}

/** What the import has to say, each item where it is in the file and what about it. */
function NoticeList({ notices }: { notices: ImportNotice[] }) {
  const say = useCaseFileText()
  return (
    <ul>
      {notices.map((d, i) => (
        <li key={i}>
          <strong>{say(d.where)}</strong>: {say(d.what)}
        </li>
      ))}
    </ul>
  )
}

export default function ImportRoute() {
  const { review } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const busy = navigation.state !== 'idle'
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <p>
        <Link to={`/reviews/${review.id}`}>{review.title}</Link>
      </p>
      <p>{t('import.intro')}</p>
      {actionData?.formError ? (
        <p role="alert" className="form-error">
          {t(actionData.formError)}
        </p>
      ) : null}
      {actionData?.problems.length ? (
        <div role="alert" className="form-error">
          <p>{t('import.refused', { count: actionData.problems.length })}</p>
          <NoticeList notices={actionData.problems.map(p => p.explained)} />
        </div>
      ) : null}
      {actionData?.imported ? (
        <div role="status" className="notice import-report">
          <p>{t('import.done', { count: actionData.imported.events })}</p>
          {actionData.imported.summaryKept ? <p>{t('caseFile.report.summaryKept')}</p> : null}
          {(['duplicates', 'flags'] as const).map(kind => {
            const notices = actionData.imported![kind]
            return notices.length ? (
              <Fragment key={kind}>
                <p>{t(`caseFile.report.${kind}`, { count: notices.length })}</p>
                <NoticeList notices={notices} />
              </Fragment>
            ) : null
          })}
          <p>
            <Link to={`/reviews/${review.id}`}>{t('caseFile.report.backToReview')}</Link>
          </p>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <fieldset>
          <legend>{t('import.jsonLegend')}</legend>
          <div className="field">
            <label htmlFor="import-json">{t('import.jsonFile')}</label>
            <input id="import-json" type="file" name="caseFile" accept=".json,application/json" />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('import.csvLegend')}</legend>
          <p className="hint">{t('import.csvHint')}</p>
          {(['peopleCsv', 'timelineCsv', 'placesCsv', 'identifiersCsv'] as const).map(name => (
            <div className="field" key={name}>
              <label htmlFor={`import-${name}`}>{t(`import.${name}`)}</label>
              <input id={`import-${name}`} type="file" name={name} accept=".csv,text/csv" />
            </div>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('import.submit')}
        </button>
      </Form>
    </section>
  )
}
