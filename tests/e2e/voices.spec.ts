// Voices beyond the panel (issue 14, ADRs 38 and 39): a family member answers through a
// one-time link, in French, on a page with nothing else on it, and the panel reads it in the
// analysis; a partner agency's member co-edits the timeline live and is shown 404 for staff
// accounts and exports.
import { type Browser, type BrowserContext, type Page } from '@playwright/test'
import { expect, expectAccessible, signIn, test } from './support'

test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)
const title = `Voices review ${stamp}`
let reviewUrl = ''

async function signedIn(browser: Browser, email: string, password?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, email, password)
  return { context, page }
}

async function show(page: Page, view: string) {
  await page.getByRole('navigation', { name: 'Workspace sections' }).getByRole('link', { name: view }).click()
}

test('the facilitator opens a review with a panel member', async ({ browser }) => {
  const { context, page } = await signedIn(browser, 'facilitator@northwind.example')
  await page.getByRole('link', { name: 'New review' }).click()
  await page.getByLabel('Title or code name').fill(title)
  await page.getByLabel('Incident type').selectOption('serious_injury')
  await page.getByLabel('Incident date').fill('2026-11-01')
  await page.getByRole('button', { name: 'Create review' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  reviewUrl = new URL(page.url()).pathname
  await page.getByLabel('Their email').fill('panel@northwind.example')
  await page.getByLabel('Role on this review').selectOption('panel_member')
  await page.getByRole('button', { name: 'Add member' }).click()
  await expect(page.getByRole('status')).toHaveText('Member added.')
  await context.close()
})

test('a family member answers through the link in French; the panel reads it in the analysis', async ({ browser }) => {
  const facilitator = await signedIn(browser, 'facilitator@northwind.example')
  const f = facilitator.page
  await f.goto(reviewUrl)
  await f.getByRole('link', { name: 'Family and community voice' }).click()
  await expect(f.getByRole('heading', { level: 1, name: 'Family and community voice' })).toBeVisible()
  await f.getByLabel('Who is invited').first().selectOption('family_member')
  await f.getByLabel('Language of the form').first().selectOption('fr')
  await f.getByRole('button', { name: 'Create the link' }).click()
  const link = (await f.getByTestId('voice-link').textContent())!.trim()
  expect(link).toMatch(/\/voice\/[A-Za-z0-9_-]{43}$/)
  await expectAccessible(f)

  // The family member has no account: a fresh browser with nothing but the link.
  const family = await browser.newContext()
  const p = await family.newPage()
  await p.goto(link)
  await expect(p.getByRole('heading', { level: 1, name: 'Partagez votre expérience' })).toBeVisible()
  // No other page is reachable from it: no navigation, no links; nothing of the review.
  await expect(p.getByRole('navigation')).toHaveCount(0)
  await expect(p.locator('a')).toHaveCount(0)
  await expect(p.getByText(title)).toHaveCount(0)
  await expectAccessible(p)
  // Nothing is saved without a consent choice; what was typed stays.
  await p.getByLabel('De quoi la famille avait-elle besoin ?').fill('Que quelqu’un nous rappelle en français.')
  await p.getByLabel('Qu’est-ce qui a aidé ?').fill('Les visites de l’infirmière le soir.')
  await p.getByRole('button', { name: 'Envoyer' }).click()
  await expect(p.getByText('Choisissez comment vos mots peuvent être utilisés.')).toBeVisible()
  await expect(p.getByLabel('De quoi la famille avait-elle besoin ?')).toHaveValue('Que quelqu’un nous rappelle en français.')
  await p.getByLabel(/Peuvent aussi être cités/).check()
  await p.getByRole('button', { name: 'Envoyer' }).click()
  await expect(p.getByText('Merci. Ce que vous avez écrit a bien été reçu.')).toBeVisible()
  await expect(p.getByRole('button', { name: 'Retirer ce que j’ai écrit' })).toBeVisible()
  // The link is spent for submitting: opening it again shows only the contributor's own words.
  await p.goto(link)
  await expect(p.getByRole('button', { name: 'Envoyer' })).toHaveCount(0)
  await expect(p.getByText('Que quelqu’un nous rappelle en français.')).toBeVisible()
  await family.close()

  // A panel member reads it beside the unmet needs.
  const panel = await signedIn(browser, 'panel@northwind.example')
  const b = panel.page
  await b.goto(`${reviewUrl}/workspace`)
  await expect(b.locator('.connection[role="status"]')).toHaveText(/Connected/)
  await show(b, 'Analysis')
  const voice = b.getByTestId('family-voice')
  await expect(voice.getByRole('heading', { name: 'What the family told us' })).toBeVisible()
  await expect(voice.getByText('Que quelqu’un nous rappelle en français.')).toBeVisible()
  await expect(voice.getByText('Les visites de l’infirmière le soir.')).toBeVisible()
  await facilitator.context.close()
  await panel.context.close()
})

test('a partner co-edits the timeline live and is shown 404 for staff accounts and exports', async ({ browser }) => {
  test.slow()
  const facilitator = await signedIn(browser, 'facilitator@northwind.example')
  const f = facilitator.page
  await f.goto(reviewUrl)
  await f.getByRole('link', { name: 'Partner agencies' }).click()
  await expect(f.getByRole('heading', { level: 1, name: 'Partner agencies on the panel' })).toBeVisible()
  const partnerEmail = `morgan-${stamp}@northside-mh.example`
  await f.getByLabel('Name', { exact: true }).fill('Morgan Partner')
  await f.getByLabel('Email', { exact: true }).fill(partnerEmail)
  await f.getByLabel('Organisation', { exact: true }).fill('Northside Mental Health')
  await f.getByRole('button', { name: 'Invite', exact: true }).click()
  const setup = (await f.getByTestId('partner-setup-link').textContent())!.trim()
  await expect(f.getByTestId('partner-agencies')).toHaveText('Northside Mental Health')
  await expectAccessible(f)

  // The partner sets a password through the link the facilitator passed on, then signs in.
  const partnerContext = await browser.newContext()
  const q = await partnerContext.newPage()
  await q.goto(setup)
  await q.getByLabel('New password').fill('northside partner passphrase')
  await q.getByLabel('Repeat the password').fill('northside partner passphrase')
  await q.getByRole('button', { name: 'Save password' }).click()
  await signIn(q, partnerEmail, 'northside partner passphrase')
  // Nothing in the navigation leads to what they may not open.
  await expect(q.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trends' })).toHaveCount(0)
  await q.getByRole('link', { name: title }).click()
  await expect(q.getByRole('link', { name: 'Staff accounts' })).toHaveCount(0)

  // Live co-editing of the timeline with the facilitator.
  await f.goto(`${reviewUrl}/workspace`)
  await q.goto(`${reviewUrl}/workspace`)
  for (const page of [f, q]) await expect(page.locator('.connection[role="status"]')).toHaveText(/Connected/)
  const quickAdd = (page: Page) => page.getByRole('form', { name: 'Quick add' })
  const add = async (page: Page, date: string, text: string) => {
    await quickAdd(page).getByLabel('Date of the new event').fill(date)
    await quickAdd(page).getByLabel('What happened (short)').fill(text)
    await quickAdd(page).getByLabel('What happened (short)').press('Enter')
  }
  await add(q, '2026-10-20', 'Counsellor saw the mother at the clinic')
  await expect(f.locator('.event-list > li').filter({ hasText: 'Counsellor saw the mother at the clinic' })).toBeVisible()
  await add(f, '2026-10-22', 'Caseworker phoned the clinic')
  await expect(q.locator('.event-list > li').filter({ hasText: 'Caseworker phoned the clinic' })).toBeVisible()

  // The people registry shows pseudonyms only until the facilitator grants real names.
  await show(q, 'People')
  await expect(q.getByTestId('registry-pseudonyms-only')).toBeVisible()

  // Staff accounts, exports, trends and other reviews: 404, as if they did not exist.
  for (const path of [`${reviewUrl}/accounts`, `${reviewUrl}/export`, '/trends', '/admin/users']) {
    const response = await q.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(q.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible()
  }
  await partnerContext.close()
  await facilitator.context.close()
})
