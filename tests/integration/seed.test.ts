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
