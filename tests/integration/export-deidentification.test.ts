// End to end through the model and a real database: a review built from the anonymiser corpus
// (every narrative in every kind of free text an export carries, Signs of Safety maps
// included, plus consented quotes) is
// exported in every format, and NO registered name, alias, place or identifier and NO planted
// pattern identifier (dates, phones, emails, record numbers...) may appear in any of them.
// Unregistered names must be listed as residual candidates; exports refuse while they are
// unresolved; every export is recorded; the jurisdiction's opt-out is honoured.
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { NAME_PART_STOPLIST, anonymisationContextSchema, isCommonWord, type AnonymisationContext } from '~/domain/anonymise'
import { exportFormats, sharedReviewSchema, type ExportFormat } from '~/domain/export'
import { exportReview, prepareExport, resolveResidual, type ExportedFile } from '~/models/export.server'
import { prisma } from '~/utils/db.server'
import { corpus } from '../fixtures/anonymise/corpus'
import { registries } from '../fixtures/anonymise/registries'
import { looseFold, occurrences, remainingPlanted } from '../fixtures/anonymise/scoring'
import { csvText, docxText, htmlText } from '../fixtures/export/text'
import { compileSharedReviewJsonSchema } from '../fixtures/export/json-schema'
import { approveForExport, consentedQuotes, exportJurisdiction, exportReviewWith, exportUser, markedSafe } from '../fixtures/export/db'
import { corpusItemsOf, corpusReviewCommands } from '../fixtures/export/review'

const isOrdinaryWord = (folded: string): boolean => isCommonWord(folded) || NAME_PART_STOPLIST.has(folded)
const validateJson = compileSharedReviewJsonSchema()

/** Every spelling of a registered person, place or identifier that must never leave the review. */
function registeredVariants(context: AnonymisationContext): string[] {
  const variants = new Set<string>()
  const titles = /^(?:dr|dre|mr|mrs|ms|mme|mlle|m)\.?\s+/i
  for (const person of context.registry.people) {
    variants.add(person.name.replace(titles, ''))
    for (const alias of person.aliases) variants.add(alias)
    for (const part of person.name.replace(titles, '').split(/[\s-]+/)) {
      const folded = looseFold(part)
      // Parts of one or two letters and stoplisted parts are only replaced after a title.
      if (folded.length >= 3 && !NAME_PART_STOPLIST.has(folded)) variants.add(part)
    }
  }
  for (const place of context.registry.places) variants.add(place.name)
  for (const identifier of context.registry.identifiers) variants.add(identifier.value)
  return [...variants]
}

function stillPresent(output: string, variant: string): boolean {
  const key = looseFold(variant)
  if (!/\s/.test(key) && isOrdinaryWord(key)) {
    // An ordinary word may stay in lower case ("an ally"); its capitalised forms may not.
    const plain = variant.normalize('NFD').replace(/\p{M}/gu, '')
    const unmarked = output.normalize('NFD').replace(/\p{M}/gu, '')
    const capitalised = plain.charAt(0).toUpperCase() + plain.slice(1)
    return occurrences(unmarked, capitalised).length > 0 || occurrences(unmarked, plain.toUpperCase()).length > 0
  }
  return occurrences(looseFold(output), key).length > 0
}

const decoder = new TextDecoder()

/** What a reader of each exported file would see, as plain text. */
async function readable(format: ExportFormat, download: ExportedFile, files: ExportedFile[]): Promise<Record<string, string>> {
  switch (format) {
    case 'json':
      return { [download.name]: decoder.decode(download.bytes) }
    case 'html':
      return { [download.name]: htmlText(decoder.decode(download.bytes)) }
    case 'docx':
      return { [download.name]: await docxText(download.bytes) }
    case 'csv': {
      // The ZIP holds exactly the files, byte for byte.
      const zip = await JSZip.loadAsync(download.bytes)
      expect(Object.keys(zip.files).sort()).toEqual(files.map(f => f.name).sort())
      const out: Record<string, string> = {}
      for (const f of files) {
        expect(await zip.file(f.name)!.async('uint8array')).toEqual(f.bytes)
        out[f.name] = csvText(decoder.decode(f.bytes))
      }
      return out
    }
  }
}

