// Single sign-on against a real OpenID Connect provider (oidc-provider) on loopback, driven
// with plain HTTP requests: the app's own routes talk to it exactly as in production.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as callbackRoute from '~/routes/auth.sso.callback'
import * as startRoute from '~/routes/auth.sso.start.$code'
import * as loginRoute from '~/routes/login'
import * as logoutRoute from '~/routes/logout'
import * as ssoAdminRoute from '~/routes/admin.sso'
import { saveSsoSettings, ssoSettings } from '~/models/sso.server'
import { deactivateUser } from '~/models/user.server'
import { onAccessChange, type AccessEvent } from '~/utils/access-events.server'
import { hashPassword, userForSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { runCli, type CliIO } from '../../server/cli'
import { buildRequest, cookieFor, makeJurisdiction, makeUser, TEST_ORIGIN } from '../support/fixtures'
import { signInAtProvider, startTestProvider, type TestProvider } from '../support/oidc-provider'

const CALLBACK = `${TEST_ORIGIN}/auth/sso/callback`
let idp: TestProvider
let slowIdp: TestProvider
const world = {} as { code: string; jurisdictionId: string; adminId: string; knownEmail: string; knownId: string; otherEmail: string; slowCode: string }

beforeAll(async () => {
  const uris = { redirectUris: [CALLBACK], postLogoutRedirectUris: [`${TEST_ORIGIN}/login`] }
  idp = await startTestProvider(uris)
  // A provider whose codes expire after a second, for the expired-code case.
  slowIdp = await startTestProvider({ ...uris, codeTtlSeconds: 1 })
  const home = await makeJurisdiction()
  const other = await makeJurisdiction()
  const slow = await makeJurisdiction()
  const admin = await makeUser(home.id, { isAdmin: true })
  const known = await prisma.user.create({
    data: {
      email: `known-${home.code.toLowerCase()}@agency.example`,
      name: 'Kim Known',
      jurisdictionId: home.id,
      passwordHash: await hashPassword('a long enough password'),
    },
  })
  const otherUser = await makeUser(other.id)
  await saveSsoSettings(home.id, { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, displayName: 'Home IdP' }, admin.id)
  await saveSsoSettings(
    slow.id,
    { issuer: slowIdp.issuer, clientId: slowIdp.clientId, clientSecret: slowIdp.clientSecret, displayName: 'Slow IdP', jitProvisioning: true },
    null,
  )
  Object.assign(world, {
    code: home.code,
    jurisdictionId: home.id,
    adminId: admin.id,
    knownEmail: known.email,
    knownId: known.id,
    otherEmail: otherUser.email,
    slowCode: slow.code,
  })
})

afterAll(async () => {
  await idp?.close()
  await slowIdp?.close()
})

async function begin(code = world.code) {
  const response = (await startRoute.loader({
    request: buildRequest(`/auth/sso/start/${code}?redirectTo=/reviews`),
    params: { code },
    context: {},
  })) as Response
  expect(response.status).toBe(302)
  const flowCookie = response.headers.get('set-cookie')!.split(';')[0]!
  expect(flowCookie).toMatch(/^scir_sso_flow=/)
  return { authorizationUrl: new URL(response.headers.get('location')!), flowCookie }
}

async function finish(callback: URL, flowCookie: string | null) {
  const headers = new Headers(flowCookie ? { cookie: flowCookie } : {})
  return (await callbackRoute.loader({ request: new Request(`${CALLBACK}${callback.search}`, { headers }), params: {}, context: {} })) as Response
}

function sessionCookie(response: Response) {
  const line = response.headers.getSetCookie().find(c => c.startsWith('scir_session='))
  return line ? line.split(';')[0]! : null
}

test('the authorization request carries PKCE (S256), state and nonce, to the configured issuer', async () => {
  const { authorizationUrl } = await begin()
  expect(authorizationUrl.origin).toBe(idp.issuer)
  const p = authorizationUrl.searchParams
  expect(p.get('code_challenge_method')).toBe('S256')
  expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/)
  expect(p.get('state')).toBeTruthy()
  expect(p.get('nonce')).toBeTruthy()
  expect(p.get('redirect_uri')).toBe(CALLBACK)
  expect(p.get('scope')).toBe('openid email profile')
})

