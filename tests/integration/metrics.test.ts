// Issue 17: /metrics (allow-list or bearer token), /healthz and /readyz check the database,
// request ids on every response, and the collaboration and sign-in figures.
import type { AddressInfo } from 'node:net'
import * as Y from 'yjs'
import { afterAll, expect, test } from 'vitest'
import { hashPassword, verifyLogin } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { createHttpServer } from '../../server/app'
import { createSqlitePersistence } from '../../server/collab'
import { createLogger } from '../../server/logger'
import { createMetrics, routeLabel } from '../../server/metrics'
import { makeJurisdiction, makeUser } from '../support/fixtures'

const servers: { close(): void }[] = []
afterAll(() => servers.forEach(s => s.close()))

const TOKEN = 'a-metrics-token-that-is-long-enough-0123'

async function serve(options: { allow?: string[]; token?: string; prismaOverride?: unknown; metrics?: ReturnType<typeof createMetrics> } = {}) {
  const env = { ...getEnv(), METRICS_ALLOW: options.allow ?? ['127.0.0.1', '::1'], METRICS_TOKEN: options.token }
  const http = createHttpServer({
    env,
    logger: createLogger('silent'),
    prisma: (options.prismaOverride ?? prisma) as typeof prisma,
    build: async () => {
      throw new Error('no Remix build in this test')
    },
    publicDir: '/nonexistent',
    metrics: options.metrics,
  })
  await new Promise<void>(resolve => http.server.listen(0, '127.0.0.1', resolve))
  servers.push(http.server)
  return `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`
}

test('/metrics answers the allow-listed address and the bearer token, nobody else', async () => {
  const local = await serve()
  const open = await fetch(`${local}/metrics`)
  expect(open.status).toBe(200)
  expect(open.headers.get('content-type')).toContain('text/plain')
  const text = await open.text()
  for (const name of [
    'scir_http_request_duration_seconds',
    'scir_collab_open_sockets',
    'scir_collab_rooms_loaded',
    'scir_collab_saving',
    'scir_collab_updates_applied_total',
    'scir_collab_commit_lag_seconds',
    'scir_projection_lag_seconds',
    'scir_sign_in_failures_total',
    'nodejs_eventloop_lag_p99_seconds',
  ])
    expect(text, name).toContain(`# TYPE ${name}`)

  const elsewhere = await serve({ allow: ['10.9.8.7'], token: TOKEN })
  expect((await fetch(`${elsewhere}/metrics`)).status).toBe(403)
  expect((await fetch(`${elsewhere}/metrics`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(403)
  expect((await fetch(`${elsewhere}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
  const noToken = await serve({ allow: ['10.9.8.7'] })
  expect((await fetch(`${noToken}/metrics`, { headers: { authorization: 'Bearer ' } })).status).toBe(403)
})

// The operators' contract (README): /healthz is 200 only while the app and its database are up.
test('/healthz and /readyz answer 503 when the database is down, 200 when it is up', async () => {
  let queries = 0
  const down = {
    $queryRawUnsafe: async () => {
      queries++
      throw new Error('database down')
    },
  }
  const base = await serve({ prismaOverride: down })
  expect((await fetch(`${base}/healthz`)).status).toBe(503)
  expect(queries).toBe(1)
  const ready = await fetch(`${base}/readyz`)
  expect(ready.status).toBe(503)
  expect(queries).toBe(2)
  const up = await serve()
  expect((await fetch(`${up}/healthz`)).status).toBe(200)
  expect((await fetch(`${up}/readyz`)).status).toBe(200)
})

test('every response carries a request id; a well-formed incoming one is kept', async () => {
  const base = await serve()
  const a = await fetch(`${base}/reviews/cmx0abcdefghijklmnop`)
  expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  const b = await fetch(`${base}/reviews`, { headers: { 'x-request-id': 'proxy-id-12345678' } })
  expect(b.headers.get('x-request-id')).toBe('proxy-id-12345678')
  const c = await fetch(`${base}/reviews`, { headers: { 'x-request-id': 'bad id <script>' } })
  expect(c.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
})

test('latency by route shape, sign-in failures, and persistence commit lag are counted', async () => {
  const metrics = createMetrics()
  const base = await serve({ metrics })
  await fetch(`${base}/reviews/cmx0abcdefghijklmnop`)
  const j = await makeJurisdiction()
  const u = await makeUser(j.id)
  await prisma.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword('a long enough password') } })
  await verifyLogin(u.email, 'not the password at all')

  const persistence = createSqlitePersistence({
    filename: process.env.DATABASE_URL!,
    logger: { info() {}, warn() {}, error() {} },
    onCommit: lag => metrics.observeCommit(lag),
  })
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'hello')
  persistence.append('metrics:test', Y.encodeStateAsUpdate(doc))
  await persistence.flush()
  await persistence.close()

  const text = await metrics.registry.metrics()
  expect(text).toMatch(/scir_http_request_duration_seconds_count\{method="GET",route="\/reviews\/:id",status="5xx"\} 1/)
  expect(text).toMatch(/scir_sign_in_failures_total [1-9]/)
  expect(text).toMatch(/scir_collab_commit_lag_seconds_count 1/)
})

test('route labels keep the shape of the path, not its ids', () => {
  expect(routeLabel('/reviews/cmx0abcdefghijklmnop/accounts/cmx0zyxwvutsrqponm', 200)).toBe('/reviews/:id/accounts/:id')
  expect(routeLabel('/reviews/new', 200)).toBe('/reviews/new')
  expect(routeLabel('/anything/at/all', 404)).toBe('not-found')
  expect(routeLabel('/build/entry.client-ABC123.js', 200)).toBe('/build/*')
})

test('a failed data request carries its request id to the error page', async () => {
  const { handleDataRequest } = await import('~/entry.server')
  const failed = new Response(JSON.stringify({ message: 'Unexpected Server Error' }), {
    status: 500,
    headers: { 'X-Remix-Error': 'yes', 'content-type': 'application/json' },
  })
  const args = { request: new Request('http://x/'), params: {}, context: { requestId: 'req-0123456789' } }
  const rewritten = await handleDataRequest(failed, args)
  expect(rewritten.status).toBe(500)
  expect(rewritten.headers.get('X-Remix-Error')).toBe('yes')
  expect(await rewritten.json()).toEqual({ message: 'Unexpected Server Error (request req-0123456789)' })
  const fine = new Response('{}', { status: 200 })
  expect(await handleDataRequest(fine, args)).toBe(fine)
})

test('/favicon.ico, asked for by browsers on pages without an icon link, leads to the icon', async () => {
  const base = await serve()
  const response = await fetch(`${base}/favicon.ico`, { redirect: 'manual' })
  expect(response.status).toBe(301)
  expect(response.headers.get('location')).toBe('/favicon.svg')
})
