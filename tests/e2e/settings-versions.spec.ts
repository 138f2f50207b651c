// Issue 17, settings never retroactive (ADR 0036/0037): an admin adds and reorders a practice
// standard in a form, worded in English and in French, each save a new version; a review opened
// before keeps its version until its facilitator sees "a newer version is available" and switches.
import type { Page } from '@playwright/test'
import { expect, test, expectAccessible, signIn } from './support'

/** Opens a folded section unless it is open already (it stays open across a form post). */
async function unfold(page: Page, summary: string) {
  const details = page.locator('details', { has: page.locator('summary', { hasText: summary }) })
  if ((await details.getAttribute('open')) === null) await details.locator('summary').first().click()
  await expect(details).toHaveAttribute('open', '')
}

const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text })

test('an admin edits the standards in both languages; the facilitator of an open review switches to the new version', async ({ page, browser }) => {
  // A review opened before the change (not the demo review, which other specs read).
  const facilitatorContext = await browser.newContext()
  const facilitator = await facilitatorContext.newPage()
  await signIn(facilitator, 'facilitator@northwind.example')
  await facilitator.goto('/reviews/new')
  const title = `Versions review ${Date.now()}`
  await facilitator.getByLabel('Title or code name').fill(title)
  await facilitator.getByLabel('Incident type').selectOption('serious_injury')
  await facilitator.getByLabel('Incident date').fill('2026-11-01')
  await facilitator.getByRole('button', { name: 'Create review' }).click()
  await expect(facilitator.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const reviewUrl = facilitator.url()
  await expect(facilitator.getByText('This review uses the versions in force.')).toBeVisible()

  // The admin adds a standard in English and French and moves it up one place.
  await signIn(page, 'admin@northwind.example')
  await page.goto('/admin/settings')
  await unfold(page, 'Edit the practice standards in a form')
  const editor = page.getByRole('form', { name: 'Practice standards' })
  const before = await editor.locator('fieldset.editor-card').count()
  await editor.getByRole('button', { name: 'Add a standard' }).click()
  const n = before + 1
  await editor.getByLabel(`Standard ${n}: wording in English`).fill('Safety plan with the family by the 2nd visit')
  await editor.getByLabel(`Standard ${n}: wording in French`).fill('Plan de sécurité avec la famille à la 2e visite')
  await editor.getByLabel(`Standard ${n}: by visit number`).fill('2')
  await editor.getByRole('button', { name: `Move Standard ${n} up` }).click()
  await expect(editor.getByLabel(`Standard ${n - 1}: wording in English`)).toHaveValue('Safety plan with the family by the 2nd visit')
  await expectAccessible(page)
  await editor.getByRole('button', { name: 'Check and save as a new version' }).click()
  await expect(status(page, 'Saved as version 1 of the practice standards')).toBeVisible()
  const rules = page.locator('section[aria-labelledby="standards-title"] > ul > li')
  await expect(rules).toHaveCount(n)
  await expect(rules.nth(n - 2)).toHaveText(/^Safety plan with the family by the 2nd visit \(safety plan: by visit 2\)/i)

  // A field left empty is refused with its place named, and the draft is still there.
  await unfold(page, 'Edit the practice standards in a form')
  await editor.getByLabel(`Standard ${n - 1}: wording in French`).fill('')
  await editor.getByRole('button', { name: 'Check and save as a new version' }).click()
  await expect(page.getByRole('alert')).toContainText(`/rules/${n - 2}/label/fr`)
  await expect(editor.getByLabel(`Standard ${n - 1}: wording in English`)).toHaveValue('Safety plan with the family by the 2nd visit')

  // In French: the wording corrected, moved up again, saved as version 2.
  await page.getByRole('button', { name: 'Afficher en français' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Paramètres|Réglages/ })).toBeVisible()
  await unfold(page, 'Modifier les normes de pratique dans un formulaire')
  const formulaire = page.getByRole('form', { name: 'Normes de pratique' })
  await formulaire.getByLabel(`Norme ${n - 1} : libellé en français`).fill('Plan de sécurité avec la famille au plus tard à la 2e visite')
  await formulaire.getByRole('button', { name: `Monter Norme ${n - 1}` }).click()
  await formulaire.getByRole('button', { name: 'Vérifier et enregistrer comme nouvelle version' }).click()
  await expect(status(page, 'Enregistré comme version 2 des normes de pratique')).toBeVisible()
  await expect(rules.nth(n - 3)).toHaveText(/^Plan de sécurité avec la famille au plus tard à la 2e visite/)
  // The version in force downloads as the JSON an upload takes.
  const download = await page.request.get('/admin/settings/download/practice-standards')
  const json = (await download.json()) as { rules: { label?: { en: string; fr: string } }[] }
  expect(json.rules[n - 3]!.label).toEqual({
    en: 'Safety plan with the family by the 2nd visit',
    fr: 'Plan de sécurité avec la famille au plus tard à la 2e visite',
  })
  await page.getByRole('button', { name: 'Display in English' }).click()
  await expect(page.getByRole('button', { name: 'Afficher en français' })).toBeVisible()

  // The open review kept its version; its facilitator sees the newer one and switches.
  await facilitator.goto(reviewUrl)
  const notice = facilitator.getByRole('note')
  await expect(notice).toContainText('A newer version is available.')
  await expect(notice).toContainText('Practice standards: version 2.')
  await expectAccessible(facilitator)
  await facilitator.getByRole('button', { name: 'Switch this review to the newer version' }).click()
  await expect(status(facilitator, 'The review now uses the newer version.')).toBeVisible()
  await expect(facilitator.getByText(/practice standards from version \d+ to 2 — Farah Facilitator/)).toBeVisible()
  await expect(facilitator.getByText('This review uses the versions in force.')).toBeVisible()
  await facilitatorContext.close()

  // Back to the shipped defaults (a version 3), so reviews opened by later specs use them.
  await page.goto('/admin/settings')
  await page.getByRole('button', { name: 'Go back to the default standards' }).click()
  await expect(status(page, 'The default practice standards are in use again.')).toBeVisible()
})
