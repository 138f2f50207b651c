import { expect, test } from 'vitest'
import * as setPasswordRoute from '~/routes/set-password.$token'
import { createUser } from '~/models/user.server'
import { verifyLogin } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { buildRequest, makeJurisdiction } from '../support/fixtures'

test('a one-time link sets the password once; only its hash is stored', async () => {
  const j = await makeJurisdiction()
  const { user, setupToken } = await createUser({ email: 'invitee@example.test', name: 'Invitee', jurisdictionId: j.id, isAdmin: false })
  expect(setupToken).toBeTruthy()
  expect(await prisma.passwordSetupToken.count({ where: { tokenHash: setupToken! } })).toBe(0)
  const post = (form: Record<string, string>) =>
    setPasswordRoute.action({ request: buildRequest(`/set-password/${setupToken}`, { form }), params: { token: setupToken! }, context: {} })

  const mismatch = await post({ password: 'a long enough password', confirm: 'something else entirely' })
  expect(mismatch.status).toBe(400)
  const short = await post({ password: 'short', confirm: 'short' })
  expect(short.status).toBe(400)
  expect(await verifyLogin(user.email, 'a long enough password')).toBeNull()

  const ok = await post({ password: 'a long enough password', confirm: 'a long enough password' })
  expect(ok.status).toBe(302)
  expect(await verifyLogin(user.email, 'a long enough password')).toEqual({ id: user.id })
  const reuse = await post({ password: 'another long password', confirm: 'another long password' })
  expect(reuse.status).toBe(400)
  expect(await verifyLogin(user.email, 'another long password')).toBeNull()
})