test('first sign-in of a known email links the account; the next one finds it by subject', async () => {
  const first = await begin()
  const back = await signInAtProvider(first.authorizationUrl.href, world.knownEmail)
  expect(back.searchParams.get('code')).toBeTruthy()
  const response = await finish(back, first.flowCookie)
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe('/reviews')
  const cookie = sessionCookie(response)
  expect(cookie).toBeTruthy()
  // The flow cookie is cleared along with the session being set.
  expect(response.headers.getSetCookie().some(c => c.startsWith('scir_sso_flow=;'))).toBe(true)
  const identity = await prisma.userIdentity.findFirstOrThrow({ where: { userId: world.knownId } })
  expect(identity).toMatchObject({ issuer: idp.issuer, subject: world.knownEmail })
  expect(await prisma.ssoSession.count({ where: { session: { userId: world.knownId } } })).toBe(1)

  const second = await begin()
  const again = await finish(await signInAtProvider(second.authorizationUrl.href, world.knownEmail), second.flowCookie)
  expect(again.headers.get('location')).toBe('/reviews')
  expect(await prisma.userIdentity.count({ where: { userId: world.knownId } })).toBe(1)
  const audit = await prisma.auditEvent.findMany({ where: { jurisdictionId: world.jurisdictionId, action: 'sso.signed-in' }, orderBy: { createdAt: 'asc' } })
  expect(audit.map(a => JSON.parse(a.detail).how)).toEqual(['linked', 'returning'])
})

describe('what the provider sends back is checked', () => {
  test('a tampered state is refused and nobody is signed in', async () => {
    const sessionsBefore = await prisma.session.count()
    const { authorizationUrl, flowCookie } = await begin()
    const back = await signInAtProvider(authorizationUrl.href, world.knownEmail)
    back.searchParams.set('state', `${back.searchParams.get('state')}x`)
    const response = await finish(back, flowCookie)
    expect(response.headers.get('location')).toBe('/login?sso=refused')
    expect(sessionCookie(response)).toBeNull()
    expect(await prisma.session.count()).toBe(sessionsBefore)
  })

  test('a tampered nonce is refused (the ID token carries another one than the flow expects)', async () => {
    const sessionsBefore = await prisma.session.count()
    const { authorizationUrl, flowCookie } = await begin()
    authorizationUrl.searchParams.set('nonce', 'a-nonce-the-app-never-issued')
    const back = await signInAtProvider(authorizationUrl.href, world.knownEmail)
    const response = await finish(back, flowCookie)
    expect(response.headers.get('location')).toBe('/login?sso=refused')
    expect(await prisma.session.count()).toBe(sessionsBefore)
  })

  test('an expired code is refused', async () => {
    const { authorizationUrl, flowCookie } = await begin(world.slowCode)
    const back = await signInAtProvider(authorizationUrl.href, 'late@agency.example')
    await new Promise(resolve => setTimeout(resolve, 2200))
    const response = await finish(back, flowCookie)
    expect(response.headers.get('location')).toBe('/login?sso=refused')
    expect(await prisma.user.count({ where: { email: 'late@agency.example' } })).toBe(0)
  })

  test('a code used twice is refused the second time', async () => {
    const { authorizationUrl, flowCookie } = await begin()
    const back = await signInAtProvider(authorizationUrl.href, world.knownEmail)
    expect((await finish(back, flowCookie)).headers.get('location')).toBe('/reviews')
    expect((await finish(back, flowCookie)).headers.get('location')).toBe('/login?sso=refused')
  })

  test('a callback without the flow cookie (another browser) is refused', async () => {
    const { authorizationUrl } = await begin()
    const back = await signInAtProvider(authorizationUrl.href, world.knownEmail)
    expect((await finish(back, null)).headers.get('location')).toBe('/login?sso=expired')
  })

  test('a forged flow cookie is refused', async () => {
    const { authorizationUrl, flowCookie } = await begin()
    const back = await signInAtProvider(authorizationUrl.href, world.knownEmail)
    const forged = flowCookie.replace(/=(.)/, (_m, c: string) => `=${c === 'A' ? 'B' : 'A'}`)
    expect((await finish(back, forged)).headers.get('location')).toBe('/login?sso=expired')
  })
})

