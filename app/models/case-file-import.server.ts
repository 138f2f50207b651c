import { caseFileFromCsv, describeProblem, importCaseFile, validateCaseFileJson, CaseFileImportError, type CaseFileProblem } from '~/domain/case-file'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'
import { reviewDocName } from './review-doc.server'
import { readReviewDoc } from '~/domain/review-doc'
import { projectReviewDocument } from './review-projection.server'

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

export type ImportOutcome =
  | { ok: true; people: number; events: number }
  | { ok: false; problems: { where: string; message: string }[] }

function asOutcome(problems: CaseFileProblem[]): ImportOutcome {
  return { ok: false, problems: problems.map(p => ({ where: describeProblem(p).split(': ')[0] ?? '', message: p.message })) }
}

export type ImportSource =
  | { kind: 'json'; text: string }
  | { kind: 'csv'; peopleCsv: string; timelineCsv: string; placesCsv?: string; identifiersCsv?: string }

/**
 * Validates a case file (JSON, or the same columns as CSV) and fills the review's timeline and
 * people registry with it in one document transaction: every problem is listed and nothing is
 * written unless all of it is valid.
 */
export async function importIntoReview(
  review: { id: string; title: string; incidentType: string; incidentDate: Date; summary: string },
  source: ImportSource,
): Promise<ImportOutcome> {
  const validation =
    source.kind === 'json'
      ? validateCaseFileJson(source.text)
      : caseFileFromCsv({
          review: {
            title: review.title,
            incidentType: review.incidentType,
            incidentDate: review.incidentDate.toISOString().slice(0, 10),
          },
          ...source,
        })
  if (!validation.ok) return asOutcome(validation.problems)
  try {
    const result = await reviewDocGateway().change(reviewDocName(review.id), doc => {
      const imported = importCaseFile(doc, validation.caseFile)
      const { doc: document, problems } = readReviewDoc(doc)
      return { people: imported.personIds.size, events: imported.eventIds.length, document, problems: problems.length }
    })
    // The room re-projects after edits anyway; doing it now makes lists right at once.
    await projectReviewDocument(review.id, result.document, result.problems)
    return { ok: true, people: result.people, events: result.events }
  } catch (error) {
    if (error instanceof CaseFileImportError) return asOutcome(error.problems)
    throw error
  }
}
