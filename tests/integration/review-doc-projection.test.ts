// The relational projection of a review document: after edits the server replaces a review's
// Projected* rows with what its Y.Doc says. These rows feed checklists, the recommendation
// tracker and cross-review queries, so they must match the document exactly and follow every
// change, removal and reordering, without touching other reviews' rows.
import * as Y from 'yjs'
import { describe, expect, test } from 'vitest'
import { applyCommands, initialiseReviewDoc, readReviewDoc, type ReviewCommand } from '~/domain/review-doc'
import { projectReviewDocument } from '~/models/review-projection.server'
import { prisma } from '~/utils/db.server'
import { makeJurisdiction, makeReview } from '../support/fixtures'

const parse = (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown))

/** Every projected row of a review, in a stable order, JSON columns parsed. */
async function projectedRows(reviewId: string) {
  const where = { reviewId }
  const [events, unmetNeeds, findings, tags, recommendations, ratings, projection] = await Promise.all([
    prisma.projectedEvent.findMany({ where, orderBy: { position: 'asc' } }),
    prisma.projectedUnmetNeed.findMany({ where, orderBy: { id: 'asc' } }),
    prisma.projectedFinding.findMany({ where, orderBy: { position: 'asc' } }),
    prisma.projectedFindingTag.findMany({ where, orderBy: [{ findingId: 'asc' }, { value: 'asc' }] }),
    prisma.projectedRecommendation.findMany({ where, orderBy: { position: 'asc' } }),
    prisma.projectedFactorRating.findMany({ where, orderBy: { factorItemId: 'asc' } }),
    prisma.reviewProjection.findUnique({ where }),
  ])
  return {
    events: events.map(({ reviewId: _r, actorIds, ...row }) => ({ ...row, actorIds: parse(actorIds) })),
    unmetNeeds: unmetNeeds.map(({ reviewId: _r, eventIds, factorItemIds, ...row }) => ({
      ...row,
      eventIds: parse(eventIds),
      factorItemIds: parse(factorItemIds),
    })),
    findings: findings.map(({ reviewId: _r, factorItemIds, evidence, ...row }) => ({
      ...row,
      factorItemIds: parse(factorItemIds),
      evidence: parse(evidence),
    })),
    tags: tags.map(({ reviewId: _r, ...row }) => row),
    recommendations: recommendations.map(({ reviewId: _r, findingIds, ...row }) => ({ ...row, findingIds: parse(findingIds) })),
    ratings: ratings.map(({ reviewId: _r, eventIds, ...row }) => ({ ...row, eventIds: parse(eventIds) })),
    problems: projection?.problems ?? null,
  }
}

async function project(reviewId: string, ydoc: Y.Doc, problemCount = 0) {
  const { doc, problems } = readReviewDoc(ydoc)
  expect(problems.filter(p => p.severity === 'error')).toEqual([])
  await projectReviewDocument(reviewId, doc, problemCount)
}

function reviewDoc(reviewId: string, commands: ReviewCommand[]) {
  const ydoc = new Y.Doc()
  initialiseReviewDoc(ydoc, { reviewId })
  applyCommands(ydoc, commands)
  return ydoc
}

/** The projected row of the caseload recommendation, but for its owner and status, which change. */
const capRow = {
  id: 'r-cap',
  text: 'Cap caseloads at 20 families',
  strength: 'stronger',
  dueDate: '2026-03-31',
  measure: 'Caseloads at or under 20 for two quarters',
  findingIds: ['f-workload'],
  position: 0,
}

