// Live co-authoring in the review workspace: two panel members write the same finding at once,
// see each other's text and carets, and undo only their own typing; structured changes sync;
// read-only members watch live but cannot change anything, even by going around the interface.
import { type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { expect, test, expectAccessible, openWorkspace as openWorkspaceAs, editorIn, editorText as textOf, findingCards } from './support'

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3210}`

type Member = { context: BrowserContext; page: Page }

async function openWorkspace(browser: Browser, email: string): Promise<Member> {
  const member = await openWorkspaceAs(browser, email)
  await expect(member.page.getByRole('heading', { level: 2, name: 'Case timeline' })).toBeVisible()
  return member
}

const connection = (page: Page) => page.locator('.connection[role="status"]')
const presence = (page: Page) => page.getByRole('region', { name: 'In this review now' })
const eventRows = (page: Page) => page.locator('.event-list > li')
const caretLabel = (card: Locator, name: string) => card.locator('.collaboration-carets__caret .collaboration-carets__label', { hasText: name })

/** A y-websocket client in the test process, signed in with a browser context's session cookie. */
async function rawClient(context: BrowserContext, docName: string) {
  const cookie = (await context.cookies(baseURL)).map(c => `${c.name}=${c.value}`).join('; ')
  class SignedInWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin: baseURL } })
    }
  }
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(baseURL.replace(/^http/, 'ws') + '/collab', docName, ydoc, {
    WebSocketPolyfill: SignedInWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('raw client did not sync')), 10_000)
    provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  return {
    ydoc,
    provider,
    /** Closes the socket; resolves once the server has answered the close (so it read everything sent before). */
    async close() {
      const closed = new Promise<void>(resolve => provider.once('connection-close', () => resolve()))
      provider.ws?.close()
      await closed
      provider.destroy()
      ydoc.destroy()
    },
  }
}

function findingIdOf(ydoc: Y.Doc, index: number): string {
  const order = ydoc.getArray<string>('findingsOrder').toArray()
  const id = order[index]
  if (!id) throw new Error(`no finding at ${index}`)
  return id
}

async function reviewDocName(page: Page): Promise<string> {
  const match = /\/reviews\/([^/]+)\/workspace/.exec(page.url())
  if (!match) throw new Error(`not a workspace URL: ${page.url()}`)
  return `review:${match[1]}`
}

test('two panel members co-write one finding live; an observer watches and cannot change anything', async ({ browser }, testInfo) => {
  test.slow() // three signed-in browsers and a raw socket
  const facilitator = await openWorkspace(browser, 'facilitator@northwind.example')
  const panel = await openWorkspace(browser, 'panel@northwind.example')
  const a = facilitator.page
  const b = panel.page

  // Presence: each sees both names.
  await expect(presence(a)).toContainText('Farah Facilitator (you)')
  await expect(presence(a)).toContainText('Paulo Panel')
  await expect(presence(b)).toContainText('Paulo Panel (you)')
  await expect(presence(b)).toContainText('Farah Facilitator')

  // The shared timeline from the server's document (seeded there once, never by a client).
  await expect(eventRows(a)).toHaveCount(await eventRows(b).count())
  expect(await eventRows(a).count()).toBeGreaterThanOrEqual(5)

  // The facilitator adds a finding; it appears for the panel member.
  const before = await findingCards(a).count()
  await a.getByRole('button', { name: 'Add finding' }).click()
  await expect(findingCards(a)).toHaveCount(before + 1)
  await expect(findingCards(b)).toHaveCount(before + 1)
  const cardA = findingCards(a).nth(before)
  const cardB = findingCards(b).nth(before)
  await expect(cardB.getByRole('heading', { name: `Finding ${before + 1}` })).toBeVisible()
  // Adding is not undoable: undoing it would delete what others write into the finding.
  await expect(a.getByRole('button', { name: 'Undo my last change' })).toBeDisabled()

  // Both type into the same body.
  const editorA = editorIn(cardA)
  const editorB = editorIn(cardB)
  await expect(editorA).toBeFocused() // a new finding puts the caret in its text
  await a.keyboard.type('Caseload was 31 families at assignment.')
  await expect.poll(() => textOf(editorB)).toContain('Caseload was 31 families at assignment.')

  await editorB.click()
  await b.keyboard.press('Control+End')
  await b.keyboard.type(' Supervision happened monthly.')
  await expect.poll(() => textOf(editorA)).toContain('Caseload was 31 families at assignment. Supervision happened monthly.')
  await expect.poll(() => textOf(editorB)).toContain('Caseload was 31 families at assignment. Supervision happened monthly.')

  // Each sees the other's caret, labelled with their name, in that very editor.
  await expect(caretLabel(cardA, 'Paulo Panel')).toBeVisible()
  await a.screenshot({ path: testInfo.outputPath('workspace-caret.png') })
  await editorA.click()
  await a.keyboard.press('Control+End')
  await expect(caretLabel(cardB, 'Farah Facilitator')).toBeVisible()
  await expect(caretLabel(cardA, 'Farah Facilitator')).toHaveCount(0) // no caret of one's own

  // The presence list says where someone is typing.
  await expect(cardB.getByText('Editing now: Farah Facilitator')).toBeVisible()

  // Ctrl+Z undoes only one's own typing: the facilitator's sentence goes, the panel member's stays.
  await editorA.press('Control+z')
  await expect.poll(() => textOf(editorA)).not.toContain('Caseload was 31 families')
  await expect.poll(() => textOf(editorA)).toContain('Supervision happened monthly.')
  await expect.poll(() => textOf(editorB)).not.toContain('Caseload was 31 families')
  await expect.poll(() => textOf(editorB)).toContain('Supervision happened monthly.')
  await editorA.press('Control+Shift+z')
  await expect.poll(() => textOf(editorB)).toContain('Caseload was 31 families at assignment. Supervision happened monthly.')

  // Structured changes sync: a value tag and the status from one, a key practice episode from the other.
  await cardA.getByLabel('Systems-focused').check()
  await expect(cardB.getByLabel('Systems-focused')).toBeChecked()
  await expect(cardB.getByLabel('Family-centered')).not.toBeChecked()
  await cardB.getByLabel('Status').selectOption('agreed')
  await expect(cardA.getByLabel('Status')).toHaveValue('agreed')

  const eventB = eventRows(b).nth(1)
  const eventA = eventRows(a).nth(1)
  await expect(eventA.locator('h3')).toHaveText((await eventB.locator('h3').textContent()) ?? '')
  const keyEpisodeB = eventB.getByLabel('Key practice episode')
  const wasKey = await keyEpisodeB.isChecked()
  await keyEpisodeB.setChecked(!wasKey)
  await expect(eventA.getByLabel('Key practice episode')).toBeChecked({ checked: !wasKey })

  // The structured undo takes back only one's own change: the panel member's flag, not the facilitator's tag.
  await b.getByRole('button', { name: 'Undo my last change' }).click()
  await expect(eventA.getByLabel('Key practice episode')).toBeChecked({ checked: wasKey })
  await expect(cardA.getByLabel('Systems-focused')).toBeChecked()
  await b.getByRole('button', { name: 'Redo my change' }).click()
  await expect(eventA.getByLabel('Key practice episode')).toBeChecked({ checked: !wasKey })

  // Opening an event mounts its live description editor; edits there sync as well.
  await eventA.getByRole('button', { name: /^Edit event/ }).click()
  await eventB.getByRole('button', { name: /^Edit event/ }).click()
  const descriptionA = editorIn(eventA)
  const descriptionB = editorIn(eventB)
  await descriptionA.click()
  await a.keyboard.press('Control+End')
  await a.keyboard.type(' Panel note: no interpreter offered.')
  await expect.poll(() => textOf(descriptionB)).toContain('Panel note: no interpreter offered.')
  await expect(caretLabel(eventB, 'Farah Facilitator')).toBeVisible()

  // A new event lands in date order for everyone; its author is put straight into its description.
  const eventCount = await eventRows(a).count()
  await b.getByLabel('Date of the new event').fill('2025-02-01')
  await b.getByRole('button', { name: 'Add event' }).click()
  await expect(eventRows(a)).toHaveCount(eventCount + 1)
  const newEventB = eventRows(b).filter({ has: b.locator('.ProseMirror-focused') })
  await expect(newEventB.locator('h3')).toHaveText('February 1, 2025')
  await expect(editorIn(newEventB)).toBeFocused()
  await b.keyboard.type('Home visit cancelled by the agency.')
  // Everyone sees the same order, so the same position is the same event.
  const position = await newEventB.evaluate(row => Array.prototype.indexOf.call(row.parentElement?.children ?? [], row))
  const newEventA = eventRows(a).nth(position)
  await expect(newEventA.locator('h3')).toHaveText('February 1, 2025')
  // Closed on the facilitator's screen: the live text shows as a plain preview, with who is typing.
  await expect(newEventA.locator('.event-text')).toHaveText('Home visit cancelled by the agency.')
  await expect(newEventA.getByText('Editing now: Paulo Panel')).toBeVisible()

  await expectAccessible(a)
  await a.screenshot({ path: testInfo.outputPath('workspace-facilitator.png'), fullPage: false })
  await b.screenshot({ path: testInfo.outputPath('workspace-panel.png'), fullPage: false })

  // An observer: sees everything live, can change nothing.
  const observer = await openWorkspace(browser, 'observer@northwind.example')
  const o = observer.page
  await expect(o.getByText('You can read this review; you cannot edit it.')).toBeVisible()
  await expect(presence(o)).toContainText('Farah Facilitator')
  await expect(presence(o)).toContainText('Paulo Panel')
  await expect(presence(a)).toContainText('Olive Observer')
  const cardO = findingCards(o).nth(before)
  const editorO = editorIn(cardO)
  await expect(editorO).toHaveAttribute('contenteditable', 'false')
  await expect.poll(() => textOf(editorO)).toContain('Supervision happened monthly.')
  await expect(o.getByRole('button', { name: 'Add finding' })).toBeDisabled()
  await expect(o.getByRole('button', { name: 'Add event' })).toBeDisabled()
  await expect(cardO.getByLabel('Systems-focused')).toBeDisabled()
  await expect(cardO.getByLabel('Systems-focused')).toBeChecked()
  await expect(cardO.getByLabel('Status')).toBeDisabled()
  await expect(eventRows(o).nth(1).getByLabel('Key practice episode')).toBeDisabled()
  await expect(o.getByRole('button', { name: 'Undo my last change' })).toHaveCount(0)

  // Live: the panel member keeps typing, the observer sees it.
  await editorB.click()
  await b.keyboard.press('Control+End')
  await b.keyboard.type(' Waitlist for parenting support was 14 weeks.')
  await expect.poll(() => textOf(editorO)).toContain('Waitlist for parenting support was 14 weeks.')

  // Through the interface: typing goes nowhere; a control forced back on changes nothing.
  await editorO.click()
  await o.keyboard.type('OBSERVER TYPED THIS')
  await expect.poll(() => textOf(editorO)).not.toContain('OBSERVER TYPED THIS')
  const forced = cardO.getByLabel('Family-centered')
  await forced.evaluate(element => element.removeAttribute('disabled'))
  await forced.click({ force: true })
  await expect(cardO.getByLabel('Family-centered')).not.toBeChecked()

  // Around the interface: the observer's own session on a raw socket writes into its copy.
  const docName = await reviewDocName(o)
  const rogue = await rawClient(observer.context, docName)
  const findingId = findingIdOf(rogue.ydoc, before)
  rogue.ydoc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('ROGUE OBSERVER TEXT')])
    rogue.ydoc.getXmlFragment(`finding:${findingId}:body`).insert(0, [paragraph])
    const finding = rogue.ydoc.getMap<Y.Map<unknown>>('findings').get(findingId)
    finding?.set('status', 'draft')
  })
  await rogue.close()
  // The server's copy, read by a fresh member connection, holds none of it...
  const check = await rawClient(facilitator.context, docName)
  expect(check.ydoc.getXmlFragment(`finding:${findingId}:body`).toString()).not.toContain('ROGUE')
  expect(check.ydoc.getMap<Y.Map<unknown>>('findings').get(findingId)?.get('status')).toBe('agreed')
  await check.close()
  // ...and neither does anyone's screen.
  await expect.poll(() => textOf(editorA)).toContain('Waitlist for parenting support was 14 weeks.')
  await expect.poll(() => textOf(editorA)).not.toContain('ROGUE')
  await expect.poll(() => textOf(editorB)).not.toContain('ROGUE')
  await expect(cardA.getByLabel('Status')).toHaveValue('agreed')

  await expectAccessible(o)
  await o.screenshot({ path: testInfo.outputPath('workspace-observer.png'), fullPage: false })

  await Promise.all([facilitator.context.close(), panel.context.close(), observer.context.close()])
})

test('a staff contributor reads live; when their access ends the workspace says so and stops', async ({ browser }) => {
  const worker = await openWorkspace(browser, 'worker@northwind.example')
  const w = worker.page
  await expect(w.getByText('You can read this review; you cannot edit it.')).toBeVisible()
  await expect(findingCards(w).first().locator('.ProseMirror')).toHaveAttribute('contenteditable', 'false')

  // The facilitator removes them from the review: the server closes their socket with 4403.
  const facilitator = await openWorkspace(browser, 'facilitator@northwind.example')
  const f = facilitator.page
  await f.getByRole('link', { name: 'Back to the review overview' }).click()
  await f.getByRole('button', { name: 'Remove Wren Worker from this review' }).click()
  await f
    .getByRole('group', { name: /Remove Wren Worker from this review\?/ })
    .getByRole('button', { name: 'Yes, remove' })
    .click()
  await expect(f.getByRole('status').filter({ hasText: 'Member removed.' })).toBeVisible()

  await expect(connection(w)).toHaveText(/Your access to this review has changed or ended/)
  await expect(w.getByRole('link', { name: 'Reload the page' })).toBeVisible()
  await expect(presence(w)).not.toContainText('Farah Facilitator')

  // Put the demo back as it was (on a fresh page: the removal's form reset must not eat the input).
  await f.reload()
  await f.getByLabel('Their email').fill('worker@northwind.example')
  await f.getByLabel('Role on this review').selectOption('staff_contributor')
  await f.getByRole('button', { name: 'Add member' }).click()
  await expect(f.getByRole('status').filter({ hasText: 'Member added.' })).toBeVisible()
  await Promise.all([worker.context.close(), facilitator.context.close()])
})

test('signing out in another tab stops the workspace with a way back in', async ({ browser }) => {
  const panel = await openWorkspace(browser, 'panel@northwind.example')
  const p = panel.page
  const otherTab = await panel.context.newPage()
  await otherTab.goto('/reviews')
  await otherTab.getByRole('button', { name: 'Sign out' }).click()
  await expect(otherTab).toHaveURL(/\/login/)

  await expect(connection(p)).toHaveText(/You are signed out/)
  await expect(p.getByRole('link', { name: 'Sign in again' })).toBeVisible()
  await expect(p.getByRole('button', { name: 'Add finding' })).toBeDisabled()
  await panel.context.close()
})
