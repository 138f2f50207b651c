// Single sign-on end to end: Chromium signs in through a real OpenID Connect provider
// (oidc-provider, started here on a loopback port) with the provider's own login and consent
// pages, and signs out there too (RP-initiated logout). Any console error or page error fails.
import { type Page } from '@playwright/test'
import { startTestProvider, type TestProvider } from '../support/oidc-provider'
import { expect, test, signIn } from './support'

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3210}`
let idp: TestProvider

test.beforeAll(async () => {
  idp = await startTestProvider({ redirectUris: [`${baseURL}/auth/sso/callback`], postLogoutRedirectUris: [`${baseURL}/login`] })
})
test.afterAll(async () => {
  await idp?.close()
})

function failOnConsoleErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', message => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`)
  })
  page.on('pageerror', error => errors.push(`${page.url()}: ${error.message}`))
  return errors
}

// The provider's development pages import a web font; this machine has no internet, and the
// failed fetch would be a console error that is nobody's fault here.
async function withoutWebFonts(page: Page) {
  await page.route(/^https:\/\/fonts\.(googleapis|gstatic)\.com\//, route => route.fulfill({ status: 200, contentType: 'text/css', body: '' }))
}

async function throughProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`))
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any password: the test provider checks none')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`))
  await page.getByRole('button', { name: 'Continue' }).click()
}

test('an admin sets up SSO; people sign in and out through the provider; strangers are refused', async ({ page }) => {
  const errors = failOnConsoleErrors(page)
  await withoutWebFonts(page)

  // The admin of Lakeshore configures the provider; the secret is never shown back.
  await signIn(page, 'admin@lakeshore.example')
  await page.getByRole('link', { name: 'Single sign-on' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Single sign-on' })).toBeVisible()
  await expect(page.getByText(`${baseURL}/auth/sso/callback`)).toBeVisible()
  await page.getByLabel('Issuer URL').fill(idp.issuer)
  await page.getByLabel('Client ID').fill(idp.clientId)
  await page.getByLabel('Client secret', { exact: true }).fill(idp.clientSecret)
  await page.getByLabel('Name on the sign-in button').fill('Lakeshore Test ID')
  await page.getByRole('button', { name: 'Save single sign-on settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Single sign-on settings saved.')
  await page.reload()
  await expect(page.getByLabel('Issuer URL')).toHaveValue(idp.issuer)
  await expect(page.getByLabel('Client secret', { exact: true })).toHaveValue('')
  await expect(page.getByText('A client secret is stored. It is never shown again')).toBeVisible()
  expect(await page.content()).not.toContain(idp.clientSecret)
  await page.getByRole('button', { name: /Sign out/ }).click()
  await expect(page).toHaveURL(`${baseURL}/login`)

  // Sign in through the provider: its own login and consent pages, then back here.
  await page.getByRole('link', { name: 'Sign in with Lakeshore Test ID' }).click()
  await throughProvider(page, 'admin@lakeshore.example')
  await expect(page.getByRole('heading', { level: 1, name: 'My reviews' })).toBeVisible()
  await expect(page.getByText('Lee Lakeshore')).toBeVisible()

  // Signing out ends the session here, then at the provider (it asks to confirm), then lands on sign-in.
  await page.getByRole('button', { name: /Sign out/ }).click()
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/session/end`))
  await page.getByRole('button', { name: 'Yes, sign me out' }).click()
  await expect(page).toHaveURL(`${baseURL}/login`)
  await page.goto('/reviews')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Freviews/)

  // Someone the provider knows but who has no account here (just-in-time creation is off).
  await page.getByRole('link', { name: 'Sign in with Lakeshore Test ID' }).click()
  await throughProvider(page, 'stranger@lakeshore.example')
  await expect(page).toHaveURL(/\/login\?sso=unknown-email/)
  await expect(page.getByRole('alert')).toHaveText('There is no account here for your email address. Ask your administrator to add you.')

  // Put things back for the suites that follow (password sign-in stayed on for Lakeshore).
  await signIn(page, 'admin@lakeshore.example')
  await page.goto('/admin/sso')
  await page.getByRole('button', { name: 'Remove single sign-on' }).click()
  await expect(page.getByRole('status')).toHaveText('Single sign-on removed. Everyone signs in with a password again.')
  expect(errors).toEqual([])
})
