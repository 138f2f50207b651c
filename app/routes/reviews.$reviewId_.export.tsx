// De-identified export of a review (QI lead). The lead checks each text beside its
// de-identified form, resolves every residual candidate (alias of a person in the registry,
// identifier, or safe), then downloads the formats; every export is listed below. Downloads go
// to the resource route reviews.$reviewId_.export_.download.
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ExportButtons, ExportHistory } from '~/components/export/formats'
import { ExportPreview } from '~/components/export/preview'
import { ResidualTable, SafeWordTable } from '~/components/export/residuals'
import { exportHistory, exportOpenIn, prepareExport, resolveResidual, safeDecisions, undoSafeDecision, type ResolveOutcome } from '~/models/export.server'
import exportStylesUrl from '~/styles/export.css'
import { i18nServer } from '~/utils/i18next.server'
import { requireReviewPermission } from '~/utils/permissions.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: exportStylesUrl }]

export const meta: MetaFunction = () => [{ title: 'De-identified export · SCIR Workspace' }]

const doneKeys = ['markedSafe', 'aliasAdded', 'identifierAdded', 'unmarked'] as const
const refusedKeys = ['residuals', 'excluded', 'phase'] as const

/** The reader's interface language: the preview and the download both use it (see prepareExport). */
async function exportLocaleOf(request: Request): Promise<'en' | 'fr'> {
  return (await i18nServer.getLocale(request)) === 'fr' ? 'fr' : 'en'
}

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review } = await requireReviewPermission(request, params.reviewId ?? '', 'export:review')
  const url = new URL(request.url)
  const base = {
    review: { id: review.id, title: review.title, phase: review.phase },
    done: pick(url.searchParams.get('done'), doneKeys),
    refused: pick(url.searchParams.get('refused'), refusedKeys),
  }
  // The page holds original case text: never cached anywhere.
  const headers = { 'Cache-Control': 'no-store' }
  if (!exportOpenIn(review.phase)) return json({ ...base, open: false as const }, { headers })
  const locale = await exportLocaleOf(request)
  const [prepared, history, safe] = await Promise.all([prepareExport(review, { locale }), exportHistory(review.id), safeDecisions(review.id)])
  return json(
    {
      ...base,
      open: true as const,
      excluded: prepared.excludeFromSharing,
      residuals: prepared.unresolved.map(r => ({
        id: r.id,
        text: r.text,
        reason: r.reason,
        occurrences: r.occurrences.map(o => ({ where: o.where })),
      })),
      people: prepared.document.people.map(p => ({ id: p.id, name: p.name, pseudonym: p.pseudonym })),
      previews: prepared.build.previews.map(p => ({
        where: p.where,
        original: p.original,
        anonymised: p.anonymised,
        replacements: p.replacements.map(r => ({ start: r.start, end: r.end, outputStart: r.outputStart, outputEnd: r.outputEnd, kind: r.kind })),
        residuals: p.residuals.map(r => ({ id: r.id, start: r.start, end: r.end, outputStart: r.outputStart, outputEnd: r.outputEnd })),
      })),
      history,
      safe,
    },
    { headers },
  )
}

const candidate = z.string().min(1).max(100)
const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('mark-safe'), candidateId: candidate }),
  z.object({ intent: z.literal('add-alias'), candidateId: candidate, personId: z.string({ required_error: 'export.errors.noSuchPerson' }).min(1, 'export.errors.noSuchPerson') }),
  z.object({ intent: z.literal('add-identifier'), candidateId: candidate }),
  z.object({ intent: z.literal('undo-safe'), decisionId: z.string().min(1).max(100) }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const { review, user } = await requireReviewPermission(request, params.reviewId ?? '', 'export:review')
  if (!exportOpenIn(review.phase)) return json({ error: 'export.errors.phase', params: {} }, { status: 400 })
  const submission = parseWithZod(await request.formData(), { schema: actionSchema })
  if (submission.status !== 'success') return json({ error: 'export.errors.noSuchCandidate', params: {} }, { status: 400 })
  const input = submission.value
  const locale = { locale: await exportLocaleOf(request) }
  let outcome: ResolveOutcome
  if (input.intent === 'undo-safe') outcome = await undoSafeDecision(review, input.decisionId, user.id)
  else if (input.intent === 'mark-safe') outcome = await resolveResidual(review, input.candidateId, 'safe', user.id, locale)
  else if (input.intent === 'add-identifier') outcome = await resolveResidual(review, input.candidateId, 'identifier', user.id, locale)
  else outcome = await resolveResidual(review, input.candidateId, { alias: input.personId }, user.id, locale)
  if (!outcome.ok) return json({ error: outcome.message, params: outcome.params ?? {} }, { status: 400 })
  return redirect(`/reviews/${review.id}/export?done=${outcome.done}`)
}

export default function ExportRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const { review } = data
  return (
    <div className="export-page">
      <p className="back-link">
        <Link to={`/reviews/${review.id}`}>{t('export.backToReview')}</Link>
      </p>
      <h1>
        {t('export.title')}
        <span className="export-review-title">{review.title}</span>
      </h1>
      {data.done && navigation.state === 'idle' ? (
        <p role="status" className="notice">
          {t(`export.done.${data.done}`)}
        </p>
      ) : null}
      {actionData?.error && navigation.state === 'idle' ? (
        <p role="alert" className="notice-error">
          {t(actionData.error, actionData.params)}
        </p>
      ) : null}
      {data.refused ? (
        <p role="alert" className="notice-error">
          {t(`export.errors.${data.refused}`)}
        </p>
      ) : null}

      {!data.open ? (
        <p className="notice-error">{t('export.notYet', { phase: t(`phase.${review.phase}`, { defaultValue: review.phase }) })}</p>
      ) : (
        <>
          <p>{t('export.intro')}</p>
          {data.excluded ? <p className="notice">{t('export.excluded')}</p> : null}

          <section aria-labelledby="residuals-title">
            <h2 id="residuals-title">{t('export.residuals.title')}</h2>
            {data.residuals.length === 0 ? (
              <p role="status" className="notice">
                {t('export.residuals.none')}
              </p>
            ) : (
              <>
                <p>{t('export.residuals.intro')}</p>
                <p className="export-count">{t('export.residuals.count', { count: data.residuals.length })}</p>
                <ResidualTable residuals={data.residuals} people={data.people} />
              </>
            )}
            {data.safe.length > 0 ? (
              <>
                <h3>{t('export.safe.title')}</h3>
                <p>{t('export.safe.intro')}</p>
                <SafeWordTable rows={data.safe} />
              </>
            ) : null}
          </section>

          <section aria-labelledby="formats-title">
            <h2 id="formats-title">{t('export.formats.title')}</h2>
            <p>{t('export.formats.intro')}</p>
            <ExportButtons reviewId={review.id} blocked={data.residuals.length > 0} excluded={data.excluded} />
          </section>

          <section aria-labelledby="preview-title">
            <h2 id="preview-title">{t('export.preview.title')}</h2>
            <p>{t('export.preview.intro')}</p>
            <ExportPreview rows={data.previews} />
          </section>

          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('export.history.title')}</h2>
            <ExportHistory rows={data.history} />
          </section>
        </>
      )}
    </div>
  )
}