describe.each(Object.values(registries).map(r => [r.key, r] as const))('the %s corpus review', (_key, registry) => {
  const context = anonymisationContextSchema.parse(registry.context)
  const locale = context.options.locale
  const items = corpusItemsOf(registry)
  const safeWords = context.options.safeWords

  async function setUp(options: { excluded?: boolean } = {}) {
    const jurisdiction = await exportJurisdiction()
    if (options.excluded) await prisma.jurisdiction.update({ where: { id: jurisdiction.id }, data: { excludeFromSharing: true } })
    const lead = await exportUser(jurisdiction.id, 'Quinn Lead')
    const author = await exportUser(jurisdiction.id, 'Wren Author')
    const review = await exportReviewWith({
      jurisdictionId: jurisdiction.id,
      commands: corpusReviewCommands(registry),
      incidentDate: context.incidentDate,
      members: [
        { userId: lead.id, role: 'qi_lead' },
        { userId: author.id, role: 'staff_contributor' },
      ],
    })
    await consentedQuotes(
      review.id,
      author.id,
      'Caseworker 9',
      items.map((item, i) => ({ findingId: `f${i}`, excerpt: item.text })),
    )
    await markedSafe(review.id, lead.id, safeWords)
    const second = await exportUser(jurisdiction.id, 'Sasha Second')
    return { jurisdiction, lead, second, review }
  }

  it('lists the unregistered names as residual candidates and refuses to export until they are resolved', async () => {
    const { review, lead, second } = await setUp()
    const prepared = await prepareExport(review, { locale })
    const listed = new Set(prepared.unresolved.map(r => looseFold(r.text)))
    const expected = items.flatMap(item => item.residuals ?? []).filter(word => !safeWords.some(s => looseFold(s) === looseFold(word)))
    expect(expected.filter(word => !listed.has(looseFold(word)))).toEqual([])
    // Each candidate says where it occurs, with offsets into the original text there.
    for (const r of prepared.unresolved) {
      expect(r.occurrences.length).toBeGreaterThan(0)
      for (const o of r.occurrences) {
        const preview = prepared.build.previews.find(p => p.where.pointer === o.where.pointer)!
        expect(looseFold(preview.original.slice(o.start, o.end))).toBe(looseFold(r.text))
      }
    }

    if (prepared.unresolved.length > 0) {
      for (const format of exportFormats) {
        const refused = await exportReview(review, format, { actorId: lead.id, via: 'web', locale })
        expect(refused).toMatchObject({ ok: false, reason: 'residuals' })
      }
      expect(await prisma.exportRecord.count({ where: { reviewId: review.id } })).toBe(0)
    }

    // Resolving every candidate (the first as an alias of the child, the rest as safe) opens
    // the export without accepting anything.
    const child = context.registry.people[0]!
    for (const [i, r] of prepared.unresolved.entries()) {
      const outcome = await resolveResidual(review, r.id, i === 0 ? { kind: 'person', personRef: `doc:${child.id}` } : { kind: 'safe' }, lead.id, { locale })
      expect(outcome, r.text).toMatchObject({ ok: true })
    }
    expect((await prepareExport(review, { locale })).unresolved).toEqual([])
    // Resolved, but not approved: still nothing leaves.
    expect(await exportReview(review, 'json', { actorId: lead.id, via: 'web', locale })).toEqual({
      ok: false,
      reason: 'approval',
      missing: ['findings', 'deidentified'],
    })
    await approveForExport(review.id, lead.id, second.id)
    const result = await exportReview(review, 'json', { actorId: lead.id, via: 'web', locale })
    if (!result.ok) throw new Error(`refused: ${result.reason}`)
    expect(result.acceptedResiduals).toEqual([])
    const aliased = prepared.unresolved[0]
    if (aliased) {
      // The alias is now replaced by the child's pseudonym everywhere.
      expect(occurrences(decoder.decode(result.download.bytes), aliased.text)).toEqual([])
    }
  }, 60_000)

  it('leaves no registered or pattern identifier in any format', async () => {
    const { review, lead, second } = await setUp()
    await approveForExport(review.id, lead.id, second.id)
    const variants = registeredVariants(context)
    for (const format of exportFormats) {
      const result = await exportReview(review, format, { actorId: lead.id, via: 'cli', locale, acceptResiduals: true })
      if (!result.ok) throw new Error(`${format} refused: ${result.reason}`)
      if (format === 'json') {
        const json: unknown = JSON.parse(decoder.decode(result.download.bytes))
        expect(validateJson(json), JSON.stringify(validateJson.errors)).toBe(true)
        expect(sharedReviewSchema.safeParse(json).success).toBe(true)
      }
      const texts = await readable(format, result.download, result.files)
      expect(Object.keys(texts).length).toBeGreaterThan(0)
      for (const [file, text] of Object.entries(texts)) {
        expect(
          variants.filter(v => stillPresent(text, v)),
          `${format} ${file}: registered`,
        ).toEqual([])
        for (const item of items) expect(remainingPlanted(item, text, isOrdinaryWord), `${format} ${file}: planted from ${item.id}`).toEqual([])
        expect(text, `${format} ${file}`).not.toContain('DECLINED-EXCERPT')
        // Nothing the review keeps to itself: owners, the author's name, the review's id.
        expect(text).not.toContain('Wren Author')
        expect(text).not.toContain(review.id)
      }
      // Every narrative reached this format (as an excerpt too): nothing was dropped silently.
      if (format === 'json') {
        const shared = result.sharedReview
        expect(shared.findings).toHaveLength(items.length)
        expect(shared.accountExcerpts).toHaveLength(items.length)
        expect(shared.timeline).toHaveLength(items.length)
        expect(shared.recommendations).toHaveLength(items.length)
        expect(shared.safetyMaps).toHaveLength(items.length)
      }
    }

    // Every export is recorded: who, what, which format, what was accepted unresolved.
    const records = await prisma.exportRecord.findMany({ where: { reviewId: review.id }, orderBy: { createdAt: 'asc' } })
    expect(records.map(r => r.format).sort()).toEqual([...exportFormats].sort())
    const unresolved = (await prepareExport(review, { locale })).unresolved.length
    for (const record of records) {
      expect(record).toMatchObject({ actorId: lead.id, jurisdictionId: review.jurisdictionId, acceptedResiduals: unresolved })
      const detail = JSON.parse(record.detail) as {
        via: string
        sharedFormat: string
        files: { name: string; sha256: string }[]
        acceptedResidualIds: string[]
      }
      expect(detail.via).toBe('cli')
      expect(detail.sharedFormat).toBe('scir-shared-review/2')
      expect(detail.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(detail.acceptedResidualIds).toHaveLength(unresolved)
      // The log names candidates by id only: their text may be a name.
      for (const item of items) for (const word of item.residuals ?? []) expect(record.detail).not.toContain(word)
    }
    expect(await prisma.auditEvent.count({ where: { reviewId: review.id, action: 'review.exported' } })).toBe(exportFormats.length)
  }, 60_000)
})

describe('the jurisdiction’s choices', () => {
  const registry = registries.calder
  const context = anonymisationContextSchema.parse(registry.context)

  it('keeps the shared data file out when the jurisdiction excludes itself from sharing; its own reports stay available', async () => {
    const jurisdiction = await exportJurisdiction()
    await prisma.jurisdiction.update({ where: { id: jurisdiction.id }, data: { excludeFromSharing: true } })
    const lead = await exportUser(jurisdiction.id)
    const review = await exportReviewWith({ jurisdictionId: jurisdiction.id, commands: corpusReviewCommands(registry), incidentDate: context.incidentDate })
    await approveForExport(review.id, lead.id, (await exportUser(jurisdiction.id)).id)
    expect(await exportReview(review, 'json', { actorId: lead.id, via: 'web', acceptResiduals: true })).toEqual({ ok: false, reason: 'excluded' })
    for (const format of ['docx', 'html', 'csv'] as const) {
      expect(await exportReview(review, format, { actorId: lead.id, via: 'web', acceptResiduals: true }), format).toMatchObject({ ok: true })
    }
    expect((await prisma.exportRecord.findMany({ where: { reviewId: review.id } })).map(r => r.format).sort()).toEqual(['csv', 'docx', 'html'])
  })

  it('exports nothing before approval', async () => {
    const jurisdiction = await exportJurisdiction()
    const lead = await exportUser(jurisdiction.id)
    for (const phase of ['intake', 'analysis', 'findings'] as const) {
      const review = await exportReviewWith({ jurisdictionId: jurisdiction.id, commands: [], incidentDate: context.incidentDate, phase })
      expect(await exportReview(review, 'docx', { actorId: lead.id, via: 'web', acceptResiduals: true })).toEqual({ ok: false, reason: 'phase', phase })
    }
    const shared = await exportReviewWith({ jurisdictionId: jurisdiction.id, commands: [], incidentDate: context.incidentDate, phase: 'shared' })
    await approveForExport(shared.id, lead.id, (await exportUser(jurisdiction.id)).id)
    // By id as well as by row.
    expect(await exportReview(shared.id, 'json', { actorId: lead.id, via: 'web' })).toMatchObject({ ok: true })
    expect(await prisma.exportRecord.count({ where: { jurisdictionId: jurisdiction.id } })).toBe(1)
  })
})

describe('staff and members are registered without anyone typing them in', () => {
  const registry = registries.calder
  const context = anonymisationContextSchema.parse(registry.context)

  it('pseudonymises a staff member’s full name, given name, family name and email in every format, under one pseudonym', async () => {
    const jurisdiction = await exportJurisdiction()
    const lead = await exportUser(jurisdiction.id, 'Quinn Lead')
    const second = await exportUser(jurisdiction.id, 'Sasha Second')
    const wren = await prisma.user.create({ data: { email: 'wren.worker@example.test', name: 'Wren Worker', jurisdictionId: jurisdiction.id } })
    // A user of the jurisdiction who is on no review: still someone nobody may name.
    await prisma.user.create({ data: { email: 'tamsin.varga@example.test', name: 'Tamsin Varga', jurisdictionId: jurisdiction.id } })
    const written =
      'Wren Worker visited; Wren called Ms. Worker back, wrote to wren.worker@example.test and copied Tamsin Varga (tamsin.varga@example.test). Varga agreed with Tamsin; Glen Osei too.'
    const review = await exportReviewWith({
      jurisdictionId: jurisdiction.id,
      incidentDate: context.incidentDate,
      members: [
        { userId: lead.id, role: 'qi_lead' },
        { userId: wren.id, role: 'staff_contributor' },
      ],
      commands: [
        ...corpusReviewCommands(registry).filter(c => c.type === 'addPerson' || c.type === 'addPlace' || c.type === 'addIdentifier'),
        { type: 'addEvent', id: 'e1', date: context.incidentDate, description: written, source: 'notes of Wren Worker' },
        { type: 'addFinding', id: 'f1', body: written, status: 'agreed' },
        { type: 'addRecommendation', id: 'r1', text: `Ask Wren. ${written}`, strength: 'stronger', measure: 'Tamsin reports monthly' },
        { type: 'addUnmetNeed', id: 'n1', need: written, received: 'Worker', gap: 'Varga' },
      ],
    })
    await consentedQuotes(review.id, wren.id, 'Caseworker 1', [{ findingId: 'f1', excerpt: 'I, Wren Worker, told Tamsin.' }])
    const prepared = await prepareExport(review)
    // Names the anonymiser now knows are no residual candidates to be waved through as "safe".
    expect(prepared.unresolved.map(r => r.text)).not.toEqual(expect.arrayContaining(['Wren']))
    expect(prepared.unresolved.map(r => r.text).filter(t => /wren|worker|tamsin|varga/i.test(t))).toEqual([])
    await approveForExport(review.id, lead.id, second.id)
    for (const format of exportFormats) {
      const result = await exportReview(review, format, { actorId: lead.id, via: 'web', acceptResiduals: true })
      if (!result.ok) throw new Error(`${format} refused: ${result.reason}`)
      for (const [file, text] of Object.entries(await readable(format, result.download, result.files))) {
        expect(text, `${format} ${file}`).not.toMatch(/\b(?:Wren|Worker|Glen|Osei|Tamsin|Varga)\b|example\.test/i)
      }
      if (format === 'json') {
        const wrenAs = result.sharedReview.accountExcerpts[0]!.pseudonym
        // One person, one pseudonym: the quote's author is who the text calls by that name.
        expect(result.sharedReview.findings[0]!.text).toContain(wrenAs)
        expect(result.sharedReview.timeline[0]!.source).toBe(`notes of ${wrenAs}`)
        // Their account said "Caseworker 1", which the registry gives someone else: not reused.
        expect(wrenAs).not.toBe('Caseworker 1')
        expect(result.sharedReview.findings[0]!.text).toMatch(/copied Staff member \d \(\[email\]\)/)
      }
    }
  }, 60_000)
})

test('the corpus covers every registry', () => {
  expect(new Set(corpus.map(item => item.registry.key))).toEqual(new Set(Object.values(registries).map(r => r.key)))
})
