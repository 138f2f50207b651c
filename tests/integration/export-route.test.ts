// The export page and its download route against a real database: who may use them, what the
// page shows before and after approval, resolving residual candidates (alias, identifier,
// safe, undo), and downloads with their headers and records.
import { beforeAll, describe, expect, it } from 'vitest'
import { readReviewDoc } from '~/domain/review-doc'
import { sharedReviewSchema } from '~/domain/export'
import { reviewDocName } from '~/models/review-doc.server'
import * as reviewRoute from '~/routes/reviews.$reviewId'
import * as exportRoute from '~/routes/reviews.$reviewId_.export'
import * as downloadRoute from '~/routes/reviews.$reviewId_.export_.download'
import { prisma } from '~/utils/db.server'
import { loadStoredDoc } from '~/utils/review-doc-gateway.server'
import { calderCommands, CALDER_INCIDENT } from '../fixtures/export/calder'
import { exportJurisdiction, exportReviewWith } from '../fixtures/export/db'
import { compileSharedReviewJsonSchema } from '../fixtures/export/json-schema'
import { buildRequest, cookieFor, makeUser, outcomeOf } from '../support/fixtures'

type Actor = 'qi' | 'facilitator' | 'panel' | 'observer' | 'contributor' | 'admin' | 'outsider' | 'foreign'

let reviewId: string
let earlyReviewId: string
const cookies = {} as Record<Actor, string>
const users = {} as Record<Actor, { id: string }>

beforeAll(async () => {
  const jurisdiction = await exportJurisdiction()
  const other = await exportJurisdiction()
  const make = async (actor: Actor, jurisdictionId: string, isAdmin = false) => {
    users[actor] = await makeUser(jurisdictionId, { isAdmin, name: `The ${actor}` })
    cookies[actor] = (await cookieFor(users[actor].id)).cookie
  }
  await make('qi', jurisdiction.id)
  await make('facilitator', jurisdiction.id)
  await make('panel', jurisdiction.id)
  await make('observer', jurisdiction.id)
  await make('contributor', jurisdiction.id)
  await make('admin', jurisdiction.id, true)
  await make('outsider', jurisdiction.id)
  await make('foreign', other.id, true)
  const members = [
    { userId: users.qi.id, role: 'qi_lead' as const },
    { userId: users.facilitator.id, role: 'facilitator' as const },
    { userId: users.panel.id, role: 'panel_member' as const },
    { userId: users.observer.id, role: 'observer' as const },
    { userId: users.contributor.id, role: 'staff_contributor' as const },
  ]
  reviewId = (await exportReviewWith({ jurisdictionId: jurisdiction.id, commands: calderCommands, incidentDate: CALDER_INCIDENT, members })).id
  earlyReviewId = (
    await exportReviewWith({ jurisdictionId: jurisdiction.id, commands: calderCommands, incidentDate: CALDER_INCIDENT, members, phase: 'findings' })
  ).id
})

const page = (actor: Actor, id = reviewId) =>
  exportRoute.loader({ request: buildRequest(`/reviews/${id}/export`, { cookie: cookies[actor] }), params: { reviewId: id }, context: {} })
const act = (actor: Actor, form: Record<string, string>, id = reviewId) =>
  exportRoute.action({ request: buildRequest(`/reviews/${id}/export`, { cookie: cookies[actor], form }), params: { reviewId: id }, context: {} })
const download = (actor: Actor, format: string, id = reviewId) =>
  downloadRoute.action({
    request: buildRequest(`/reviews/${id}/export/download`, { cookie: cookies[actor], form: { format } }),
    params: { reviewId: id },
    context: {},
  })

async function pageData(actor: Actor = 'qi', id = reviewId) {
  const response = await page(actor, id)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  return response.json()
}

async function candidateId(word: string) {
  const data = await pageData()
  if (!data.open) throw new Error('not open')
  const found = data.residuals.find(r => r.text === word)
  if (!found) throw new Error(`${word} is not listed`)
  return found.id
}

