// Sign-in under issue 9 and 10: Enter in the password field signs in (the language switch is
// not the form's submit button), a lock-out says why and when to retry (en + fr), redirects
// after sign-in stay on this site, and signed-out changes are answered before their body.
import { type Page } from '@playwright/test'
import { expect, test, DEMO_PASSWORD } from './support'

function consoleErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', message => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', error => errors.push(error.message))
  return errors
}

test('Enter in the password field signs in, in the current language', async ({ page }) => {
  const errors = consoleErrors(page)
  await page.goto('/login')
  await page.getByLabel('Email').fill('panel@northwind.example')
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByLabel('Password').press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'My reviews' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  expect(errors).toEqual([])
})

test('a locked-out sign-in says why and when to retry, in English and in French', async ({ page }) => {
  const errors = consoleErrors(page)
  const tryWrong = async (email: string) => {
    await page.getByLabel(/^(Email|Courriel)$/).fill(email)
    await page.getByLabel(/^(Password|Mot de passe)$/).fill('not the password at all')
    await page.getByLabel(/^(Password|Mot de passe)$/).press('Enter')
    await expect(page.getByRole('alert').first()).toBeVisible()
  }
  await page.goto('/login')
  for (let i = 0; i < 6; i++) await tryWrong('locked-en@nowhere.example')
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('Sign-in to this account is paused')
  await expect(alert).toContainText(/Try again in \d+ min/)
  await expect(alert).not.toContainText('This value is not valid')

  await page.getByRole('button', { name: 'Afficher en français' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  for (let i = 0; i < 6; i++) await tryWrong('locked-fr@nowhere.example')
  await expect(page.getByRole('alert')).toContainText('La connexion à ce compte est suspendue')
  await expect(page.getByRole('alert')).toContainText(/Réessayez dans \d+ min/)
  // Back to English for the tests that follow.
  await page.getByRole('button', { name: 'Display in English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  expect(errors.filter(e => !/status of 4(00|29)/.test(e))).toEqual([])
})

test('a redirect target that a browser would send off-site lands on this site', async ({ page, baseURL }) => {
  await page.goto('/login?redirectTo=%2F%09%2Fevil.example')
  await page.getByLabel('Email').fill('observer@northwind.example')
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState('load')
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin)
})

test('a signed-out change is sent to sign in before its body is read', async ({ request, baseURL }) => {
  const response = await request.post('/reviews/anything', {
    headers: { origin: new URL(baseURL!).origin, 'content-type': 'application/x-www-form-urlencoded' },
    data: 'x=1',
    maxRedirects: 0,
  })
  expect(response.status()).toBe(303)
  expect(response.headers().location).toMatch(/^\/login\?redirectTo=/)
  const tooBig = await request.post('/login', {
    headers: { origin: new URL(baseURL!).origin, 'content-type': 'application/x-www-form-urlencoded' },
    data: `email=${'a'.repeat(600 * 1024)}`,
    maxRedirects: 0,
  })
  expect(tooBig.status()).toBe(413)
})
