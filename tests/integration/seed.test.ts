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
