// A staff account from draft to quote, in real browsers against the production server: the
// worker drafts privately, the facilitator sees "Drafting" but no text, the worker previews and
// releases to the facilitator then to the panel, a panel member reads it under its pseudonym,
// the worker sees that read in their log; a finding cannot quote the account until the worker
// approves the excerpt.
import { type Browser, type Page } from '@playwright/test'
import { expect, test, expectAccessible, openReviewPage, signIn } from './support'

const REVIEW_TITLE = 'Near fatality review - infant, northern district'
const SECRET = 'That week I carried 31 families and two court dates'
const EXCERPT = '31 families and two court dates'

async function openAs(browser: Browser, email: string): Promise<Page> {
  return (await openReviewPage(browser, email, 'Staff accounts', /Staff accounts/)).page
}

/** Reloads until the check passes (state that the server updates shortly after an edit). */
async function eventually(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload()
    await check()
  }).toPass({ timeout: 30_000, intervals: [300, 500, 1000] })
}

test('a worker’s account: private draft, explicit releases, logged reads, quotes only with consent', async ({ browser }) => {
  test.setTimeout(120_000)
  // The worker drafts in their private space.
  const worker = await openAs(browser, 'worker@northwind.example')
  await expect(worker.getByText('A draft is seen only by its author', { exact: false })).toBeVisible()
  await worker.getByRole('link', { name: 'Write your account' }).click()
  await expect(worker.getByRole('heading', { level: 1, name: /Your account/ })).toBeVisible()
  await expect(worker.getByText('Only you can read or edit this draft.', { exact: false })).toBeVisible()
  await expect(worker.getByText('Staff accounts are kept apart from personnel and disciplinary records', { exact: false })).toBeVisible()
  const pseudonym = (await worker.getByText(/others will see it as “.+”/).textContent())!.match(/“(.+)”/)![1]!
  const accountUrl = worker.url()
  await expect(worker.locator('.account-connection')).toHaveText('Saved.')
  const editor = worker.getByRole('textbox', { name: 'What you knew then' })
  await editor.click()
  await worker.keyboard.type(`${SECRET}.`)
  await expect(editor).toContainText(SECRET)
  await expectAccessible(worker)

  // The facilitator sees that the worker is drafting, and nothing of the text.
  const facilitator = await openAs(browser, 'facilitator@northwind.example')
  const row = facilitator.getByRole('row', { name: new RegExp(pseudonym) })
  await eventually(facilitator, async () => {
    await expect(row.getByRole('cell', { name: 'Drafting' })).toBeVisible({ timeout: 1000 })
  })
  await expect(row.getByRole('cell', { name: 'Wren Worker' })).toBeVisible()
  await expect(facilitator.getByText(SECRET)).toHaveCount(0)
  await expectAccessible(facilitator)
  const refused = await facilitator.goto(accountUrl)
  expect(refused?.status()).toBe(403)
  await expect(facilitator.getByText(SECRET)).toHaveCount(0)

  // The worker previews exactly what the facilitator will see, then releases; then the panel.
  await worker.getByRole('button', { name: 'Preview what the facilitator will see' }).click()
  const preview = worker.getByRole('region', { name: 'Preview: what the facilitator will see' })
  await expect(preview.getByText(SECRET)).toBeVisible()
  await expect(preview.getByText(pseudonym, { exact: true })).toBeVisible()
  await expectAccessible(worker)
  await worker.getByRole('button', { name: 'Release this to the facilitator' }).click()
  await expect(worker.getByRole('status').filter({ hasText: 'Released to the facilitator.' })).toBeVisible()
  await worker.getByRole('button', { name: 'Preview what the panel will see' }).click()
  await expect(worker.getByRole('region', { name: 'Preview: what the panel will see' }).getByText(SECRET)).toBeVisible()
  await worker.getByRole('button', { name: 'Release this to the panel' }).click()
  await expect(worker.getByRole('status').filter({ hasText: 'Released to the panel.' })).toBeVisible()

  // A panel member reads it under the pseudonym, never the real name.
  const panel = await openAs(browser, 'panel@northwind.example')
  await panel.getByRole('link', { name: `Read the account of ${pseudonym}` }).click()
  await expect(panel.getByRole('heading', { level: 1, name: new RegExp(`Account of ${pseudonym}`) })).toBeVisible()
  await expect(panel.getByText(SECRET)).toBeVisible()
  await expect(panel.getByText('Your reading of this account is logged', { exact: false })).toBeVisible()
  await expect(panel.getByText('Wren Worker')).toHaveCount(0)
  await expectAccessible(panel)

  // The worker sees that read in their log.
  await worker.goto(accountUrl)
  const reads = worker.getByRole('table', { name: /Every read of your released account/ })
  await expect(reads.getByRole('row', { name: /Paulo Panel/ }).first()).toBeVisible()
  await expect(reads.getByRole('row', { name: /Paulo Panel/ }).first()).toContainText('Panel member')

  // A finding to quote from: the panel member adds one in the shared workspace.
  await panel.goto(panel.url().replace(/\/accounts\/.*$/, '/workspace'))
  await expect(panel.getByRole('heading', { level: 2, name: 'Case timeline' })).toBeVisible()
  await panel.getByRole('button', { name: 'Add finding' }).click()
  await expect(panel.locator('.finding-list > li')).toHaveCount(1)
  // On the server, not only in this page: a fresh load shows it too.
  await eventually(panel, async () => {
    await expect(panel.locator('.finding-list > li')).toHaveCount(1, { timeout: 3000 })
  })

  // Without consent the finding only links the account.
  await panel.goto(panel.url().replace(/\/workspace$/, '/accounts'))
  await panel.getByRole('link', { name: `Read the account of ${pseudonym}` }).click()
  // On the account page before reloading it: a reload racing the navigation reloads the list.
  await expect(panel).toHaveURL(/\/accounts\/[^/?]+$/)
  await eventually(panel, async () => {
    await expect(panel.getByLabel('Finding', { exact: true })).toBeVisible({ timeout: 1000 })
  })
  await panel.getByLabel('Excerpt to quote').fill(EXCERPT)
  await panel.getByRole('button', { name: 'Ask the author for consent' }).click()
  await expect(panel.getByRole('heading', { level: 1, name: /Quotes from staff accounts/ })).toBeVisible()
  await expect(panel.getByRole('status')).toHaveText('The author has been asked for consent.')
  await expect(panel.getByRole('link', { name: `Linked, not quoted: the account of ${pseudonym}` })).toBeVisible()
  await expect(panel.getByText('awaiting the author’s consent', { exact: false })).toBeVisible()
  await expect(panel.locator('blockquote')).toHaveCount(0)
  await expectAccessible(panel)

  // The worker approves that exact excerpt; now the finding quotes it.
  await worker.reload()
  const request = worker.getByRole('region', { name: 'Requests to quote your account' })
  await expect(request.locator('blockquote')).toHaveText(EXCERPT)
  await request.getByRole('button', { name: 'Approve this quote' }).click()
  await expect(worker.getByRole('status').filter({ hasText: 'Your decision is recorded.' })).toBeVisible()

  await panel.reload()
  await expect(panel.locator('blockquote')).toHaveText(EXCERPT)
  await expect(panel.getByText(`${pseudonym}, quoted with the author’s consent`)).toBeVisible()
})

