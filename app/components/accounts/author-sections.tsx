// The author's page of a staff account, one part per step: the private draft, the release
// steps with their preview, the released versions, withdrawal, requests to quote, and the read
// log. The route (reviews.$reviewId_.accounts_.$accountId.tsx) loads and acts; these only show.
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmSubmit } from '~/components/confirm'
import type { ReleaseContent } from '~/domain/staff-account'
import type { QuoteForAuthor } from '~/models/quote-consent.server'
import type { ReadLogEntry, ReleasePreview, ReleaseView as ReleaseRecord } from '~/models/staff-account.server'
import { AccountEditor } from './account-editor'
import { ReleaseView } from './release-view'
import { DataTable, TitledSection } from '~/components/layout'

/** Dates and times in UTC on the server and in the browser alike, so both render the same text. */
export function useDateTime() {
  const { i18n } = useTranslation()
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  return (iso: string) => `${format.format(new Date(iso))} UTC`
}

export function DraftSection({ data, account }: { data: { canEdit: boolean; docName: string; draftCopy: ReleaseContent | null }; account: { id: string } }) {
  const { t } = useTranslation()
  return (
    <TitledSection id="prompts" title={t('accounts.author.promptsTitle')}>
      {data.canEdit ? (
        <>
          <p>{t('accounts.author.promptsIntro')}</p>
          <AccountEditor accountId={account.id} docName={data.docName} />
        </>
      ) : (
        <>
          <p>{t('accounts.author.withdrawnNote')}</p>
          {data.draftCopy && data.draftCopy.sections.length > 0 ? (
            <ReleaseView content={data.draftCopy} label={t('accounts.author.draftCopy')} />
          ) : (
            <p>{t('accounts.author.emptyDraft')}</p>
          )}
        </>
      )}
    </TitledSection>
  )
}

type ReleaseStepsData = {
  canEdit: boolean
  releaseOpen: boolean
  mayRelease: { facilitator: boolean; panel: boolean }
  namesVisibleTo: string
  preview: ReleasePreview | null
}

export function ReleaseSteps({ data, review, account }: { data: ReleaseStepsData; review: { id: string }; account: { id: string } }) {
  const { t } = useTranslation()
  const { preview } = data
  return (
    <>
      {data.canEdit ? (
        <TitledSection id="release" title={t('accounts.release.title')} className="account-release-steps">
          <p>{t('accounts.release.steps')}</p>
          {data.releaseOpen ? null : <p>{t('accounts.release.closed')}</p>}
          <ul className="review-links">
            {(['facilitator', 'panel'] as const).map(audience =>
              data.mayRelease[audience] ? (
                <li key={audience}>
                  <Form method="get" className="inline-form">
                    <input type="hidden" name="preview" value={audience} />
                    <button type="submit" className="button-secondary">
                      {t(`accounts.release.preview.${audience}`)}
                    </button>
                  </Form>
                </li>
              ) : null,
            )}
          </ul>
          {data.mayRelease.panel ? <p className="hint">{t('accounts.release.panelIsFacilitatorVersion')}</p> : null}
          {preview ? (
            <section aria-labelledby="preview-title" className="account-preview">
              <h3 id="preview-title">{t(`accounts.release.previewTitle.${preview.audience}`)}</h3>
              {'problem' in preview ? (
                <p className="notice-error">{t(preview.problem)}</p>
              ) : (
                <>
                  <p>{t('accounts.release.previewIntro', { pseudonym: preview.content.pseudonym })}</p>
                  <p>{data.namesVisibleTo === 'facilitator' ? t('accounts.release.previewNamesFacilitator') : t('accounts.release.previewNamesNobody')}</p>
                  <p className="account-pseudonym">{preview.content.pseudonym}</p>
                  <ReleaseView content={preview.content} headingLevel={4} />
                  <div className="actions-row">
                    <Form method="post">
                      <input type="hidden" name="intent" value="release" />
                      <input type="hidden" name="audience" value={preview.audience} />
                      <input type="hidden" name="hash" value={preview.hash} />
                      <button type="submit">{t(`accounts.release.confirm.${preview.audience}`)}</button>
                    </Form>
                    <Link to={`/reviews/${review.id}/accounts/${account.id}`}>{t('accounts.release.cancel')}</Link>
                  </div>
                </>
              )}
            </section>
          ) : null}
        </TitledSection>
      ) : null}
    </>
  )
}

