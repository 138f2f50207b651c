// Said plainly, on every staff-account page: who can see what.
import { useTranslation } from 'react-i18next'

export function PrivacyNotice() {
  const { t } = useTranslation()
  return (
    <section className="account-privacy" aria-labelledby="account-privacy-title">
      <h2 id="account-privacy-title">{t('accounts.privacy.title')}</h2>
      <ul>
        <li>{t('accounts.privacy.draft')}</li>
        <li>{t('accounts.privacy.release')}</li>
        <li>{t('accounts.privacy.reads')}</li>
        <li>{t('accounts.privacy.quotes')}</li>
      </ul>
    </section>
  )
}
