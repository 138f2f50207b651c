import { type Browser, type Page } from '@playwright/test'
import { expect, test, expectAccessible, signIn } from './support'

// Northwind's demo seed puts the facilitator, panel member and QI lead in the North office and
// the worker, observer and non-member in the South office.

/** A fresh browser (own cookies, own language) signed in as this user, failing on console errors. */
async function as(browser: Browser, email: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', msg => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  page.on('pageerror', error => errors.push(error.message))
  await signIn(page, email)
  return {
    page,
    done: async () => {
      expect(errors, 'console errors').toEqual([])
      await context.close()
    },
  }
}

async function answer(page: Page, statements: [string, string][], submit: string) {
  for (const [statement, choice] of statements) {
    await page.getByRole('group', { name: statement }).getByLabel(choice, { exact: true }).check()
  }
  await page.getByRole('button', { name: submit }).click()
}

test('three people answer in English and French; the admin sees results for all units and "not enough responses" for each small unit', async ({ browser }) => {
  test.setTimeout(120_000)
  // The admin lowers the threshold to 3 and opens a survey of both offices.
  const admin = await as(browser, 'admin@northwind.example')
  await admin.page.getByRole('link', { name: 'Surveys', exact: true }).click()
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Safety-culture surveys' })).toBeVisible()
  await admin.page.getByLabel(/Show a unit’s results only when/).fill('3')
  await admin.page.getByRole('button', { name: 'Save' }).click()
  await expect(admin.page.getByRole('status')).toHaveText('Minimum number of responses saved.')
  await admin.page.getByLabel('Title', { exact: true }).fill('Autumn pulse')
  await expect(admin.page.getByLabel('Wren Worker (South office)')).toBeChecked()
  await admin.page.getByRole('button', { name: 'Open the survey' }).click()
  await expect(admin.page.getByRole('status')).toHaveText('Survey opened; the people invited see it on their home page.')
  const waves = admin.page.getByRole('table', { name: 'Surveys of your jurisdiction' })
  await expect(waves.getByRole('row', { name: /Autumn pulse/ })).toContainText('0 of 6')
  await expectAccessible(admin.page)

  // The facilitator (North) answers in English from the home page.
  const farah = await as(browser, 'facilitator@northwind.example')
  await expect(farah.page.getByRole('heading', { name: 'A survey is waiting for you' })).toBeVisible()
  await farah.page.getByRole('link', { name: /Answer “Autumn pulse”/ }).click()
  await expect(farah.page.getByRole('heading', { level: 1, name: 'Autumn pulse' })).toBeVisible()
  const surveyUrl = farah.page.url()
  await expect(farah.page.getByText(/stored without your name/)).toBeVisible()
  await expectAccessible(farah.page)
  await answer(
    farah.page,
    [
      ['In my unit, keeping children safe comes before finishing paperwork on time.', 'Agree'],
      ['I can raise a worry about a child’s safety here, even when others disagree.', 'Strongly agree'],
      ['I feel drained at the end of the workday.', 'Disagree'],
    ],
    'Submit my answers',
  )
  await expect(farah.page.getByRole('status')).toHaveText('Thank you. Your answers are recorded.')
  // Once only: the survey is gone from the home page and cannot be answered again.
  await farah.page.getByRole('link', { name: 'My reviews' }).click()
  await expect(farah.page.getByRole('heading', { name: 'A survey is waiting for you' })).toHaveCount(0)
  await farah.page.goto(surveyUrl)
  await expect(farah.page.getByRole('status')).toHaveText('You have already answered this survey. Thank you.')
  await expect(farah.page.getByRole('button', { name: 'Submit my answers' })).toHaveCount(0)
  await farah.done()

  // The panel member (North) answers in French.
  const paulo = await as(browser, 'panel@northwind.example')
  await paulo.page.getByRole('button', { name: 'Afficher en français' }).click()
  await expect(paulo.page.getByRole('heading', { name: 'Un sondage vous attend' })).toBeVisible()
  await paulo.page.getByRole('link', { name: /Répondre à « Autumn pulse »/ }).click()
  await expect(paulo.page.getByRole('heading', { level: 2, name: 'Sécurité psychologique' })).toBeVisible()
  await answer(
    paulo.page,
    [
      ['Dans mon unité, la sécurité des enfants passe avant les délais administratifs.', 'D’accord'],
      ['Si je faisais une erreur dans mon unité, on me la reprocherait.', 'Tout à fait en désaccord'],
    ],
    'Envoyer mes réponses',
  )
  await expect(paulo.page.getByRole('status')).toHaveText('Merci. Vos réponses sont enregistrées.')
  await expectAccessible(paulo.page)
  await paulo.done()

  // The worker (South) answers in English, with a comment.
  const wren = await as(browser, 'worker@northwind.example')
  await wren.page.getByRole('link', { name: /Answer “Autumn pulse”/ }).click()
  await answer(wren.page, [['In my unit, keeping children safe comes before finishing paperwork on time.', 'Disagree']], 'Submit my answers')
  await expect(wren.page.getByRole('status')).toHaveText('Thank you. Your answers are recorded.')
  await wren.done()

  // No results while the survey is open; the admin closes it.
  await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Survey results' }).click()
  await expect(admin.page.getByText('No survey has closed yet.')).toBeVisible()
  await admin.page.getByRole('link', { name: 'Surveys', exact: true }).click()
  await expect(waves.getByRole('row', { name: /Autumn pulse/ })).toContainText('3 of 6')
  await admin.page.getByRole('button', { name: 'Close “Autumn pulse” now' }).click()
  await expect(admin.page.getByRole('status')).toHaveText('Survey closed. Its results are now on the results page.')

  // Results: all units shown (3 people), each office under the threshold of 3.
  await admin.page.getByRole('link', { name: 'See the results' }).click()
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Safety-culture survey results' })).toBeVisible()
  const climate = admin.page.getByRole('table', { name: 'Safety climate: percent positive by unit and survey' })
  await expect(climate.getByRole('row', { name: /All units/ })).toContainText('67%')
  await expect(climate.getByRole('row', { name: /All units/ })).toContainText('3 people')
  await expect(climate.getByRole('row', { name: /North office/ })).toContainText('Not enough responses')
  await expect(climate.getByRole('row', { name: /South office/ })).toContainText('Not enough responses')
  await expect(admin.page.getByRole('img', { name: /Chart: Safety climate: percent positive/ })).toBeVisible()
  await expectAccessible(admin.page)

  // The CSV holds aggregates only, hidden cells without a number.
  const csv = await (await admin.page.request.get('/surveys/results.csv')).text()
  expect(csv).toContain('wave,unit,status,respondents')
  expect(csv).toMatch(/Autumn pulse,North office,too-few,,/)
  expect(csv).toMatch(/Autumn pulse,All units,shown,3,composite,safety_climate/)

  // The trends page shows the survey beside review learning.
  await admin.page.getByRole('link', { name: 'Trends' }).click()
  const beside = admin.page.getByRole('table', { name: 'Survey composites and review learning, per survey period' })
  await expect(beside.getByRole('row', { name: /Autumn pulse/ })).toContainText('67%')
  await expectAccessible(admin.page)
  await admin.done()
})
