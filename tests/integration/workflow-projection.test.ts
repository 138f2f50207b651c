// The SCIR workflow as the panel builds it in the workspace (unmet needs, some raised from
// practice-standards flags; factor ratings; findings with value tags, factors and evidence;
// recommendations), projected into the relational rows, and read back by the phase checklists.
// The checklists and the cross-review tracker only ever see the projection, so what the
// workspace writes must arrive there intact and follow later edits and removals.
import * as Y from 'yjs'
import { describe, expect, test } from 'vitest'
import { defaultFactorFramework, indexFactorItems } from '~/domain/factors'
import { applyCommands, initialiseReviewDoc, readReviewDoc, type ReviewCommand } from '~/domain/review-doc'
import { checkStandards, defaultPracticeStandards, suggestUnmetNeed } from '~/domain/standards'
import { phaseChecklist } from '~/domain/workflow'
import { reviewSnapshot } from '~/models/phase.server'
import { projectReviewDocument } from '~/models/review-projection.server'
import { recommendationTracker } from '~/models/tracker.server'
import { prisma } from '~/utils/db.server'
import { makeJurisdiction, makeReview, makeUser } from '../support/fixtures'

const parse = (value: string) => JSON.parse(value) as unknown

async function project(reviewId: string, ydoc: Y.Doc) {
  const { doc, problems } = readReviewDoc(ydoc)
  expect(problems).toEqual([])
  await projectReviewDocument(reviewId, doc, problems.length)
}

async function rows(reviewId: string) {
  const where = { reviewId }
  const [unmetNeeds, ratings, findings, tags, recommendations] = await Promise.all([
    prisma.projectedUnmetNeed.findMany({ where, orderBy: { id: 'asc' } }),
    prisma.projectedFactorRating.findMany({ where, orderBy: { factorItemId: 'asc' } }),
    prisma.projectedFinding.findMany({ where, orderBy: { position: 'asc' } }),
    prisma.projectedFindingTag.findMany({ where, orderBy: [{ findingId: 'asc' }, { value: 'asc' }] }),
    prisma.projectedRecommendation.findMany({ where, orderBy: { position: 'asc' } }),
  ])
  return {
    unmetNeeds: unmetNeeds.map(({ reviewId: _r, eventIds, factorItemIds, ...row }) => ({
      ...row,
      eventIds: parse(eventIds),
      factorItemIds: parse(factorItemIds),
    })),
    ratings: ratings.map(({ reviewId: _r, eventIds, ...row }) => ({ ...row, eventIds: parse(eventIds) })),
    findings: findings.map(({ reviewId: _r, factorItemIds, evidence, ...row }) => ({ ...row, factorItemIds: parse(factorItemIds), evidence: parse(evidence) })),
    tags: tags.map(({ reviewId: _r, ...row }) => row),
    recommendations: recommendations.map(({ reviewId: _r, findingIds, ...row }) => ({ ...row, findingIds: parse(findingIds) })),
  }
}

const checklist = async (review: { id: string; incidentDate: Date }, phase: 'analysis' | 'findings' | 'shared') =>
  Object.fromEntries(phaseChecklist(phase, await reviewSnapshot(review)).map(item => [item.key, item.done]))

// Item ids of the default framework the workspace offers (the jurisdiction's framework is data).
const framework = indexFactorItems(defaultFactorFramework)
const WORKLOAD = 'worker_team.workload'
const SUPERVISION = 'worker_team.supervision'
const TIME_STANDARDS = 'task_tools.time_standards'

const registryAndTimeline: ReviewCommand[] = [
  { type: 'addPerson', id: 'p-child', name: 'Ruby Calder', role: 'child' },
  { type: 'addPerson', id: 'p-worker', name: 'Priya Raman', aliases: ['Priya'], role: 'worker' },
  {
    type: 'addEvent',
    id: 'e-referral',
    date: '2024-11-06',
    stage: 'referral',
    actorIds: ['p-worker'],
    description: 'Referral accepted; caseload 31 families.',
  },
  { type: 'addEvent', id: 'e-visit-1', date: '2024-11-20', stage: 'connected_to_service', description: 'First home visit.' },
  { type: 'addEvent', id: 'e-visit-2', date: '2024-12-09', stage: 'engagement', description: 'Second home visit.' },
  { type: 'addEvent', id: 'e-visit-3', date: '2025-01-15', stage: 'engagement', description: 'Third home visit, no safety plan yet.' },
  { type: 'addEvent', id: 'e-plan', date: '2025-01-29', stage: 'safety_plan', description: 'Safety plan after the fourth visit.' },
  { type: 'addEvent', id: 'e-incident', date: '2025-03-18', stage: 'incident', actorIds: ['p-child'], description: 'Admitted to hospital.' },
]

