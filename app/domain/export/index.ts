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
  type ExportFamilyVoice,
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
export { csvFileNames, familyVoiceCsvFileName, renderCsvFiles, renderJson, toCsv, type ExportFile } from './csv'
export { dayLabel, escapeHtml, factorLabel, renderHtmlReport, type ReportOptions } from './html'
export { renderDocx, xmlSafe } from './docx'

export const exportFormats = ['json', 'csv', 'docx', 'html'] as const
export type ExportFormat = (typeof exportFormats)[number]

/**
 * What of the family and community voice a format may carry (ADR 0038): the JSON file is the
 * shared data file that other jurisdictions import into trends, so it keeps only what its
 * author allowed to be shared across jurisdictions; the reports keep every quotable one.
 */
export function withFamilyVoiceFor<T extends { familyVoice?: ReadonlyArray<{ consentScope: string }> }>(shared: T, format: ExportFormat): T {
  if (!shared.familyVoice) return shared
  const kept = format === 'json' ? shared.familyVoice.filter(v => v.consentScope === 'shared_deidentified') : shared.familyVoice
  const { familyVoice: _all, ...rest } = shared
  return (kept.length > 0 ? { ...rest, familyVoice: kept } : rest) as T
}