describe('who may sign in', () => {
  test('an unknown email is refused unless just-in-time creation is on; then the new user has no review access', async () => {
    const stranger = `stranger-${Date.now()}@agency.example`
    const refused = await begin()
    expect((await finish(await signInAtProvider(refused.authorizationUrl.href, stranger), refused.flowCookie)).headers.get('location')).toBe(
      '/login?sso=unknown-email',
    )
    expect(await prisma.user.count({ where: { email: stranger } })).toBe(0)

    await saveSsoSettings(world.jurisdictionId, { issuer: idp.issuer, clientId: idp.clientId, displayName: 'Home IdP', jitProvisioning: true }, world.adminId)
    try {
      const allowed = await begin()
      const response = await finish(await signInAtProvider(allowed.authorizationUrl.href, stranger), allowed.flowCookie)
      expect(response.headers.get('location')).toBe('/reviews')
      const created = await prisma.user.findUniqueOrThrow({ where: { email: stranger }, include: { memberships: true, identities: true } })
      expect(created).toMatchObject({ jurisdictionId: world.jurisdictionId, isAdmin: false, passwordHash: null, memberships: [] })
      expect(created.identities).toHaveLength(1)
    } finally {
      await saveSsoSettings(
        world.jurisdictionId,
        { issuer: idp.issuer, clientId: idp.clientId, displayName: 'Home IdP', jitProvisioning: false },
        world.adminId,
      )
    }
  })

  test('an email of another jurisdiction is refused, never linked', async () => {
    const { authorizationUrl, flowCookie } = await begin()
    const response = await finish(await signInAtProvider(authorizationUrl.href, world.otherEmail), flowCookie)
    expect(response.headers.get('location')).toBe('/login?sso=other-jurisdiction')
    expect(await prisma.userIdentity.count({ where: { user: { email: world.otherEmail } } })).toBe(0)
  })

  test('deactivation ends an SSO session at once and the provider cannot sign the person in again', async () => {
    const user = await prisma.user.create({
      data: { email: `leaving-${Date.now()}@agency.example`, name: 'Lee Leaving', jurisdictionId: world.jurisdictionId },
    })
    const { authorizationUrl, flowCookie } = await begin()
    const response = await finish(await signInAtProvider(authorizationUrl.href, user.email), flowCookie)
    const cookie = sessionCookie(response)!
    const session = await prisma.session.findFirstOrThrow({ where: { userId: user.id } })
    expect(await userForSession(session.id)).not.toBeNull()
    const events: AccessEvent[] = []
    const stop = onAccessChange(e => events.push(e))
    await deactivateUser(world.jurisdictionId, user.id, world.adminId)
    stop()
    expect(events).toContainEqual({ type: 'user-deactivated', userId: user.id })
    expect(await userForSession(session.id)).toBeNull()
    expect(cookie).toBeTruthy()
    const again = await begin()
    expect((await finish(await signInAtProvider(again.authorizationUrl.href, user.email), again.flowCookie)).headers.get('location')).toBe(
      '/login?sso=deactivated',
    )
  })

  test('password sign-in can be turned off per jurisdiction; a right password then gets a clear refusal', async () => {
    const attempt = (password: string) =>
      loginRoute.action({
        request: buildRequest('/login', { form: { email: world.knownEmail, password } }),
        params: {},
        context: { clientAddress: '10.9.9.9' },
      }) as Promise<Response>
    expect((await attempt('a long enough password')).status).toBe(302)
    await saveSsoSettings(world.jurisdictionId, { issuer: idp.issuer, clientId: idp.clientId, displayName: 'Home IdP', passwordSignIn: false }, world.adminId)
    try {
      const refused = await attempt('a long enough password')
      expect(refused.status).toBe(403)
      const body = (await refused.json()) as { result: { error: Record<string, string[]> }; useProvider: { code: string; displayName: string } }
      expect(JSON.stringify(body.result)).toContain('sso.passwordOff')
      expect(body.useProvider).toEqual({ code: world.code, displayName: 'Home IdP' })
      expect(refused.headers.get('set-cookie')).toBeNull()
      // A wrong password still gets the ordinary answer: the rule is shown only to who knows the password.
      expect((await attempt('not the password at all')).status).toBe(400)
      // Other jurisdictions keep password sign-in.
      const other = await prisma.user.findUniqueOrThrow({ where: { email: world.otherEmail } })
      await prisma.user.update({ where: { id: other.id }, data: { passwordHash: await hashPassword('another long password') } })
      const otherAttempt = (await loginRoute.action({
        request: buildRequest('/login', { form: { email: world.otherEmail, password: 'another long password' } }),
        params: {},
        context: { clientAddress: '10.9.9.8' },
      })) as Response
      expect(otherAttempt.status).toBe(302)
    } finally {
      await saveSsoSettings(world.jurisdictionId, { issuer: idp.issuer, clientId: idp.clientId, displayName: 'Home IdP', passwordSignIn: true }, world.adminId)
    }
  })

  test('the sign-in page offers each enabled provider and names a failure it was sent back with', async () => {
    const response = (await loginRoute.loader({ request: buildRequest('/login?sso=refused'), params: {}, context: {} })) as Response
    const data = (await response.json()) as { providers: { code: string; displayName: string }[]; ssoProblem: string | null }
    expect(data.providers).toContainEqual(expect.objectContaining({ code: world.code, displayName: 'Home IdP' }))
    expect(data.ssoProblem).toBe('refused')
    const odd = (await ((await loginRoute.loader({ request: buildRequest('/login?sso=<script>'), params: {}, context: {} })) as Response).json()) as {
      ssoProblem: string | null
    }
    expect(odd.ssoProblem).toBeNull()
  })
})