describe('who may export', () => {
  it('only the QI lead resolves and downloads; the facilitator and panel see the page to approve the text; others are refused (403) or do not see the review (404)', async () => {
    const expected: Record<Actor, Awaited<ReturnType<typeof outcomeOf>>> = {
      qi: 'ok',
      facilitator: 403,
      panel: 403,
      observer: 403,
      contributor: 403,
      admin: 403,
      outsider: 404,
      foreign: 404,
    }
    const pageFor = { ...expected, facilitator: 'ok', panel: 'ok' } as const
    for (const actor of Object.keys(expected) as Actor[]) {
      expect(await outcomeOf(() => page(actor)), `${actor} page`).toBe(pageFor[actor])
      expect(await outcomeOf(() => act(actor, { intent: 'mark-safe', candidateId: 'rc-x' })), `${actor} action`).toBe(
        expected[actor] === 'ok' ? 400 : expected[actor],
      )
      // A download before the approvals is refused back to the page, which says why.
      const refused = await outcomeOf(() => download(actor, 'json'))
      expect(refused, `${actor} download`).toBe(expected[actor])
    }
    expect(await prisma.exportRecord.count({ where: { reviewId } })).toBe(0)
  })

  it('links the page from the review for the QI lead only', async () => {
    const linkFor = async (actor: Actor) => {
      const response = await reviewRoute.loader({
        request: buildRequest(`/reviews/${reviewId}`, { cookie: cookies[actor] }),
        params: { reviewId },
        context: {},
      })
      return (await response.json()).canExport
    }
    expect(await linkFor('qi')).toBe(true)
    expect(await linkFor('facilitator')).toBe(false)
    expect(await linkFor('panel')).toBe(false)
  })
})

describe('before approval', () => {
  it('says when exports open and offers nothing', async () => {
    const data = await pageData('qi', earlyReviewId)
    expect(data).toMatchObject({ open: false, review: { phase: 'findings' } })
    expect(data).not.toHaveProperty('previews')
    expect(await outcomeOf(() => act('qi', { intent: 'mark-safe', candidateId: 'rc-x' }, earlyReviewId))).toBe(400)
    const refused = await download('qi', 'docx', earlyReviewId)
    expect(refused.status).toBe(303)
    expect(refused.headers.get('Location')).toBe(`/reviews/${earlyReviewId}/export?refused=phase`)
  })
})

