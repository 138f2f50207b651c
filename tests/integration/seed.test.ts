import { expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { seedDemo } from '../../server/demo-seed'

test('a fresh database gets the demo seed once; a second start does not duplicate it', async () => {
  expect(await prisma.jurisdiction.count()).toBe(0)
  const first = await seedDemo(prisma)
  expect(first.created).toBe(true)
  expect(first.logins.length).toBeGreaterThanOrEqual(6)
  const counts = async () => ({
    jurisdictions: await prisma.jurisdiction.count(),
    users: await prisma.user.count(),
    reviews: await prisma.review.count(),
    members: await prisma.reviewMember.count(),
  })
  const after = await counts()
  expect(after.jurisdictions).toBe(2)
  expect(after.reviews).toBeGreaterThanOrEqual(1)
  const second = await seedDemo(prisma)
  expect(second.created).toBe(false)
  expect(await counts()).toEqual(after)
})

test('the demo review’s shared document holds the example case file, seeded on the server once', async () => {
  const fs = await import('node:fs')
  const Y = await import('yjs')
  const { readReviewDoc } = await import('~/domain/review-doc')
  const { exampleCaseFilePath } = await import('../../server/demo-seed')
  const example = JSON.parse(fs.readFileSync(exampleCaseFilePath, 'utf8')) as { review: { title: string }; timeline: unknown[]; people: unknown[] }
  const review = await prisma.review.findFirstOrThrow({ where: { title: example.review.title } })
  const snapshot = await prisma.collabSnapshot.findUniqueOrThrow({ where: { docName: `review:${review.id}` } })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, snapshot.state)
  const { doc: content, problems } = readReviewDoc(doc)
  expect(problems).toEqual([])
  expect(content.reviewId).toBe(review.id)
  expect(content.events).toHaveLength(example.timeline.length)
  expect(content.people).toHaveLength(example.people.length)
})

test('the demo review sits 30 days after its incident, its whole chronology moved with it, and no name says "seed"', async () => {
  const fs = await import('node:fs')
  const Y = await import('yjs')
  const { readReviewDoc } = await import('~/domain/review-doc')
  const { reviewDeadline } = await import('~/domain/workflow/deadline')
  const { exampleCaseFilePath, defaultDemoIncidentDate } = await import('../../server/demo-seed')
  const example = JSON.parse(fs.readFileSync(exampleCaseFilePath, 'utf8')) as { review: { title: string; incidentDate: string }; timeline: { date: string }[] }
  const review = await prisma.review.findFirstOrThrow({ where: { title: example.review.title } })
  const incident = review.incidentDate.toISOString().slice(0, 10)
  // 30 days before the day it was seeded (the suite may cross midnight between seed and test).
  expect(incident).toBe(defaultDemoIncidentDate(review.createdAt))
  const deadline = reviewDeadline(incident, review.createdAt)
  expect(deadline.daysLeft).toBeGreaterThan(50)

  const snapshot = await prisma.collabSnapshot.findUniqueOrThrow({ where: { docName: `review:${review.id}` } })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, snapshot.state)
  const events = readReviewDoc(doc).doc.events
  const today = new Date().toISOString().slice(0, 10)
  const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 86_400_000
  // Same intervals as the example file, ending on the incident, nothing in the future.
  const shift = day(incident) - day(example.review.incidentDate)
  expect(events.map(e => day(e.date) - shift).sort()).toEqual(example.timeline.map(e => day(e.date)).sort())
  for (const e of events) expect(e.date.slice(0, 10) <= today).toBe(true)

  const names = [
    ...(await prisma.review.findMany({ select: { title: true } })).map(r => r.title),
    ...(await prisma.jurisdiction.findMany({ select: { name: true } })).map(j => j.name),
  ]
  const { defaultPracticeStandards } = await import('~/domain/standards/defaults')
  names.push(defaultPracticeStandards.name)
  for (const name of names) expect(name).not.toMatch(/seed/i)
})
