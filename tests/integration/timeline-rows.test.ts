// The first timeline rows the workspace renders on the server come from the projection
// (ADR 0053): the live list's order and fields, actors by pseudonym only, and nothing when
// the projection cannot be trusted or the reader may not read the document.
import * as Y from 'yjs'
import { describe, expect, test } from 'vitest'
import { applyCommands, initialiseReviewDoc, readReviewDoc, type ReviewCommand } from '~/domain/review-doc'
import { projectReviewDocument } from '~/models/review-projection.server'
import { timelinePreview } from '~/models/timeline-rows.server'
import { prisma } from '~/utils/db.server'
import { makeJurisdiction, makeReview } from '../support/fixtures'

const commands: ReviewCommand[] = [
  { type: 'addPerson', id: 'p-child', name: 'Ruby Calder', role: 'child' },
  { type: 'addPerson', id: 'p-worker', name: 'Priya Raman', role: 'worker' },
  { type: 'addEvent', id: 'e-late', date: '2025-03-01', description: 'Hospital report.', actorIds: ['p-child'] },
  {
    type: 'addEvent',
    id: 'e-early',
    date: '2025-01-10',
    stage: 'referral',
    source: 'Intake log',
    description: 'Referral received.',
    actorIds: ['p-worker', 'p-child'],
  },
  { type: 'addEvent', id: 'e-mid', date: '2025-02-01', keyPracticeEpisode: true },
]

async function projectedReview() {
  const jurisdiction = await makeJurisdiction()
  const review = await makeReview(jurisdiction.id, [])
  const ydoc = new Y.Doc()
  initialiseReviewDoc(ydoc, { reviewId: review.id })
  applyCommands(ydoc, commands)
  const { doc, problems } = readReviewDoc(ydoc)
  await projectReviewDocument(review.id, doc, problems.length)
  return { review, doc }
}

const allowed = (review: { id: string }) => ({ review: review as never, allows: () => true })

describe('timelinePreview', () => {
  test('the first rows in the live order, with pseudonyms and never names', async () => {
    const { review, doc } = await projectedReview()
    const preview = await timelinePreview(allowed(review), 2)
    expect(preview?.total).toBe(3)
    expect(preview?.events.map(event => event.id)).toEqual(doc.events.slice(0, 2).map(event => event.id))
    expect(preview?.events.map(event => event.id)).toEqual(['e-early', 'e-mid'])
    const [first, second] = preview?.events ?? []
    expect(first).toMatchObject({ date: '2025-01-10', stage: 'referral', source: 'Intake log', actorIds: ['p-worker', 'p-child'], keyPracticeEpisode: false })
    expect(first?.description.text).toBe('Referral received.')
    expect(second).toMatchObject({ keyPracticeEpisode: true, actorIds: [] })
    const worker = doc.people.find(person => person.id === 'p-worker')
    const child = doc.people.find(person => person.id === 'p-child')
    expect(preview?.pseudonyms).toEqual({ 'p-worker': worker?.pseudonym, 'p-child': child?.pseudonym })
    expect(JSON.stringify(preview)).not.toMatch(/Ruby|Calder|Priya|Raman/)
  })

  test('nothing for a reader who may not read the document', async () => {
    const { review } = await projectedReview()
    expect(await timelinePreview({ review: review as never, allows: () => false }, 10)).toBeNull()
  })

  test('nothing from a projection written before pseudonyms were kept, or from no projection', async () => {
    const { review } = await projectedReview()
    await prisma.reviewProjection.update({
      where: { reviewId: review.id },
      data: { registryFacts: JSON.stringify({ personRoles: ['child'], childIsIndigenous: false }) },
    })
    expect(await timelinePreview(allowed(review), 10)).toBeNull()
    await prisma.reviewProjection.delete({ where: { reviewId: review.id } })
    expect(await timelinePreview(allowed(review), 10)).toBeNull()
  })

  test('nothing when a projected row no longer reads as an event', async () => {
    const { review } = await projectedReview()
    await prisma.projectedEvent.update({ where: { reviewId_id: { reviewId: review.id, id: 'e-early' } }, data: { date: 'not a date' } })
    expect(await timelinePreview(allowed(review), 10)).toBeNull()
  })
})
