import { addDays } from '~/domain/workflow/calendar'
import type { TimelineEventInput } from '~/domain/standards'
import type { JourneyStage } from '~/domain/vocabulary'

export const REFERRAL_DAY = '2025-01-06'

/** An event `offset` days after the referral day. */
export function ev(id: string, offset: number, stage: JourneyStage, extra: Partial<TimelineEventInput> = {}): TimelineEventInput {
  return { id, date: addDays(REFERRAL_DAY, offset), stage, ...extra }
}

export const referral = ev('ref', 0, 'referral')
