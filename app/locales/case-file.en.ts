// Case-file import messages: the domain's own English wording (app/domain/case-file/messages.ts),
// so the command line and the interface say the same thing.
import { caseFileText } from '~/domain/case-file/messages'

export const caseFileEn = {
  ...caseFileText,
  report: {
    summaryKept: 'The file’s review summary is kept on the review.',
    duplicates_one: '{{count}} entry was already in the timeline and was not imported again:',
    duplicates_other: '{{count}} entries were already in the timeline and were not imported again:',
    flags_one: '{{count}} imported date deserves a second look:',
    flags_other: '{{count}} imported dates deserve a second look:',
    backToReview: 'Back to the review',
  },
}
