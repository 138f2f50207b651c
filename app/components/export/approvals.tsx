// The two approvals an export waits for: the QI lead approves the findings, then a second
// person (who resolved no residual candidate) approves the de-identified text shown on this
// page. Plain forms: it works without JavaScript. The hash says what was looked at, so an
// approval never covers text that changed after the page was loaded.
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export type ApprovalStepView = {
  step: 'findings' | 'deidentified'
  valid: boolean
  stale: boolean
  approvedBy: string | null
  approvedAt: string | null
  /** What an approval now would cover. */
  hash: string
  /** Whether the reader may approve this step now; otherwise why not (i18n key). */
  canApprove: boolean
  why: string | null
}

export function ApprovalSteps({ steps }: { steps: ApprovalStepView[] }) {
  const { t, i18n } = useTranslation()
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <ol className="export-approvals">
      {steps.map(step => (
        <li key={step.step} data-step={step.step}>
          <h3 id={`approval-${step.step}`}>{t(`export.approval.${step.step}.title`)}</h3>
          <p className="hint">{t(`export.approval.${step.step}.hint`)}</p>
          {step.valid && step.approvedAt ? (
            <p role="status" className="notice">
              {t('export.approval.approvedBy', { name: step.approvedBy ?? t('export.history.unknownActor'), when: when.format(new Date(step.approvedAt)) })}
            </p>
          ) : step.stale ? (
            <p className="notice-error">{t('export.approval.stale')}</p>
          ) : (
            <p className="notice-error">{t('export.approval.notYet')}</p>
          )}
          {!step.valid && step.canApprove ? (
            <Form method="post">
              <input type="hidden" name="intent" value="approve" />
              <input type="hidden" name="step" value={step.step} />
              <input type="hidden" name="hash" value={step.hash} />
              <button type="submit">{t(`export.approval.${step.step}.approve`)}</button>
            </Form>
          ) : null}
          {!step.valid && !step.canApprove && step.why ? <p className="hint">{t(step.why)}</p> : null}
          {step.valid && step.canApprove ? (
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw-approval" />
              <input type="hidden" name="step" value={step.step} />
              <button type="submit" className="button-link">
                {t('export.approval.withdraw')}
                <span className="visually-hidden"> – {t(`export.approval.${step.step}.title`)}</span>
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ol>
  )
}
