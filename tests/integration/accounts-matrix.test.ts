// Every kind of actor x every account state x every operation on staff accounts, through the
// real routes (loaders and actions against a real database) and the real socket
// authenticator. Only the allowed cells pass; refused cells answer as the ADR says (404 for
// whoever may not know the account exists, 403 for whoever knows of it, 400 for its author
// when the state or phase does not allow it now).
import type { IncomingMessage } from 'node:http'
import { beforeAll, describe, expect, test } from 'vitest'
import { accountStates, type AccountState } from '~/domain/staff-account'
import type { ReviewPhase } from '~/domain/vocabulary'
import { releasePreview } from '~/models/staff-account.server'
import * as accountRoute from '~/routes/reviews.$reviewId_.accounts_.$accountId'
import * as accountsRoute from '~/routes/reviews.$reviewId_.accounts'
import * as quotesRoute from '~/routes/reviews.$reviewId_.quotes'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { createCollabAuthenticator } from '../../server/collab-auth'
import { buildRequest, outcomeOf, type Outcome } from '../support/fixtures'
import { actorNames, buildWorld, DRAFT_ONLY_TEXT, RELEASED_TEXT, reviewWithAccount, type ActorName, type World } from './accounts-support'

let world: World
beforeAll(async () => {
  world = await buildWorld()
})

type Cell = Outcome | 'seen' | 'hidden' | 'rw' | 'ro' | 401
type Setup = Awaited<ReturnType<typeof reviewWithAccount>>

type Operation = {
  name: string
  phase?: ReviewPhase
  /** Space-separated outcomes for the states invited, drafting, released to facilitator, released to panel, withdrawn. */
  expected: Partial<Record<ActorName, string>>
  /** For actors not listed. */
  otherwise: string
  prepare?: (setup: Setup, state: AccountState) => Promise<Record<string, string>>
  run: (cookie: string | null, setup: Setup, extra: Record<string, string>) => Promise<Cell>
}

const signedOut = { anonymous: 'login login login login login', deactivated_member: 'login login login login login' }
const nobody = '404 404 404 404 404'
/** Changes only the author may make: the facilitator knows of the account, the panel and QI lead only once it is theirs. */
const authorOnly = { ...signedOut, facilitator: '403 403 403 403 403', panel_member: '404 404 404 403 404', qi_lead: '404 404 404 403 404' }

const form = (setup: Setup, cookie: string | null, fields: Record<string, string>) =>
  accountRoute.action({
    request: buildRequest(`/reviews/${setup.review.id}/accounts/${setup.account.id}`, { cookie, form: fields }),
    params: { reviewId: setup.review.id, accountId: setup.account.id },
    context: {},
  })

const authenticator = () => createCollabAuthenticator(getEnv(), prisma)

/** A socket upgrade request as the browser sends it: session cookie, same Origin. */
function upgradeRequest(cookie: string | null): IncomingMessage {
  const headers: Record<string, string> = { host: 'localhost:3000', origin: 'http://localhost:3000' }
  if (cookie) headers.cookie = cookie
  return { headers, socket: {}, url: '/collab' } as unknown as IncomingMessage
}

/** Release to an audience, confirming the preview the author saw of the account in state `from`. */
function release(audience: 'facilitator' | 'panel', from: AccountState): Pick<Operation, 'prepare' | 'run'> {
  return {
    prepare: async setup => {
      const preview = await releasePreview({ ...setup.account, state: from }, audience)
      return { hash: 'hash' in preview ? preview.hash : '' }
    },
    run: (cookie, setup, extra) => outcomeOf(() => form(setup, cookie, { intent: 'release', audience, hash: extra.hash ?? '' })),
  }
}

