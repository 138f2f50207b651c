import { expect, test } from 'vitest'
import * as loginRoute from '~/routes/login'
import * as logoutRoute from '~/routes/logout'
import * as reviewsRoute from '~/routes/reviews._index'
import { onAccessChange, type AccessEvent } from '~/utils/access-events.server'
import { getUser, hashPassword, SESSION_TTL_MS } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { deactivateUser } from '~/models/user.server'
import { buildRequest, cookieFor, makeJurisdiction, makeUser, outcomeOf } from '../support/fixtures'

/** The login form posted from one client address. */
const postLogin = (form: Record<string, string>, clientAddress: string) =>
  loginRoute.action({ request: buildRequest('/login', { form }), params: {}, context: { clientAddress } })

test('a session row backs the cookie; deleting the row signs the browser out', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  const { cookie, sessionId } = await cookieFor(u.id)
  expect((await getUser(buildRequest('/', { cookie })))?.id).toBe(u.id)
  await prisma.session.delete({ where: { id: sessionId } })
  expect(await getUser(buildRequest('/', { cookie }))).toBeNull()
  expect(await outcomeOf(() => reviewsRoute.loader({ request: buildRequest('/reviews', { cookie }), params: {}, context: {} }))).toBe('login')
})

test('sessions expire', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  const { cookie, sessionId } = await cookieFor(u.id)
  const row = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })
  // New sessions last SESSION_TTL_MS.
  expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - SESSION_TTL_MS)).toBeLessThan(5_000)
  await prisma.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } })
  expect(await getUser(buildRequest('/', { cookie }))).toBeNull()
})

test('a forged or tampered cookie is not a session', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  const { cookie } = await cookieFor(u.id)
  const tampered = cookie.replace(/.$/, c => (c === 'A' ? 'B' : 'A'))
  expect(await getUser(buildRequest('/', { cookie: tampered }))).toBeNull()
  expect(await getUser(buildRequest('/', { cookie: 'scir_session=garbage' }))).toBeNull()
})

test('signing out deletes the session and announces it', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  const { cookie, sessionId } = await cookieFor(u.id)
  const events: AccessEvent[] = []
  const stop = onAccessChange(e => events.push(e))
  const response = await logoutRoute.action({ request: buildRequest('/logout', { cookie, form: {} }), params: {}, context: {} })
  stop()
  expect(response.status).toBe(302)
  expect(response.headers.get('set-cookie')).toMatch(/scir_session=;.*Expires=Thu, 01 Jan 1970/i)
  expect(await prisma.session.findUnique({ where: { id: sessionId } })).toBeNull()
  expect(events).toContainEqual({ type: 'session-ended', sessionId, userId: u.id })
})

test('deactivating a user ends all their sessions and announces it', async () => {
  const j = await makeJurisdiction()
  const admin = await makeUser(j.id, { isAdmin: true })
  const u = await makeUser(j.id)
  const a = await cookieFor(u.id)
  const b = await cookieFor(u.id)
  const events: AccessEvent[] = []
  const stop = onAccessChange(e => events.push(e))
  await deactivateUser(j.id, u.id, admin.id)
  stop()
  expect(await prisma.session.count({ where: { userId: u.id } })).toBe(0)
  expect(await getUser(buildRequest('/', { cookie: a.cookie }))).toBeNull()
  expect(await getUser(buildRequest('/', { cookie: b.cookie }))).toBeNull()
  expect(events).toContainEqual({ type: 'user-deactivated', userId: u.id })
})

test('login: wrong password refused, right password gives an HttpOnly SameSite=Lax session cookie', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  await prisma.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword('correct horse battery') } })
  const bad = await postLogin({ email: u.email, password: 'wrong password!!' }, 'a1')
  expect(bad.status).toBe(400)
  const good = await postLogin({ email: u.email.toUpperCase(), password: 'correct horse battery', redirectTo: '/reviews' }, 'a1')
  expect(good.status).toBe(302)
  expect(good.headers.get('location')).toBe('/reviews')
  const setCookie = good.headers.get('set-cookie') ?? ''
  expect(setCookie).toMatch(/HttpOnly/i)
  expect(setCookie).toMatch(/SameSite=Lax/i)
  expect(await prisma.session.count({ where: { userId: u.id } })).toBe(1)
})

test('login: an open redirect target is ignored', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  await prisma.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword('correct horse battery') } })
  const response = await postLogin({ email: u.email, password: 'correct horse battery', redirectTo: '//evil.example/x' }, 'a2')
  expect(response.headers.get('location')).toBe('/reviews')
})

test('login is rate-limited per account', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  await prisma.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword('correct horse battery') } })
  const statuses: number[] = []
  for (let i = 0; i < 7; i++) {
    const r = await postLogin({ email: u.email, password: `guess number ${i}` }, `addr-${i}`)
    statuses.push(r.status)
  }
  expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
  expect(statuses.slice(5)).toEqual([429, 429])
  // Even the right password waits out the window.
  const right = await postLogin({ email: u.email, password: 'correct horse battery' }, 'x')
  expect(right.status).toBe(429)
})

test('a deactivated user cannot sign in', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id, { deactivated: true })
  await prisma.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword('correct horse battery') } })
  const r = await postLogin({ email: u.email, password: 'correct horse battery' }, 'd')
  expect(r.status).toBe(400)
})

test('login: the per-address limit counts failed sign-ins only; a lock-out says why and for how long (issue 9)', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  await prisma.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword('correct horse battery') } })
  const office = `office-${u.id}`
  const signIn = (password: string, email = u.email) => postLogin({ email, password }, office)
  // A whole office signing in from one address, more often than the limit allows failures.
  for (let i = 0; i < getEnv().LOGIN_ATTEMPTS_PER_ADDRESS + 5; i++) expect((await signIn('correct horse battery')).status).toBe(302)

  // Failures spread over several accounts (each account has its own, lower, limit).
  const limit = getEnv().LOGIN_ATTEMPTS_PER_ADDRESS
  for (let done = 0; done < limit;) {
    const other = await makeUser(j.id)
    await prisma.user.update({ where: { id: other.id }, data: { passwordHash: await hashPassword('another long password') } })
    for (let k = 0; k < 4 && done < limit; k++, done++) expect((await signIn(`wrong ${done}`, other.email)).status).toBe(400)
  }
  const locked = await signIn('correct horse battery')
  expect(locked.status).toBe(429)
  const body = (await locked.json()) as { result: { error: Record<string, string[]> }; retryAfter: number }
  expect(Object.values(body.result.error).flat()).toContain('login.lockedAddress')
  expect(body.retryAfter).toBeGreaterThan(60)
  expect(Number(locked.headers.get('retry-after'))).toBe(body.retryAfter)
})

test('login: a redirect target that a browser would send off-site is ignored (issue 10, point 10)', async () => {
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  await prisma.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword('correct horse battery') } })
  for (const [i, target] of ['/\t/evil.example', '/\n/evil.example', '/\r/x'].entries()) {
    const response = await postLogin({ email: u.email, password: 'correct horse battery', redirectTo: target }, `redirect-${i}`)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/reviews')
  }
})
