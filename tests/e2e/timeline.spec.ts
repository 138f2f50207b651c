// The case timeline in the joint session: two panel members build it live with quick add, filter
// it, read the practice-standard flags of the demo case and turn one into an unmet need; the
// visual chronology draws it; an observer can read but not add.
import { type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test'
import { expect, test, expectAccessible, signIn } from './support'

const REVIEW_TITLE = 'Near fatality review - infant, northern district'
const SAFETY_PLAN_FLAG = 'Safety plan recorded at visit 4, standard: by visit 3'

type Member = { context: BrowserContext; page: Page }
type SignedIn = Awaited<ReturnType<BrowserContext['storageState']>>

// One sign-in per person for the whole file: the server limits sign-ins per address, and the
// full end-to-end run signs in many times.
const sessions = new Map<string, SignedIn>()

async function signedInContext(browser: Browser, email: string): Promise<BrowserContext> {
  const known = sessions.get(email)
  if (known) return browser.newContext({ storageState: known })
  const context = await browser.newContext()
  await signIn(await context.newPage(), email)
  sessions.set(email, await context.storageState())
  return context
}

async function openWorkspace(browser: Browser, email: string): Promise<Member> {
  const context = await signedInContext(browser, email)
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto('/reviews')
  await page.getByRole('link', { name: REVIEW_TITLE }).click()
  await page.getByRole('link', { name: 'Open the shared workspace' }).click()
  await expect(page.locator('.connection[role="status"]')).toHaveText(/Connected/)
  await expect(page.getByRole('heading', { level: 2, name: 'Case timeline' })).toBeVisible()
  return { context, page }
}

const rows = (page: Page) => page.locator('.event-list > li')
const quickAdd = (page: Page) => page.getByRole('form', { name: 'Quick add' })
const flagsPanel = (page: Page) => page.getByRole('region', { name: 'Practice-standard checks' })
const flagItem = (page: Page, text: string): Locator => flagsPanel(page).getByRole('listitem').filter({ hasText: text })
const filters = (page: Page) => page.getByRole('group', { name: 'Filter the timeline' })
const rowWithText = (page: Page, text: string) => rows(page).filter({ hasText: text })

async function quickAddEvent(page: Page, date: string, stage: string, text: string) {
  const form = quickAdd(page)
  await form.getByLabel('Date of the new event').fill(date)
  await form.getByLabel('Stage of the new event').selectOption({ label: stage })
  await form.getByLabel('What happened (short)').fill(text)
  await form.getByLabel('What happened (short)').press('Enter')
}

// One demo review for the whole file: later tests read what the first one recorded.
test.describe.configure({ mode: 'serial' })

test('two panel members build the timeline live, filter it and turn a standards flag into an unmet need', async ({ browser }, testInfo) => {
  test.slow()
  const facilitator = await openWorkspace(browser, 'facilitator@northwind.example')
  const panel = await openWorkspace(browser, 'panel@northwind.example')
  const a = facilitator.page
  const b = panel.page

  // The practice-standard checks of the demo case, with their explanations.
  await expect(flagsPanel(a)).toContainText('4 flags')
  await expect(flagItem(a, SAFETY_PLAN_FLAG)).toContainText('Missed')
  await expect(flagsPanel(a)).toContainText('No family snapshot recorded in the 132 days from referral to the incident, standard: within 42 days of referral')
  await expect(flagsPanel(a)).toContainText('Assessment recorded 124 days after referral, standard: within 42-56 days of referral')
  // Flagged events say so in words in the list.
  const safetyPlan = rowWithText(a, 'Safety plan agreed with Ms. Calder')
  await expect(safetyPlan.locator('.badge-flag')).toHaveText('⚠ Practice-standard flag')
  await expect(safetyPlan).toContainText(`Practice-standard flag: ${SAFETY_PLAN_FLAG}`)

  // Quick add: Enter adds, the other sees it appear, and the caret is back on the date for the next one.
  const before = await rows(a).count()
  await quickAddEvent(a, '2025-02-20', 'Other', 'Daycare called about Owen’s absence.')
  await expect(rows(b)).toHaveCount(before + 1)
  await expect(rowWithText(b, 'Daycare called about Owen’s absence.').locator('h3')).toHaveText('February 20, 2025')
  await expect(quickAdd(a).getByLabel('Date of the new event')).toBeFocused()
  await expect(quickAdd(a).getByLabel('What happened (short)')).toHaveValue('')
  await expect(quickAdd(a).getByLabel('Date of the new event')).toHaveValue('2025-02-20')

  // Keyboard only for the next one: type the date, tab past the stage (kept), type, Enter.
  await a.keyboard.type('02252025')
  const text = quickAdd(a).getByLabel('What happened (short)')
  // Tab walks the date's own segments first, then the stage, then the text.
  for (let i = 0; i < 6 && !(await text.evaluate(element => element === document.activeElement)); i++) await a.keyboard.press('Tab')
  await expect(text).toBeFocused()
  await a.keyboard.type('Supervisor reviewed the file with the worker.')
  await a.keyboard.press('Enter')
  await expect(rowWithText(b, 'Supervisor reviewed the file with the worker.').locator('h3')).toHaveText('February 25, 2025')
  await expect(rowWithText(b, 'Supervisor reviewed the file with the worker.').locator('.badge-stage')).toHaveText('Other')

  // The panel member adds one too; the facilitator sees it.
  await quickAddEvent(b, '2025-03-01', 'Other', 'Worker phoned the mother; no answer.')
  await expect(rowWithText(a, 'Worker phoned the mother; no answer.')).toHaveCount(1)
  await expect(rows(a)).toHaveCount(before + 3)
  await expect(rows(b)).toHaveCount(before + 3)

  // Filters: by stage, by person, by record, flagged only; each says how many it shows.
  const total = before + 3
  await filters(a).getByLabel('Stage', { exact: true }).selectOption({ label: 'Other' })
  const others = await rows(a).count()
  expect(others).toBeGreaterThanOrEqual(4)
  await expect(filters(a)).toContainText(`Showing ${others} of ${total} events`)
  for (const row of await rows(a).all()) await expect(row.locator('.badge-stage')).toHaveText('Other')
  await filters(a).getByLabel('Stage', { exact: true }).selectOption({ label: 'All stages' })

  await filters(a).getByLabel('Person', { exact: true }).selectOption({ label: "Mother's partner" })
  await expect(rows(a)).toHaveCount(2)
  for (const row of await rows(a).all()) await expect(row.locator('.event-facts')).toContainText("Mother's partner")
  await filters(a).getByLabel('Person', { exact: true }).selectOption({ label: 'Everyone' })

  await filters(a).getByLabel('Record', { exact: true }).selectOption({ label: 'intake record' })
  await expect(rows(a)).toHaveCount(2)
  await filters(a).getByLabel('Record', { exact: true }).selectOption({ label: 'All records' })

  await filters(a).getByLabel('Only events with a practice-standard flag').check()
  await expect(rows(a)).toHaveCount(3) // the referral, the safety plan and the assessment
  await expect(filters(a)).toContainText(`Showing 3 of ${total} events`)
  await filters(a).getByRole('button', { name: 'Clear filters' }).click()
  await expect(rows(a)).toHaveCount(total)

  // "Go to" an event the filters hide: the filters clear and the event takes focus.
  await filters(a).getByLabel('Stage', { exact: true }).selectOption({ label: 'Other' })
  await flagItem(a, SAFETY_PLAN_FLAG).getByRole('button', { name: 'Go to January 29, 2025' }).click()
  await expect(rows(a)).toHaveCount(total)
  await expect(a.locator('article:focus h3')).toHaveText('January 29, 2025')

  // One flag becomes an unmet need; both see that it is recorded.
  const turn = flagItem(a, SAFETY_PLAN_FLAG).getByRole('button', { name: /^Turn into an unmet need/ })
  await expect(turn).toHaveAccessibleName(`Turn into an unmet need: ${SAFETY_PLAN_FLAG}`)
  await turn.click()
  await expect(flagItem(a, SAFETY_PLAN_FLAG)).toContainText('Unmet need recorded')
  await expect(flagItem(b, SAFETY_PLAN_FLAG)).toContainText('Unmet need recorded')
  await expect(flagItem(b, SAFETY_PLAN_FLAG).getByRole('button', { name: /^Turn into an unmet need/ })).toHaveCount(0)
  // The other flags can still be turned.
  await expect(flagsPanel(b).getByRole('button', { name: /^Turn into an unmet need/ })).toHaveCount(3)

  // Removing an event asks first, then removes it for everyone.
  const doomed = rowWithText(a, 'Worker phoned the mother; no answer.')
  await doomed.getByRole('button', { name: /^Edit event/ }).click()
  await doomed.getByRole('button', { name: 'Remove event: March 1, 2025' }).click()
  await expect(doomed.getByRole('button', { name: 'Keep it' })).toBeFocused()
  await doomed.getByRole('button', { name: 'Yes, remove it' }).click()
  await expect(rows(b)).toHaveCount(total - 1)
  await expect(rowWithText(b, 'Worker phoned the mother; no answer.')).toHaveCount(0)

  // A date range: the end date is edited in the open event.
  const daycare = rowWithText(a, 'Daycare called about Owen’s absence.')
  await daycare.getByRole('button', { name: /^Edit event/ }).click()
  await daycare.getByLabel('End of the date range (optional)').fill('2025-02-22')
  await daycare.getByLabel('End of the date range (optional)').press('Enter')
  await expect(rowWithText(b, 'Daycare called about Owen’s absence.').locator('h3')).toHaveText('February 20, 2025 to February 22, 2025')

  await expectAccessible(a)
  await a.screenshot({ path: testInfo.outputPath('timeline-list.png'), fullPage: true })
  await Promise.all([facilitator.context.close(), panel.context.close()])
})

test('the chronology draws the timeline in lanes, with flags, zoom and keyboard-reachable markers', async ({ browser }, testInfo) => {
  const member = await openWorkspace(browser, 'panel@northwind.example')
  const page = member.page
  const count = await rows(page).count()
  await page.getByRole('link', { name: 'Chronology' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Chronology' })).toBeVisible()

  const chart = page.locator('svg.chrono-chart')
  const markers = chart.locator('[data-i]')
  // One marker per event and lane (an event with two people is in both lanes), plus the flags.
  expect(await markers.count()).toBeGreaterThanOrEqual(count)
  await expect(chart.getByRole('button', { name: /^January 29, 2025, Safety plan: Safety plan agreed/ })).toHaveCount(2)
  await expect(chart.getByRole('button', { name: /^Practice-standard flag, missed: Safety plan recorded at visit 4/ })).toHaveCount(1)
  await expect(page.locator('.chrono-incident line')).toHaveCount(1)

  // Zoom with the buttons and the keyboard.
  const width = async () => Number(await chart.getAttribute('width'))
  const fitted = await width()
  const zoomLevel = page.locator('.chrono-zoom-level')
  await expect(zoomLevel).toHaveText('Zoom: 100 %')
  await page.getByRole('button', { name: 'Zoom in' }).click()
  await expect(zoomLevel).toHaveText('Zoom: 150 %')
  expect(await width()).toBeGreaterThan(fitted * 1.4)
  await page.keyboard.press('+')
  await expect(zoomLevel).toHaveText('Zoom: 200 %')
  await page.keyboard.press('-')
  await expect(zoomLevel).toHaveText('Zoom: 150 %')
  await page.getByRole('button', { name: 'Fit to the screen' }).click()
  await expect(zoomLevel).toHaveText('Zoom: 100 %')

  // Keyboard: one Tab stop into the chart, arrows move between markers, details follow.
  await page.getByRole('button', { name: 'Zoom in' }).focus()
  await page.keyboard.press('Tab')
  const focused = page.locator('svg.chrono-chart [data-i]:focus')
  await expect(focused).toHaveCount(1)
  await expect(focused).toHaveAttribute('aria-label', /^Practice-standard flag/)
  const details = page.getByRole('region', { name: 'Selected marker' })
  await page.keyboard.press('ArrowDown') // Child 1's lane: only the incident
  await expect(focused).toHaveAttribute('aria-label', /^March 18, 2025, The incident/)
  await expect(details).toContainText('hospital report')
  await page.keyboard.press('ArrowDown') // the Mother's lane, nearest in time
  await page.keyboard.press('Home')
  await expect(focused).toHaveAttribute('aria-label', /^November 4, 2024, Worries raised/)
  await expect(details).toContainText('intake record')
  await page.keyboard.press('ArrowRight')
  await expect(focused).toHaveAttribute('aria-label', /^November 20, 2024, Family connected to service/)
  await expect(details).toContainText('First home visit')
  await page.screenshot({ path: testInfo.outputPath('chronology-people.png'), fullPage: true })
  await page.keyboard.press('Enter')
  await expect(details.getByRole('heading', { name: 'Selected marker' })).toBeFocused()

  // Lanes per record instead of per person.
  await page.getByLabel('One lane per record or agency').check()
  await expect(chart.getByRole('group', { name: 'hospital report' })).toHaveCount(1)
  await expect(chart.getByRole('button', { name: /^January 29, 2025, Safety plan/ })).toHaveCount(1)

  await expectAccessible(page)
  // "Show in the case timeline" takes the user to the event in the list.
  await chart.getByRole('button', { name: /^January 29, 2025, Safety plan/ }).focus()
  await details.getByRole('link', { name: 'Show in the case timeline' }).click()
  await expect(page.locator('article:focus h3')).toHaveText('January 29, 2025')
  await member.context.close()
})

test('an observer reads the timeline and its checks but cannot quick-add or record an unmet need', async ({ browser }) => {
  const observer = await openWorkspace(browser, 'observer@northwind.example')
  const page = observer.page
  const form = quickAdd(page)
  await expect(form.getByLabel('Date of the new event')).toBeDisabled()
  await expect(form.getByLabel('Stage of the new event')).toBeDisabled()
  await expect(form.getByLabel('What happened (short)')).toBeDisabled()
  await expect(form.getByRole('button', { name: 'Add event' })).toBeDisabled()
  await expect(flagItem(page, SAFETY_PLAN_FLAG)).toContainText('Unmet need recorded')
  for (const button of await flagsPanel(page)
    .getByRole('button', { name: /^Turn into an unmet need/ })
    .all())
    await expect(button).toBeDisabled()
  // Filters are a personal view: they work for read-only members too.
  await filters(page).getByLabel('Only events with a practice-standard flag').check()
  await expect(rows(page)).toHaveCount(3)
  await filters(page).getByLabel('Only key practice episodes').check()
  const keyEpisodes = await rows(page).count()
  for (const row of await rows(page).all()) await expect(row.locator('.badge-key')).toBeVisible()
  if (keyEpisodes === 0) await expect(page.getByText('No event matches these filters.')).toBeVisible()
  await observer.context.close()
})

test('the checks read in French', async ({ browser }) => {
  const context = await signedInContext(browser, 'facilitator@northwind.example')
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto('/reviews')
  await page.getByRole('button', { name: 'Afficher en français' }).click()
  // The review's title reads the same in both languages: wait for the switch to land, or the click
  // can race the language change and open the review in English.
  await expect(page.getByRole('heading', { level: 1, name: 'Mes examens' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await page.getByRole('link', { name: REVIEW_TITLE }).click()
  await page.getByRole('link', { name: 'Ouvrir l’espace de travail partagé' }).click()
  const panel = page.getByRole('region', { name: 'Vérification des normes de pratique' })
  await expect(panel).toContainText('Plan de sécurité : consignation à la visite 4; norme : au plus tard à la visite 3')
  await expect(panel.getByRole('listitem').filter({ hasText: 'Plan de sécurité : consignation' })).toContainText('Besoin non comblé consigné')
  await expect(panel.getByRole('button', { name: /^En faire un besoin non comblé/ })).toHaveCount(3)
  await expect(page.getByRole('form', { name: 'Ajout rapide' })).toBeVisible()
  await expectAccessible(page)
  await context.close()
})
