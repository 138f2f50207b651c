// De-identified exports of a review (docs/domain.md, "De-identification rules"): the shared format
// and the renderers. Pure: no Remix, Prisma or file system.
export * from './schema'
export { canonicalJson } from './canonical'
export { ageBandAt, ageInYears, dayOffset, signedDay } from './dates'
export {
  anonymisationContextFor,
  buildSharedReview,
  exportFields,
  exportFramework,
  exportSections,
  SharedReviewBuildError,
  type ExportExcerpt,
  type ExportField,
  type ExportFramework,
  type ExportSection,
  type ResidualSummary,
  type SharedReviewBuild,
  type SharedReviewInput,
  type TextLocation,
  type TextPreview,
} from './build'
export { foldName, staffRegistry, staffUserRef, type StaffRegistry, type StaffUser } from './staff'
export { previewSegments, type PreviewSegment } from './preview'
export { fill, noFactorNames, type FactorNames, type ReportLabels } from './labels'
export { csvFileNames, renderCsvFiles, renderJson, toCsv, type ExportFile } from './csv'
export { dayLabel, escapeHtml, factorLabel, renderHtmlReport, type ReportOptions } from './html'
export { renderDocx, xmlSafe } from './docx'

export const exportFormats = ['json', 'csv', 'docx', 'html'] as const
export type ExportFormat = (typeof exportFormats)[number]
