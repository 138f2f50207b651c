// De-identified export of a review (QI lead). The lead checks each text beside its
// de-identified form, resolves every residual candidate (a person, a place, an identifier, or
// safe) and approves the findings; a second person of the panel approves the de-identified
// text; then the lead downloads the formats; every export is listed below. Downloads go to the
// resource route reviews.$reviewId_.export_.download.
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionOutcome } from '~/components/action-outcome'
import { TitledSection } from '~/components/layout'
import { ReviewPageHeading } from '~/components/review-page'
import { z } from 'zod'
import { ExportButtons, ExportHistory } from '~/components/export/formats'
import { ExportPreview } from '~/components/export/preview'
import { ApprovalSteps, type ApprovalStepView } from '~/components/export/approvals'
import { ResidualTable, SafeWordTable } from '~/components/export/residuals'
import { identifierKinds, placeKinds } from '~/domain/vocabulary'
import { approvalState, approvalSteps, approveStep, deidentifiedHash, findingsHash, withdrawApproval } from '~/models/export-approval.server'
import { exportHistory, prepareExport, resolveResidual, safeDecisions, undoSafeDecision, type ResolveOutcome } from '~/models/export.server'
import { namesVisibleToOf } from '~/models/staff-account.server'
import exportStylesUrl from '~/styles/export.css'
import { languageOfRequest } from '~/utils/i18next.server'
import { requireReviewPermission } from '~/utils/permissions.server'
import type { Permission } from '~/domain/permissions'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: exportStylesUrl }]

export const meta: MetaFunction = () => [{ title: 'De-identified export · SCIR Workspace' }]

const doneKeys = ['markedSafe', 'aliasAdded', 'placeAdded', 'identifierAdded', 'unmarked', 'approved', 'approvalWithdrawn'] as const
const refusedKeys = ['residuals', 'excluded', 'phase', 'approval'] as const

/** The reader's interface language: the preview and the download both use it (see prepareExport). */
async function exportLocaleOf(request: Request): Promise<'en' | 'fr'> {
  return languageOfRequest(request)
}

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null
}

const forbidden = () => json({ message: 'Forbidden' }, { status: 403 })

/**
 * The QI lead resolves and exports; the panel's other writers come here to approve the
 * de-identified text as the second person. Anyone else is refused like any page they may not use.
 */
