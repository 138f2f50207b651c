// The OpenID Connect authorization code flow with PKCE, state and nonce (ADR 0026). Every
// check of what the provider sends is openid-client's; this module only keeps the flow's
// secrets between the two legs and maps the outcome to a local session.
import { createCookie, redirect } from '@remix-run/node'
import * as oidc from 'openid-client'
import { isLoopbackHttp, resolveSsoUser, type SsoRefusal } from '~/models/sso.server'
import { signIn } from './auth.server'
import { prisma } from './db.server'
import { getEnv } from './env.server'
import { unseal } from './secret-box.server'
import { cookieSecure, sessionStorage } from './session.server'
import { singleton } from './singleton.server'

const FLOW_TTL_MS = 10 * 60 * 1000
const DISCOVERY_TTL_MS = 10 * 60 * 1000
export const CALLBACK_PATH = '/auth/sso/callback'

export type SsoFailure = SsoRefusal | 'unavailable' | 'expired' | 'refused'
export const ssoFailures: readonly SsoFailure[] = [
  'unavailable',
  'expired',
  'refused',
  'no-email',
  'email-unverified',
  'unknown-email',
  'other-jurisdiction',
  'deactivated',
  'linked-elsewhere',
]

type Flow = { code: string; state: string; nonce: string; verifier: string; redirectTo: string | null; startedAt: number }

const flowCookie = () =>
  singleton('sso-flow-cookie', () =>
    createCookie('scir_sso_flow', {
      path: '/auth/sso',
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET, which Lax cookies accompany.
      sameSite: 'lax',
      secure: cookieSecure(),
      secrets: [getEnv().SESSION_SECRET],
      maxAge: FLOW_TTL_MS / 1000,
    }),
  )

/** The origin the provider sends users back to: the first configured origin, else this request's. */
export function publicOrigin(request: Request) {
  const configured = getEnv().ALLOWED_ORIGINS[0]
  return configured ? new URL(configured).origin : new URL(request.url).origin
}

const discoveries = singleton('oidc-discoveries', () => new Map<string, { at: number; config: Promise<oidc.Configuration> }>())

async function providerWhere(where: { jurisdictionId: string } | { code: string }) {
  const row = await prisma.jurisdictionSso.findFirst({
    where: { enabled: true, ...('code' in where ? { jurisdiction: { code: where.code } } : { jurisdictionId: where.jurisdictionId }) },
    select: { jurisdictionId: true, issuer: true, clientId: true, clientSecretSealed: true, updatedAt: true },
  })
  if (!row) return null
  const key = `${row.jurisdictionId}:${row.updatedAt.getTime()}`
  let entry = discoveries.get(key)
  if (!entry || Date.now() - entry.at > DISCOVERY_TTL_MS) {
    const issuer = new URL(row.issuer)
    const secret = row.clientSecretSealed ? unseal(row.clientSecretSealed) : null
    const config = oidc.discovery(
      issuer,
      row.clientId,
      undefined,
      secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
      isLoopbackHttp(issuer) ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    )
    entry = { at: Date.now(), config }
    for (const k of discoveries.keys()) if (k.startsWith(`${row.jurisdictionId}:`)) discoveries.delete(k)
    discoveries.set(key, entry)
    config.catch(() => discoveries.delete(key))
  }
  return { jurisdictionId: row.jurisdictionId, config: await entry.config }
}

function failed(reason: SsoFailure, headers?: HeadersInit) {
  return redirect(`/login?sso=${reason}`, { headers })
}

/** First leg: remember state, nonce and PKCE verifier in a signed cookie; send the browser to the provider. */
export async function startSsoSignIn(request: Request, code: string, redirectTo: string | null) {
  let provider
  try {
    provider = await providerWhere({ code })
  } catch (error) {
    console.error('single sign-on: provider discovery failed', { code, error: String(error) })
    return failed('unavailable')
  }
  if (!provider) return failed('unavailable')
  const verifier = oidc.randomPKCECodeVerifier()
  const flow: Flow = { code, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, redirectTo, startedAt: Date.now() }
  const url = oidc.buildAuthorizationUrl(provider.config, {
    redirect_uri: publicOrigin(request) + CALLBACK_PATH,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  })
  return redirect(url.href, { headers: { 'set-cookie': await flowCookie().serialize(flow) } })
}