export function ReleasedVersions({ releases }: { releases: { facilitator: ReleaseRecord | null; panel: ReleaseRecord | null } }) {
  const { t } = useTranslation()
  const when = useDateTime()
  return (
    <>
      {releases.facilitator || releases.panel ? (
        <TitledSection id="released" title={t('accounts.release.releasedVersions')}>
          {(['panel', 'facilitator'] as const).map(audience => {
            const release = releases[audience]
            return release ? (
              <details key={audience}>
                <summary>{t(`accounts.release.${audience}Version`, { date: when(release.releasedAt) })}</summary>
                <ReleaseView content={release.content} />
              </details>
            ) : null
          })}
        </TitledSection>
      ) : null}
    </>
  )
}

export function WithdrawSection({
  data,
  account,
}: {
  data: { mayWithdraw: boolean; mayRequestWithdrawal: boolean }
  account: { withdrawalRequestedAt: string | null }
}) {
  const { t } = useTranslation()
  const when = useDateTime()
  return (
    <>
      {data.mayWithdraw || data.mayRequestWithdrawal || account.withdrawalRequestedAt ? (
        <TitledSection id="withdraw" title={t('accounts.withdraw.title')}>
          {account.withdrawalRequestedAt ? (
            <p>{t('accounts.withdraw.requested', { date: when(account.withdrawalRequestedAt) })}</p>
          ) : data.mayWithdraw ? (
            <Form method="post">
              <p>{t('accounts.withdraw.intro')}</p>
              <input type="hidden" name="intent" value="withdraw" />
              <ConfirmSubmit
                label={t('accounts.withdraw.submit')}
                question={t('checks.confirm.withdrawAccount')}
                confirmLabel={t('checks.confirm.withdrawYes')}
              />
            </Form>
          ) : (
            <Form method="post">
              <p>{t('accounts.withdraw.requestIntro')}</p>
              <div className="field">
                <label htmlFor="withdraw-reason">{t('accounts.withdraw.reason')}</label>
                <textarea id="withdraw-reason" name="reason" rows={3} maxLength={2000} />
              </div>
              <input type="hidden" name="intent" value="request-withdrawal" />
              <button type="submit" className="button-danger">
                {t('accounts.withdraw.request')}
              </button>
            </Form>
          )}
        </TitledSection>
      ) : null}
    </>
  )
}

export function QuoteConsent({ data }: { data: { quotes: QuoteForAuthor[]; mayDecideQuotes: boolean } }) {
  const { t } = useTranslation()
  return (
    <TitledSection id="consent" title={t('accounts.consent.title')}>
      <p>{t('accounts.consent.intro')}</p>
      {data.quotes.length === 0 ? (
        <p>{t('accounts.consent.empty')}</p>
      ) : (
        <ul className="account-quotes">
          {data.quotes.map(q => (
            <li key={q.id}>
              <p>{q.findingNumber ? t('accounts.consent.inFinding', { number: q.findingNumber }) : t('accounts.consent.inUnknownFinding')}</p>
              {q.findingText ? <p className="quoted-finding">{q.findingText}</p> : null}
              <blockquote>{q.excerpt}</blockquote>
              <p>{t('accounts.consent.statusLine', { status: t(`accounts.quotes.status.${q.status}`) })}</p>
              {data.mayDecideQuotes && (q.status === 'pending' || q.status === 'approved') ? (
                <Form method="post" className="actions-row">
                  <input type="hidden" name="intent" value="decide-quote" />
                  <input type="hidden" name="quoteId" value={q.id} />
                  {q.status === 'pending' ? (
                    <>
                      <button type="submit" name="decision" value="approve">
                        {t('accounts.consent.approve')}
                      </button>
                      <button type="submit" name="decision" value="decline" className="button-secondary">
                        {t('accounts.consent.decline')}
                      </button>
                    </>
                  ) : (
                    <button type="submit" name="decision" value="revoke" className="button-secondary">
                      {t('accounts.consent.revoke')}
                    </button>
                  )}
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </TitledSection>
  )
}

export function ReadLog({ data }: { data: { reads: ReadLogEntry[] } }) {
  const { t } = useTranslation()
  const when = useDateTime()
  return (
    <TitledSection id="reads" title={t('accounts.reads.title')}>
      {data.reads.length === 0 ? (
        <p>{t('accounts.reads.empty')}</p>
      ) : (
        <DataTable
          className="account-reads"
          caption={t('accounts.reads.caption')}
          headers={[t('accounts.reads.colWho'), t('accounts.reads.colRole'), t('accounts.reads.colWhen'), t('accounts.reads.colVersion')]}
        >
          {data.reads.map((r, index) => (
            <tr key={`${r.at}-${index}`}>
              <td>{r.readerName}</td>
              <td>{r.readerRole ? t(`role.${r.readerRole}`) : t('accounts.reads.noRole')}</td>
              <td>{when(r.at)}</td>
              <td>{r.audience ? t(`accounts.audience.${r.audience}`) : t('accounts.list.none')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </TitledSection>
  )
}
