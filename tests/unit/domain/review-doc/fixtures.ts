import { expect } from 'vitest'
import * as Y from 'yjs'
import { applyCommand, applyCommands, initialiseReviewDoc, readReviewDoc, ReviewCommandError, type ReviewCommand } from '../../../../app/domain/review-doc'

/** A review document as the server would hand it out: initialised, nothing else. */
export function newReviewDoc(reviewId = 'review-1'): Y.Doc {
  const ydoc = new Y.Doc()
  initialiseReviewDoc(ydoc, { reviewId })
  return ydoc
}

/** A second replica of the same room, synced from the first. */
export function replicaOf(source: Y.Doc): Y.Doc {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(source))
  return replica
}

/** Exchanges what each side is missing, as a provider would. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
}

/** The full document state; equal before and after means nothing was written. */
export function stateOf(ydoc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(ydoc)
}

export function read(ydoc: Y.Doc) {
  return readReviewDoc(ydoc).doc
}

/** A small review: two people, two events, one unmet need, one finding, one recommendation. */
export const seedCommands: ReviewCommand[] = [
  { type: 'addPerson', id: 'p-child', name: 'Ruby Calder', role: 'child', aliases: ['Ruby'] },
  { type: 'addPerson', id: 'p-worker', name: 'Priya Raman', role: 'worker' },
  {
    type: 'addEvent',
    id: 'e-referral',
    date: '2024-11-06',
    stage: 'referral',
    source: 'intake record',
    actorIds: ['p-worker'],
    description: 'Referral accepted.\nCaseload at assignment 31 families.',
  },
  { type: 'addEvent', id: 'e-incident', date: '2025-03-18', stage: 'incident', actorIds: ['p-child', 'p-worker'] },
  {
    type: 'addUnmetNeed',
    id: 'n-safety',
    need: 'A safety plan by the third visit',
    received: 'A safety plan after the fourth visit',
    gap: 'Two weeks without a plan',
    eventIds: ['e-referral'],
    factorItemIds: ['worker.workload'],
  },
  {
    type: 'addFinding',
    id: 'f-workload',
    body: 'Caseloads delayed the safety plan.',
    valueTags: [{ value: 'systems_focused', rationale: 'Caseload is set by the system' }],
    factorItemIds: ['worker.workload'],
    evidence: { eventIds: ['e-referral'], unmetNeedIds: ['n-safety'], accountIds: ['acc-1'] },
  },
  {
    type: 'addRecommendation',
    id: 'r-cap',
    text: 'Cap caseloads at 20 families',
    findingIds: ['f-workload'],
    strength: 'stronger',
    owner: 'Director of services',
    dueDate: '2025-09-30',
    measure: 'No worker above 20 families for 3 months',
  },
]

export function seededReviewDoc(): Y.Doc {
  const ydoc = newReviewDoc()
  applyCommands(ydoc, seedCommands)
  return ydoc
}

/** The seeded review on two replicas, each given its own commands while apart, then synced. */
export function concurrently(onAlice: ReviewCommand[], onBob: ReviewCommand[]): { alice: Y.Doc; bob: Y.Doc } {
  const alice = seededReviewDoc()
  const bob = replicaOf(alice)
  for (const command of onAlice) applyCommand(alice, command)
  for (const command of onBob) applyCommand(bob, command)
  sync(alice, bob)
  return { alice, bob }
}

/** Applies a command that must be refused: the error names `pathPart`, and the document is untouched. */
export function expectRejected(ydoc: Y.Doc, command: unknown, pathPart: string): ReviewCommandError {
  const before = stateOf(ydoc)
  let caught: unknown
  try {
    applyCommand(ydoc, command as ReviewCommand)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ReviewCommandError)
  const error = caught as ReviewCommandError
  expect(error.problems.map(p => p.path).join(' ')).toContain(pathPart)
  expect(stateOf(ydoc)).toEqual(before)
  return error
}
