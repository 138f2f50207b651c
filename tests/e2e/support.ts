import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

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
