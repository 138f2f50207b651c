// Issue 10, point 9 (and issue 9's seed:large): the operator's CLI works while the server
// runs. This process plays the server (its Prisma connection and the collaboration writer
// thread hold the database open); the CLI runs as its own process, as an operator would.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createSqlitePersistence, type CollabPersistence } from '../../server/collab'
import { createLogger } from '../../server/logger'
import { hashPassword } from '~/utils/auth.server'
import { makeJurisdiction, makeUser } from '../support/fixtures'
import { cliProcess } from '../support/cli'

let persistence: CollabPersistence

beforeAll(async () => {
  await prisma.user.count()
  persistence = createSqlitePersistence({ filename: process.env.DATABASE_URL!, logger: createLogger('silent') })
  await persistence.load('review:cli-live')
})

afterAll(async () => {
  await persistence.close()
})

test('user deactivate runs against a database the server holds open', { timeout: 60_000 }, async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  await prisma.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword('a long enough password') } })
  const { stdout } = await cliProcess(['user', 'deactivate', u.email], { ...process.env, NODE_ENV: 'test' })
  expect(stdout).toContain(`deactivated ${u.email}`)
  expect((await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).deactivatedAt).not.toBeNull()
})
