import * as Y from 'yjs'
import { importCaseFile, validateCaseFile, type CaseFile, type CaseFileProblem } from '~/domain/case-file'
import { initialiseReviewDoc, readReviewDoc, type ReviewDocument } from '~/domain/review-doc'
import type { Prisma } from '~/generated/prisma/client'
import { collabStore } from './collab-store.server'

export function reviewDocName(reviewId: string) {
  return `review:${reviewId}`
}

/**
 * The first state of a review's shared document, built on the server exactly once, when the
 * review is created (clients only ever sync; seeding on clients duplicates content).
 */
export function initialReviewDoc(reviewId: string, caseFile?: CaseFile): { state: Uint8Array; document: ReviewDocument } {
  const doc = new Y.Doc()
  initialiseReviewDoc(doc, { reviewId })
  if (caseFile) importCaseFile(doc, caseFile)
  const state = Y.encodeStateAsUpdate(doc)
  const { doc: document } = readReviewDoc(doc)
  doc.destroy()
  return { state, document }
}

/** Stores a brand-new document as the room's snapshot, inside the caller's transaction. */
export async function storeInitialReviewDoc(tx: Prisma.TransactionClient, reviewId: string, state: Uint8Array) {
  await collabStore.create(tx, reviewDocName(reviewId), state)
}

export type CaseFileCheck = { ok: true; caseFile: CaseFile } | { ok: false; problems: CaseFileProblem[] }

export function checkCaseFile(input: unknown): CaseFileCheck {
  return validateCaseFile(input)
}
