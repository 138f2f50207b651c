// Issue 10, points 7, 8 and 12 on the real collaboration host (real authenticator, real
// sessions): access that ends anywhere (sign-out, expiry, another process deactivating a user
// or deleting a session) closes the open sockets within seconds, and refusals do not tell an
// unknown review from a forbidden one.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { signOut } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { buildRequest, cookieFor, makeReview } from '../support/fixtures'
import { waitFor } from './collab/helpers'
import { startCollabHost, type LiveCollabHost } from '../support/collab-host'
import { buildWorld, membersOf, reviewWithAccount, type World } from './accounts-support'

let world: World
let live: LiveCollabHost
let base: string

beforeAll(async () => {
  world = await buildWorld()
  live = await startCollabHost({ timings: { revalidateMs: 300 } })
  base = live.base
})

afterAll(() => live.stop())

const headers = (cookie: string | null, origin?: string) => live.headers(cookie, origin)
const connect = (cookie: string, docName: string) => live.connect(cookie, docName)

/** Status and body of a refused upgrade. */
function refusal(url: string, cookie: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: headers(cookie) })
    ws.on('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    ws.on('open', () => {
      ws.close()
      reject(new Error('upgrade accepted'))
    })
    ws.on('error', () => {})
  })
}

describe('access that ends closes open sockets', () => {
  test('point 7: signing out closes the author’s own draft socket', async () => {
    const { account } = await reviewWithAccount(world, 'drafting')
    const { cookie } = await cookieFor(world.users.author.id)
    const author = connect(cookie, `account:${account.id}`)
    try {
      await waitFor(() => author.provider.synced, 5000, 'author synced')
      await signOut(buildRequest('/logout', { cookie, form: {} })).catch(() => {})
      await waitFor(() => !author.provider.wsconnected, 1500, 'draft socket closed on sign-out')
      expect(author.closes).toContain(4401)
    } finally {
      author.provider.destroy()
    }
  })

  test('point 8: a session that expires, or is deleted or deactivated by another process, closes within seconds', async () => {
    const review = await makeReview(world.jurisdictionId, membersOf(world))
    const expiring = await cookieFor(world.users.panel_member.id)
    const deleted = await cookieFor(world.users.qi_lead.id)
    const deactivated = await cookieFor(world.users.observer.id)
    const docName = `review:${review.id}`
    const sockets = [connect(expiring.cookie, docName), connect(deleted.cookie, docName), connect(deactivated.cookie, docName)]
    try {
      for (const s of sockets) await waitFor(() => s.provider.synced, 5000, 'synced')
      // Straight to the database, as the CLI or a second node would: no event in this process.
      await prisma.session.update({ where: { id: expiring.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } })
      await prisma.session.delete({ where: { id: deleted.sessionId } })
      await prisma.user.update({ where: { id: world.users.observer.id }, data: { deactivatedAt: new Date() } })
      for (const s of sockets) await waitFor(() => !s.provider.wsconnected, 5000, 'socket closed after access ended')
      for (const s of sockets) expect(s.closes).toContain(4401)
    } finally {
      for (const s of sockets) s.provider.destroy()
      await prisma.user.update({ where: { id: world.users.observer.id }, data: { deactivatedAt: null } })
    }
  })

  test('point 12: an unknown review and a forbidden one are refused with the same answer', async () => {
    const review = await makeReview(world.jurisdictionId, membersOf(world))
    const forbidden = await refusal(`ws://${base}/collab/review:${review.id}`, world.cookies.other_jurisdiction_admin)
    const unknown = await refusal(`ws://${base}/collab/review:no-such-review`, world.cookies.other_jurisdiction_admin)
    expect(forbidden.status).toBe(404)
    expect(unknown).toEqual(forbidden)
  })
})