const seedCommands: ReviewCommand[] = [
  { type: 'addPerson', id: 'p-child', name: 'Ruby Calder', role: 'child', pseudonym: 'Child 1' },
  { type: 'addPerson', id: 'p-worker', name: 'Priya Raman', role: 'worker', pseudonym: 'Caseworker 1' },
  { type: 'addPerson', id: 'p-super', name: 'Glen Osei', role: 'supervisor', pseudonym: 'Supervisor 1' },
  {
    type: 'addEvent',
    id: 'e-referral',
    date: '2024-11-06T09:30',
    approximate: true,
    stage: 'referral',
    source: 'intake record',
    actorIds: ['p-worker'],
    keyPracticeEpisode: true,
    description: 'Referral accepted.\nCaseload at assignment 31 families.',
  },
  {
    type: 'addEvent',
    id: 'e-worries',
    date: '2024-11-04',
    stage: 'worries_raised',
    actorIds: ['p-child'],
    description: 'Public health nurse reports the infant is feeding poorly.',
  },
  { type: 'addEvent', id: 'e-visits', date: '2024-11-05', dateEnd: '2024-11-08' },
  {
    type: 'addUnmetNeed',
    id: 'n-safety',
    need: 'A safety plan by the third visit',
    received: 'A safety plan after the fourth visit',
    gap: 'Two weeks without a plan',
    eventIds: ['e-referral'],
    factorItemIds: ['worker.workload'],
    standardsFlagId: 'safety-plan-by-third-visit',
  },
  { type: 'addUnmetNeed', id: 'n-interpreter', need: 'An interpreter at home visits' },
  { type: 'rateFactor', factorItemId: 'worker.workload', rating: 3, rationale: 'Caseload of 31 families', eventIds: ['e-referral'] },
  { type: 'rateFactor', factorItemId: 'task.tools', rating: 1 },
  {
    type: 'addFinding',
    id: 'f-workload',
    body: 'Workload shaped how often the family was seen.',
    status: 'agreed',
    valueTags: [
      { value: 'systems_focused', rationale: 'caseload standard' },
      { value: 'workforce_informed', rationale: '' },
    ],
    factorItemIds: ['worker.workload'],
    evidence: { eventIds: ['e-referral'], unmetNeedIds: ['n-safety'], accountIds: ['account-7'] },
  },
  { type: 'addFinding', id: 'f-voice' },
  {
    type: 'addRecommendation',
    id: 'r-cap',
    text: 'Cap caseloads at 20 families',
    findingIds: ['f-workload'],
    strength: 'stronger',
    owner: 'Director of service',
    dueDate: '2026-03-31',
    measure: 'Caseloads at or under 20 for two quarters',
    status: 'accepted',
  },
  { type: 'addRecommendation', id: 'r-training', text: 'Refresher training on safety planning', strength: 'weaker' },
]

