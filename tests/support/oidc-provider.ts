// A real OpenID Connect provider (the `oidc-provider` package) on a loopback port, for the
// tests: one confidential client, in-memory accounts, its own development login and consent
// pages. Nothing of ours is stubbed: the app talks to it over HTTP like to any provider.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export type TestAccount = { sub: string; email: string; emailVerified?: boolean; name?: string }

export type TestProviderOptions = {
  redirectUris: string[]
  postLogoutRedirectUris: string[]
  /** Accounts by subject (the login typed at the provider); any other login containing "@" is a verified account with that email. */
  accounts?: TestAccount[]
  clientId?: string
  clientSecret?: string
  codeTtlSeconds?: number
}

export async function startTestProvider(options: TestProviderOptions) {
  const server = http.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = options.clientId ?? 'scir-test-client'
  const clientSecret = options.clientSecret ?? 'scir-test-client-secret-0123456789'
  const accounts = options.accounts ?? []
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    cookies: { keys: ['scir-test-provider-cookie-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    ttl: { AuthorizationCode: options.codeTtlSeconds ?? 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(_ctx, id) {
      // The dev login page makes what was typed the account id, so it must be the subject too.
      const known = accounts.find(a => a.sub === id)
      const account: TestAccount | null = known ?? (id.includes('@') ? { sub: id, email: id } : null)
      if (!account) return undefined
      return {
        accountId: account.sub,
        async claims() {
          return { sub: account.sub, email: account.email, email_verified: account.emailVerified ?? true, name: account.name ?? account.email }
        },
      }
    },
  })
  // A provider-side failure must show in the test output, not only as a 500 page.
  provider.on('server_error', (_ctx: unknown, error: Error) => console.error('test OIDC provider error:', error))
  const handle = provider.callback()
  server.on('request', (req, res) => {
    // Browsers ask for it; the provider has none, and a 404 would be a console error.
    if (req.url === '/favicon.ico') {
      res.statusCode = 204
      res.end()
      return
    }
    handle(req, res)
  })
  return {
    issuer,
    clientId,
    clientSecret,
    provider,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}
export type TestProvider = Awaited<ReturnType<typeof startTestProvider>>

/** A tiny cookie jar for driving the provider's pages with plain HTTP requests. */
export class CookieJar {
  private cookies = new Map<string, string>()
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const expired =
        attributes.some(a => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()) || attributes.some(a => /^\s*max-age=0\s*$/i.test(a))
      if (expired || !value) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

/**
 * Follows an authorization request through the provider's own login and consent pages, as
 * a browser would, and returns the URL it finally sends the user back to (with code and state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string) {
  const jar = new CookieJar()
  let url = authorizationUrl
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.take(response)
    const location = response.headers.get('location')
    if (location) {
      const next = new URL(location, url)
      if (next.origin !== new URL(authorizationUrl).origin) return next
      url = next.href
      continue
    }
    const page = await response.text()
    if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${page.slice(0, 300)}`)
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1]
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
    if (!prompt || !action) throw new Error(`unexpected provider page: ${page.slice(0, 300)}`)
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt })
    const submitted = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
    jar.take(submitted)
    const after = submitted.headers.get('location')
    if (!after) throw new Error(`provider did not redirect after ${prompt}: ${submitted.status}`)
    url = new URL(after, url).href
  }
  throw new Error('too many steps at the provider')
}
