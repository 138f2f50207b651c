import { expect, test } from './support'

test('GET /healthz answers 200 when the app and database are up', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(await response.text()).toBe('ok')
})

test('pages carry an enforced nonce-based CSP and the usual security headers', async ({ request }) => {
  const response = await request.get('/login')
  const headers = response.headers()
  expect(headers['content-security-policy']).toMatch(/script-src 'strict-dynamic' 'nonce-[0-9a-f]{32}'/)
  expect(headers['content-security-policy-report-only']).toBeUndefined()
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['x-frame-options']).toBe('SAMEORIGIN')
  const nonce = /'nonce-([0-9a-f]{32})'/.exec(headers['content-security-policy'] ?? '')![1]
  const html = await response.text()
  // Every inline script carries this response's nonce.
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map(m => m[1] ?? '')
  expect(scripts.length).toBeGreaterThan(0)
  for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`)
})

test('fingerprinted assets are cached for a year', async ({ request }) => {
  const html = await (await request.get('/login')).text()
  const asset = /href="(\/build\/[^"]+\.css)"/.exec(html)![1]!
  const response = await request.get(asset)
  expect(response.status()).toBe(200)
  expect(response.headers()['cache-control']).toContain('max-age=31536000')
  expect(response.headers()['cache-control']).toContain('immutable')
})

test('state changes from another origin are refused before they reach the app', async ({ request }) => {
  const evil = await request.post('/login', {
    headers: { origin: 'https://evil.example' },
    form: { email: 'facilitator@northwind.example', password: 'demo-review-2026' },
    maxRedirects: 0,
  })
  expect(evil.status()).toBe(403)
  const noOrigin = await request.fetch('/logout', { method: 'POST', headers: { origin: '' }, maxRedirects: 0 })
  expect(noOrigin.status()).toBe(403)
})

test('state never changes on GET: /logout by GET does not sign out', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill('observer@northwind.example')
  await page.getByLabel('Password').fill('demo-review-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'My reviews' })).toBeVisible()
  await page.goto('/logout')
  await page.goto('/reviews')
  await expect(page.getByRole('heading', { level: 1, name: 'My reviews' })).toBeVisible()
})