test('signing out ends the local session, then sends the browser to the provider to end it there', async () => {
  const { authorizationUrl, flowCookie } = await begin()
  const cookie = sessionCookie(await finish(await signInAtProvider(authorizationUrl.href, world.knownEmail), flowCookie))!
  const ssoSessionsBefore = await prisma.ssoSession.count()
  const response = (await logoutRoute.action({ request: buildRequest('/logout', { cookie, form: {} }), params: {}, context: {} })) as Response
  // A page that moves on to the provider, not a redirect (CSP form-action, see the route).
  expect(response.status).toBe(200)
  const location = new URL(((await response.json()) as { providerSignOut: string }).providerSignOut)
  expect(location.origin).toBe(idp.issuer)
  expect(location.pathname).toBe('/session/end')
  expect(location.searchParams.get('post_logout_redirect_uri')).toBe(`${TEST_ORIGIN}/login`)
  expect(location.searchParams.get('id_token_hint')).toBeTruthy()
  expect(response.headers.get('set-cookie')).toMatch(/^scir_session=;/)
  // The local session (and what it kept for the provider) is gone before the browser leaves.
  expect(await prisma.ssoSession.count()).toBe(ssoSessionsBefore - 1)
  const replay = (await ssoAdminRoute.loader({ request: buildRequest('/admin/sso', { cookie }), params: {}, context: {} }).catch((e: unknown) => e)) as Response
  expect(replay.headers.get('location')).toMatch(/^\/login/)
  // The session that signed out is gone; a password session signs out locally only.
  const { cookie: plain } = await cookieFor(world.knownId)
  const local = (await logoutRoute.action({ request: buildRequest('/logout', { cookie: plain, form: {} }), params: {}, context: {} })) as Response
  expect(local.headers.get('location')).toBe('/login')
})

test('the client secret is stored sealed and never read back', async () => {
  const row = await prisma.jurisdictionSso.findUniqueOrThrow({ where: { jurisdictionId: world.jurisdictionId } })
  expect(row.clientSecretSealed).toMatch(/^v1\./)
  expect(row.clientSecretSealed).not.toContain(idp.clientSecret)
  expect(JSON.stringify(await ssoSettings(world.jurisdictionId))).not.toContain(idp.clientSecret)
  const admin = await cookieFor(world.adminId)
  const page = (await ssoAdminRoute.loader({ request: buildRequest('/admin/sso', { cookie: admin.cookie }), params: {}, context: {} })) as Response
  const text = await page.text()
  expect(text).toContain(idp.clientId)
  expect(text).toContain('"hasClientSecret":true')
  expect(text).not.toContain(idp.clientSecret)
})