function isFlow(value: unknown): value is Flow {
  const v = value as Partial<Flow> | null
  return (
    Boolean(v) &&
    typeof v!.code === 'string' &&
    typeof v!.state === 'string' &&
    typeof v!.nonce === 'string' &&
    typeof v!.verifier === 'string' &&
    typeof v!.startedAt === 'number'
  )
}

/** Second leg: the provider sent the browser back with a code; openid-client checks it all. */
export async function finishSsoSignIn(request: Request) {
  const cleared = { 'set-cookie': await flowCookie().serialize('', { maxAge: 0 }) }
  const flow = await flowCookie().parse(request.headers.get('cookie'))
  if (!isFlow(flow) || Date.now() - flow.startedAt > FLOW_TTL_MS) return failed('expired', cleared)
  let provider
  try {
    provider = await providerWhere({ code: flow.code })
  } catch (error) {
    console.error('single sign-on: provider discovery failed', { code: flow.code, error: String(error) })
    return failed('unavailable', cleared)
  }
  if (!provider) return failed('unavailable', cleared)

  // The redirect_uri sent with the code must be the one the flow started with, whatever
  // host header this request came in with.
  const current = new URL(publicOrigin(request) + CALLBACK_PATH)
  current.search = new URL(request.url).search
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
  try {
    tokens = await oidc.authorizationCodeGrant(provider.config, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
  } catch (error) {
    console.warn('single sign-on: code exchange refused', {
      code: flow.code,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    })
    return failed('refused', cleared)
  }
  const claims = tokens.claims()
  if (!claims) return failed('refused', cleared)
  let email = typeof claims.email === 'string' ? claims.email : null
  let emailVerified = typeof claims.email_verified === 'boolean' ? claims.email_verified : null
  let name = typeof claims.name === 'string' ? claims.name : null
  if (!email) {
    // Many providers put the email only in the userinfo response.
    try {
      const info = await oidc.fetchUserInfo(provider.config, tokens.access_token, claims.sub)
      email = typeof info.email === 'string' ? info.email : null
      emailVerified = typeof info.email_verified === 'boolean' ? info.email_verified : emailVerified
      name ??= typeof info.name === 'string' ? info.name : null
    } catch (error) {
      console.warn('single sign-on: userinfo failed', { code: flow.code, error: String(error) })
      return failed('refused', cleared)
    }
  }
  const outcome = await resolveSsoUser(provider.jurisdictionId, {
    issuer: provider.config.serverMetadata().issuer,
    subject: claims.sub,
    email,
    emailVerified,
    name,
  })
  if (!outcome.ok) return failed(outcome.reason, cleared)
  return signIn(request, outcome.userId, flow.redirectTo, {
    sso: { jurisdictionId: provider.jurisdictionId, idToken: tokens.id_token ?? '' },
    setCookies: [cleared['set-cookie']],
  })
}

/**
 * Where signing out sends the browser: the provider's end_session_endpoint when the session
 * began there and the provider offers one (RP-initiated logout), else null.
 */
export async function providerSignOutUrl(request: Request) {
  const cookieSession = await sessionStorage.getSession(request.headers.get('cookie'))
  const sessionId = cookieSession.get('sessionId')
  if (typeof sessionId !== 'string') return null
  const sso = await prisma.ssoSession.findUnique({ where: { sessionId }, select: { jurisdictionId: true, idToken: true } })
  if (!sso) return null
  try {
    const provider = await providerWhere({ jurisdictionId: sso.jurisdictionId })
    if (!provider?.config.serverMetadata().end_session_endpoint) return null
    return oidc.buildEndSessionUrl(provider.config, {
      ...(sso.idToken ? { id_token_hint: sso.idToken } : {}),
      post_logout_redirect_uri: `${publicOrigin(request)}/login`,
    }).href
  } catch (error) {
    console.warn('single sign-on: no provider sign-out', { error: String(error) })
    return null
  }
}
