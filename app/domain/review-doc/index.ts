// The review document: one Y.Doc per review. See docs/review-doc.md.
export * from './schema'
export { readReviewDoc, type DocProblem } from './reader'
export { applyCommand, applyCommands, parseReviewCommand, ReviewCommandError, type CommandOptions, type CommandResult } from './commands'
export { reviewCommandSchema, type ReviewCommand, type ReviewCommandType, type ValidReviewCommand } from './command-schema'
export { initialiseReviewDoc, storedSchemaVersion, ReviewDocMismatchError, type ReviewDocInit } from './init'
export { migrateReviewDoc, ReviewDocVersionError, type MigrationResult } from './migrate'
export {
  diffText,
  liveTextField,
  liveTextFields,
  setText,
  textAt,
  textValue,
  transformPosition,
  VALUE_TAG_RATIONALE,
  type LiveTextField,
  type TextEdit,
} from './live-text'
export { suggestPseudonym, suggestPlaceLabel, isPseudonymTaken, nameInPseudonym, type GenderHint } from './pseudonyms'
export { readRichText, writePlainText } from './rich-text'
export { collections, orderedCollections, eventDescriptionField, findingBodyField, type Collection, type OrderedCollection } from './structure'
export type { Problem } from './problems'
export {
  safetyScalingParties,
  safetyMapTextFields,
  safetyMapColumns,
  SAFETY_SCALE_MIN,
  SAFETY_SCALE_MAX,
  SAFETY_MAP_TEXT_MAX,
  SAFETY_MAP_TITLE_MAX,
  SCALING_DIVERGENCE_THRESHOLD,
  familyWorkerGap,
  scalingDiverged,
  countScalingDivergence,
  type SafetyScalingParty,
  type SafetyMapTextField,
  type SafetyMapColumn,
  type SafetyScaling,
} from './safety-map'
