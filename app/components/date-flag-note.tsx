import { useTranslation } from 'react-i18next'
import { childBirthDateOf, flagDate, localToday } from '~/domain/date-flags'
import { useHydrated } from './trends/use-hydrated'

type Props = {
  id: string
  /** A timeline date as typed (YYYY-MM-DD or YYYY-MM-DDTHH:mm); empty shows nothing. */
  date: string
  people: readonly { role: string; birthDate?: string }[]
}

/**
 * Says at once when a date typed into the timeline is in the future or before the child was
 * born. A flag, not a refusal (see app/domain/date-flags.ts). Rendered after hydration only:
 * "today" is the browser's, which the server cannot know.
 */
export function DateFlagNote({ id, date, people }: Props) {
  const { t, i18n } = useTranslation()
  const hydrated = useHydrated()
  const flag = hydrated && date ? flagDate(date, { today: localToday(), childBirthDate: childBirthDateOf(people) }) : null
  return (
    <p id={id} className="date-flag" role="status">
      {flag?.kind === 'future' ? t('checks.dateFlags.future') : null}
      {flag?.kind === 'beforeBirth'
        ? t('checks.dateFlags.beforeBirth', {
            birthDate: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${flag.birthDate}T00:00:00Z`)),
          })
        : null}
    </p>
  )
}