test('the admin form refuses bad input with a message per field and changes nothing', async () => {
  const before = await prisma.jurisdictionSso.findUniqueOrThrow({ where: { jurisdictionId: world.jurisdictionId } })
  const admin = await cookieFor(world.adminId)
  const response = (await ssoAdminRoute.action({
    request: buildRequest('/admin/sso', { cookie: admin.cookie, form: { intent: 'save', issuer: 'http://idp.example.org', clientId: '', displayName: 'x' } }),
    params: {},
    context: {},
  })) as Response
  expect(response.status).toBe(400)
  expect(((await response.json()) as { errors: Record<string, string> }).errors).toEqual({
    issuer: 'sso.validation.issuerInvalid',
    clientId: 'sso.validation.clientIdRequired',
  })
  expect(await prisma.jurisdictionSso.findUniqueOrThrow({ where: { jurisdictionId: world.jurisdictionId } })).toEqual(before)
})

describe('CLI sso', () => {
  function io(env: Record<string, string> = {}) {
    const out: string[] = []
    const err: string[] = []
    const value: CliIO = { out: l => out.push(l), err: l => err.push(l), env, promptSecret: async () => null }
    return { io: value, out, err }
  }

  test('set takes the secret from OIDC_CLIENT_SECRET, never prints it, and show reads the settings back', async () => {
    const j = await makeJurisdiction()
    const t = io({ OIDC_CLIENT_SECRET: 'operator-secret-value-42' })
    const code = await runCli(
      ['sso', 'set', j.code, '--issuer', 'https://login.example.org/realms/agency', '--client-id', 'scir', '--password-sign-in', 'off', '--jit', 'on'],
      t.io,
      prisma,
    )
    expect(t.err).toEqual([])
    expect(code).toBe(0)
    expect(t.out.join('\n')).not.toContain('operator-secret-value-42')
    expect(await ssoSettings(j.id)).toMatchObject({
      issuer: 'https://login.example.org/realms/agency',
      clientId: 'scir',
      hasClientSecret: true,
      passwordSignIn: false,
      jitProvisioning: true,
    })

    const show = io()
    expect(await runCli(['sso', 'show', j.code], show.io, prisma)).toBe(0)
    expect(show.out.join('\n')).toContain('password sign-in: off')
    // Changing one flag keeps the rest and the stored secret.
    expect(await runCli(['sso', 'set', j.code, '--password-sign-in', 'on'], io().io, prisma)).toBe(0)
    expect(await ssoSettings(j.id)).toMatchObject({ hasClientSecret: true, passwordSignIn: true, jitProvisioning: true })
    expect(await runCli(['sso', 'remove', j.code], io().io, prisma)).toBe(0)
    expect(await ssoSettings(j.id)).toBeNull()
  })

  test('set refuses bad input with a clear message', async () => {
    const j = await makeJurisdiction()
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['sso', 'set', j.code, '--issuer', 'http://idp.example.org', '--client-id', 'x'], { OIDC_CLIENT_SECRET: 's' }, /issuer must be an https URL/],
      [['sso', 'set', j.code, '--issuer', 'https://idp.example.org'], { OIDC_CLIENT_SECRET: 's' }, /--client-id <id> is required/],
      [['sso', 'set', j.code, '--issuer', 'https://idp.example.org', '--client-id', 'x'], {}, /no client secret/],
      [
        ['sso', 'set', j.code, '--issuer', 'https://idp.example.org', '--client-id', 'x', '--jit', 'maybe'],
        { OIDC_CLIENT_SECRET: 's' },
        /--jit must be on or off/,
      ],
      [['sso', 'set', 'NO-SUCH', '--issuer', 'https://idp.example.org', '--client-id', 'x'], { OIDC_CLIENT_SECRET: 's' }, /no jurisdiction with code NO-SUCH/],
    ]
    for (const [argv, env, message] of cases) {
      const t = io(env)
      expect(await runCli(argv, t.io, prisma)).toBe(1)
      expect(t.err.join('\n')).toMatch(message)
    }
    expect(await ssoSettings(j.id)).toBeNull()
  })
})
