import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { canonicalJson } from '../../app/domain/export/canonical'
import { expect, test, expectAccessible, signIn, signOut } from './support'

const sharedReview = path.resolve('tests/fixtures/trends/shared-review.json')

// RV-DEMO is not on this system: its exports are signed here with a key of its own, and
// Lakeshore's admin registers that key's public half, as they would from RV-DEMO's settings.
const riverside = crypto.generateKeyPairSync('ed25519')
const riversidePublicKey = riverside.publicKey.export({ type: 'spki', format: 'pem' }).toString()
function signed(review: Record<string, unknown>): Buffer {
  const { signature: _none, ...unsigned } = review
  const keyId = crypto
    .createHash('sha256')
    .update(riverside.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32)
  const value = crypto.sign(null, Buffer.from(canonicalJson(unsigned), 'utf8'), riverside.privateKey).toString('base64')
  return Buffer.from(JSON.stringify({ ...unsigned, signature: { algorithm: 'Ed25519', keyId, value } }))
}
const fixtureReview = JSON.parse(fs.readFileSync(sharedReview, 'utf8')) as Record<string, unknown>

// Lakeshore's admin imports a third jurisdiction's exports: Lakeshore has no reviews of its own
// that the other end-to-end tests change, so every count below is the fixture's alone.
test('an admin imports a shared review and the network trends count it, small counts hidden', async ({ page }) => {
  await signIn(page, 'admin@lakeshore.example')

  // Settings: Lakeshore's own public key to hand out, and RV-DEMO's to register.
  await page.goto('/admin/settings')
  await expect(page.getByLabel('Public key of LK-DEMO')).toHaveValue(/^-----BEGIN PUBLIC KEY-----/)
  await page.getByLabel('Jurisdiction code').fill('RV-DEMO')
  await page.getByLabel(/^Its public key/).fill('not a key')
  await page.getByRole('button', { name: 'Register the key' }).click()
  await expect(page.getByRole('alert')).toContainText('This is not an Ed25519 public key in PEM form.')
  await page.getByLabel('Jurisdiction code').fill('RV-DEMO')
  await page.getByLabel(/^Its public key/).fill(riversidePublicKey)
  await page.getByRole('button', { name: 'Register the key' }).click()
  await expect(page.getByRole('status')).toHaveText('Public key registered. Exports signed with it can now be imported.')
  await expect(page.getByRole('table', { name: 'Registered public keys' }).getByRole('row', { name: /RV-DEMO/ })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Trends' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Trends' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Our reviews', exact: true })).toHaveAttribute('aria-current', 'page')
  await expectAccessible(page)

  // A broken file: every problem listed, nothing imported.
  await page
    .getByLabel('Shared review files (.json, one or more)')
    .setInputFiles([{ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"scir-shared-review/1","sharedId":"nope"}') }])
  await page.getByRole('button', { name: 'Check and import' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('Nothing was imported')
  await expect(alert).toContainText('broken.json, at /sharedId:')
  await expect(alert).toContainText('broken.json, at /review:')
  await expect(page.getByText('No shared reviews have been imported yet.')).toBeVisible()
  await expectAccessible(page)

  // Unsigned, or changed after signing: refused, each with its reason.
  const tampered = JSON.parse(signed({ ...fixtureReview, sharedId: 'f'.repeat(32) }).toString()) as Record<string, unknown>
  tampered.review = { ...(tampered.review as Record<string, unknown>), incidentYear: 2019 }
  await page.getByLabel('Shared review files (.json, one or more)').setInputFiles([
    { name: 'unsigned.json', mimeType: 'application/json', buffer: fs.readFileSync(sharedReview) },
    { name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) },
  ])
  await page.getByRole('button', { name: 'Check and import' }).click()
  await expect(page.getByRole('alert')).toContainText('unsigned.json, at /signature: the review is not signed')
  await expect(page.getByRole('alert')).toContainText('tampered.json, at /signature: the signature does not match the content')
  await expect(page.getByText('No shared reviews have been imported yet.')).toBeVisible()

  // The synthetic RV-DEMO export, signed.
  await page
    .getByLabel('Shared review files (.json, one or more)')
    .setInputFiles({ name: 'shared-review.json', mimeType: 'application/json', buffer: signed(fixtureReview) })
  await page.getByRole('button', { name: 'Check and import' }).click()
  await expect(page.getByRole('status')).toHaveText('1 shared review imported from RV-DEMO (1) (new: 1, replaced: 0).')
  const imported = page.getByRole('table', { name: /Shared reviews imported into/ })
  await expect(imported.getByRole('row', { name: /RV-DEMO/ })).toContainText('1')

  // The own view does not count it...
  const sources = page.getByRole('table', { name: 'Reviews counted, by jurisdiction' })
  await expect(sources.getByRole('row', { name: /RV-DEMO/ })).toHaveCount(0)

  // ...the network view does, and says so with "<10" for its small counts.
  await page.getByRole('link', { name: 'Our reviews and the network' }).click()
  await expect(page).toHaveURL(/view=network/)
  await expect(page.getByRole('link', { name: 'Our reviews and the network' })).toHaveAttribute('aria-current', 'page')
  const riverside = sources.getByRole('row', { name: /RV-DEMO/ })
  await expect(riverside).toContainText('<10')
  await expect(riverside).toContainText('fewer than 10')

  // The fixture's findings: three, each a small count, none shown as a number.
  const findings = page.getByRole('table', { name: 'Findings by core value and systemic factor domain' })
  await expect(findings.getByRole('row', { name: /Systems-focused/ })).toContainText('<10')
  await expect(findings.getByRole('columnheader', { name: 'Worker and team' })).toBeVisible()
  const recommendations = page.getByRole('table', { name: 'Recommendations by strength and status' })
  await expect(recommendations.getByRole('row', { name: /Stronger/ })).toContainText('<10')
  // With only small counts there is nothing a chart may draw; it says so.
  await expect(page.getByText('Every count here is 0, under 10 or withheld').first()).toBeVisible()
  await expectAccessible(page)

  // More of the network: twelve more synthetic reviews in one upload of several files.
  const more = Array.from({ length: 12 }, (_, i) => ({
    name: `lakeshore-${i + 1}.json`,
    mimeType: 'application/json',
    buffer: signed({ ...fixtureReview, sharedId: (i + 1).toString(16).padStart(32, 'a') }),
  }))
  await page.getByLabel('Shared review files (.json, one or more)').setInputFiles(more)
  await page.getByRole('button', { name: 'Check and import' }).click()
  await expect(page.getByRole('status')).toHaveText('12 shared reviews imported from RV-DEMO (12) (new: 12, replaced: 0).')
  // Thirteen reviews from Lakeshore: their counts reach 10 and show; zeros were never hidden.
  const workforce = findings.getByRole('row', { name: /Workforce-informed/ })
  await expect(workforce.getByRole('cell').first()).toHaveText('0')
  await expect(workforce).toContainText('13')
  // Charts are drawn from the shown counts and carry a text alternative.
  await expect(page.getByRole('img', { name: 'Chart: Findings by core value and systemic factor domain' })).toBeVisible()
  await expect(page.getByRole('img', { name: 'Chart: Recommendations by strength and status' })).toBeVisible()
  await expectAccessible(page)

  // In French, the same page.
  await page.getByRole('button', { name: 'Afficher en français' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tendances' })).toBeVisible()
  const sourcesFr = page.getByRole('table', { name: 'Examens dénombrés, par administration' })
  await expect(sourcesFr.getByRole('row', { name: /RV-DEMO/ })).toContainText('13')
  await expectAccessible(page)
  await page.getByRole('button', { name: /English/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Trends' })).toBeVisible()
  await signOut(page)
})

test('a staff member sees what changed in the reviews they took part in', async ({ page }) => {
  await signIn(page, 'worker@northwind.example')
  await page.getByRole('link', { name: 'What changed' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'What changed' })).toBeVisible()
  const review = page
    .getByRole('region')
    .filter({ has: page.getByRole('heading', { level: 2 }) })
    .first()
  await expect(review).toContainText('Your role: Staff contributor')
  // Only their reviews: the recent demo review they are not on is not listed.
  await expect(page.getByRole('heading', { level: 2, name: /Serious injury review - school-age child/ })).toHaveCount(0)
  await expectAccessible(page)

  // Trends are open to every signed-in user of the jurisdiction; importing is not.
  await page.getByRole('link', { name: 'Trends' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Trends' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Check and import' })).toHaveCount(0)
  await expectAccessible(page)
})
