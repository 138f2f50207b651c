// Issue 17 (operations): the audit page, the retention setting, /metrics and request ids, in
// the production build. Any console error or page error fails the test.
import { type Page } from '@playwright/test'
import { expect, test, expectAccessible, signIn } from './support'

let problems: string[] = []

function watchConsole(page: Page) {
  page.on('console', msg => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', error => problems.push(`pageerror: ${error.message}`))
}

test.beforeEach(({ page }) => {
  problems = []
  watchConsole(page)
})

test.afterEach(() => {
  expect(problems, 'browser console errors').toEqual([])
})

test('an admin reads the audit, filters it, and reads it in French', async ({ page }) => {
  await signIn(page, 'admin@northwind.example')
  await page.getByRole('link', { name: 'Audit' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Audit of/ })).toBeVisible()
  const table = page.getByTestId('audit-table')
  await expect(table.getByText('auth.signed-in').first()).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Action (or its beginning, e.g. review.)').fill('auth.')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/action=auth\./)
  const actions = await table.locator('tbody tr td:nth-child(4)').allTextContents()
  expect(actions.length).toBeGreaterThan(0)
  for (const action of actions) expect(action).toMatch(/^auth\./)

  await page.getByLabel('From (day)').fill('2020-01-01')
  await page.getByLabel('To (day, included)').fill('2020-01-02')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByText('No audit rows match these filters.')).toBeVisible()

  await page.getByRole('button', { name: 'Afficher en français' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Journal d’audit de/ })).toBeVisible()
  await expect(page.getByText('Aucune ligne du journal ne correspond à ces filtres.')).toBeVisible()
})

test('people who are not admins have no audit link and are refused the page', async ({ page }) => {
  await signIn(page, 'facilitator@northwind.example')
  await expect(page.getByRole('link', { name: 'Audit' })).toHaveCount(0)
  const response = await page.request.get('/admin/audit')
  expect(response.status()).toBe(403)
})

test('an admin sets the retention period in the settings', async ({ page }) => {
  await signIn(page, 'admin@northwind.example')
  await page.goto('/admin/settings')
  await page.getByLabel('Years to keep a review after it closes (empty: keep until changed)').fill('7')
  await page.getByRole('button', { name: 'Save retention' }).click()
  await expect(page.getByText('Retention saved.')).toBeVisible()
  await expect(page.getByLabel('Years to keep a review after it closes (empty: keep until changed)')).toHaveValue('7')
})

test('responses carry a request id and /metrics answers the local scraper', async ({ request }) => {
  const page = await request.get('/login')
  expect(page.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  expect((await request.get('/readyz')).status()).toBe(200)
  const metrics = await request.get('/metrics')
  expect(metrics.status()).toBe(200)
  const text = await metrics.text()
  expect(text).toMatch(/scir_http_request_duration_seconds_count\{method="GET",route="\/login",status="2xx"\} \d+/)
  expect(text).toContain('scir_collab_open_sockets')
})
