// Reviews with a stored document and its projection, for the follow-up tests: what the
// tracker, "What changed" and notifications read, written the way the app writes it.
import { applyCommand, initialiseReviewDoc, readReviewDoc, type ReviewCommand } from '~/domain/review-doc'
import { reviewDocName } from '~/models/review-doc.server'
import { projectReviewDocument } from '~/models/review-projection.server'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'

/** Applies the commands to the review's stored document and refreshes its projection. */
export async function changeReviewDoc(reviewId: string, commands: ReviewCommand[]) {
  const result = await reviewDocGateway().change(reviewDocName(reviewId), doc => {
    initialiseReviewDoc(doc, { reviewId })
    for (const command of commands) applyCommand(doc, command)
    const read = readReviewDoc(doc)
    return { document: read.doc, problems: read.problems.length }
  })
  await projectReviewDocument(reviewId, result.document, result.problems)
  return result.document
}

let counter = 0
export function recommendationCommand(
  overrides: Partial<{
    id: string
    text: string
    dueDate: string
    measure: string
    findingIds: string[]
    strength: 'stronger' | 'intermediate' | 'weaker'
  }> = {},
): ReviewCommand & { id: string } {
  const id = overrides.id ?? `rec-${Date.now().toString(36)}-${counter++}`
  return {
    type: 'addRecommendation',
    id,
    text: overrides.text ?? `Recommendation ${id}`,
    strength: overrides.strength ?? 'stronger',
    measure: overrides.measure ?? 'Share of plans completed before the third visit',
    ...(overrides.dueDate ? { dueDate: overrides.dueDate } : {}),
    ...(overrides.findingIds ? { findingIds: overrides.findingIds } : {}),
  }
}