const operations: Operation[] = [
  {
    name: 'read (GET the account page)',
    expected: { ...signedOut, author: 'ok ok ok ok ok', facilitator: '403 403 ok ok 403', panel_member: '404 404 404 ok 404', qi_lead: '404 404 404 ok 404' },
    otherwise: nobody,
    run: async (cookie, setup) =>
      outcomeOf(() =>
        accountRoute.loader({
          request: buildRequest(`/reviews/${setup.review.id}/accounts/${setup.account.id}`, { cookie }),
          params: { reviewId: setup.review.id, accountId: setup.account.id },
          context: {},
        }),
      ),
  },
  {
    name: 'list (GET the accounts page: is the account in it?)',
    expected: {
      ...signedOut,
      author: 'seen seen seen seen seen',
      facilitator: 'seen seen seen seen seen',
      panel_member: 'hidden hidden hidden seen hidden',
      qi_lead: 'hidden hidden hidden seen hidden',
      non_member: nobody,
      other_jurisdiction_admin: nobody,
    },
    otherwise: 'hidden hidden hidden hidden hidden',
    run: async (cookie, setup) => {
      let response: Response
      try {
        response = await accountsRoute.loader({
          request: buildRequest(`/reviews/${setup.review.id}/accounts`, { cookie }),
          params: { reviewId: setup.review.id },
          context: {},
        })
      } catch (thrown) {
        return outcomeOf(() => Promise.reject(thrown))
      }
      const body = await response.text()
      return body.includes(setup.account.id) ? 'seen' : 'hidden'
    },
  },
  {
    name: 'edit (socket connect to the draft)',
    expected: {
      anonymous: '401 401 401 401 401',
      deactivated_member: '401 401 401 401 401',
      author: 'rw rw rw rw 404',
    },
    otherwise: nobody,
    run: async (cookie, setup) => {
      const result = await authenticator().authorize(upgradeRequest(cookie), `account:${setup.account.id}`)
      if ('refuse' in result) return result.refuse as Cell
      return result.readOnly ? 'ro' : 'rw'
    },
  },
  {
    name: 'release to the facilitator',
    expected: {
      ...authorOnly,
      author: '400 ok ok ok 400',
    },
    otherwise: nobody,
    ...release('facilitator', 'drafting'),
  },
  {
    name: 'release to the panel',
    // Released to the panel already: the panel has the facilitator's version, nothing new.
    expected: {
      ...authorOnly,
      author: '400 400 ok 400 400',
    },
    otherwise: nobody,
    ...release('panel', 'released_to_facilitator'),
  },
  {
    name: 'withdraw (before analysis)',
    expected: {
      ...authorOnly,
      author: '400 400 ok ok 400',
    },
    otherwise: nobody,
    run: (cookie, setup) => outcomeOf(() => form(setup, cookie, { intent: 'withdraw' })),
  },
  {
    name: 'withdraw (from analysis on)',
    phase: 'analysis',
    expected: {
      ...authorOnly,
      author: '400 400 400 400 400',
    },
    otherwise: nobody,
    run: (cookie, setup) => outcomeOf(() => form(setup, cookie, { intent: 'withdraw' })),
  },
  {
    name: 'request withdrawal (from analysis on)',
    phase: 'analysis',
    expected: {
      ...authorOnly,
      author: '400 400 ok ok 400',
    },
    otherwise: nobody,
    run: (cookie, setup) => outcomeOf(() => form(setup, cookie, { intent: 'request-withdrawal', reason: 'I was not ready.' })),
  },
  {
    name: 'decide a withdrawal request (grant)',
    phase: 'analysis',
    expected: {
      ...signedOut,
      author: '403 403 403 403 403',
      facilitator: '403 403 ok ok 403',
      panel_member: '404 404 404 403 404',
      qi_lead: '404 404 404 403 404',
    },
    otherwise: nobody,
    prepare: async setup => {
      await prisma.staffAccount.update({ where: { id: setup.account.id }, data: { withdrawalRequestedAt: new Date() } })
      return {}
    },
    run: (cookie, setup) => outcomeOf(() => form(setup, cookie, { intent: 'grant-withdrawal' })),
  },
  {
    name: 'quote (ask to quote in a finding)',
    expected: {
      ...signedOut,
      author: '403 403 403 403 403',
      facilitator: '403 403 403 ok 403',
      panel_member: '404 404 404 ok 404',
      qi_lead: '404 404 404 ok 404',
    },
    otherwise: nobody,
    run: (cookie, setup) =>
      outcomeOf(() =>
        quotesRoute.action({
          request: buildRequest(`/reviews/${setup.review.id}/quotes`, {
            cookie,
            form: { intent: 'request-quote', accountId: setup.account.id, findingId: 'f1', excerpt: '31 families that month' },
          }),
          params: { reviewId: setup.review.id },
          context: {},
        }),
      ),
  },
  {
    name: 'approve a quote',
    expected: {
      ...authorOnly,
      author: '400 400 400 ok 400',
    },
    otherwise: nobody,
    prepare: async setup => {
      const quote = await prisma.quoteConsent.create({
        data: { accountId: setup.account.id, findingId: 'f1', excerpt: '31 families that month', requestedById: world.users.qi_lead.id },
      })
      return { quoteId: quote.id }
    },
    run: (cookie, setup, extra) => outcomeOf(() => form(setup, cookie, { intent: 'decide-quote', quoteId: extra.quoteId ?? '', decision: 'approve' })),
  },
]

