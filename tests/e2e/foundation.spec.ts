import { expect, test, expectAccessible, signIn, signOut } from './support'

test('a facilitator opens a review and staffs it; the member sees it; a non-member cannot', async ({ page, browser }) => {
  await signIn(page, 'facilitator@northwind.example')
  await expectAccessible(page)

  await page.getByRole('link', { name: 'New review' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New review' })).toBeVisible()
  await expectAccessible(page)

  // Bad input: a clear message next to the field, nothing created.
  await page.getByRole('button', { name: 'Create review' }).click()
  await expect(page.getByText('Enter a title or code name.')).toBeVisible()
  await expect(page.getByText('Choose the incident type.')).toBeVisible()
  await expect(page.getByLabel('Title or code name')).toHaveAttribute('aria-invalid', 'true')

  const title = `E2E review ${Date.now()}`
  await page.getByLabel('Title or code name').fill(title)
  await page.getByLabel('Incident type').selectOption('serious_injury')
  await page.getByLabel('Incident date').fill('2026-11-01')
  await page.getByLabel('Summary').fill('Synthetic end-to-end review.')
  await page.getByRole('button', { name: 'Create review' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Farah Facilitator', exact: true })).toBeVisible()
  await expectAccessible(page)
  const reviewUrl = page.url()

  await page.getByLabel('Their email').fill('panel@northwind.example')
  await page.getByLabel('Role on this review').selectOption('panel_member')
  await page.getByRole('button', { name: 'Add member' }).click()
  await expect(page.getByRole('status')).toHaveText('Member added.')
  await expect(page.getByRole('cell', { name: 'Paulo Panel', exact: true })).toBeVisible()

  // Someone unknown cannot be added; the message sits next to the field.
  await page.getByLabel('Their email').fill('nobody@nowhere.example')
  await page.getByRole('button', { name: 'Add member' }).click()
  await expect(page.getByText('There is no active user with this email in your jurisdiction.')).toBeVisible()
  await signOut(page)

  // The new member signs in (another browser) and finds the review.
  const memberContext = await browser.newContext()
  const member = await memberContext.newPage()
  await signIn(member, 'panel@northwind.example')
  await member.getByRole('link', { name: title }).click()
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(member.getByRole('button', { name: /Remove/ })).toHaveCount(0)
  await memberContext.close()

  // Same jurisdiction, not on the review: not found.
  const outsiderContext = await browser.newContext()
  const outsider = await outsiderContext.newPage()
  await signIn(outsider, 'outsider@northwind.example')
  await expect(outsider.getByRole('link', { name: title })).toHaveCount(0)
  const response = await outsider.goto(reviewUrl)
  expect(response?.status()).toBe(404)
  await expect(outsider.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible()
  await outsiderContext.close()

  // Another jurisdiction's admin: not found either.
  const foreignContext = await browser.newContext()
  const foreign = await foreignContext.newPage()
  await signIn(foreign, 'admin@lakeshore.example')
  expect((await foreign.goto(reviewUrl))?.status()).toBe(404)
  await foreignContext.close()
})

test('the interface switches to French and back', async ({ page }) => {
  await signIn(page, 'facilitator@northwind.example')
  await page.getByRole('button', { name: 'Afficher en français' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mes examens' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Nouvel examen' }).click()
  await expect(page.getByLabel('Titre ou nom de code')).toBeVisible()
  await page.getByRole('button', { name: 'Créer l’examen' }).click()
  await expect(page.getByText('Saisissez un titre ou un nom de code.')).toBeVisible()
  await page.getByRole('button', { name: 'Display in English' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New review' })).toBeVisible()
})

test('an admin adds a user, who sets a password through the one-time link and signs in; deactivation ends it', async ({ page, browser }) => {
  await signIn(page, 'admin@northwind.example')
  await page.getByRole('link', { name: 'Users' }).click()
  await expectAccessible(page)
  const email = `new.person.${Date.now()}@northwind.example`
  await page.getByLabel('Full name').fill('Neve Newcomer')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByRole('button', { name: 'Add user' }).click()
  const link = (await page.getByTestId('setup-link').textContent()) ?? ''
  expect(link).toContain('/set-password/')

  const newcomerContext = await browser.newContext()
  const newcomer = await newcomerContext.newPage()
  await newcomer.goto(link)
  await newcomer.getByLabel('New password').fill('a long synthetic password')
  await newcomer.getByLabel('Repeat the password').fill('a long synthetic password')
  await newcomer.getByRole('button', { name: 'Save password' }).click()
  await expect(newcomer).toHaveURL(/\/login/)
  await signIn(newcomer, email, 'a long synthetic password')

  await page.reload()
  await page.getByRole('button', { name: 'Deactivate Neve Newcomer' }).click()
  await page.getByRole('button', { name: 'Yes, deactivate' }).click()
  await expect(page.getByRole('status')).toContainText('User deactivated')
  // Their open session is over.
  await newcomer.reload()
  await expect(newcomer).toHaveURL(/\/login/)
  await newcomerContext.close()
})