async function requireExportPage(request: Request, reviewId: string) {
  const access = await requireReviewPermission(request, reviewId, 'read:review')
  // Granted, if perhaps not in this phase: can() says wrong-phase, and the page says "not yet".
  const granted = (p: Permission) => {
    const decision = access.decide(p)
    return decision.allowed || decision.reason === 'wrong-phase'
  }
  const mayExport = granted('export:review')
  if (!mayExport && !granted('approve:deidentified-text')) {
    // A partner agency's member is not told that exports exist (ADR 0039).
    throw access.user.partnerOrganisation ? json({ message: 'Not found' }, { status: 404 }) : forbidden()
  }
  const open = access.allows(mayExport ? 'export:review' : 'approve:deidentified-text')
  return { ...access, mayExport, open }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review, user, allows, mayExport, open } = await requireExportPage(request, params.reviewId ?? '')
  const url = new URL(request.url)
  const base = {
    review: { id: review.id, title: review.title, phase: review.phase },
    done: pick(url.searchParams.get('done'), doneKeys),
    refused: pick(url.searchParams.get('refused'), refusedKeys),
    mayExport,
  }
  // The page holds original case text: never cached anywhere.
  const headers = { 'Cache-Control': 'no-store' }
  if (!open) return json({ ...base, open: false as const }, { headers })
  const locale = await exportLocaleOf(request)
  const [prepared, history, safe, namesVisibleTo] = await Promise.all([
    prepareExport(review, { locale }),
    exportHistory(review.id),
    safeDecisions(review.id),
    namesVisibleToOf(review.jurisdictionId),
  ])
  // Approvals cover the English build, whatever the reader's language (approvalState).
  const english = locale === 'en' ? prepared : await prepareExport(review, { locale: 'en' })
  const approvals = await approvalState(review, english)
  const mayApproveFindings = allows('approve:findings')
  const mayApproveText = allows('approve:deidentified-text')
  const resolvedSome = english.resolvedBy.includes(user.id)
  const steps: ApprovalStepView[] = [
    {
      ...approvals.findings,
      hash: findingsHash(english.document),
      canApprove: mayApproveFindings,
      why: mayApproveFindings ? null : 'export.approval.why.qiLead',
    },
    {
      ...approvals.deidentified,
      hash: deidentifiedHash(english.build.sharedReview),
      canApprove: mayApproveText && !resolvedSome && approvals.findings.valid,
      why: !mayApproveText
        ? 'export.approval.why.panel'
        : resolvedSome
          ? 'export.approval.why.resolved'
          : approvals.findings.valid
            ? null
            : 'export.approval.why.findingsFirst',
    },
  ].map(({ step, valid, stale, approvedBy, approvedAt, hash, canApprove, why }) => ({ step, valid, stale, approvedBy, approvedAt, hash, canApprove, why }))
  return json(
    {
      ...base,
      open: true as const,
      excluded: prepared.excludeFromSharing,
      approvals: steps,
      missingApprovals: approvals.missing,
      residuals: prepared.unresolved.map(r => ({
        id: r.id,
        text: r.text,
        reason: r.reason,
        occurrences: r.occurrences.map(o => ({ where: o.where })),
      })),
      people: [
        ...prepared.document.people.map(p => ({ id: `doc:${p.id}`, name: p.name, pseudonym: p.pseudonym })),
        // Where nobody may see who is behind an account's pseudonym, the list does not pair them.
        ...prepared.staff.map(p => ({ id: p.id, name: p.name, pseudonym: namesVisibleTo === 'nobody' ? null : p.pseudonym })),
      ],
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
const step = z.enum(approvalSteps)
const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('mark-safe'), candidateId: candidate }),
  z.object({
    intent: z.literal('add-alias'),
    candidateId: candidate,
    personId: z.string({ required_error: 'export.errors.noSuchPerson' }).min(1, 'export.errors.noSuchPerson').max(200),
  }),
  z.object({
    intent: z.literal('add-place'),
    candidateId: candidate,
    label: z.string({ required_error: 'export.errors.placeLabel' }).trim().min(1, 'export.errors.placeLabel').max(100, 'export.errors.placeLabel'),
    placeKind: z.enum(placeKinds).default('other'),
  }),
  z.object({ intent: z.literal('add-identifier'), candidateId: candidate, identifierKind: z.enum(identifierKinds).default('other') }),
  z.object({ intent: z.literal('undo-safe'), decisionId: z.string().min(1).max(100) }),
  z.object({ intent: z.literal('approve'), step, hash: z.string().max(100).optional() }),
  z.object({ intent: z.literal('withdraw-approval'), step }),
])

const stepPermission = { findings: 'approve:findings', deidentified: 'approve:deidentified-text' } as const

export async function action({ request, params }: ActionFunctionArgs) {
  const { review, user, allows, open } = await requireExportPage(request, params.reviewId ?? '')
  if (!open) return json({ error: 'export.errors.phase', params: {} }, { status: 400 })
  const submission = parseWithZod(await request.formData(), { schema: actionSchema })
  if (submission.status !== 'success') {
    const message = Object.values(submission.error ?? {})
      .flat()
      .find(m => typeof m === 'string' && m.startsWith('export.'))
    return json({ error: message ?? 'export.errors.noSuchCandidate', params: {} }, { status: 400 })
  }
  const input = submission.value
  const locale = { locale: await exportLocaleOf(request) }
  let outcome: ResolveOutcome | { ok: true; done: 'approved' | 'approvalWithdrawn' } | { ok: false; message: string; params?: Record<string, string> }
  if (input.intent === 'approve' || input.intent === 'withdraw-approval') {
    if (!allows(stepPermission[input.step])) throw forbidden()
    if (input.intent === 'withdraw-approval') {
      const result = await withdrawApproval(review, input.step, user.id)
      outcome = result.ok ? { ok: true, done: 'approvalWithdrawn' } : result
    } else {
      const result = await approveStep(review, input.step, await prepareExport(review), user.id, input.hash)
      outcome = result.ok ? { ok: true, done: 'approved' } : result
    }
  } else {
    // Resolving candidates is the QI lead's; the second person only approves.
    if (!allows('export:review')) throw forbidden()
    if (input.intent === 'undo-safe') outcome = await undoSafeDecision(review, input.decisionId, user.id)
    else if (input.intent === 'mark-safe') outcome = await resolveResidual(review, input.candidateId, { kind: 'safe' }, user.id, locale)
    else if (input.intent === 'add-identifier')
      outcome = await resolveResidual(review, input.candidateId, { kind: 'identifier', identifierKind: input.identifierKind }, user.id, locale)
    else if (input.intent === 'add-place')
      outcome = await resolveResidual(review, input.candidateId, { kind: 'place', label: input.label, placeKind: input.placeKind }, user.id, locale)
    else outcome = await resolveResidual(review, input.candidateId, { kind: 'person', personRef: input.personId }, user.id, locale)
  }
  if (!outcome.ok) return json({ error: outcome.message, params: outcome.params ?? {} }, { status: 400 })
  return redirect(`/reviews/${review.id}/export?done=${outcome.done}`)
}