describe('after approval', () => {
  it('previews every text beside its de-identified form and lists the residual candidates', async () => {
    const data = await pageData()
    if (!data.open) throw new Error('not open')
    expect(data.residuals.map(r => r.text).sort()).toEqual(['Brightwater', 'Kayleigh', 'Tessie'])
    expect(data.residuals.find(r => r.text === 'Tessie')!.occurrences.map(o => o.where.pointer)).toEqual(['/timeline/1/text', '/findings/0/text'])
    const first = data.previews.find(p => p.where.pointer === '/timeline/0/text')!
    expect(first.original).toContain('Tessa Calder')
    expect(first.anonymised).not.toContain('Calder')
    expect(first.replacements.map(r => r.kind)).toEqual(expect.arrayContaining(['person', 'identifier', 'age', 'place']))
    expect(data.people.map(p => p.pseudonym)).toContain('Mother')
    expect(data.history).toEqual([])
    expect(data.safe).toEqual([])
  })

  it('refuses downloads while candidates are unresolved', async () => {
    const refused = await download('qi', 'json')
    expect(refused.status).toBe(303)
    expect(refused.headers.get('Location')).toBe(`/reviews/${reviewId}/export?refused=residuals`)
    expect(await prisma.exportRecord.count({ where: { reviewId } })).toBe(0)
    expect(await outcomeOf(() => download('qi', 'pdf'))).toBe(400)
  })

  it('marks a word safe, and takes it back', async () => {
    const id = await candidateId('Brightwater')
    const done = await act('qi', { intent: 'mark-safe', candidateId: id })
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe(`/reviews/${reviewId}/export?done=markedSafe`)
    let data = await pageData()
    if (!data.open) throw new Error('not open')
    expect(data.residuals.map(r => r.text)).not.toContain('Brightwater')
    expect(data.safe).toEqual([expect.objectContaining({ text: 'Brightwater', decidedBy: 'The qi' })])

    const undone = await act('qi', { intent: 'undo-safe', decisionId: data.safe[0]!.id })
    expect(undone.headers.get('Location')).toBe(`/reviews/${reviewId}/export?done=unmarked`)
    data = await pageData()
    if (!data.open) throw new Error('not open')
    expect(data.residuals.map(r => r.text)).toContain('Brightwater')
    // The audit trail names the candidate, never its text.
    const audit = await prisma.auditEvent.findMany({ where: { reviewId, action: { startsWith: 'export.residual' } } })
    expect(audit.map(a => a.action)).toEqual(['export.residual-marked-safe', 'export.residual-unmarked'])
    for (const a of audit) expect(a.detail).not.toContain('Brightwater')
  })

  it('refuses what it cannot do, with a message', async () => {
    const unknown = await act('qi', { intent: 'mark-safe', candidateId: 'rc-nothing' })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ error: 'export.errors.noSuchCandidate' })
    const noPerson = await act('qi', { intent: 'add-alias', candidateId: await candidateId('Tessie'), personId: 'nobody' })
    expect(noPerson.status).toBe(400)
    expect(await noPerson.json()).toMatchObject({ error: 'export.errors.noSuchPerson' })
  })

  it('adds a word to the registry as an alias, through the review document', async () => {
    const done = await act('qi', { intent: 'add-alias', candidateId: await candidateId('Tessie'), personId: 'm' })
    expect(done.headers.get('Location')).toBe(`/reviews/${reviewId}/export?done=aliasAdded`)
    const doc = await loadStoredDoc(reviewDocName(reviewId))
    expect(readReviewDoc(doc).doc.people.find(p => p.id === 'm')!.aliases).toEqual(['Tess', 'Ms. Calder', 'Tessie'])
    const data = await pageData()
    if (!data.open) throw new Error('not open')
    expect(data.residuals.map(r => r.text)).not.toContain('Tessie')
    const finding = data.previews.find(p => p.where.pointer === '/findings/0/text')!
    expect(finding.anonymised).toContain('Mother was not seen')
  })

  it('resolves a word as a place with its label, an identifier with its kind, or an alias of a staff member, for every occurrence', async () => {
    const id = (
      await exportReviewWith({
        jurisdictionId: (await prisma.review.findUniqueOrThrow({ where: { id: reviewId } })).jurisdictionId,
        commands: calderCommands,
        incidentDate: CALDER_INCIDENT,
        members: [
          { userId: users.qi.id, role: 'qi_lead' },
          { userId: users.contributor.id, role: 'staff_contributor' },
        ],
      })
    ).id
    const listed = async () =>
      (await pageData('qi', id)) as { residuals: { id: string; text: string }[]; people: { id: string; name: string; pseudonym: string | null }[] }
    const idOf = async (word: string) => (await listed()).residuals.find(r => r.text === word)!.id
    // The people offered include the staff, who are not in the document's registry.
    const staffOption = (await listed()).people.find(p => p.id === `user:${users.contributor.id}`)
    expect(staffOption).toMatchObject({ name: 'The contributor' })

    const noLabel = await act('qi', { intent: 'add-place', candidateId: await idOf('Brightwater'), label: '  ' }, id)
    expect(await noLabel.json()).toMatchObject({ error: 'export.errors.placeLabel' })
    const place = await act('qi', { intent: 'add-place', candidateId: await idOf('Brightwater'), label: 'the day camp', placeKind: 'school' }, id)
    expect(place.headers.get('Location')).toBe(`/reviews/${id}/export?done=placeAdded`)
    const identifier = await act('qi', { intent: 'add-identifier', candidateId: await idOf('Tessie'), identifierKind: 'file_number' }, id)
    expect(identifier.headers.get('Location')).toBe(`/reviews/${id}/export?done=identifierAdded`)
    const staff = await act('qi', { intent: 'add-alias', candidateId: await idOf('Kayleigh'), personId: `user:${users.contributor.id}` }, id)
    expect(staff.headers.get('Location')).toBe(`/reviews/${id}/export?done=aliasAdded`)

    const doc = readReviewDoc(await loadStoredDoc(reviewDocName(id))).doc
    expect(doc.places.find(p => p.name === 'Brightwater')).toMatchObject({ kind: 'school', label: 'the day camp' })
    expect(doc.identifiers.find(i => i.value === 'Tessie')).toMatchObject({ kind: 'file_number' })
    const after = (await pageData('qi', id)) as { residuals: unknown[]; previews: { original: string; anonymised: string }[] }
    expect(after.residuals).toEqual([])
    const all = after.previews.map(p => p.anonymised).join('\n')
    expect(all).not.toMatch(/Brightwater|Tessie|Kayleigh/)
    expect(all).toContain('the day camp')
    expect(all).toContain(staffOption!.pseudonym ?? 'Staff member')
    const decisions = await prisma.residualDecision.findMany({ where: { reviewId: id }, orderBy: { decidedAt: 'asc' } })
    expect(decisions.map(d => [d.decision, d.kind, d.label, d.personRef])).toEqual([
      ['place', 'school', 'the day camp', null],
      ['identifier', 'file_number', null, null],
      ['person', null, null, `user:${users.contributor.id}`],
    ])
    const audit = await prisma.auditEvent.findMany({ where: { reviewId: id, action: { startsWith: 'export.residual' } }, orderBy: { createdAt: 'asc' } })
    expect(audit.map(a => a.action)).toEqual(['export.residual-added-as-place', 'export.residual-added-as-identifier', 'export.residual-added-as-alias'])
  })

  it('downloads each format once every candidate is resolved and both approvals are given, and records each export', async () => {
    await act('qi', { intent: 'mark-safe', candidateId: await candidateId('Brightwater') })
    await act('qi', { intent: 'mark-safe', candidateId: await candidateId('Kayleigh') })
    const data = await pageData()
    if (!data.open) throw new Error('not open')
    expect(data.residuals).toEqual([])
    expect(data.missingApprovals).toEqual(['findings', 'deidentified'])
    const notApproved = await download('qi', 'docx')
    expect(notApproved.status).toBe(303)
    expect(notApproved.headers.get('Location')).toBe(`/reviews/${reviewId}/export?refused=approval`)

    type Approvals = { approvals: { step: string; hash: string; approvedBy: string | null }[]; missingApprovals: string[] }
    const approvalsOf = async (actor: Actor) => (await pageData(actor)) as unknown as Approvals
    const hashOf = async (actor: Actor, step: 'findings' | 'deidentified') => (await approvalsOf(actor)).approvals.find(a => a.step === step)!.hash
    // The QI lead resolved candidates: they approve the findings, never the text.
    const byLead = await act('qi', { intent: 'approve', step: 'deidentified', hash: await hashOf('qi', 'deidentified') })
    expect(byLead.status).toBe(400)
    expect(await byLead.json()).toMatchObject({ error: 'export.approval.errors.resolvedResiduals' })
    expect(await outcomeOf(() => act('panel', { intent: 'approve', step: 'findings' }))).toBe(403)
    // In order: the text is approved once the findings are.
    expect(await (await act('panel', { intent: 'approve', step: 'deidentified', hash: await hashOf('panel', 'deidentified') })).json()).toMatchObject({
      error: 'export.approval.errors.findingsFirst',
    })
    expect((await act('qi', { intent: 'approve', step: 'findings', hash: await hashOf('qi', 'findings') })).status).toBe(302)
    expect(await (await act('panel', { intent: 'approve', step: 'deidentified', hash: 'stale-hash' })).json()).toMatchObject({
      error: 'export.approval.errors.changed',
    })
    expect((await act('panel', { intent: 'approve', step: 'deidentified', hash: await hashOf('panel', 'deidentified') })).status).toBe(302)
    const approved = await approvalsOf('qi')
    expect(approved.missingApprovals).toEqual([])
    expect(approved.approvals.map(a => a.approvedBy)).toEqual(['The qi', 'The panel'])
    expect(await prisma.auditEvent.count({ where: { reviewId, action: { in: ['export.findings-approved', 'export.deidentified-text-approved'] } } })).toBe(2)

    const expectations = {
      json: ['application/json; charset=utf-8', /\.json"$/],
      docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', /\.docx"$/],
      html: ['text/html; charset=utf-8', /\.html"$/],
      csv: ['application/zip', /-csv\.zip"$/],
    } as const
    for (const [format, [type, name]] of Object.entries(expectations)) {
      const response = await download('qi', format)
      expect(response.status, format).toBe(200)
      expect(response.headers.get('Content-Type')).toBe(type)
      const disposition = response.headers.get('Content-Disposition')!
      expect(disposition).toMatch(/^attachment; filename="scir-ex-[a-z0-9-]+-[0-9a-f]{12}[^"]*"$/)
      expect(disposition).toMatch(name)
      expect(response.headers.get('Cache-Control')).toBe('no-store')
      const body = new Uint8Array(await response.arrayBuffer())
      expect(Number(response.headers.get('Content-Length'))).toBe(body.length)
      if (format === 'json') {
        const json: unknown = JSON.parse(new TextDecoder().decode(body))
        const validate = compileSharedReviewJsonSchema()
        expect(validate(json)).toBe(true)
        expect(sharedReviewSchema.safeParse(json).success).toBe(true)
        expect(JSON.stringify(json)).not.toMatch(/Tessie|Tessa|Calder|Priya|867-555/)
      }
    }
    const history = (await pageData()) as { open: true; history: { format: string; actorName: string | null; via: string; acceptedResiduals: number }[] }
    expect(history.history.map(h => h.format).sort()).toEqual(['csv', 'docx', 'html', 'json'])
    for (const h of history.history) expect(h).toMatchObject({ actorName: 'The qi', via: 'web', acceptedResiduals: 0 })
  })
})