test('a draft written offline is kept on the device and merges when the author is back', async ({ browser }) => {
  const OFFLINE = 'Written on the train with no connection'
  const context = await browser.newContext()
  const offline = await context.newPage()
  // No socket ever reaches the server from this page: as if the laptop were offline.
  await offline.routeWebSocket(/\/collab\//, () => {})
  await signIn(offline, 'worker@northwind.example')
  await offline.getByRole('link', { name: REVIEW_TITLE }).click()
  await offline.getByRole('link', { name: 'Staff accounts' }).click()
  await offline.getByRole('link', { name: 'Write your account' }).click()
  await expect(offline.getByRole('heading', { level: 1, name: /Your account/ })).toBeVisible()
  const accountUrl = offline.url()
  const editor = offline.getByRole('textbox', { name: 'What got in the way' })
  await expect(editor).toHaveAttribute('contenteditable', 'true')
  await editor.click()
  await offline.keyboard.type(OFFLINE)
  await expect(editor).toContainText(OFFLINE)
  await expect(offline.locator('.account-connection')).not.toHaveText('Saved.')

  // Still offline after a reload: the text comes back from this device.
  await offline.reload()
  await expect(offline.getByRole('textbox', { name: 'What got in the way' })).toContainText(OFFLINE)
  await offline.close()

  // Back online (a page whose socket reaches the server): the draft merges into the server's copy.
  const online = await context.newPage()
  await online.goto(accountUrl)
  await expect(online.locator('.account-connection')).toHaveText('Saved.')
  await expect(online.getByRole('textbox', { name: 'What got in the way' })).toContainText(OFFLINE)
  await expect(async () => {
    await online.goto(`${accountUrl}?preview=facilitator`)
    await expect(online.getByRole('region', { name: 'Preview: what the facilitator will see' }).getByText(OFFLINE)).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 20_000 })
  await context.close()
})
