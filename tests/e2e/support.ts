import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Browser, type BrowserContext, type ConsoleMessage, type Locator, type Page } from '@playwright/test'

export { expect }

/**
 * Every spec takes `test` from here: it watches every page of every browser context a test
 * opens (the default one and those from browser.newContext) and fails the test if any of them
 * logged a console error or threw. The one browser message let through is Chromium's "Failed
 * to load resource" for a page, form post or data request that the app answered with a 4xx on
 * purpose (a 404 for a non-member, a 400 for an invalid form, a 429 for a locked sign-in): that
 * status is what the test checks, not a fault of the page. The same message for a script,
 * style sheet, image or font, or any 5xx, still fails. A test that provokes another error on
 * purpose says so with `consoleErrors.allow(pattern)`.
 */
export const test = base.extend<{ consoleErrors: { allow(pattern: RegExp): void } }>({
  consoleErrors: [
    async ({ context, browser }, use) => {
      const logged: { page: string; text: string; source: string }[] = []
      const allowed: RegExp[] = []
      const refusedOnPurpose = new Set<string>()
      const watchPage = (page: Page) => {
        page.on('response', response => {
          const type = response.request().resourceType()
          if (response.status() >= 400 && response.status() < 500 && (type === 'document' || type === 'fetch' || type === 'xhr')) {
            refusedOnPurpose.add(response.url())
          }
        })
        page.on('console', (message: ConsoleMessage) => {
          if (message.type() === 'error') logged.push({ page: page.url(), text: message.text(), source: message.location().url })
        })
        page.on('pageerror', error => logged.push({ page: page.url(), text: error.message, source: '' }))
      }
      const watchContext = (watched: BrowserContext) => {
        watched.pages().forEach(watchPage)
        watched.on('page', watchPage)
      }
      watchContext(context)
      const newContext = browser.newContext.bind(browser)
      browser.newContext = async (...args: Parameters<typeof browser.newContext>) => {
        const created = await newContext(...args)
        watchContext(created)
        return created
      }
      await use({ allow: pattern => void allowed.push(pattern) })
      browser.newContext = newContext
      // Judged at the end: a response event may arrive after the console message it explains.
      const errors = logged
        .filter(entry => !(entry.text.startsWith('Failed to load resource') && refusedOnPurpose.has(entry.source)))
        .map(entry => `${entry.page}: ${entry.text}`)
        .filter(error => !allowed.some(pattern => pattern.test(error)))
      expect(errors, 'console errors on the pages this test visited').toEqual([])
    },
    { auto: true },
  ],
})

export const DEMO_PASSWORD = 'demo-review-2026'

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'My reviews' })).toBeVisible()
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /Sign out|Se déconnecter/ }).click()
  await expect(page).toHaveURL(/\/login/)
}

/** WCAG 2.1 A and AA rules from axe-core; any violation fails the test with its details. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)
  expect(summary, 'axe-core violations').toEqual([])
}

/** The demo review the workspace specs open. */
export const DEMO_REVIEW_TITLE = 'Near fatality review - infant, northern district'

export const connectionStatus = (page: Page) => page.locator('.connection[role="status"]')
export const presenceRegion = (page: Page) => page.getByRole('region', { name: 'In this review now' })
export const findingCards = (page: Page) => page.locator('.finding-list > li')
export const editorIn = (card: Locator) => card.locator('.ProseMirror')
/** An editor's text without the collaborators' caret labels drawn inside it. */
export const editorText = (editor: Locator) =>
  editor.evaluate(element => {
    const copy = element.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach(caret => caret.remove())
    return copy.textContent ?? ''
  })
export const needCard = (page: Page, index: number) => page.locator('.need-list > li').nth(index)
export const gapOf = (card: Locator) => card.getByLabel('The gap')

/**
 * Every console error and uncaught exception of every page of the context, for the end of a
 * test that wants to say more than the fixture's failure (e.g. across a reload offline).
 */
export function watchConsole(context: BrowserContext, errors: string[]) {
  const watch = (page: Page) => {
    page.on('console', message => {
      if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', error => errors.push(`${page.url()}: ${error.message}`))
  }
  context.pages().forEach(watch)
  context.on('page', watch)
}

/** A new browser context signed in as `email`, on the page of the demo review that `link` opens. */
export async function openReviewPage(
  browser: Browser,
  email: string,
  link: string,
  heading: RegExp,
  options: { errors?: string[]; prepare?: (context: BrowserContext) => Promise<void> } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext()
  if (options.errors) watchConsole(context, options.errors)
  // Before the first page: e.g. socket routing, which must be in place before any document loads.
  await options.prepare?.(context)
  const page = await context.newPage()
  await signIn(page, email)
  await page.getByRole('link', { name: DEMO_REVIEW_TITLE }).click()
  await page.getByRole('link', { name: link }).click()
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
  return { context, page }
}

/** The same, on the demo review's shared workspace, connected. */
export async function openWorkspace(browser: Browser, email: string, options: Parameters<typeof openReviewPage>[4] = {}) {
  const opened = await openReviewPage(browser, email, 'Open the shared workspace', /Shared workspace/, options)
  await expect(connectionStatus(opened.page)).toHaveText(/Connected/)
  return opened
}

/** Opens a section of the workspace from its navigation and waits for its heading. */
export async function showSection(page: Page, link: string, heading: { level: number; name: string }) {
  await page.getByRole('navigation', { name: 'Workspace sections' }).getByRole('link', { name: link }).click()
  await expect(page.getByRole('heading', heading)).toBeVisible()
}

/** A new browser context signed in as `email`, on the demo review's Analysis view, connected. */
export async function openAnalysis(
  browser: Browser,
  email: string,
  errors: string[],
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openWorkspace(browser, email, { errors, prepare })
  await showSection(opened.page, 'Analysis', { level: 3, name: 'Unmet needs' })
  return opened
}

/** The facilitator and a panel member, each in a browser of their own on the Analysis view. */
export async function openFacilitatorAndPanel(
  browser: Browser,
  errors: string[],
  options: { prepareFacilitator?: (context: BrowserContext) => Promise<void> } = {},
) {
  const farah = await openAnalysis(browser, 'facilitator@northwind.example', errors, options.prepareFacilitator)
  const paulo = await openAnalysis(browser, 'panel@northwind.example', errors)
  return { farah, paulo, a: farah.page, b: paulo.page }
}

/** Adds an unmet need on `a`, waits until `b` sees it, and gives its index in the list. */
export async function addUnmetNeed(a: Page, b: Page, need: string): Promise<number> {
  const index = await a.locator('.need-list > li').count()
  const form = a.getByRole('form', { name: 'Record an unmet need' })
  await form.getByLabel('What the child or family needed').fill(need)
  await form.getByRole('button', { name: 'Add unmet need' }).click()
  await expect(needCard(b, index).getByLabel('What the child or family needed')).toHaveValue(need)
  return index
}
