// Retention (issue 17, ADR 0028): a jurisdiction keeps a closed review for a number of years
// after it closed; a legal hold keeps it whatever the setting. Pure: dates in, decision out.

export const MAX_RETENTION_YEARS = 100

export type RetentionReview = { closedAt: Date | null; legalHold: boolean }

/** The first moment the review may be purged, or null when it is kept (open, held, no setting). */
export function purgeDueAt(review: RetentionReview, retentionYears: number | null): Date | null {
  if (retentionYears === null || review.closedAt === null || review.legalHold) return null
  const due = new Date(review.closedAt.getTime())
  // Calendar years in UTC; 29 February closes on 1 March of a common year.
  due.setUTCFullYear(due.getUTCFullYear() + retentionYears)
  return due
}

export function isExpired(review: RetentionReview, retentionYears: number | null, now: Date): boolean {
  const due = purgeDueAt(review, retentionYears)
  return due !== null && due.getTime() <= now.getTime()
}

/** The phase in which a review counts as closed. */
export const CLOSED_PHASE = 'shared'