describe('projecting a review document', () => {
  test('rows match the document exactly, then follow changes and removals', async () => {
    const jurisdiction = await makeJurisdiction()
    const review = await makeReview(jurisdiction.id, [])
    const other = await makeReview(jurisdiction.id, [])
    const ydoc = reviewDoc(review.id, seedCommands)

    // Another review's rows must never be touched by this review's projection.
    const otherDoc = reviewDoc(other.id, [
      { type: 'addEvent', id: 'e-referral', date: '2025-01-01', description: 'Another review, same ids.' },
      { type: 'addFinding', id: 'f-workload', valueTags: [{ value: 'family_centered', rationale: '' }] },
    ])
    await project(other.id, otherDoc)
    const otherRows = await projectedRows(other.id)

    await project(review.id, ydoc)
    expect(await projectedRows(review.id)).toEqual({
      // Chronological, whatever the order they were added in.
      events: [
        {
          id: 'e-worries',
          date: '2024-11-04',
          dateEnd: null,
          approximate: false,
          stage: 'worries_raised',
          source: null,
          actorIds: ['p-child'],
          keyPracticeEpisode: false,
          description: 'Public health nurse reports the infant is feeding poorly.',
          position: 0,
        },
        {
          id: 'e-visits',
          date: '2024-11-05',
          dateEnd: '2024-11-08',
          approximate: false,
          stage: null,
          source: null,
          actorIds: [],
          keyPracticeEpisode: false,
          description: '',
          position: 1,
        },
        {
          id: 'e-referral',
          date: '2024-11-06T09:30',
          dateEnd: null,
          approximate: true,
          stage: 'referral',
          source: 'intake record',
          actorIds: ['p-worker'],
          keyPracticeEpisode: true,
          description: 'Referral accepted.\nCaseload at assignment 31 families.',
          position: 2,
        },
      ],
      unmetNeeds: [
        {
          id: 'n-interpreter',
          need: 'An interpreter at home visits',
          received: '',
          gap: '',
          eventIds: [],
          factorItemIds: [],
          standardsFlagId: null,
        },
        {
          id: 'n-safety',
          need: 'A safety plan by the third visit',
          received: 'A safety plan after the fourth visit',
          gap: 'Two weeks without a plan',
          eventIds: ['e-referral'],
          factorItemIds: ['worker.workload'],
          standardsFlagId: 'safety-plan-by-third-visit',
        },
      ],
      findings: [
        {
          id: 'f-workload',
          status: 'agreed',
          body: 'Workload shaped how often the family was seen.',
          factorItemIds: ['worker.workload'],
          evidence: { eventIds: ['e-referral'], unmetNeedIds: ['n-safety'], accountIds: ['account-7'] },
          position: 0,
        },
        {
          id: 'f-voice',
          status: 'draft',
          body: '',
          factorItemIds: [],
          evidence: { eventIds: [], unmetNeedIds: [], accountIds: [] },
          position: 1,
        },
      ],
      tags: [
        { findingId: 'f-workload', value: 'systems_focused', rationale: 'caseload standard' },
        { findingId: 'f-workload', value: 'workforce_informed', rationale: '' },
      ],
      recommendations: [
        { ...capRow, owner: 'Director of service', status: 'accepted' },
        {
          id: 'r-training',
          text: 'Refresher training on safety planning',
          strength: 'weaker',
          owner: null,
          dueDate: null,
          measure: null,
          status: 'proposed',
          findingIds: [],
          position: 1,
        },
      ],
      ratings: [
        { factorItemId: 'task.tools', rating: 1, rationale: '', eventIds: [] },
        { factorItemId: 'worker.workload', rating: 3, rationale: 'Caseload of 31 families', eventIds: ['e-referral'] },
      ],
      problems: 0,
    })

    // The panel edits: fields change, entities go, references to them go with them, order moves.
    applyCommands(ydoc, [
      { type: 'updateEvent', id: 'e-worries', patch: { date: '2024-11-07', keyPracticeEpisode: true, stage: null, source: 'nurse call' } },
      { type: 'setEventDescription', id: 'e-visits', text: 'Two visits, nobody home.' },
      { type: 'removeEvent', id: 'e-referral' },
      { type: 'addEvent', id: 'e-incident', date: '2025-03-18', stage: 'incident', actorIds: ['p-child'] },
      { type: 'removeUnmetNeed', id: 'n-safety' },
      { type: 'updateUnmetNeed', id: 'n-interpreter', patch: { gap: 'No interpreter booked', eventIds: ['e-visits'] } },
      { type: 'clearFactorRating', factorItemId: 'task.tools' },
      { type: 'rateFactor', factorItemId: 'worker.workload', rating: 2 },
      { type: 'untagFindingValue', findingId: 'f-workload', value: 'workforce_informed' },
      { type: 'tagFindingValue', findingId: 'f-voice', value: 'family_centered', rationale: 'the mother was not heard' },
      { type: 'updateFinding', id: 'f-workload', patch: { status: 'draft' } },
      { type: 'setFindingBody', id: 'f-voice', text: 'The family’s voice was missing.' },
      { type: 'moveItem', collection: 'findings', id: 'f-voice', toIndex: 0 },
      { type: 'removeRecommendation', id: 'r-training' },
      { type: 'updateRecommendation', id: 'r-cap', patch: { owner: null, status: 'in_progress' } },
    ])
    await project(review.id, ydoc, 2)

    expect(await projectedRows(review.id)).toEqual({
      events: [
        {
          id: 'e-visits',
          date: '2024-11-05',
          dateEnd: '2024-11-08',
          approximate: false,
          stage: null,
          source: null,
          actorIds: [],
          keyPracticeEpisode: false,
          description: 'Two visits, nobody home.',
          position: 0,
        },
        {
          id: 'e-worries',
          date: '2024-11-07',
          dateEnd: null,
          approximate: false,
          stage: null,
          source: 'nurse call',
          actorIds: ['p-child'],
          keyPracticeEpisode: true,
          description: 'Public health nurse reports the infant is feeding poorly.',
          position: 1,
        },
        {
          id: 'e-incident',
          date: '2025-03-18',
          dateEnd: null,
          approximate: false,
          stage: 'incident',
          source: null,
          actorIds: ['p-child'],
          keyPracticeEpisode: false,
          description: '',
          position: 2,
        },
      ],
      unmetNeeds: [
        {
          id: 'n-interpreter',
          need: 'An interpreter at home visits',
          received: '',
          gap: 'No interpreter booked',
          eventIds: ['e-visits'],
          factorItemIds: [],
          standardsFlagId: null,
        },
      ],
      findings: [
        {
          id: 'f-voice',
          status: 'draft',
          body: 'The family’s voice was missing.',
          factorItemIds: [],
          evidence: { eventIds: [], unmetNeedIds: [], accountIds: [] },
          position: 0,
        },
        {
          id: 'f-workload',
          status: 'draft',
          body: 'Workload shaped how often the family was seen.',
          factorItemIds: ['worker.workload'],
          // The removed event and unmet need are gone from the evidence; the account stays.
          evidence: { eventIds: [], unmetNeedIds: [], accountIds: ['account-7'] },
          position: 1,
        },
      ],
      tags: [
        { findingId: 'f-voice', value: 'family_centered', rationale: 'the mother was not heard' },
        { findingId: 'f-workload', value: 'systems_focused', rationale: 'caseload standard' },
      ],
      recommendations: [{ ...capRow, owner: null, status: 'in_progress' }],
      ratings: [{ factorItemId: 'worker.workload', rating: 2, rationale: 'Caseload of 31 families', eventIds: [] }],
      problems: 2,
    })

    // Emptying the document empties the projection.
    applyCommands(ydoc, [
      { type: 'removeEvent', id: 'e-visits' },
      { type: 'removeEvent', id: 'e-worries' },
      { type: 'removeEvent', id: 'e-incident' },
      { type: 'removeUnmetNeed', id: 'n-interpreter' },
      { type: 'clearFactorRating', factorItemId: 'worker.workload' },
      { type: 'removeFinding', id: 'f-voice' },
      { type: 'removeFinding', id: 'f-workload' },
      { type: 'removeRecommendation', id: 'r-cap' },
    ])
    await project(review.id, ydoc)
    expect(await projectedRows(review.id)).toEqual({
      events: [],
      unmetNeeds: [],
      findings: [],
      tags: [],
      recommendations: [],
      ratings: [],
      problems: 0,
    })

    expect(await projectedRows(other.id)).toEqual(otherRows)
    expect(otherRows.events.map(e => e.description)).toEqual(['Another review, same ids.'])
    expect(otherRows.tags).toEqual([{ findingId: 'f-workload', value: 'family_centered', rationale: '' }])
  })

  test('what a collaborator typed live (a Tiptap fragment synced from another client) is projected as plain text', async () => {
    const jurisdiction = await makeJurisdiction()
    const review = await makeReview(jurisdiction.id, [])
    const server = reviewDoc(review.id, [
      { type: 'addFinding', id: 'f-1' },
      { type: 'addEvent', id: 'e-1', date: '2024-12-09' },
    ])

    // A browser syncs the document and types into the finding body as y-prosemirror would.
    const browser = new Y.Doc()
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(server))
    browser.transact(() => {
      const fragment = browser.getXmlFragment('finding:f-1:body')
      const first = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      text.insert(0, 'Supervision was ')
      text.insert(16, 'postponed', { bold: true })
      text.insert(25, ' twice.')
      first.insert(0, [text])
      const second = new Y.XmlElement('paragraph')
      second.insert(0, [new Y.XmlText('Nobody followed up.')])
      fragment.insert(0, [first, second])
    })
    Y.applyUpdate(server, Y.encodeStateAsUpdate(browser, Y.encodeStateVector(server)))

    await project(review.id, server)
    const rows = await projectedRows(review.id)
    expect(rows.findings.map(f => f.body)).toEqual(['Supervision was postponed twice.\nNobody followed up.'])
    expect(rows.events.map(e => ({ id: e.id, description: e.description }))).toEqual([{ id: 'e-1', description: '' }])
  })
})
