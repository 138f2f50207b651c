import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DeadlineText } from '~/components/deadline'
import { DataTable } from '~/components/layout'
import { CheckboxField, conformField, FormErrors, InputField, SelectField } from '~/components/forms'
import { reviewDeadline } from '~/domain/workflow/deadline'
import { staffReviewRoles } from '~/domain/vocabulary'
import { addMember, listMembers, removeMember, setCommunityRepresentative } from '~/models/member.server'
import { namesVisibleToOf } from '~/models/staff-account.server'
import { currentChecklist, movePhase, phaseHistory, recordSiblingCheck, siblingCheckOf } from '~/models/phase.server'
import { addMemberSchema, memberActionSchema } from '~/schemas/member'
import { movePhaseSchema, siblingCheckSchema } from '~/schemas/phase'
import { ConfirmSubmit } from '~/components/confirm'
import { requireReviewPermission } from '~/utils/permissions.server'
import { PhasePanel } from '~/components/phase-panel'
import { SettingsVersionsPanel } from '~/components/settings-versions-panel'
import { reviewSettings, settingsSwitchHistory, switchReviewSettings, type ReviewSettingsRow } from '~/models/settings-version.server'

export const meta: MetaFunction = () => [{ title: 'Review · SCIR Workspace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review, role, allows, user } = await requireReviewPermission(request, params.reviewId ?? '', 'read:review')
  const incidentDate = review.incidentDate.toISOString().slice(0, 10)
  return json({
    review: {
      id: review.id,
      title: review.title,
      incidentType: review.incidentType,
      incidentDate,
      summary: review.summary,
      phase: review.phase,
    },
    deadline: reviewDeadline(incidentDate, new Date()),
    role,
    members: allows('read:review-members')
      ? await listMembers(review.id, { userId: user.id, namesVisibleTo: await namesVisibleToOf(review.jurisdictionId) })
      : [],
    canManageMembers: allows('manage:review-members'),
    canReadDoc: allows('read:review-doc'),
    canWriteDoc: allows('write:review-doc'),
    canExport: allows('export:review'),
    canReadVoice: allows('read:family-voice'),
    // Staff accounts are never a partner agency's business (ADR 0039).
    isPartner: Boolean(user.partnerOrganisation),
    imported: Number(new URL(request.url).searchParams.get('imported') ?? NaN),
    phase: {
      checklist: await currentChecklist(review),
      history: await phaseHistory(review.id),
      canMove: allows('move:review-phase'),
      siblingCheck: siblingCheckOf(review),
      canRecordSiblingCheck: allows('update:review'),
    },
    settingsVersions: await settingsVersionsOf(review, allows('update:review')),
  })
}

async function settingsVersionsOf(review: ReviewSettingsRow, canSwitch: boolean) {
  const [settings, history] = await Promise.all([reviewSettings(review), settingsSwitchHistory(review.id)])
  return {
    pins: settings.pins,
    newer: settings.newer,
    standardsName: settings.practiceStandards.name,
    frameworkName: settings.factorFramework.name,
    history,
    canSwitch,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData()
  if (formData.get('intent') === 'move-phase') return movePhaseAction(request, params.reviewId ?? '', formData)
  if (formData.get('intent') === 'record-sibling-check') return siblingCheckAction(request, params.reviewId ?? '', formData)
  if (formData.get('intent') === 'switch-settings') return switchSettingsAction(request, params.reviewId ?? '')
  const { review, user } = await requireReviewPermission(request, params.reviewId ?? '', 'manage:review-members')
  const submission = parseWithZod(formData, { schema: memberActionSchema })
  if (submission.status !== 'success') return json({ result: submission.reply(), done: null }, { status: 400 })
  const input = submission.value
  const outcome =
    input.intent === 'add'
      ? await addMember(review, input, user.id)
      : input.intent === 'remove'
        ? await removeMember(review, input.memberId, user.id)
        : await setCommunityRepresentative(review, input.memberId, input.value === 'yes', user.id)
  if (!outcome.ok) {
    const reply =
      outcome.field === 'form' ? submission.reply({ formErrors: [outcome.message] }) : submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
    return json({ result: reply, done: null }, { status: 400 })
  }
  const done = input.intent === 'add' ? 'members.added' : input.intent === 'remove' ? 'members.removed' : 'checks.communityRep.saved'
  return json({ result: submission.reply({ resetForm: true }), done })
}

async function movePhaseAction(request: Request, reviewId: string, formData: FormData) {
  const { review, user } = await requireReviewPermission(request, reviewId, 'move:review-phase')
  const submission = parseWithZod(formData, { schema: movePhaseSchema })
  if (submission.status !== 'success') return json({ result: submission.reply(), done: null }, { status: 400 })
  const outcome = await movePhase(review, submission.value.to, submission.value.reason, user.id)
  if (!outcome.ok) return json({ result: submission.reply({ fieldErrors: { reason: [outcome.problem] } }), done: null }, { status: 400 })
  return json({ result: submission.reply({ resetForm: true }), done: 'phaseMove.moved' })
}

async function siblingCheckAction(request: Request, reviewId: string, formData: FormData) {
  const { review, user } = await requireReviewPermission(request, reviewId, 'update:review')
  const submission = parseWithZod(formData, { schema: siblingCheckSchema })
  if (submission.status !== 'success') return json({ result: submission.reply(), done: null }, { status: 400 })
  await recordSiblingCheck(review, submission.value, user.id)
  return json({ result: submission.reply(), done: 'checks.siblingCheck.saved' })
}

async function switchSettingsAction(request: Request, reviewId: string) {
  const { review, user } = await requireReviewPermission(request, reviewId, 'update:review')
  const switched = await switchReviewSettings(review, user.id)
  return json({ result: null, done: switched ? 'versions.review.switched' : 'versions.review.alreadyUpToDate' })
}

export default function ReviewRoute() {
  const { review, deadline, role, members, canManageMembers, canReadDoc, canWriteDoc, canExport, canReadVoice, isPartner, imported, phase, settingsVersions } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t, i18n } = useTranslation()
  const [form, fields] = useForm({
    id: 'add-member',
    // Conform resets fields to these after a successful add; without one the role select
    // would come back empty and the next submit fail with "Choose a role".
    defaultValue: { role: 'panel_member' },
    lastResult: navigation.state === 'idle' ? actionData?.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addMemberSchema }),
    shouldValidate: 'onSubmit',
  })
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' })
  return (
    <>
      <section aria-labelledby="review-title">
        <h1 id="review-title">{review.title}</h1>
        <h2>{t('review.overview')}</h2>
        <dl className="facts">
          <dt>{t('review.phase')}</dt>
          <dd>{t(`phase.${review.phase}`, { defaultValue: review.phase })}</dd>
          <dt>{t('review.incident')}</dt>
          <dd>{t(`incidentType.${review.incidentType}`, { defaultValue: review.incidentType })}</dd>
          <dt>{t('review.incidentDate')}</dt>
          <dd>{dateFormat.format(new Date(`${review.incidentDate}T00:00:00Z`))}</dd>
          <dt>{t('review.deadline')}</dt>
          <dd>
            {dateFormat.format(new Date(`${deadline.dueDate}T00:00:00Z`))} (<DeadlineText daysLeft={deadline.daysLeft} />)
          </dd>
          {role ? (
            <>
              <dt>{t('review.yourRole')}</dt>
              <dd>{t(`role.${role}`)}</dd>
            </>
          ) : null}
        </dl>
        {Number.isFinite(imported) ? (
          <p role="status" className="notice">
            {t('import.done', { count: imported })}
          </p>
        ) : null}
        <ul className="review-links">
          {canReadDoc ? (
            <li>
              <Link to={`/reviews/${review.id}/workspace`} className="button">
                {t('review.openWorkspace')}
              </Link>
            </li>
          ) : null}
          {canWriteDoc ? (
            <li>
              <Link to={`/reviews/${review.id}/import`}>{t('import.link')}</Link>
            </li>
          ) : null}
          {isPartner ? null : (
            <li>
              <Link to={`/reviews/${review.id}/accounts`}>{t('accounts.link')}</Link>
            </li>
          )}
          {canReadVoice ? (
            <li>
              <Link to={`/reviews/${review.id}/voice`}>{t('voice.link')}</Link>
            </li>
          ) : null}
          {canManageMembers ? (
            <li>
              <Link to={`/reviews/${review.id}/partners`}>{t('voice.partners.link')}</Link>
            </li>
          ) : null}
          {canExport ? (
            <li>
              <Link to={`/reviews/${review.id}/export`}>{t('export.link')}</Link>
            </li>
          ) : null}
        </ul>
        <h2>{t('review.summary')}</h2>
        <p className="summary">{review.summary || t('review.noSummary')}</p>
      </section>

      <PhasePanel current={review.phase} {...phase} />

      <SettingsVersionsPanel {...settingsVersions} done={actionData?.done?.startsWith('versions.review.') ? actionData.done : null} />

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('members.title')}</h2>
        {actionData?.done && (actionData.done.startsWith('members.') || actionData.done.startsWith('checks.communityRep')) ? (
          <p role="status" className="notice">
            {t(actionData.done)}
          </p>
        ) : null}
        <DataTable
          caption={t('members.caption')}
          headers={[
            t('members.colName'),
            t('members.colEmail'),
            t('members.colRole'),
            t('checks.communityRep.column'),
            canManageMembers ? t('members.colActions') : null,
          ]}
        >
          {members.map(m => {
            const shown = m.name ?? m.pseudonym ?? t('members.nameHidden')
            return (
              <tr key={m.id}>
                <td>
                  {shown}
                  {m.name === null ? <span className="hint"> ({t('members.pseudonymShown')})</span> : null}
                  {m.active ? null : ` (${t('members.inactive')})`}
                </td>
                <td>{m.email ?? '—'}</td>
                <td>{t(`role.${m.role}`)}</td>
                <td>
                  {m.communityRepresentative ? t('checks.communityRep.yes') : t('checks.communityRep.no')}
                  {canManageMembers ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="community-representative" />
                      <input type="hidden" name="memberId" value={m.id} />
                      <input type="hidden" name="value" value={m.communityRepresentative ? 'no' : 'yes'} />
                      <button type="submit" className="button-secondary">
                        {m.communityRepresentative ? t('checks.communityRep.unmark', { name: shown }) : t('checks.communityRep.mark', { name: shown })}
                      </button>
                    </Form>
                  ) : null}
                </td>
                {canManageMembers ? (
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="memberId" value={m.id} />
                      <ConfirmSubmit
                        label={t('members.remove')}
                        ariaLabel={t('members.removeLabel', { name: shown })}
                        question={t('checks.confirm.removeMember', { name: shown })}
                        confirmLabel={t('checks.confirm.removeYes')}
                      />
                    </Form>
                  </td>
                ) : null}
              </tr>
            )
          })}
        </DataTable>

        {canManageMembers ? (
          <Form method="post" {...getFormProps(form)} aria-labelledby="add-member-title">
            <h3 id="add-member-title">{t('members.addTitle')}</h3>
            <FormErrors errors={form.errors} />
            <input type="hidden" name="intent" value="add" />
            <InputField label={t('members.email')} {...conformField(fields.email)} key={fields.email.key} type="email" autoComplete="off" />
            <SelectField
              label={t('members.role')}
              {...conformField(fields.role, 'panel_member')}
              key={fields.role.key}
              options={staffReviewRoles.map(r => [r, t(`role.${r}`)] as const)}
            />
            <CheckboxField id="add-member-community-rep" name="communityRepresentative" label={t('checks.communityRep.addLabel')} />
            <button type="submit">{t('members.add')}</button>
          </Form>
        ) : null}
      </section>
    </>
  )
}
