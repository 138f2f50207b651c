// Public surface of the anonymiser: everything the de-identification preview and exports need.

export { anonymise, compileAnonymiser, type Anonymiser } from './anonymise'
export {
  anonymisationContextSchema,
  anonymisationOptionsSchema,
  anonymisationRegistrySchema,
  registeredIdentifierSchema,
  registeredPersonSchema,
  registeredPlaceSchema,
  numericDateOrders,
  outputLocales,
  type AnonymisationContext,
  type AnonymisationContextInput,
  type AnonymisationOptions,
  type AnonymisationRegistry,
  type NumericDateOrder,
  type OutputLocale,
  type RegisteredIdentifier,
  type RegisteredPerson,
  type RegisteredPlace,
} from './context'
export { ageBand, ageBandLabel, type AgeBand, type AgeForm } from './ages'
export { dayNumber, expandTwoDigitYear, inferYear, isCalendarDate, type CalendarDate } from './dates'
export { COMMON_WORDS, NAME_PART_STOPLIST, isCommonWord } from './common-words'
export { residualCandidateId } from './residuals'
export {
  replacementKinds,
  residualReasons,
  type AnonymisationResult,
  type Replacement,
  type ReplacementKind,
  type ResidualCandidate,
  type ResidualReason,
} from './types'
