// Issue 9, the joint-session walk: phase checklists that can be ticked and a confirmed move on
// with open items, forms that validate in the browser without errors, destructive actions that
// ask first, a trends page that fits a 1024 px screen, and dates flagged as they are typed.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { type Page } from '@playwright/test'
import { canonicalJson } from '../../app/domain/export/canonical'
import { expect, test, expectAccessible, signIn } from './support'

/** Every console error and uncaught exception of the page; each test ends expecting none. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', message => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', error => errors.push(String(error)))
  return errors
}

/** Posts the page sent, so a test can tell browser-side validation from a server round trip. */
function postsOf(page: Page): string[] {
  const posts: string[] = []
  page.on('request', request => {
    if (request.method() === 'POST') posts.push(request.url())
  })
  return posts
}

async function newReview(page: Page, title: string) {
  await page.goto('/reviews/new')
  await page.getByLabel('Title or code name').fill(title)
  await page.getByLabel('Incident type').selectOption('serious_injury')
  await page.getByLabel('Incident date').fill('2026-11-01')
  await page.getByRole('button', { name: 'Create review' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
}

const checklistItem = (page: Page, text: string) => page.locator('ul.checklist li').filter({ hasText: text })
const currentPhase = (page: Page) => page.locator('.phase-steps li[aria-current="step"]')

test('forms validate in the browser at once, with no console error', async ({ page }) => {
  const errors = consoleErrors(page)
  await signIn(page, 'facilitator@northwind.example')
  await page.getByRole('link', { name: 'New review' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New review' })).toBeVisible()
  const posts = postsOf(page)

  await page.getByRole('button', { name: 'Create review' }).click()
  await expect(page.getByText('Enter a title or code name.')).toBeVisible()
  await expect(page.getByText('Choose the incident type.')).toBeVisible()
  // Conform answered from the shared schema: nothing went to the server.
  expect(posts).toEqual([])

  await newReview(page, `E2E validation ${Date.now()}`)
  const memberPosts = postsOf(page)
  await page.getByLabel('Their email').fill('not an email')
  await page.getByRole('button', { name: 'Add member' }).click()
  await expect(page.getByText('Enter a valid email address.')).toBeVisible()
  expect(memberPosts).toEqual([])

  // The sibling check's date cannot be in the future, said before anything is sent.
  await page.getByLabel('Date of the check').fill('2099-01-01')
  await page.getByLabel('What it found').selectOption('no_concerns')
  await page.getByRole('button', { name: 'Record the check' }).click()
  await expect(page.getByText('The check cannot be dated in the future.')).toBeVisible()
  expect(memberPosts).toEqual([])
  expect(errors).toEqual([])
})

test('a phase with open items asks before moving on, the history keeps them, and the sibling check can be recorded', async ({ page }) => {
  const errors = consoleErrors(page)
  await signIn(page, 'facilitator@northwind.example')
  await newReview(page, `E2E phases ${Date.now()}`)
  await expect(checklistItem(page, 'The rapid safety check for siblings is recorded')).toHaveClass('todo')
  await expectAccessible(page)

  // First click only asks; cancelling keeps the review where it is and gives focus back.
  const forward = page.getByRole('button', { name: 'Move on to Preparation' })
  await forward.click()
  const question = page.getByRole('group', { name: /1 item of this phase is still open/ })
  await expect(question).toBeVisible()
  await expect(question.getByRole('button', { name: 'Move on anyway' })).toBeFocused()
  await expectAccessible(page)
  await question.getByRole('button', { name: 'Cancel' }).click()
  await expect(forward).toBeFocused()
  await expect(currentPhase(page)).toHaveText('Intake')

  await forward.click()
  await page.getByRole('button', { name: 'Move on anyway' }).click()
  await expect(currentPhase(page)).toHaveText('Preparation')
  const history = page.locator('ul.phase-history > li').first()
  await expect(history).toContainText('Intake → Preparation')
  await expect(history).toContainText('moved on with 1 open item:')
  await expect(history).toContainText('The rapid safety check for siblings is recorded')

  // "Move back to" starts at the phase just before this one.
  await expect(page.getByLabel('Move back to')).toHaveValue('intake')
  await page.getByLabel('Why (required to move back)').fill('The sibling check still has to be recorded.')
  await page.getByRole('button', { name: 'Move back', exact: true }).click()
  await expect(currentPhase(page)).toHaveText('Intake')

  // The item now has a data source: the check, with its date and what it found.
  await page.getByLabel('Date of the check').fill('2026-11-02')
  await page.getByLabel('What it found').selectOption({ label: 'no safety concerns for the siblings' })
  await page.getByRole('button', { name: 'Record the check' }).click()
  await expect(page.getByText('The sibling safety check is recorded.')).toBeVisible()
  await expect(page.getByText(/Recorded: done on November 2, 2026, no safety concerns for the siblings\./)).toBeVisible()
  await expect(checklistItem(page, 'The rapid safety check for siblings is recorded')).toHaveClass('done')

  // Nothing open: moving on needs no confirmation.
  await page.getByRole('button', { name: 'Move on to Preparation' }).click()
  await expect(currentPhase(page)).toHaveText('Preparation')
  await expect(page.getByRole('button', { name: 'Move on anyway' })).toHaveCount(0)
  await expect(page.locator('ul.phase-history > li').first()).not.toContainText('open item')
  // From staff accounts, "Move back to" starts at preparation, not at the first phase.
  await page.getByRole('button', { name: 'Move on to Staff accounts' }).click()
  await page.getByRole('button', { name: 'Move on anyway' }).click()
  await expect(currentPhase(page)).toHaveText('Staff accounts')
  await expect(page.getByLabel('Move back to')).toHaveValue('preparation')
  expect(errors).toEqual([])
})

test('removing a member asks first, in the page; cancelling keeps them', async ({ page }) => {
  const errors = consoleErrors(page)
  await signIn(page, 'facilitator@northwind.example')
  await newReview(page, `E2E confirm ${Date.now()}`)
  await page.getByLabel('Their email').fill('observer@northwind.example')
  await page.getByLabel('Role on this review').selectOption('observer')
  await page.getByRole('button', { name: 'Add member' }).click()
  await expect(page.getByRole('cell', { name: 'Olive Observer', exact: true })).toBeVisible()

  const remove = page.getByRole('button', { name: 'Remove Olive Observer from this review' })
  await remove.click()
  const question = page.getByRole('group', { name: 'Remove Olive Observer from this review? They lose access at once.' })
  await expect(question).toBeVisible()
  await expect(question.getByRole('button', { name: 'Yes, remove' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(question).toHaveCount(0)
  await expect(remove).toBeFocused()
  await expect(page.getByRole('cell', { name: 'Olive Observer', exact: true })).toBeVisible()

  await remove.click()
  await question.getByRole('button', { name: 'Yes, remove' }).click()
  await expect(page.getByRole('status')).toHaveText('Member removed.')
  await expect(page.getByRole('cell', { name: 'Olive Observer', exact: true })).toHaveCount(0)
  expect(errors).toEqual([])
})

test('the trends page fits a 1024 px screen, in English and French; wide tables scroll in their own box', async ({ page }) => {
  const errors = consoleErrors(page)
  await page.setViewportSize({ width: 1024, height: 800 })
  await signIn(page, 'admin@northwind.example')
  // Enough shared reviews that every table and chart is drawn (Northwind's own imports; the
  // trends spec counts Lakeshore's).
  // Shared files are imported only when signed by a key the admin registered (ADR 0017): the
  // fixture's jurisdiction signs here with a key of its own, registered for Northwind.
  const key = crypto.generateKeyPairSync('ed25519')
  const keyId = crypto
    .createHash('sha256')
    .update(key.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32)
  const signed = (review: Record<string, unknown>) => {
    const { signature: _none, ...unsigned } = review
    const value = crypto.sign(null, Buffer.from(canonicalJson(unsigned), 'utf8'), key.privateKey).toString('base64')
    return Buffer.from(JSON.stringify({ ...unsigned, signature: { algorithm: 'Ed25519', keyId, value } }))
  }
  const fixture = JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/trends/shared-review.json'), 'utf8')) as Record<string, unknown> & {
    jurisdictionCode?: string
  }
  await page.goto('/admin/settings')
  await page.getByLabel('Jurisdiction code').fill('RV-DEMO')
  await page.getByLabel(/^Its public key/).fill(key.publicKey.export({ type: 'spki', format: 'pem' }).toString())
  await page.getByRole('button', { name: 'Register the key' }).click()
  await expect(page.getByRole('status')).toHaveText('Public key registered. Exports signed with it can now be imported.')
  await page.goto('/trends')
  const files = Array.from({ length: 12 }, (_, i) => ({
    name: `network-${i + 1}.json`,
    mimeType: 'application/json',
    buffer: signed({ ...fixture, sharedId: (i + 1).toString(16).padStart(32, 'b') }),
  }))
  await page.getByLabel('Shared review files (.json, one or more)').setInputFiles(files)
  await page.getByRole('button', { name: 'Check and import' }).click()
  await expect(page.getByRole('status')).toContainText('12 shared reviews imported')

  const fits = async (label: string) => {
    // 1009: a 1024 px window with a classic 15 px scrollbar (headless Chromium hides scrollbars).
    for (const width of [1009, 1024, 1280]) {
      await page.setViewportSize({ width, height: 800 })
      for (const view of ['/trends', '/trends?view=network']) {
        await page.goto(view)
        await expect(page.locator('h1')).toBeVisible()
        const { scrollWidth, clientWidth, wide, spilling } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          // For the failure message: what sticks out of the page.
          wide: [...document.querySelectorAll('body *')]
            .filter(
              el =>
                el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.parentElement?.closest('.trend-table-wrap, .table-scroll'),
            )
            .slice(0, 6)
            .map(el => `${el.tagName.toLowerCase()}.${String(el.className)} (${Math.round(el.getBoundingClientRect().right)}px)`),
          spilling: [...document.querySelectorAll('body *')]
            .filter(
              el =>
                !el.parentElement?.closest('.trend-table-wrap, .table-scroll') &&
                getComputedStyle(el).overflowX === 'visible' &&
                el.scrollWidth > el.clientWidth + 1 &&
                el.clientWidth > 0,
            )
            .slice(-6)
            .map(el => `${el.tagName.toLowerCase()}.${String(el.className)} scroll=${el.scrollWidth} client=${el.clientWidth}`),
        }))
        expect(scrollWidth, `${label} ${view} at ${width}px: ${wide.join(', ')} | ${spilling.join(', ')}`).toBeLessThanOrEqual(clientWidth)
      }
    }
  }
  await fits('English')
  await page.getByRole('button', { name: 'Afficher en français' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tendances' })).toBeVisible()
  await fits('French')
  await page.getByRole('button', { name: /English/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Trends' })).toBeVisible()
  expect(errors).toEqual([])
})

test('a date in the future is flagged as it is typed into the timeline', async ({ page }) => {
  const errors = consoleErrors(page)
  await signIn(page, 'facilitator@northwind.example')
  await newReview(page, `E2E dates ${Date.now()}`)
  await page.getByRole('link', { name: 'Open the shared workspace' }).click()
  await expect(page.locator('.connection[role="status"]')).toHaveText(/Connected/)
  const form = page.getByRole('form', { name: 'Quick add' })
  const date = form.getByLabel('Date of the new event')
  const nextYear = new Date().getFullYear() + 1
  await date.fill(`${nextYear}-01-15`)
  await expect(form.getByText('This date is in the future.')).toBeVisible()
  await expect(date).toHaveAccessibleDescription(/This date is in the future\./)
  await date.fill('2026-10-20')
  await expect(form.getByText('This date is in the future.')).toHaveCount(0)
  await expectAccessible(page)
  expect(errors).toEqual([])
})