const parse = (row: string) => row.split(' ') as string[]

describe.each(operations.map(op => [op.name, op] as const))('%s', (_name, op) => {
  const cells = actorNames.flatMap(actor =>
    accountStates.map((state, index) => {
      const row = parse(op.expected[actor] ?? op.otherwise)
      const expected = row[index]!
      return [actor, state, expected] as const
    }),
  )
  test.each(cells)('%s on %s -> %s', async (actor, state, expected) => {
    const setup = await reviewWithAccount(world, state, op.phase)
    const extra = (await op.prepare?.(setup, state)) ?? {}
    const got = await op.run(world.cookies[actor], setup, extra)
    expect(String(got)).toBe(expected)
  })
})

describe('what a permitted read contains', () => {
  test.each(accountStates.map(s => [s] as const))('nobody but the author ever receives the draft (%s)', async state => {
    const setup = await reviewWithAccount(world, state)
    for (const actor of ['facilitator', 'panel_member', 'qi_lead'] as const) {
      for (const path of [
        `/reviews/${setup.review.id}/accounts/${setup.account.id}`,
        `/reviews/${setup.review.id}/accounts`,
        `/reviews/${setup.review.id}/quotes`,
      ]) {
        const params = { reviewId: setup.review.id, accountId: setup.account.id }
        const route = path.endsWith('/accounts') ? accountsRoute : path.endsWith('/quotes') ? quotesRoute : accountRoute
        const body = await route.loader({ request: buildRequest(path, { cookie: world.cookies[actor] }), params, context: {} }).then(
          r => r.text(),
          (thrown: unknown) => (thrown instanceof Response ? thrown.text() : Promise.reject(thrown)),
        )
        expect(body, `${actor} ${path}`).not.toContain(DRAFT_ONLY_TEXT)
        const mayRead = (actor === 'facilitator' && ['released_to_facilitator', 'released_to_panel'].includes(state)) || state === 'released_to_panel'
        if (path.includes(setup.account.id) && mayRead) expect(body, `${actor} reads the release`).toContain(RELEASED_TEXT)
        else expect(body, `${actor} ${path}`).not.toContain(RELEASED_TEXT)
      }
    }
  })

  test('the author’s preview is built from the draft on the server; the release is what was previewed', async () => {
    const setup = await reviewWithAccount(world, 'released_to_facilitator')
    const path = `/reviews/${setup.review.id}/accounts/${setup.account.id}?preview=facilitator`
    const response = await accountRoute.loader({
      request: buildRequest(path, { cookie: world.cookies.author }),
      params: { reviewId: setup.review.id, accountId: setup.account.id },
      context: {},
    })
    const data = (await response.json()) as { kind: string; preview: { hash: string; content: { pseudonym: string; sections: { text: string }[] } } }
    expect(data.kind).toBe('author')
    expect(data.preview.content.pseudonym).toBe('Caseworker 2')
    expect(data.preview.content.sections.map(s => s.text)).toEqual([RELEASED_TEXT, DRAFT_ONLY_TEXT])
    // A stale preview is refused: what is released is exactly what was shown.
    expect(await outcomeOf(() => form(setup, world.cookies.author, { intent: 'release', audience: 'facilitator', hash: 'not-the-preview' }))).toBe(400)
    expect(await outcomeOf(() => form(setup, world.cookies.author, { intent: 'release', audience: 'facilitator', hash: data.preview.hash }))).toBe('ok')
  })
})
