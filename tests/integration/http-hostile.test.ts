// Issue 10, points 2, 10 and 11 at the HTTP edge: request bodies are bounded by the bytes
// actually received (chunked uploads included), signed-out callers are answered before their
// body is read, redirects after sign-in stay on this site, and behind a proxy the client
// address is the one the proxy saw.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safeRedirectTo } from '~/utils/safe-redirect'
import { bodyGate, BODY_LIMITS } from '../../server/body-limits'
import { trustedProxyHops } from '../../server/security'

let server: http.Server
let port: number
const bodiesRead: { path: string; bytes: number }[] = []

beforeAll(async () => {
  const app = express()
  app.use(bodyGate({ isSignedIn: async cookie => cookie === 'session=valid' }))
  // Stands in for Remix: reads the whole body, as request.formData() does.
  app.all('*', async (req, res) => {
    let bytes = 0
    try {
      for await (const chunk of req) bytes += (chunk as Buffer).length
    } catch {
      bodiesRead.push({ path: req.path, bytes })
      return
    }
    bodiesRead.push({ path: req.path, bytes })
    res.status(200).send(`read ${bytes}`)
  })
  server = http.createServer(app)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>(resolve => server.close(() => resolve()))
})

/** A chunked POST (no Content-Length) of up to `total` bytes; stops when the server answers or hangs up. */
function chunkedPost(path: string, total: number, cookie?: string): Promise<{ status: number | null; sent: number; location?: string }> {
  return new Promise(resolve => {
    let sent = 0
    let done = false
    const finish = (status: number | null, location?: string) => {
      if (done) return
      done = true
      resolve({ status, sent, location })
    }
    const req = http.request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked', 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    })
    req.on('response', res => {
      res.resume()
      finish(res.statusCode ?? null, res.headers.location)
      req.destroy()
    })
    req.on('error', () => finish(null))
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!done) req.end()
    }
    pump()
  })
}

describe('request bodies at the edge (point 2)', () => {
  it('answers a signed-out chunked POST to a review before reading its body', async () => {
    const rssBefore = process.memoryUsage().rss
    const result = await chunkedPost('/reviews/abc', 300 * 1024 * 1024)
    expect(result.status === 303 || result.status === null).toBe(true)
    if (result.status === 303) expect(result.location).toMatch(/^\/login\?redirectTo=/)
    // Nothing like 300 MB went anywhere: the client was stopped early and nothing was read.
    expect(result.sent).toBeLessThan(64 * 1024 * 1024)
    expect(bodiesRead.filter(b => b.path === '/reviews/abc')).toEqual([])
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024)
  })

  it('stops reading a chunked sign-in form at the form limit', async () => {
    const result = await chunkedPost('/login', 100 * 1024 * 1024)
    expect(result.status === 413 || result.status === null).toBe(true)
    expect(result.sent).toBeLessThan(64 * 1024 * 1024)
    const read = bodiesRead.filter(b => b.path === '/login')
    for (const body of read) expect(body.bytes).toBeLessThanOrEqual(BODY_LIMITS.form)
  })

  it('cuts a signed-in chunked upload at its route’s limit, and lets a smaller one through', async () => {
    const tooBig = await chunkedPost('/admin/settings', 40 * 1024 * 1024, 'session=valid')
    expect(tooBig.status === 413 || tooBig.status === null).toBe(true)
    expect(tooBig.sent).toBeLessThan(BODY_LIMITS.settings + 32 * 1024 * 1024)
    const fits = await chunkedPost('/reviews/abc/import', 3 * 1024 * 1024, 'session=valid')
    expect(fits.status).toBe(200)
    expect(bodiesRead.at(-1)).toEqual({ path: '/reviews/abc/import', bytes: 3 * 1024 * 1024 })
  })

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const status = await new Promise<number>(resolve => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/reviews/abc',
        method: 'POST',
        headers: { 'content-length': String(BODY_LIMITS.form + 1), cookie: 'session=valid' },
      })
      req.on('response', res => {
        res.resume()
        resolve(res.statusCode ?? 0)
        req.destroy()
      })
      req.on('error', () => resolve(0))
      req.write('x')
    })
    expect(status).toBe(413)
  })

  it('redirects a signed-out Remix data request with Remix’s redirect header', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/reviews/abc?_data=routes%2Freviews.%24reviewId`, {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('x-remix-redirect')).toMatch(/^\/login\?/)
  })
})

describe('redirect after sign-in (point 10)', () => {
  it('keeps same-site paths and refuses everything that leaves the site or breaks the header', () => {
    expect(safeRedirectTo('/reviews/abc?tab=timeline#e1')).toBe('/reviews/abc?tab=timeline#e1')
    for (const hostile of [
      '/\t/evil.example',
      '/%09/evil.example'.replace('%09', '\t'),
      '//evil.example',
      '/\\evil.example',
      '/\n/evil.example',
      '/\r/evil.example',
      'https://evil.example',
      '/\u0000x',
      'javascript:alert(1)',
    ]) {
      expect(safeRedirectTo(hostile), JSON.stringify(hostile)).toBe('/reviews')
    }
    // Percent-encoded tab stays an encoded (harmless) path segment.
    expect(safeRedirectTo('/%09/evil.example')).toBe('/%09/evil.example')
    expect(new URL(safeRedirectTo('/%09/evil.example'), 'https://app.example').origin).toBe('https://app.example')
  })
})

describe('client address behind a proxy (point 11)', () => {
  it('uses the address the trusted proxy appended, not the client-supplied first entry', async () => {
    const app = express()
    app.set('trust proxy', trustedProxyHops({ TRUST_PROXY: 'true' }))
    app.get('/ip', (req, res) => res.send(req.ip))
    const proxied = http.createServer(app)
    await new Promise<void>(resolve => proxied.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(proxied.address() as AddressInfo).port}/ip`
    const seen = new Set<string>()
    for (let i = 0; i < 25; i++) {
      const response = await fetch(url, { headers: { 'x-forwarded-for': `10.0.0.${i}, 203.0.113.7` } })
      seen.add(await response.text())
    }
    proxied.close()
    expect([...seen]).toEqual(['203.0.113.7'])
    expect(trustedProxyHops({ TRUST_PROXY: 'false' })).toBe(0)
    expect(trustedProxyHops({ TRUST_PROXY: '2' })).toBe(2)
  })
})
