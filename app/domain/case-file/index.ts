// Case-file import: a chronology and the people in it, as JSON or CSV, into a review document.
export * from './schema'
export {
  validateCaseFile,
  validateCaseFileJson,
  capProblems,
  MAX_PROBLEMS_REPORTED,
  MAX_SECTION_ENTRIES,
  describeProblem,
  type CaseFileProblem,
  type CaseFileValidation,
  type CsvLocation,
} from './validate'
export { parseCsv, serializeCsv, type CsvSyntaxProblem, type ParsedCsv } from './csv-format'
export { caseFileFromCsv, caseFileToCsv, csvTables, LIST_SEPARATOR, type CaseFileCsv, type CaseFileCsvExport } from './csv'
export {
  caseFileToCommands,
  planCaseFileImport,
  importCaseFile,
  CaseFileImportError,
  type CaseFileImportPlan,
  type CaseFileToCommandsOptions,
  type ImportCaseFileOptions,
  type ImportCaseFileResult,
} from './to-commands'
export {
  caseFileDateFlags,
  duplicateEvents,
  existingPersonFor,
  normaliseText,
  sameEvent,
  similarDescriptions,
  type DuplicateEvent,
  type ExistingContent,
  type ImportDateFlag,
} from './append'
export {
  caseFileText,
  describeForPeople,
  explainProblem,
  problemLocation,
  problemMessage,
  renderCaseFileMessage,
  type CaseFileMessage,
  type CaseFileMessageKey,
  type ExplainedProblem,
} from './messages'
export { existingContentOf } from './to-commands'
export { caseFileWithIncidentOn, daysBetween, shiftCaseFileDates, shiftDay } from './shift-dates'
