// Request logs keep what an operator needs (method, path, status) and never a capability: the
// token of a family-voice link or of a one-time set-password link, or anything in a query string.
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { afterAll, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { createHttpServer } from '../../server/app'
import { createLogger, loggedPath } from '../../server/logger'

const servers: { close(): void }[] = []
afterAll(() => servers.forEach(s => s.close()))

test.each([
  ['/set-password/abc123?next=/reviews', '/set-password/:token'],
  ['/set-password/abc123/', '/set-password/:token/'],
  ['/voice/tok-en_9', '/voice/:token'],
  ['/voice/tok/extra', '/voice/:token/extra'],
  ['/reviews/r1/workspace?view=chronology', '/reviews/r1/workspace'],
  ['/set-password', '/set-password'],
  ['/voices/abc', '/voices/abc'],
])('%s is logged as %s', (url, expected) => {
  expect(loggedPath(url)).toBe(expected)
})

test('a request to a set-password or family-voice link is logged without its token', async () => {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      done()
    },
  })
  const http = createHttpServer({
    env: getEnv(),
    logger: createLogger('info', sink),
    prisma,
    build: async () => {
      throw new Error('no Remix build in this test')
    },
    publicDir: '/nonexistent',
  })
  await new Promise<void>(resolve => http.server.listen(0, '127.0.0.1', resolve))
  servers.push(http.server)
  const base = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`
  const secrets = ['s3cret-set-password-token', 'f4mily-voice-token']
  await fetch(`${base}/set-password/${secrets[0]}?from=${secrets[1]}`)
  await fetch(`${base}/voice/${secrets[1]}`)
  // Without a Remix build both requests end in 500: logged as errors, with the same request fields.
  const requestLines = () => lines.map(line => JSON.parse(line) as { req?: { path: string } }).filter(entry => entry.req)
  await expect.poll(() => requestLines().length).toBe(2)
  const requests = requestLines() as { req: { path: string } }[]
  expect(requests.map(entry => entry.req.path)).toEqual(['/set-password/:token', '/voice/:token'])
  for (const secret of secrets) expect(lines.join('\n')).not.toContain(secret)
})
