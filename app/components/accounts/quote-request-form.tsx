import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, SelectField } from '~/components/forms'

type Props = {
  reviewId: string
  findings: readonly { id: string; number: number; preview: string }[]
  /** The account asked: one fixed account (its own page) or a choice among the quotable ones. */
  account: { id: string } | { choices: readonly { id: string; pseudonym: string }[] }
  errors?: string[] | null
}

/** A request to quote an excerpt of a released account in a finding; the quotes route takes it. */
export function QuoteRequestForm({ reviewId, findings, account, errors }: Props) {
  const { t } = useTranslation()
  return (
    <Form method="post" action={`/reviews/${reviewId}/quotes`}>
      <FormErrors errors={errors} />
      <input type="hidden" name="intent" value="request-quote" />
      {'id' in account ? (
        <input type="hidden" name="accountId" value={account.id} />
      ) : (
        <SelectField
          id="quote-account"
          name="accountId"
          label={t('accounts.quotes.account')}
          required
          options={account.choices.map(a => [a.id, a.pseudonym] as const)}
        />
      )}
      <SelectField
        id="quote-finding"
        name="findingId"
        label={t('accounts.quotes.finding')}
        required
        options={findings.map(f => [f.id, t('accounts.quotes.findingOption', { number: f.number, preview: f.preview })] as const)}
      />
      <div className="field">
        <label htmlFor="quote-excerpt">{t('accounts.quotes.excerpt')}</label>
        <textarea id="quote-excerpt" name="excerpt" rows={3} maxLength={2000} required />
      </div>
      <button type="submit">{t('accounts.quotes.submit')}</button>
    </Form>
  )
}
