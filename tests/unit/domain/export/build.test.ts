import { describe, expect, it } from 'vitest'
import { buildSharedReview, sharedReviewSchema, type SharedReviewInput } from '../../../../app/domain/export'
import { calderDocument, calderIdentifying } from '../../../fixtures/export/calder'
import { documentFrom } from '../../../fixtures/export/review'
import { calderExportInput } from '../../../fixtures/export/shared-review'

function input(overrides: Partial<SharedReviewInput> = {}): SharedReviewInput {
  return calderExportInput({
    excerpts: [
      { pseudonym: 'Caseworker 3', findingId: 'f1', excerpt: 'I told Tessa on 2025-01-15 that Darren worried me.' },
      { pseudonym: 'Supervisor 2', findingId: 'gone', excerpt: 'We had no time.' },
    ],
    ...overrides,
  })
}

const wordIn = (text: string, word: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu').test(text)

describe('buildSharedReview', () => {
  const build = buildSharedReview(input())
  const shared = build.sharedReview
  const json = JSON.stringify(shared)

  it('conforms to the shared format', () => {
    expect(sharedReviewSchema.safeParse(shared).success).toBe(true)
    expect(shared.format).toBe('scir-shared-review/2')
    expect(shared.sharedId).toMatch(/^[a-f0-9]{32}$/)
  })

  it('carries no registered name, alias, place, identifier, date or protected field', () => {
    expect(calderIdentifying.filter(word => wordIn(json, word))).toEqual([])
    // The owner of a recommendation is a person: it is not part of the format at all.
    expect(json).not.toContain('owner')
    expect(json).not.toContain('review-1')
  })

  it('keeps the incident year only and gives the child an age band', () => {
    expect(shared.review).toEqual({ incidentYear: 2025, incidentType: 'near_fatality', childAgeBand: 'under 1', phase: 'approval' })
  })

  it('turns dates into day offsets and actors into their pseudonyms', () => {
    expect(shared.timeline.map(e => [e.day, e.dayEnd, e.approximate])).toEqual([
      [-134, null, false],
      [-132, -130, true],
      [0, null, false],
    ])
    expect(shared.timeline[0]!.actors).toEqual(['Public health nurse', 'Mother'])
    // Duplicate actor ids read as one; pseudonyms come from the registry.
    expect(shared.timeline[1]!.actors).toEqual(['Caseworker 1'])
    expect(shared.timeline[0]!.source).toBe('intake record, Public health nurse')
    expect(shared.unmetNeeds[0]!.received).toContain('Day -48')
    expect(shared.timeline[0]!.keyPracticeEpisode).toBe(true)
    expect(shared.timeline[2]!.source).toBeNull()
    // A due date is the agency's plan, not a fact of the case: never turned into a day offset.
    expect(shared.recommendations[0]!.dueDate).toBe('2025-09-30')
    expect(shared.recommendations[0]).not.toHaveProperty('dueDay')
  })

  it('links unmet needs to journey stages, ratings and findings to framework domains', () => {
    expect(shared.unmetNeeds[0]).toMatchObject({ stages: ['worries_raised', 'referral'], factorItemIds: ['worker_team.workload'], fromStandardsCheck: true })
    // Framework order; an item the framework does not have goes last, without a domain.
    expect(shared.factorRatings.map(r => [r.factorItemId, r.domainId, r.rating])).toEqual([
      ['child_family.needs_risks', 'child_family', 1],
      ['worker_team.workload', 'worker_team', 3],
      ['zz.unknown_item', null, 2],
    ])
    expect(shared.findings[0]!.factorDomainIds).toEqual(['child_family', 'worker_team'])
    expect(shared.findings[0]!.values.map(v => v.value)).toEqual(['family_centered', 'workforce_informed'])
    expect(shared.findings[0]!.values[1]!.rationale).toBe('Caseworker 1 explained her workload')
    expect(shared.recommendations[0]!.findingIndexes).toEqual([0, 1])
    expect(shared.recommendations[1]).toMatchObject({ measure: null, dueDate: null, findingIndexes: [], status: 'proposed' })
  })

  it('anonymises consented excerpts and keeps one whose finding was removed, unlinked', () => {
    expect(shared.accountExcerpts).toEqual([
      { pseudonym: 'Caseworker 3', excerpt: "I told Mother on Day -62 that Mother's partner worried me.", findingIndex: 0 },
      { pseudonym: 'Supervisor 2', excerpt: 'We had no time.', findingIndex: null },
    ])
  })

  it('lists residual candidates once each, with every place they occur', () => {
    const byText = new Map(build.residuals.map(r => [r.text, r]))
    expect([...byText.keys()].sort()).toEqual(['Brightwater', 'Kayleigh', 'Tessie'])
    expect(byText.get('Tessie')!.occurrences.map(o => o.where.pointer)).toEqual(['/timeline/1/text', '/findings/0/text'])
    const tessie = byText.get('Tessie')!.occurrences[1]!
    const preview = build.previews.find(p => p.where.pointer === tessie.where.pointer)!
    expect(preview.original.slice(tessie.start, tessie.end)).toBe('Tessie')
  })

  it('previews every text beside its de-identified form, at the pointer where it is exported', () => {
    for (const preview of build.previews) {
      const value = preview.where.pointer
        .split('/')
        .slice(1)
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], shared)
      expect(value, preview.where.pointer).toBe(preview.anonymised)
      for (const r of preview.replacements) {
        expect(preview.original.slice(r.start, r.end)).toBe(r.original)
        expect(preview.anonymised.slice(r.outputStart, r.outputEnd)).toBe(r.replacement)
      }
    }
    const pointers = build.previews.map(p => p.where.pointer)
    expect(pointers).toContain('/findings/0/values/1/rationale')
    expect(pointers).toContain('/recommendations/0/measure')
    expect(pointers).toContain('/accountExcerpts/0/excerpt')
    // An empty rationale has nothing to check.
    expect(pointers).not.toContain('/factorRatings/0/rationale')
  })

  it('honours words marked safe', () => {
    const resolved = buildSharedReview(input({ resolutions: { safeWords: ['brightwater', 'Kayleigh'] } }))
    expect(resolved.residuals.map(r => r.text)).toEqual(['Tessie'])
    expect(JSON.stringify(resolved.sharedReview)).toContain('Brightwater')
  })

  it('replaces an alias added to the registry everywhere', () => {
    const document = calderDocument()
    const withAlias = {
      ...document,
      people: document.people.map(p => (p.id === 'm' ? { ...p, aliases: [...p.aliases, 'Tessie'] } : p)),
    }
    const resolved = buildSharedReview(input({ document: withAlias }))
    expect(resolved.residuals.map(r => r.text).sort()).toEqual(['Brightwater', 'Kayleigh'])
    expect(JSON.stringify(resolved.sharedReview)).not.toContain('Tessie')
  })

  it('is deterministic', () => {
    expect(buildSharedReview(input())).toEqual(build)
  })

  it('writes French labels for a French review', () => {
    const fr = buildSharedReview(input({ locale: 'fr' }))
    expect(fr.sharedReview.unmetNeeds[0]!.received).toContain('Jour -48')
  })

  it('handles an empty review and one without a child birth date', () => {
    const { document } = documentFrom([{ type: 'addPerson', id: 'c', name: 'Alex Morin', role: 'child' }])
    const empty = buildSharedReview(input({ document, excerpts: [] }))
    expect(empty.sharedReview.review.childAgeBand).toBeNull()
    expect(empty.sharedReview.timeline).toEqual([])
    expect(empty.previews).toEqual([])
    expect(empty.residuals).toEqual([])
  })

  it('refuses to produce something the contract would refuse', () => {
    expect(() => buildSharedReview(input({ review: { ...input().review, jurisdiction: 'lower-case' } }))).toThrow(
      /does not fit the shared format: \/jurisdiction/,
    )
  })
})
