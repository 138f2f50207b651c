// Issue 12 / ADR 0032: when the server cannot save (here: another connection holds the
// database's write lock), the workspace says "not saving - reconnecting", keeps the typing, and
// merges and stores it once saving is back. Last in the run: it stalls the whole database.
import { createRequire } from 'node:module'
import path from 'node:path'
import { type Page } from '@playwright/test'
import { editorIn, editorText as textOf, expect, findingCards, openWorkspace, test } from './support'

const connection = (page: Page) => page.locator('.connection[role="status"]')

test('when the server cannot save, the workspace says so, keeps the typing, and merges it once saving is back', async ({ browser }) => {
  test.slow() // the failure is noticed after the database's 5 s busy timeout
  const facilitator = await openWorkspace(browser, 'facilitator@northwind.example')
  const panel = await openWorkspace(browser, 'panel@northwind.example')
  const a = facilitator.page
  const b = panel.page
  const before = await findingCards(a).count()
  await a.getByRole('button', { name: 'Add finding' }).click()
  await expect(findingCards(b)).toHaveCount(before + 1)
  const editorA = editorIn(findingCards(a).nth(before))
  const editorB = editorIn(findingCards(b).nth(before))
  await expect(editorA).toBeFocused()
  await a.keyboard.type('Written before the outage.')
  await expect.poll(() => textOf(editorB)).toContain('Written before the outage.')

  // Another connection holds the database's write lock (as a stuck job would): the
  // collaboration writer's commits fail, so the server stops taking edits (ADR 0032).
  type Db = { exec(sql: string): void; close(): void }
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Db
  const lock = new Database(path.resolve('tests/.tmp/e2e/scir.db'))
  lock.exec('BEGIN EXCLUSIVE')
  try {
    await a.keyboard.type(' Typed as it failed.')
    await expect(connection(a)).toHaveText(/Not saving - reconnecting/, { timeout: 20_000 })
    await expect(connection(b)).toHaveText(/Not saving - reconnecting/)
    expect((await a.request.get('/healthz')).status()).toBe(503)
    await a.keyboard.type(' Kept on this device.')
    await expect(editorA).toContainText('Written before the outage. Typed as it failed. Kept on this device.')
  } finally {
    lock.exec('ROLLBACK')
    lock.close()
  }

  await expect(connection(a)).toHaveText(/Connected/, { timeout: 20_000 })
  await expect(connection(b)).toHaveText(/Connected/, { timeout: 20_000 })
  expect((await a.request.get('/healthz')).status()).toBe(200)
  const all = 'Written before the outage. Typed as it failed. Kept on this device.'
  await expect.poll(() => textOf(editorB), { timeout: 15_000 }).toContain(all)
  // Stored by the server: a fresh page has it.
  await b.reload()
  await expect(connection(b)).toHaveText(/Connected/)
  await expect.poll(() => textOf(editorIn(findingCards(b).nth(before)))).toContain(all)
  await facilitator.context.close()
  await panel.context.close()
})
