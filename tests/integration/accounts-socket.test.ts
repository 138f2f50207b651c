// The author's draft on the real collaboration host (server/collab-host.ts with the real
// authenticator and SQLite storage): only the author connects; what they type reaches the
// server's copy, a release reads it there, "not started" becomes "drafting"; leaving the
// review closes the socket at once; withdrawn accounts refuse new connections.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writePlainText } from '~/domain/review-doc'
import { promptField } from '~/domain/staff-account'
import { removeMember } from '~/models/member.server'
import * as accountRoute from '~/routes/reviews.$reviewId_.accounts_.$accountId'
import { prisma } from '~/utils/db.server'
import { buildRequest, outcomeOf } from '../support/fixtures'
import { upgradeStatus, waitFor } from './collab/helpers'
import { startCollabHost, type LiveCollabHost } from '../support/collab-host'
import { buildWorld, reviewWithAccount, type World } from './accounts-support'

let world: World
let live: LiveCollabHost
let base: string

beforeAll(async () => {
  world = await buildWorld()
  live = await startCollabHost()
  base = live.base
})

afterAll(() => live.stop())

const headers = (cookie: string | null, origin?: string) => live.headers(cookie, origin)
const connect = (cookie: string, docName: string) => live.connect(cookie, docName)

describe('the author’s draft socket', () => {
  test('only the author connects; everyone else is told the document does not exist', async () => {
    const { account } = await reviewWithAccount(world, 'released_to_panel')
    const url = `ws://${base}/collab/account:${account.id}`
    expect(await upgradeStatus(url, headers(world.cookies.author))).toBe(101)
    for (const actor of ['facilitator', 'panel_member', 'qi_lead', 'observer', 'other_staff', 'admin', 'non_member', 'other_jurisdiction_admin'] as const) {
      expect(await upgradeStatus(url, headers(world.cookies[actor])), actor).toBe(404)
    }
    expect(await upgradeStatus(`ws://${base}/collab/account:no-such-account`, headers(world.cookies.author))).toBe(404)
    expect(await upgradeStatus(url, headers(null))).toBe(401)
    expect(await upgradeStatus(url, headers(world.cookies.deactivated_member))).toBe(401)
    expect(await upgradeStatus(url, headers(world.cookies.author, 'http://evil.example'))).toBe(403)
  })

  test('what the author types is what the release freezes; the state becomes drafting', async () => {
    const { review, account } = await reviewWithAccount(world, 'invited')
    const author = connect(world.cookies.author!, `account:${account.id}`)
    try {
      await waitFor(() => author.provider.synced, 5000, 'author synced')
      author.doc.transact(() => writePlainText(author.doc.getXmlFragment(promptField('juggling')), 'Thirty-one families and a court date.'))
      await expect.poll(async () => (await prisma.staffAccount.findUniqueOrThrow({ where: { id: account.id } })).state, { timeout: 8000 }).toBe('drafting')

      const params = { reviewId: review.id, accountId: account.id }
      const path = `/reviews/${review.id}/accounts/${account.id}`
      const page = await accountRoute.loader({ request: buildRequest(`${path}?preview=facilitator`, { cookie: world.cookies.author }), params, context: {} })
      const data = (await page.json()) as { preview: { hash: string; content: { sections: { prompt: string; text: string }[] } } }
      expect(data.preview.content.sections).toEqual([expect.objectContaining({ prompt: 'juggling', text: 'Thirty-one families and a court date.' })])
      const released = await outcomeOf(() =>
        accountRoute.action({
          request: buildRequest(path, { cookie: world.cookies.author, form: { intent: 'release', audience: 'facilitator', hash: data.preview.hash } }),
          params,
          context: {},
        }),
      )
      expect(released).toBe('ok')

      // Later typing stays private: the facilitator reads the frozen release.
      author.doc.transact(() => writePlainText(author.doc.getXmlFragment(promptField('obstacles')), 'Not for anyone yet.'))
      await new Promise(resolve => setTimeout(resolve, 200))
      const read = await accountRoute.loader({ request: buildRequest(path, { cookie: world.cookies.facilitator }), params, context: {} })
      const body = await read.text()
      expect(body).toContain('Thirty-one families and a court date.')
      expect(body).not.toContain('Not for anyone yet.')
    } finally {
      author.provider.destroy()
    }
  })

  test('leaving the review closes the author’s draft socket at once, and it stays closed', async () => {
    const { review, account } = await reviewWithAccount(world, 'drafting')
    const author = connect(world.cookies.author!, `account:${account.id}`)
    const closes: number[] = []
    author.provider.on('connection-close', event => {
      if (event) closes.push(event.code)
    })
    try {
      await waitFor(() => author.provider.synced, 5000, 'author synced')
      const member = await prisma.reviewMember.findFirstOrThrow({ where: { reviewId: review.id, userId: world.users.author.id } })
      expect(await removeMember(review, member.id, world.users.facilitator.id)).toEqual({ ok: true })
      await waitFor(() => !author.provider.wsconnected, 2000, 'account socket closed')
      expect(closes).toContain(4403)
      expect(await upgradeStatus(`ws://${base}/collab/account:${account.id}`, headers(world.cookies.author))).toBe(404)
    } finally {
      author.provider.destroy()
    }
  })

  test('a withdrawn account refuses new connections, even its author’s', async () => {
    const { review, account } = await reviewWithAccount(world, 'released_to_facilitator')
    const path = `/reviews/${review.id}/accounts/${account.id}`
    const params = { reviewId: review.id, accountId: account.id }
    expect(
      await outcomeOf(() =>
        accountRoute.action({ request: buildRequest(path, { cookie: world.cookies.author, form: { intent: 'withdraw' } }), params, context: {} }),
      ),
    ).toBe('ok')
    expect(await upgradeStatus(`ws://${base}/collab/account:${account.id}`, headers(world.cookies.author))).toBe(404)
  })
})
