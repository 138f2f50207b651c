// A long timeline (ADR 0053, 0054): its first rows come with the page from the server, before
// any script runs, with pseudonyms and never names; the live list then holds every event but
// only the rows near the screen are in the page, and scrolling or "go to event" brings any of
// them in.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { expect, test, signIn } from './support'

const EVENTS = 600
let reviewId = ''

test.beforeAll(() => {
  // Into the database of the server under test (tests/e2e/serve.mjs), beside the demo review.
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-large-review.ts', '--events', String(EVENTS)], {
    env: { ...process.env, DATABASE_URL: `file:${path.resolve('tests/.tmp/e2e/scir.db')}` },
    encoding: 'utf8',
  })
  reviewId = out.trim().split('\n').at(-1) ?? ''
  expect(reviewId).toMatch(/^[a-z0-9]+$/)
})

const rows = (page: import('@playwright/test').Page) => page.locator('.event-list > li')

test('the first rows are in the page from the server, before any script, read-only and by pseudonym', async ({ browser }) => {
  const signedIn = await browser.newContext()
  await signIn(await signedIn.newPage(), 'observer@northwind.example')
  const state = await signedIn.storageState()
  await signedIn.close()
  // No JavaScript: what is shown is only what the server rendered.
  const context = await browser.newContext({ storageState: state, javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(`/reviews/${reviewId}/workspace`)
  await expect(page.getByRole('heading', { level: 2, name: 'Case timeline' })).toBeVisible()
  await expect(page.locator('.section-count').first()).toContainText(String(EVENTS))
  await expect(rows(page)).toHaveCount(40)
  // Read-only until the live document is there; an observer's button says "Show".
  await expect(rows(page).first().locator('.event-actions button')).toBeDisabled()
  await expect(rows(page).first().locator('.event-actions button')).toHaveText('Show event')
  await expect(page.locator('.quick-add input[type="text"]')).toBeDisabled()
  // People are named by pseudonym, as in the live list (the synthetic case file's names).
  await expect(page.locator('.event-facts dd:nth-of-type(2)').filter({ hasText: /Northcott|Okafor|Ferreira|Whitlow|Tunney/ })).toHaveCount(0)
  await context.close()
})

test('the live list holds every event, renders those near the screen, and brings any into view', async ({ page }) => {
  await signIn(page, 'facilitator@northwind.example')
  await page.goto(`/reviews/${reviewId}/workspace`)
  await expect(page.locator('.connection[role="status"]')).toHaveText(/Connected/)
  const list = page.locator('ol.event-list[data-live="true"]')
  await expect(list).toHaveAttribute('data-total', String(EVENTS))
  const shown = await rows(page).count()
  expect(shown).toBeGreaterThan(0)
  expect(shown).toBeLessThan(EVENTS)
  const firstId = await rows(page).first().getAttribute('data-event-id')

  // To the end of the page: the last rows are rendered, the first ones are gone.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
  await expect(list).not.toHaveAttribute('data-first', '0')
  await expect(page.locator(`.event-list > li[data-event-id="${firstId}"]`)).toHaveCount(0)
  expect(await rows(page).count()).toBeLessThan(EVENTS)

  const lastId = await rows(page).last().getAttribute('data-event-id')

  // "Go to event" (a link from the chronology) to a row far below the first screen, on a fresh
  // page: the row is rendered, scrolled to and focused.
  await page.goto('/reviews')
  await page.goto(`/reviews/${reviewId}/workspace#event-${lastId}`)
  await expect(page.locator('.connection[role="status"]')).toHaveText(/Connected/)
  await expect(page.locator(`#event-${lastId}`)).toBeFocused()
  await expect(page.locator(`#event-${lastId}`)).toBeInViewport()

  // Filters work on the whole timeline, not on the rows in the page.
  await page.getByRole('group', { name: 'Filter the timeline' }).getByLabel('Only key practice episodes').check()
  // The synthetic case file marks none: the filter empties the list, off-screen rows included.
  await expect(list).toHaveAttribute('data-total', '0')
  await expect(rows(page)).toHaveCount(0)
})
