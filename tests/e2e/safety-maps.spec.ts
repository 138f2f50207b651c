// Signs of Safety maps co-edited live (issue 14, ADR 0040): two panel members type into the
// same part of one map at once and both keep their words; a scaling judgement set by one is
// seen by the other, and the divergence between family and worker shows; an observer reads
// the map and cannot change it. No page logs a console error (support.ts).
import { type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test'
import { expect, expectAccessible, openWorkspace, showSection, test } from './support'

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function openSafetyMaps(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openWorkspace(browser, email)
  await showSection(opened.page, 'Signs of Safety', { level: 2, name: 'Signs of Safety maps' })
  return opened
}

const mapCard = (page: Page, title: string): Locator =>
  page.locator('.safety-map').filter({ has: page.getByRole('heading', { name: new RegExp(escape(title)) }) })

test('two people co-edit one Signs of Safety map live; an observer only reads it', async ({ browser }) => {
  test.setTimeout(120_000)
  const farah = await openSafetyMaps(browser, 'facilitator@northwind.example')
  const paulo = await openSafetyMaps(browser, 'panel@northwind.example')
  const a = farah.page
  const b = paulo.page
  const title = `Case conference ${Date.now().toString(36)}`

  // Farah anchors a map to a date; it appears for Paulo.
  const add = a.getByRole('form', { name: 'Add a map' })
  await add.getByLabel('Date on the timeline').fill('2026-01-15')
  await add.getByLabel('Name (optional)').fill(title)
  await add.getByRole('button', { name: 'Add the map' }).click()
  const cardA = mapCard(a, title)
  const cardB = mapCard(b, title)
  await expect(cardB).toBeVisible()
  await expect(cardB.getByLabel('Name', { exact: true })).toHaveValue(title)

  // Both in the same field: each sees the other there.
  const dangerA = cardA.getByLabel('Future danger')
  const dangerB = cardB.getByLabel('Future danger')
  await dangerA.click()
  await expect(cardB.getByText('Editing now: Farah Facilitator')).toBeVisible()
  await dangerB.click()
  await expect(cardA.getByText('Editing now: Paulo Panel')).toBeVisible()

  // Both type at the same moment into the same (empty) part of the map: both keep their words.
  const FARAH = 'Farah: the partner was due back that week.'
  const PAULO = 'Paulo: nobody had asked the grandmother.'
  await Promise.all([dangerA.pressSequentially(FARAH, { delay: 25 }), dangerB.pressSequentially(PAULO, { delay: 25 })])
  for (const field of [dangerA, dangerB]) {
    await expect(field).toHaveValue(new RegExp(escape(FARAH)))
    await expect(field).toHaveValue(new RegExp(escape(PAULO)))
  }
  await expect.poll(async () => (await dangerA.inputValue()) === (await dangerB.inputValue())).toBe(true)

  // A scaling judgement set by one is seen by the other; a gap of 3 or more is called out.
  await cardA.getByLabel('Worker', { exact: true }).selectOption('2')
  await expect(cardB.getByLabel('Worker', { exact: true })).toHaveValue('2')
  await cardB.getByLabel('Family', { exact: true }).selectOption('8')
  await expect(cardA.getByLabel('Family', { exact: true })).toHaveValue('8')
  await expect(cardA.getByText('The family and the worker diverged by 6 points (3 or more).')).toBeVisible()
  await expect(a.getByTestId('safety-divergence')).toContainText('diverged by 3 or more on 1 of the 1 maps')
  await expectAccessible(a)

  // Several maps side by side, oldest first, whoever adds them.
  const earlier = `Initial assessment ${Date.now().toString(36)}`
  const addB = b.getByRole('form', { name: 'Add a map' })
  await addB.getByLabel('Date on the timeline').fill('2025-12-01')
  await addB.getByLabel('Name (optional)').fill(earlier)
  await addB.getByRole('button', { name: 'Add the map' }).click()
  await expect(mapCard(a, earlier)).toBeVisible()
  const dates = await a.locator('.safety-map').evaluateAll(cards => cards.map(card => card.getAttribute('data-map-date') ?? ''))
  expect(dates).toEqual([...dates].sort())
  expect(dates.indexOf('2025-12-01')).toBeLessThan(dates.indexOf('2026-01-15'))

  // An observer reads everything and can change nothing.
  const olga = await openSafetyMaps(browser, 'observer@northwind.example')
  const cardO = mapCard(olga.page, title)
  await expect(cardO.getByLabel('Future danger')).toHaveValue(new RegExp(escape(PAULO)))
  await expect(cardO.getByLabel('Future danger')).toBeDisabled()
  await expect(cardO.getByLabel('Worker', { exact: true })).toHaveValue('2')
  await expect(cardO.getByLabel('Worker', { exact: true })).toBeDisabled()
  await expect(olga.page.getByRole('form', { name: 'Add a map' }).getByRole('button', { name: 'Add the map' })).toBeDisabled()

  // The view speaks French.
  const fr = olga.page
  await fr.getByRole('button', { name: 'Afficher en français' }).click()
  await expect(fr.locator('.connection[role="status"]')).toHaveText(/Connecté/)
  await expect(fr.getByRole('navigation', { name: 'Sections de l’espace de travail' }).getByRole('link', { name: 'Signes de sécurité' })).toBeVisible()
  await expect(fr.getByRole('heading', { level: 2, name: 'Cartes Signes de sécurité' })).toBeVisible()
  await expect(mapCard(fr, title).getByRole('heading', { level: 4, name: 'Qu’est-ce qui nous inquiète?' })).toBeVisible()
  await expect(mapCard(fr, title).getByLabel('Famille', { exact: true })).toHaveValue('8')
  await expectAccessible(fr)

  for (const session of [farah, paulo, olga]) await session.context.close()
})
