// What others see of an account: its pseudonym's sections, one per answered prompt. Used for
// the author's preview, the author's view of what is released, and the readers' page, so the
// preview is the same rendering as the real thing.
import { useTranslation } from 'react-i18next'
import type { ReleaseContent } from '~/domain/staff-account'
import { RichTextView } from './rich-text-view'

type Props = { content: ReleaseContent; headingLevel?: 3 | 4; label?: string }

export function ReleaseView({ content, headingLevel = 3, label }: Props) {
  const { t } = useTranslation()
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <article className="account-release" aria-label={label}>
      {content.sections.map(section => (
        <section key={section.prompt} className="account-section">
          <Heading>{t(`accounts.prompt.${section.prompt}`)}</Heading>
          <RichTextView doc={section.doc} text={section.text} />
        </section>
      ))}
    </article>
  )
}

export function ConfidentialLabel() {
  const { t } = useTranslation()
  return <p className="account-confidential">{t('accounts.confidential')}</p>
}
