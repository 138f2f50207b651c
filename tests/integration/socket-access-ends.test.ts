// Issue 10, points 7, 8 and 12 on the real collaboration host (real authenticator, real
// sessions): access that ends anywhere (sign-out, expiry, another process deactivating a user
// or deleting a session) closes the open sockets within seconds, and refusals do not tell an
// unknown review from a forbidden one.
import http, { type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { signOut } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { attachCollaboration } from '../../server/collab-host'
import { createLogger } from '../../server/logger'
import { buildRequest, cookieFor, makeReview } from '../support/fixtures'
import { waitFor } from './collab/helpers'
import { buildWorld, membersOf, reviewWithAccount, type World } from './accounts-support'

let world: World
let httpServer: http.Server
let host: ReturnType<typeof attachCollaboration>
let base: string

beforeAll(async () => {
  world = await buildWorld()
  const handlers: ((req: IncomingMessage, socket: Duplex, head: Buffer) => boolean)[] = []
  httpServer = http.createServer((_req, res) => res.writeHead(404).end())
  host = attachCollaboration({
    env: getEnv(),
    logger: createLogger('silent'),
    prisma,
    onUpgrade: h => void handlers.push(h),
    timings: { revalidateMs: 300 },
  })
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!handlers.some(h => h(req, socket, head))) socket.destroy()
  })
  await new Promise<void>(resolve => httpServer.listen(0, '127.0.0.1', resolve))
  base = `127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})

afterAll(async () => {
  await host.shutdown()
  httpServer.closeAllConnections()
  await new Promise<void>(resolve => httpServer.close(() => resolve()))
})

const headers = (cookie: string | null) => ({ ...(cookie ? { cookie } : {}), origin: `http://${base}` })

function connect(cookie: string, docName: string) {
  class SignedIn extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: headers(cookie) })
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://${base}/collab`, docName, doc, {
    WebSocketPolyfill: SignedIn as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  })
  const closes: number[] = []
  provider.on('connection-close', event => {
    if (event) closes.push(event.code)
  })
  return { doc, provider, closes }
}

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