export default function ExportRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const { review } = data
  // The sections after the residuals, in page order; false where this reader has none.
  const sections: (false | { id: string; title: string; intro?: string; body: ReactNode })[] = data.open
    ? [
        { id: 'approvals', title: 'export.approval.title', intro: 'export.approval.intro', body: <ApprovalSteps steps={data.approvals} /> },
        data.mayExport && {
          id: 'formats',
          title: 'export.formats.title',
          intro: 'export.formats.intro',
          body: (
            <ExportButtons
              reviewId={review.id}
              blocked={[
                ...(data.residuals.length > 0 ? [t('export.formats.blocked')] : []),
                ...data.missingApprovals.map(step => t(`export.approval.blocked.${step}`)),
              ]}
              excluded={data.excluded}
            />
          ),
        },
        { id: 'preview', title: 'export.preview.title', intro: 'export.preview.intro', body: <ExportPreview rows={data.previews} /> },
        data.mayExport && { id: 'history', title: 'export.history.title', body: <ExportHistory rows={data.history} /> },
      ]
    : []
  return (
    <div className="export-page">
      <ReviewPageHeading review={review} back={t('export.backToReview')} title={t('export.title')} reviewTitleClass="export-review-title" />
      {navigation.state === 'idle' ? (
        <ActionOutcome done={data.done ? `export.done.${data.done}` : null} error={actionData?.error} errorParams={actionData?.params} />
      ) : null}
      <ActionOutcome error={data.refused ? `export.errors.${data.refused}` : null} />

      {!data.open ? (
        <p className="notice-error">{t('export.notYet', { phase: t(`phase.${review.phase}`, { defaultValue: review.phase }) })}</p>
      ) : (
        <>
          <p>{t('export.intro')}</p>
          {data.excluded ? <p className="notice">{t('export.excluded')}</p> : null}

          <TitledSection id="residuals" title={t('export.residuals.title')}>
            {data.residuals.length === 0 ? (
              <p role="status" className="notice">
                {t('export.residuals.none')}
              </p>
            ) : (
              <>
                <p>{t(data.mayExport ? 'export.residuals.intro' : 'export.residuals.introReader')}</p>
                <p className="export-count">{t('export.residuals.count', { count: data.residuals.length })}</p>
                {data.mayExport ? <ResidualTable residuals={data.residuals} people={data.people} /> : null}
              </>
            )}
            {data.mayExport && data.safe.length > 0 ? (
              <>
                <h3>{t('export.safe.title')}</h3>
                <p>{t('export.safe.intro')}</p>
                <SafeWordTable rows={data.safe} />
              </>
            ) : null}
          </TitledSection>

          {sections.map(section =>
            section ? (
              <TitledSection key={section.id} id={section.id} title={t(section.title)}>
                {section.intro ? <p>{t(section.intro)}</p> : null}
                {section.body}
              </TitledSection>
            ) : null,
          )}
        </>
      )}
    </div>
  )
}
