// Issue 16, closing the loop: the facilitator assigns a recommendation to a manager who is not
// on the review; the manager, in French, records progress from the tracker without opening the
// workspace; the staff contributor sees the change on "What changed". Any console error or
// page error fails the test.
import { type Browser, type Page } from '@playwright/test'
import { expect, test, expectAccessible, signIn } from './support'

const REVIEW_TITLE = 'Near fatality review - infant, northern district'

async function pageFor(browser: Browser, email: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  page.on('console', message => {
    if (message.type() === 'error') errors.push(`${email}: ${message.text()}`)
  })
  page.on('pageerror', error => errors.push(`${email}: ${error.message}`))
  await signIn(page, email)
  return page
}

test('an owner updates progress from the tracker in French; a staff member sees it on "What changed"', async ({ browser }) => {
  test.setTimeout(180_000)
  const errors: string[] = []
  // Unique per run, in letters: a long number would (rightly) be de-identified as a record number.
  const text = `Make the safety plan a required step before a third visit, run ${Date.now()
    .toString(36)
    .replace(/[0-9]/g, d => 'abcdefghij'[Number(d)]!)}`

  // ---- The facilitator writes a recommendation in the workspace...
  const facilitator = await pageFor(browser, 'facilitator@northwind.example', errors)
  await facilitator.getByRole('link', { name: REVIEW_TITLE }).click()
  await facilitator.getByRole('link', { name: 'Open the shared workspace' }).click()
  await expect(facilitator.locator('.connection[role="status"]')).toHaveText(/Connected/)
  await facilitator.getByRole('navigation', { name: 'Workspace sections' }).getByRole('link', { name: 'Recommendations' }).click()
  const form = facilitator.getByRole('form', { name: 'Add a recommendation' })
  await form.getByLabel('Recommendation', { exact: true }).fill(text)
  await form.getByRole('radio', { name: 'Stronger' }).check()
  await form.getByLabel('Due date').fill('2999-06-30')
  await form.getByLabel('Measure of success').fill('Share of safety plans recorded before the third visit')
  await form.getByRole('button', { name: 'Add recommendation' }).click()
  await expect(form.getByLabel('Recommendation', { exact: true })).toHaveValue('')

  // ...and, from the tracker, makes a manager who is not on the review its owner.
  const link = facilitator.getByRole('link', { name: text, exact: true })
  await expect(async () => {
    await facilitator.goto('/recommendations')
    await expect(link).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 20_000 })
  await expectAccessible(facilitator)
  await link.click()
  await expect(facilitator.getByRole('heading', { level: 1, name: text })).toBeVisible()
  await facilitator.getByLabel('Person who owns this recommendation').selectOption({ label: 'Nico Nonmember' })
  await facilitator.getByRole('button', { name: 'Assign' }).click()
  await expect(facilitator.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
  await expectAccessible(facilitator)

  // ---- The owner, in French: a notification, then the tracker.
  const owner = await pageFor(browser, 'outsider@northwind.example', errors)
  await owner.getByRole('button', { name: 'Afficher en français' }).click()
  await expect(owner.getByTestId('notification-badge')).toHaveText('1')
  await owner.getByRole('link', { name: /Avis/ }).click()
  await expect(owner.getByRole('heading', { level: 1, name: 'Avis' })).toBeVisible()
  await expect(owner.getByTestId('notification').first()).toContainText('Une recommandation vous a été attribuée')
  await expect(owner.getByTestId('notification').first()).toContainText(text)
  await expectAccessible(owner)

  await owner.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Recommandations' }).click()
  const row = owner.getByTestId('tracker-row').filter({ hasText: text })
  // Nothing recorded yet: the status set in the workspace.
  await expect(row).toContainText('Proposée')
  await expect(row).toContainText('la vôtre')
  await expectAccessible(owner)
  await row.getByRole('link', { name: `Mettre à jour l’avancement: ${text}` }).click()
  await owner.getByLabel('Nouveau statut').selectOption('in_progress')
  await owner.getByLabel('Note d’avancement').fill('Spécification rédigée avec l’équipe des dossiers.')
  await owner.getByRole('button', { name: 'Enregistrer l’avancement' }).click()
  await expect(owner.getByRole('status').filter({ hasText: 'Enregistré.' })).toBeVisible()
  await expect(owner.getByTestId('follow-up-state')).toHaveText('En cours')
  await expect(owner.getByText('Spécification rédigée avec l’équipe des dossiers.')).toBeVisible()
  await expectAccessible(owner)
  // The tracker says so too, with the latest note.
  await owner.getByRole('link', { name: 'Retour aux recommandations' }).click()
  await expect(row).toContainText('En cours')
  await expect(row).toContainText('Spécification rédigée')

  // ---- The staff contributor sees the change on "What changed".
  const worker = await pageFor(browser, 'worker@northwind.example', errors)
  await worker.getByRole('link', { name: 'What changed' }).click()
  const review = worker.getByRole('region', { name: REVIEW_TITLE })
  await expect(review.getByRole('row', { name: new RegExp(text) })).toContainText('In progress')
  await expect(review.getByText(`“${text}” is now: In progress`)).toBeVisible()
  // Findings appear only once approved, and then de-identified. In a full run the export spec
  // (same server, earlier) has already approved the demo review, so either state is met here;
  // which findings staff may see is checked in tests/integration/follow-up.test.ts.
  const pending = review.getByText('The findings will appear here once they are approved and de-identified.')
  const shown = review.getByText('The approved findings, with names and identifying details removed.')
  await expect(pending.or(shown)).toBeVisible()
  if (await shown.isVisible()) await expect(review.getByTestId('deidentified-finding').first()).toBeVisible()
  await expectAccessible(worker)

  expect(errors).toEqual([])
})
