import { Link } from '@remix-run/react'
import type { ComponentProps, ReactNode } from 'react'
import { IntentButton } from '~/components/intent-form'

/** The top of a page under a review: a link back up, then the page's h1. */
export function BackLinkHeading({ to, back, id, title }: { to: string; back: ReactNode; id?: string; title: ReactNode }) {
  return (
    <>
      <p className="back-link">
        <Link to={to}>{back}</Link>
      </p>
      <h1 id={id}>{title}</h1>
    </>
  )
}

/** The same, where the back link does not name the review: its title stands beside the page's. */
export function ReviewPageHeading({
  review,
  backTo = '',
  back,
  title,
  reviewTitleClass,
}: {
  review: { id: string; title: string }
  /** The page the back link goes to, under the review's own ('' for the review). */
  backTo?: string
  back: string
  title: string
  reviewTitleClass: string
}) {
  const withReview = (
    <>
      {title}
      <span className={reviewTitleClass}>{review.title}</span>
    </>
  )
  return <BackLinkHeading to={`/reviews/${review.id}${backTo ? `/${backTo}` : ''}`} back={back} title={withReview} />
}

/** The messages (i18n keys) of a Conform reply's errors, form-level and per field alike; null when there are none. */
export function conformErrors(result: { error?: Record<string, unknown> | null } | undefined): string[] | null {
  return result?.error
    ? Object.values(result.error)
        .flat()
        .filter((e): e is string => typeof e === 'string')
    : null
}

/** A notice carrying a one-time link the user passes on (an invitation, an account setup). */
export function LinkNotice({ message, url, testId }: { message: string; url: string; testId: string }) {
  return (
    <div role="status" className="notice">
      <p>{message}</p>
      <p>
        <code data-testid={testId}>{url}</code>
      </p>
    </div>
  )
}

/** A row's one-button action (revoke, remove, withdraw, ...), inline beside what it acts on. */
export function RowAction(props: Omit<ComponentProps<typeof IntentButton>, 'className'>) {
  return <IntentButton {...props} className="inline-form" />
}
