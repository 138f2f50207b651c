// Issue 9, with the network really off: a panel member reloads the workspace tab while offline
// (the page comes from the copy kept at her last visit online, the review from this browser),
// keeps typing, and everything merges with a colleague's words when she is back. Signing out
// deletes the kept page with the review copy. No page logs a console error.
import { type Page } from '@playwright/test'
import { addUnmetNeed, connectionStatus, DEMO_REVIEW_TITLE, expect, gapOf, needCard, openFacilitatorAndPanel, presenceRegion, test } from './support'

const REVIEW_TITLE = DEMO_REVIEW_TITLE
const presence = presenceRegion
const connection = connectionStatus

/** The Cache Storage caches of this origin, and the URLs the review page caches hold. */
async function keptPages(page: Page): Promise<{ caches: string[]; pages: string[] }> {
  return page.evaluate(async () => {
    const names = await caches.keys()
    const pages: string[] = []
    for (const name of names.filter(n => n.startsWith('scir-review-page:'))) {
      for (const request of await (await caches.open(name)).keys()) pages.push(request.url)
    }
    return { caches: names, pages }
  })
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

test('with the network off, a reload of the workspace keeps the review and the offline text, and it merges on return', async ({ browser }) => {
  test.setTimeout(120_000)
  const errors: string[] = []
  const { farah, paulo, a, b } = await openFacilitatorAndPanel(browser, errors)

  const index = await addUnmetNeed(a, b, 'Offline reload: a named contact at the clinic')

  // The page of this very view is kept (only the workspace: no other page of the visit).
  const workspaceUrl = a.url()
  expect(workspaceUrl).toMatch(/\/workspace\?view=analysis$/)
  await expect.poll(async () => (await keptPages(a)).pages).toContain(workspaceUrl)
  expect((await keptPages(a)).pages.every(url => /\/reviews\/[^/]+\/workspace(\?|$)/.test(url))).toBe(true)

  // The network goes away entirely; Farah types, then reloads the tab.
  await farah.context.setOffline(true)
  await expect(connection(a)).toHaveText(/Offline/)
  await expect(presence(b)).not.toContainText('Farah Facilitator', { timeout: 10_000 })
  const OFFLINE = 'Farah, offline: the clinic had no contact.'
  await gapOf(needCard(a, index)).click()
  await gapOf(needCard(a, index)).pressSequentially(OFFLINE)
  const ONLINE = 'Paulo, online: the referral went to a shared inbox.'
  await gapOf(needCard(b, index)).click()
  await gapOf(needCard(b, index)).pressSequentially(ONLINE)

  await a.reload()
  await expect(a.getByRole('heading', { level: 1 })).toContainText(REVIEW_TITLE)
  await expect(connection(a)).toHaveText(/Offline/)
  await expect(gapOf(needCard(a, index))).toHaveValue(new RegExp(escape(OFFLINE)))
  await expect(gapOf(needCard(a, index))).not.toHaveValue(new RegExp(escape(ONLINE)))
  const AFTER = ' Typed after the offline reload.'
  await gapOf(needCard(a, index)).click()
  await gapOf(needCard(a, index)).press('Control+End')
  await gapOf(needCard(a, index)).pressSequentially(AFTER)

  // Back online: the same tab reconnects and both converge on every word.
  await farah.context.setOffline(false)
  await expect(connection(a)).toHaveText(/Connected/, { timeout: 20_000 })
  for (const gap of [gapOf(needCard(a, index)), gapOf(needCard(b, index))]) {
    for (const words of [OFFLINE, AFTER, ONLINE]) await expect(gap).toHaveValue(new RegExp(escape(words)))
  }
  await expect.poll(async () => (await gapOf(needCard(a, index)).inputValue()) === (await gapOf(needCard(b, index)).inputValue())).toBe(true)
  await expect(presence(b)).toContainText('Farah Facilitator')

  // Signing out deletes the kept page (and its scripts) with the review copy.
  expect((await keptPages(a)).caches.length).toBeGreaterThan(0)
  await a.getByRole('button', { name: 'Sign out' }).click()
  await expect(a).toHaveURL(/\/login/)
  await expect.poll(async () => (await keptPages(a)).caches).toEqual([])

  expect(errors).toEqual([])
  await farah.context.close()
  await paulo.context.close()
})

// The browser's copy writes each edit in its own IndexedDB transaction; one still queued when
// the page goes away is dropped with it. Here another tab holds the copy's store, so the words
// typed last are still queued at the reload, as on a busy machine (ADR 61).
test('words typed offline while the browser copy is still writing come back after a reload', async ({ browser }) => {
  test.setTimeout(120_000)
  const errors: string[] = []
  const { farah, paulo, a, b } = await openFacilitatorAndPanel(browser, errors)
  const index = await addUnmetNeed(a, b, 'Rescue: the plan reached the school in time')
  await expect.poll(async () => (await keptPages(a)).pages).toContain(a.url())
  // The second tab opens while the network is there; it only holds the store (a page of the
  // same origin with no script of its own).
  const holder = await farah.context.newPage()
  await holder.goto(new URL('/healthz', a.url()).href)
  const stores = await a.evaluate(async () => (await indexedDB.databases()).flatMap(db => (db.name?.startsWith('scir-review:') ? [db.name] : [])))
  expect(stores).toHaveLength(1)
  const store = stores[0] ?? ''

  await farah.context.setOffline(true)
  await expect(connection(a)).toHaveText(/Offline/)
  const STORED = 'Stored before: the school was told.'
  await gapOf(needCard(a, index)).click()
  await gapOf(needCard(a, index)).pressSequentially(STORED)
  await a.waitForTimeout(500)

  await holder.evaluate(async name => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const updates = db.transaction(['updates'], 'readwrite').objectStore('updates')
    const w = window as unknown as { releaseStore?: boolean }
    // A read-write transaction stays open while it has requests: one after the other, until released.
    const hold = () => {
      if (!w.releaseStore) updates.count().onsuccess = hold
    }
    hold()
  }, store)
  const QUEUED = ' Typed while the copy was busy.'
  await gapOf(needCard(a, index)).press('Control+End')
  await gapOf(needCard(a, index)).pressSequentially(QUEUED)
  await expect(gapOf(needCard(a, index))).toHaveValue(new RegExp(`${escape(STORED)}${escape(QUEUED)}`))

  const reloaded = a.reload()
  await a.waitForTimeout(500)
  await holder.evaluate(() => {
    ;(window as unknown as { releaseStore?: boolean }).releaseStore = true
  })
  await reloaded
  await expect(gapOf(needCard(a, index))).toHaveValue(new RegExp(`${escape(STORED)}${escape(QUEUED)}`))

  await farah.context.setOffline(false)
  await expect(connection(a)).toHaveText(/Connected/, { timeout: 20_000 })
  await expect(gapOf(needCard(b, index))).toHaveValue(new RegExp(`${escape(STORED)}${escape(QUEUED)}`))

  expect(errors).toEqual([])
  await farah.context.close()
  await paulo.context.close()
})
