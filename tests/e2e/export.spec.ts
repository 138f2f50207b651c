// The de-identified export in real browsers against the production server: the facilitator
// brings the demo review to approval and writes a finding that names someone the registry does
// not know, and a staff member; the QI lead resolves the residual candidates (one as an alias,
// one as safe), checks the highlighted preview and approves the findings; downloads wait, with
// the reason shown, until the facilitator approves the de-identified text as the second
// person; then the Word report and the signed shared JSON carry no name of the demo registry
// nor of the staff, and the JSON validates against the published JSON Schema.
import fs from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import JSZip from 'jszip'
import { type Browser, type BrowserContext, type Page } from '@playwright/test'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { applyCommands } from '../../app/domain/review-doc'
import { expect, test, expectAccessible, signIn } from './support'

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3210}`
const REVIEW_TITLE = 'Near fatality review - infant, northern district'
const DEMO_REGISTRY = [
  'Ruby',
  'Calder',
  'Tessa',
  'Darren',
  'Pike',
  'Priya',
  'Raman',
  'Glen',
  'Osei',
  'Hana',
  'Walsh',
  'Fort Ellis',
  'Larch',
  'CFS-2024-10377',
  '867-555-0143',
]
const FINDING = 'Tessie told the nurse on 2025-02-20 that the Brightwater drop-in had closed, and Priya Raman had 31 families. Wren Worker agreed.'

async function openReview(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ acceptDownloads: true })
  const page = await context.newPage()
  await signIn(page, email)
  await page.getByRole('link', { name: REVIEW_TITLE }).click()
  await expect(page.getByRole('heading', { level: 1, name: REVIEW_TITLE })).toBeVisible()
  return { context, page }
}

/** Writes into the review's shared document through the live room, as any editor's client does. */
async function writeThroughRoom(context: BrowserContext, reviewId: string, write: (ydoc: Y.Doc) => void) {
  const cookie = (await context.cookies(baseURL)).map(c => `${c.name}=${c.value}`).join('; ')
  class SignedInWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin: baseURL } })
    }
  }
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(baseURL.replace(/^http/, 'ws') + '/collab', `review:${reviewId}`, ydoc, {
    WebSocketPolyfill: SignedInWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the client did not sync')), 10_000)
    provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  write(ydoc)
  // Closing waits for the server's answer, so it has read everything sent before.
  const closed = new Promise<void>(resolve => provider.once('connection-close', () => resolve()))
  provider.ws?.close()
  await closed
  provider.destroy()
  ydoc.destroy()
}

const currentPhase = (page: Page) => page.locator('.phase-steps li[aria-current="step"]')

function namesIn(text: string): string[] {
  return DEMO_REGISTRY.filter(name => text.includes(name))
}

test('the QI lead resolves residual candidates and exports a de-identified review', async ({ browser }) => {
  test.setTimeout(180_000)

  // The facilitator moves the demo review forward, one phase at a time, to approval.
  const facilitator = await openReview(browser, 'facilitator@northwind.example')
  const reviewId = /\/reviews\/([^/?#]+)/.exec(facilitator.page.url())![1]!
  for (let step = 0; step < 8 && (await currentPhase(facilitator.page).textContent()) !== 'Approval'; step++) {
    const before = await currentPhase(facilitator.page).textContent()
    await facilitator.page.getByRole('button', { name: /^Move on to / }).click()
    // Phases with open checklist items ask first (the demo has some in most phases).
    const anyway = facilitator.page.getByRole('button', { name: 'Move on anyway' })
    if (await anyway.isVisible()) await anyway.click()
    await expect(currentPhase(facilitator.page)).not.toHaveText(before ?? '')
  }
  await expect(currentPhase(facilitator.page)).toHaveText('Approval')

  // A finding and a recommendation that mention someone the registry does not know.
  await writeThroughRoom(facilitator.context, reviewId, ydoc => {
    applyCommands(ydoc, [
      {
        type: 'addFinding',
        id: 'e2e-export-finding',
        body: FINDING,
        status: 'agreed',
        valueTags: [{ value: 'family_centered', rationale: 'Tessie needed a place to go' }],
      },
      {
        type: 'addRecommendation',
        text: 'The city should keep the Brightwater drop-in open so that Tessa Calder and families like hers have somewhere to go.',
        findingIds: ['e2e-export-finding'],
        strength: 'stronger',
        dueDate: '2025-12-31',
      },
    ])
  })
  // Other members of the review, the facilitator included, cannot export (the integration
  // tests cover every role; signing in once more per role here would only slow the suite).
  await expect(facilitator.page.getByRole('link', { name: 'Export the de-identified review' })).toHaveCount(0)

  // The QI lead: residual candidates first, downloads blocked until they are resolved.
  const { context, page } = await openReview(browser, 'qi@northwind.example')
  await page.getByRole('link', { name: 'Export the de-identified review' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /De-identified export/ })).toBeVisible()
  const residuals = page.getByRole('table', { name: 'Words to resolve before exporting' })
  const tessie = residuals.getByRole('row', { name: /Tessie/ })
  const brightwater = residuals.getByRole('row', { name: /Brightwater/ })
  await expect(tessie).toBeVisible()
  await expect(brightwater).toBeVisible()
  await expect(page.getByRole('button', { name: /^Download – Report for leadership/ })).toBeDisabled()
  await expect(page.getByRole('button', { name: /^Download – Shared data/ })).toBeDisabled()
  await expectAccessible(page)

  // The preview highlights every replacement, with its kind, and the residual candidates.
  const preview = page.getByRole('table', { name: 'Preview of the de-identified text' })
  await expect(preview.locator('mark.export-replaced[title="Replaced: person"]').first()).toBeVisible()
  await expect(preview.locator('mark.export-replaced[title="Replaced: calendar date"]').first()).toBeVisible()
  await expect(preview.locator('mark.export-residual', { hasText: 'Tessie' }).first()).toHaveAttribute('title', 'Residual candidate: check this word')
  // Found by its text: other tests may have added findings to the demo review before this one.
  const findingRow = preview.getByRole('row').filter({ hasText: 'drop-in had closed' })
  await expect(findingRow.getByRole('cell').nth(0)).toContainText('Priya Raman')
  await expect(findingRow.getByRole('cell').nth(1)).toContainText('Caseworker 1 had 31 families')
  await expect(findingRow.getByRole('cell').nth(1)).not.toContainText('Priya')

  // "Tessie" is the mother: add it to the registry as her alias.
  await tessie.getByLabel(/^Person/).selectOption({ label: 'Tessa Calder (appears as “Mother”)' })
  await tessie.getByRole('button', { name: /^Add to registry as alias/ }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Added to the registry as an alias.' })).toBeVisible()
  await expect(residuals.getByRole('row', { name: /Tessie/ })).toHaveCount(0)
  await expect(findingRow.getByRole('cell').nth(1)).toContainText('Mother told the nurse on Day -26')

  // "Brightwater" is a programme, not a person: mark it safe.
  await brightwater.getByRole('button', { name: /^Mark safe/ }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Marked safe.' })).toBeVisible()
  // Other tests may have left their own unregistered words in the demo review: marked safe too.
  for (let left = await residuals.getByRole('row').count(); left > 1; left = await residuals.getByRole('row').count()) {
    await residuals
      .getByRole('row')
      .nth(1)
      .getByRole('button', { name: /^Mark safe/ })
      .click()
    await expect(residuals.getByRole('row')).not.toHaveCount(left)
  }
  await expect(page.getByText('No residual candidates are left')).toBeVisible()
  await expect(page.getByRole('table', { name: 'Words marked safe' }).getByRole('row', { name: /Brightwater/ })).toBeVisible()
  // The staff member was never a candidate: the review knows its staff.
  await expect(findingRow.getByRole('cell').nth(1)).not.toContainText('Wren')

  // Resolved, but not approved: downloads wait, and say for what.
  const blocked = page.locator('#export-blocked')
  await expect(blocked).toContainText('Downloads wait for the QI lead to approve the findings.')
  await expect(blocked).toContainText('Downloads wait for a second person to approve the de-identified text.')
  await expect(page.getByRole('button', { name: /^Download – Report for leadership/ })).toBeDisabled()
  await page.getByRole('button', { name: 'Approve the findings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Approved.' })).toBeVisible()
  await expect(page.getByText(/^Approved by Quinn Quality on /)).toBeVisible()
  // The QI lead resolved candidates, so the text is a second person's to approve.
  await expect(page.getByRole('button', { name: 'Approve the de-identified text' })).toHaveCount(0)
  await expect(page.getByText('You resolved residual candidates of this review, so a second person must approve the de-identified text.')).toBeVisible()
  await expect(blocked).not.toContainText('approve the findings')
  await expect(page.getByRole('button', { name: /^Download – Report for leadership/ })).toBeDisabled()
  await expectAccessible(page)

  // The facilitator reads the de-identified preview and approves it; they cannot download.
  await facilitator.page.goto(`/reviews/${reviewId}/export`)
  await expect(facilitator.page.getByRole('heading', { level: 1, name: /De-identified export/ })).toBeVisible()
  await expect(facilitator.page.getByRole('button', { name: /^Download/ })).toHaveCount(0)
  await expect(facilitator.page.getByRole('button', { name: 'Approve the findings' })).toHaveCount(0)
  await facilitator.page.getByRole('button', { name: 'Approve the de-identified text' }).click()
  await expect(facilitator.page.getByText(/^Approved by Farah Facilitator on /)).toBeVisible()
  await expectAccessible(facilitator.page)
  await facilitator.context.close()

  await page.reload()
  await expect(page.locator('#export-blocked')).toHaveCount(0)

  // The Word report.
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download – Report for leadership/ }).click()])
  expect(docx.suggestedFilename()).toMatch(/^scir-nw-demo-[0-9a-f]{12}\.docx$/)
  const zip = await JSZip.loadAsync(fs.readFileSync((await docx.path())!))
  const documentXml = await zip.file('word/document.xml')!.async('string')
  const docText = documentXml.replace(/<[^>]+>/g, '')
  expect(docText).toContain('De-identified review report')
  expect(docText).toContain('Mother told the nurse')
  expect(namesIn(docText)).toEqual([])

  // The shared data file: valid against the published JSON Schema, no name of the registry.
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download – Shared data/ }).click()])
  expect(jsonDownload.suggestedFilename()).toMatch(/^scir-nw-demo-[0-9a-f]{12}\.json$/)
  const text = fs.readFileSync((await jsonDownload.path())!, 'utf8')
  const json = JSON.parse(text) as {
    format: string
    findings: { text: string }[]
    recommendations: { text: string; dueDate: string | null }[]
    signature: { algorithm: string; keyId: string }
  }
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  addFormats(ajv)
  const validate = ajv.compile(JSON.parse(fs.readFileSync('docs/export/shared-review.schema.json', 'utf8')) as object)
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
  expect(json.format).toBe('scir-shared-review/2')
  expect(json.signature).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{32}$/) })
  expect(namesIn(text)).toEqual([])
  expect(text).not.toMatch(/Tessie|Wren|\bWorker\b|worker@northwind/)
  const finding = json.findings.map(f => f.text).find(f => f.startsWith('Mother told the nurse on Day -26'))
  expect(finding).toMatch(/^Mother told the nurse on Day -26 that the Brightwater drop-in had closed, and Caseworker 1 had 31 families\. \S.* agreed\.$/)
  // A due date is the agency's, not the case's: kept as a date, not a day from the incident.
  expect(json.recommendations.map(r => r.dueDate)).toContain('2025-12-31')

  // Both exports are in the history, by the QI lead.
  await page.reload()
  const history = page.getByRole('table', { name: 'Every export of this review' })
  await expect(history.getByRole('row', { name: /Quinn Quality/ })).toHaveCount(2)
  await expect(history.getByRole('row', { name: /Report for leadership/ })).toBeVisible()
  await expect(history.getByRole('row', { name: /Shared data/ })).toBeVisible()
  await context.close()
})