describe('the SCIR workflow, projected', () => {
  test('unmet needs, factor ratings, findings and recommendations reach the projection and the checklists, and follow edits', async () => {
    expect(framework.has(WORKLOAD) && framework.has(SUPERVISION) && framework.has(TIME_STANDARDS)).toBe(true)
    const jurisdiction = await makeJurisdiction()
    const member = await makeUser(jurisdiction.id)
    const review = await makeReview(jurisdiction.id, [{ userId: member.id, role: 'qi_lead' }])
    const ydoc = new Y.Doc()
    initialiseReviewDoc(ydoc, { reviewId: review.id })
    applyCommands(ydoc, registryAndTimeline)

    // Nothing analysed yet: the projection says so, and the checklists are open.
    await project(review.id, ydoc)
    expect(await checklist(review, 'analysis')).toEqual({
      'checklist.analysis.unmetNeedRecorded': false,
      'checklist.analysis.factorsRated': false,
    })

    // The practice-standards check flags the late safety plan; the panel turns the flag into an
    // unmet need (as the standards flags view does), and records one of its own.
    const { doc: timeline } = readReviewDoc(ydoc)
    const flags = checkStandards(
      timeline.events.flatMap(e => (e.stage ? [{ id: e.id, date: e.date, stage: e.stage, text: e.description.text }] : [])),
      defaultPracticeStandards,
      { incidentDate: '2025-03-18' },
    )
    const safetyFlag = flags.find(flag => flag.ruleId === 'safety-plan-by-visit-3')
    expect(safetyFlag).toBeDefined()
    const draft = safetyFlag ? suggestUnmetNeed(safetyFlag, 'en') : null
    expect(draft).not.toBeNull()
    if (!safetyFlag || !draft) return

    applyCommands(ydoc, [
      { type: 'addUnmetNeed', id: 'n-plan', ...draft, eventIds: safetyFlag.eventIds, factorItemIds: [TIME_STANDARDS], standardsFlagId: safetyFlag.id },
      {
        type: 'addUnmetNeed',
        id: 'n-support',
        need: 'Regular reflective supervision about the infant’s safety',
        received: 'One ten-minute phone call',
        gap: 'Supervision postponed twice',
        eventIds: ['e-visit-3'],
      },
      { type: 'updateUnmetNeed', id: 'n-support', patch: { factorItemIds: [SUPERVISION, WORKLOAD] } },
      { type: 'rateFactor', factorItemId: WORKLOAD, rating: 3, rationale: 'Caseload of 31 families at assignment', eventIds: ['e-referral'] },
      { type: 'rateFactor', factorItemId: SUPERVISION, rating: 1 },
      // The rationale and events written later are kept when only the rating changes.
      { type: 'rateFactor', factorItemId: SUPERVISION, rating: 2, rationale: 'Postponed twice', eventIds: ['e-visit-3'] },
      { type: 'rateFactor', factorItemId: SUPERVISION, rating: 2 },
      { type: 'rateFactor', factorItemId: TIME_STANDARDS, rating: 0 },
      { type: 'clearFactorRating', factorItemId: TIME_STANDARDS },
    ])
    await project(review.id, ydoc)
    const analysed = await rows(review.id)
    expect(analysed.unmetNeeds).toEqual([
      {
        id: 'n-plan',
        need: draft.need,
        received: draft.received,
        gap: draft.gap,
        eventIds: safetyFlag.eventIds,
        factorItemIds: [TIME_STANDARDS],
        standardsFlagId: safetyFlag.id,
      },
      {
        id: 'n-support',
        need: 'Regular reflective supervision about the infant’s safety',
        received: 'One ten-minute phone call',
        gap: 'Supervision postponed twice',
        eventIds: ['e-visit-3'],
        factorItemIds: [SUPERVISION, WORKLOAD],
        standardsFlagId: null,
      },
    ])
    expect(analysed.ratings).toEqual([
      { factorItemId: SUPERVISION, rating: 2, rationale: 'Postponed twice', eventIds: ['e-visit-3'] },
      { factorItemId: WORKLOAD, rating: 3, rationale: 'Caseload of 31 families at assignment', eventIds: ['e-referral'] },
    ])
    expect(await checklist(review, 'analysis')).toEqual({
      'checklist.analysis.unmetNeedRecorded': true,
      'checklist.analysis.factorsRated': true,
    })
    const snapshot = await reviewSnapshot(review)
    expect(snapshot.unmetNeedCount).toBe(2)
    expect(snapshot.ratedFactorCount).toBe(2)

    // Findings: one built step by step as in the workspace (tag, rationale, factors, evidence),
    // one still untagged; then recommendations, all of them weaker to start with.
    applyCommands(ydoc, [
      { type: 'addFinding', id: 'f-workload' },
      { type: 'setFindingBody', id: 'f-workload', text: 'A caseload of 31 families left little time for the third visit.' },
      { type: 'tagFindingValue', findingId: 'f-workload', value: 'systems_focused', rationale: '' },
      { type: 'tagFindingValue', findingId: 'f-workload', value: 'systems_focused', rationale: 'Caseload limits are set by the agency' },
      { type: 'tagFindingValue', findingId: 'f-workload', value: 'workforce_informed', rationale: 'From the worker’s account' },
      { type: 'updateFinding', id: 'f-workload', patch: { factorItemIds: [WORKLOAD] } },
      { type: 'linkEvidence', findingId: 'f-workload', kind: 'unmetNeed', targetId: 'n-plan' },
      { type: 'linkEvidence', findingId: 'f-workload', kind: 'event', targetId: 'e-visit-3' },
      { type: 'linkEvidence', findingId: 'f-workload', kind: 'event', targetId: 'e-referral' },
      { type: 'linkEvidence', findingId: 'f-workload', kind: 'account', targetId: 'account-released-1' },
      { type: 'unlinkEvidence', findingId: 'f-workload', kind: 'event', targetId: 'e-referral' },
      { type: 'addFinding', id: 'f-supervision', body: 'Supervision moved to the phone.' },
      { type: 'addRecommendation', id: 'r-training', text: 'Refresher training on safety planning', strength: 'weaker', findingIds: ['f-workload'] },
      {
        type: 'addRecommendation',
        id: 'r-memo',
        text: 'Memo reminding staff of the third-visit standard',
        strength: 'weaker',
        owner: 'Practice lead',
        dueDate: '2026-06-30',
        measure: 'Memo sent',
      },
    ])
    await project(review.id, ydoc)
    const written = await rows(review.id)
    expect(written.findings).toEqual([
      {
        id: 'f-workload',
        status: 'draft',
        body: 'A caseload of 31 families left little time for the third visit.',
        factorItemIds: [WORKLOAD],
        evidence: { eventIds: ['e-visit-3'], unmetNeedIds: ['n-plan'], accountIds: ['account-released-1'] },
        position: 0,
      },
      {
        id: 'f-supervision',
        status: 'draft',
        body: 'Supervision moved to the phone.',
        factorItemIds: [],
        evidence: { eventIds: [], unmetNeedIds: [], accountIds: [] },
        position: 1,
      },
    ])
    expect(written.tags).toEqual([
      { findingId: 'f-workload', value: 'systems_focused', rationale: 'Caseload limits are set by the agency' },
      { findingId: 'f-workload', value: 'workforce_informed', rationale: 'From the worker’s account' },
    ])
    expect(written.recommendations).toEqual([
      {
        id: 'r-training',
        text: 'Refresher training on safety planning',
        strength: 'weaker',
        owner: null,
        dueDate: null,
        measure: null,
        status: 'proposed',
        findingIds: ['f-workload'],
        position: 0,
      },
      {
        id: 'r-memo',
        text: 'Memo reminding staff of the third-visit standard',
        strength: 'weaker',
        owner: 'Practice lead',
        dueDate: '2026-06-30',
        measure: 'Memo sent',
        status: 'proposed',
        findingIds: [],
        position: 1,
      },
    ])
    const findingsSnapshot = await reviewSnapshot(review)
    // The snapshot does not promise an order.
    const sortedTags = findingsSnapshot.findings.map(f => ({ ...f, valueTags: [...f.valueTags].sort() }))
    expect(sortedTags).toHaveLength(2)
    expect(sortedTags).toEqual(
      expect.arrayContaining([
        { status: 'draft', valueTags: ['systems_focused', 'workforce_informed'] },
        { status: 'draft', valueTags: [] },
      ]),
    )
    expect(await checklist(review, 'findings')).toEqual({
      'checklist.findings.findingWritten': true,
      'checklist.findings.findingsValueTagged': false,
      'checklist.findings.findingsAgreed': false,
      'checklist.findings.recommendationsComplete': false,
      'checklist.findings.recommendationsRated': true,
    })

    // The panel finishes: tags and agrees the second finding, completes and strengthens the
    // recommendations, removes the memo, and tracks progress; a removed unmet need leaves the
    // evidence that cited it.
    applyCommands(ydoc, [
      { type: 'tagFindingValue', findingId: 'f-supervision', value: 'family_centered', rationale: 'The infant’s safety was not discussed' },
      { type: 'updateFinding', id: 'f-workload', patch: { status: 'agreed' } },
      { type: 'updateFinding', id: 'f-supervision', patch: { status: 'agreed' } },
      { type: 'untagFindingValue', findingId: 'f-workload', value: 'workforce_informed' },
      {
        type: 'updateRecommendation',
        id: 'r-training',
        patch: {
          text: 'Cap caseloads in the case management system at 20 families',
          strength: 'stronger',
          owner: 'Director of service',
          dueDate: '2026-03-31',
          measure: 'No worker above 20 families for two quarters',
          status: 'accepted',
          findingIds: ['f-workload', 'f-supervision'],
        },
      },
      { type: 'removeRecommendation', id: 'r-memo' },
      { type: 'removeUnmetNeed', id: 'n-plan' },
    ])
    await project(review.id, ydoc)
    const finished = await rows(review.id)
    expect(finished.unmetNeeds.map(n => n.id)).toEqual(['n-support'])
    expect(finished.findings.map(f => [f.id, f.status, f.evidence])).toEqual([
      ['f-workload', 'agreed', { eventIds: ['e-visit-3'], unmetNeedIds: [], accountIds: ['account-released-1'] }],
      ['f-supervision', 'agreed', { eventIds: [], unmetNeedIds: [], accountIds: [] }],
    ])
    expect(finished.tags).toEqual([
      { findingId: 'f-supervision', value: 'family_centered', rationale: 'The infant’s safety was not discussed' },
      { findingId: 'f-workload', value: 'systems_focused', rationale: 'Caseload limits are set by the agency' },
    ])
    expect(finished.recommendations).toEqual([
      {
        id: 'r-training',
        text: 'Cap caseloads in the case management system at 20 families',
        strength: 'stronger',
        owner: 'Director of service',
        dueDate: '2026-03-31',
        measure: 'No worker above 20 families for two quarters',
        status: 'accepted',
        findingIds: ['f-workload', 'f-supervision'],
        position: 0,
      },
    ])
    expect(await checklist(review, 'findings')).toEqual({
      'checklist.findings.findingWritten': true,
      'checklist.findings.findingsValueTagged': true,
      'checklist.findings.findingsAgreed': true,
      'checklist.findings.recommendationsComplete': true,
      'checklist.findings.recommendationsRated': true,
    })
    expect(await checklist(review, 'shared')).toMatchObject({ 'checklist.shared.recommendationsTracked': true })

    // The cross-review tracker reads the same rows: the member sees the recommendation, overdue
    // once its date has passed.
    const tracker = await recommendationTracker(member, { today: '2026-04-15' })
    expect(tracker).toEqual([
      expect.objectContaining({ reviewId: review.id, id: 'r-training', strength: 'stronger', owner: 'Director of service', overdue: true }),
    ])

    // Clearing the last rating and removing the last need reopens the analysis checklist.
    applyCommands(ydoc, [
      { type: 'clearFactorRating', factorItemId: WORKLOAD },
      { type: 'clearFactorRating', factorItemId: SUPERVISION },
      { type: 'removeUnmetNeed', id: 'n-support' },
    ])
    await project(review.id, ydoc)
    expect(await checklist(review, 'analysis')).toEqual({
      'checklist.analysis.unmetNeedRecorded': false,
      'checklist.analysis.factorsRated': false,
    })
  })
})
