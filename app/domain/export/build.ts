// Builds the de-identified SharedReview from a review document. Everything that leaves a
// review passes through here: every free text goes through ONE compiled anonymiser (so a
// person gets the same pseudonym everywhere), dates become day offsets, the child's age a
// band, actors their pseudonyms. Nothing identifying (names, aliases, birth dates, the
// protected Nation/community field, owners, ids) is copied into the result, and every
// renderer works from the result only.
//
// The build also returns what a person must look at before anything is exported: each text
// side by side with its de-identified form, and the residual candidates (tokens the
// anonymiser left but that may still identify someone), deduplicated across the review.
import {
  compileAnonymiser,
  type AnonymisationContextInput,
  type OutputLocale,
  type RegisteredPerson,
  type Replacement,
  type ResidualCandidate,
  type ResidualReason,
} from '../anonymise'
import type { FactorFramework } from '../factors'
import { safetyMapTextFields, type ReviewDocument, type SafetyMapTextField } from '../review-doc'
import { journeyStages, type ConsentScope, type ContributorKind, type CoreValue, type IncidentType, type JourneyStage, type ReviewPhase } from '../vocabulary'
import { ageBandAt, dayOffset } from './dates'
import { SHARED_REVIEW_FORMAT, sharedReviewSchema, type AgeBand, type SharedReview } from './schema'
import { registeredPeople } from './staff'

/** The jurisdiction's framework reduced to what an export needs: ids, order and domains. */
export interface ExportFramework {
  id: string
  version: string | null
  /** Every item with its domain, in the framework's order. */
  items: ReadonlyArray<{ itemId: string; domainId: string }>
}

export function exportFramework(framework: FactorFramework): ExportFramework {
  return {
    id: framework.id,
    version: framework.version,
    items: framework.domains.flatMap(domain => domain.items.map(item => ({ itemId: item.id, domainId: domain.id }))),
  }
}

export interface ExportExcerpt {
  /** The staff account's pseudonym ("Caseworker 3"), never the author's name. */
  pseudonym: string
  findingId: string
  excerpt: string
}

/** A family or community contribution whose author allowed it to leave the review (ADR 0038). */
export interface ExportFamilyVoice {
  contributor: ContributorKind
  consentScope: Exclude<ConsentScope, 'review_only'>
  needed: string
  helped: string
  notHelped: string
  shouldChange: string
  unmetNeedIds: readonly string[]
  findingIds: readonly string[]
}

export interface SharedReviewInput {
  document: ReviewDocument
  review: {
    /** 32 hex characters; see sharedIdFor(). */
    sharedId: string
    jurisdiction: string
    /** YYYY-MM-DD */
    incidentDate: string
    incidentType: IncidentType
    phase: ReviewPhase
  }
  framework: ExportFramework
  /** Only excerpts whose authors consented to that exact text (ADR 8). */
  excerpts: readonly ExportExcerpt[]
  /** Only contributions consented to leave the review; the caller filters by scope. */
  familyVoice?: readonly ExportFamilyVoice[]
  /** What reviewers decided about residual candidates; aliases are in the registry already. */
  resolutions?: { safeWords?: readonly string[] }
  /** Language of the labels the anonymiser writes into text ("Day -42" / "Jour -42"). */
  locale?: OutputLocale
  /**
   * The registry with the review's members and the jurisdiction's staff added (staffRegistry);
   * without it only the document's people are registered.
   */
  registeredPeople?: readonly RegisteredPerson[]
}

export const exportSections = [
  'timeline',
  'unmetNeeds',
  'factorRatings',
  'findings',
  'recommendations',
  'accountExcerpts',
  'safetyMaps',
  'familyVoice',
] as const
export type ExportSection = (typeof exportSections)[number]

export const exportFields = [
  'text',
  'source',
  'need',
  'received',
  'gap',
  'rationale',
  'valueRationale',
  'measure',
  'excerpt',
  'title',
  ...safetyMapTextFields,
  'needed',
  'helped',
  'notHelped',
  'shouldChange',
] as const
export type ExportField = (typeof exportFields)[number]

/** Where a text sits in the SharedReview. */
export interface TextLocation {
  section: ExportSection
  /** Index in the section's array (0-based). */
  index: number
  field: ExportField
  /** For a finding's value rationale: which value. */
  value?: CoreValue
  /** JSON pointer into the SharedReview, e.g. "/findings/0/text". */
  pointer: string
}

export interface TextPreview {
  where: TextLocation
  original: string
  anonymised: string
  replacements: Replacement[]
  residuals: ResidualCandidate[]
}

export interface ResidualSummary {
  /** The anonymiser's candidate id: one decision settles every occurrence. */
  id: string
  /** As first written. */
  text: string
  reason: ResidualReason
  occurrences: Array<{ where: TextLocation; start: number; end: number }>
}

export interface SharedReviewBuild {
  sharedReview: SharedReview
  residuals: ResidualSummary[]
  previews: TextPreview[]
}

export class SharedReviewBuildError extends Error {
  constructor(readonly problems: string[]) {
    super(`the de-identified review does not fit the shared format: ${problems.join('; ')}`)
  }
}

const nonBlank = (value: string) => value.trim().length > 0

/**
 * The anonymiser's view of the registry. Entries it would refuse (blank names or aliases)
 * are left out rather than failing the whole export: they match nothing anyway.
 */
export function anonymisationContextFor(
  document: ReviewDocument,
  incidentDate: string,
  options: { locale?: OutputLocale; safeWords?: readonly string[]; registeredPeople?: readonly RegisteredPerson[] } = {},
): AnonymisationContextInput {
  return {
    incidentDate,
    options: { locale: options.locale ?? 'en', safeWords: (options.safeWords ?? []).filter(nonBlank) },
    registry: {
      people: options.registeredPeople ? [...options.registeredPeople] : registeredPeople(document.people),
      places: document.places
        .filter(place => nonBlank(place.name))
        .map(place => ({ name: place.name, kind: place.kind, ...(nonBlank(place.label) ? { label: place.label } : {}) })),
      identifiers: document.identifiers
        .filter(identifier => nonBlank(identifier.value))
        .map(identifier => ({ value: identifier.value, kind: identifier.kind })),
    },
  }
}

/** The review's subject child: the first child in the registry's order with a birth date. */
function childAgeBand(document: ReviewDocument, incidentDate: string): AgeBand | null {
  const child = document.people.find(person => person.role === 'child' && person.birthDate !== undefined)
  return child?.birthDate ? ageBandAt(child.birthDate, incidentDate) : null
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)]
}

export function buildSharedReview(input: SharedReviewInput): SharedReviewBuild {
  const { document, review, framework } = input
  const anonymiser = compileAnonymiser(
    anonymisationContextFor(document, review.incidentDate, {
      locale: input.locale ?? 'en',
      safeWords: input.resolutions?.safeWords ?? [],
      ...(input.registeredPeople ? { registeredPeople: input.registeredPeople } : {}),
    }),
  )
  const previews: TextPreview[] = []
  const residuals = new Map<string, ResidualSummary>()

  function anonymise(original: string, where: TextLocation): string {
    if (original.length === 0) return ''
    const result = anonymiser(original)
    previews.push({ where, original, anonymised: result.text, replacements: result.replacements, residuals: result.residuals })
    for (const candidate of result.residuals) {
      let summary = residuals.get(candidate.id)
      if (!summary) {
        summary = { id: candidate.id, text: candidate.text, reason: candidate.reason, occurrences: [] }
        residuals.set(candidate.id, summary)
      }
      summary.occurrences.push({ where, start: candidate.start, end: candidate.end })
    }
    return result.text
  }
  const at = (section: ExportSection, index: number, field: ExportField, pointer: string, value?: CoreValue): TextLocation =>
    value === undefined ? { section, index, field, pointer } : { section, index, field, value, pointer }

  const pseudonyms = new Map(document.people.map(person => [person.id, person.pseudonym]))
  const stageOfEvent = new Map(document.events.map(event => [event.id, event.stage]))
  const domainOf = new Map(framework.items.map(item => [item.itemId, item.domainId]))
  const frameworkOrder = new Map(framework.items.map((item, index) => [item.itemId, index]))
  const domainOrder = new Map<string, number>()
  for (const item of framework.items) if (!domainOrder.has(item.domainId)) domainOrder.set(item.domainId, domainOrder.size)
  const findingIndex = new Map(document.findings.map((finding, index) => [finding.id, index]))

  const timeline = document.events.map((event, index) => {
    const day = dayOffset(event.date, review.incidentDate)
    return {
      day,
      dayEnd: event.dateEnd === undefined ? null : dayOffset(event.dateEnd, review.incidentDate),
      approximate: event.approximate,
      stage: event.stage ?? null,
      source:
        event.source === undefined || event.source.trim() === '' ? null : anonymise(event.source, at('timeline', index, 'source', `/timeline/${index}/source`)),
      keyPracticeEpisode: event.keyPracticeEpisode,
      actors: unique(event.actorIds.map(id => pseudonyms.get(id)).filter((p): p is string => p !== undefined)),
      text: anonymise(event.description.text, at('timeline', index, 'text', `/timeline/${index}/text`)),
    }
  })

  const unmetNeeds = document.unmetNeeds.map((need, index) => {
    const stages = new Set(need.eventIds.map(id => stageOfEvent.get(id)).filter((s): s is JourneyStage => s !== undefined))
    return {
      need: anonymise(need.need, at('unmetNeeds', index, 'need', `/unmetNeeds/${index}/need`)),
      received: anonymise(need.received, at('unmetNeeds', index, 'received', `/unmetNeeds/${index}/received`)),
      gap: anonymise(need.gap, at('unmetNeeds', index, 'gap', `/unmetNeeds/${index}/gap`)),
      // Journey order, so the same needs always read the same way.
      stages: journeyStages.filter(stage => stages.has(stage)),
      factorItemIds: [...need.factorItemIds],
      fromStandardsCheck: need.standardsFlagId !== undefined,
    }
  })

  // The jurisdiction's framework order; items it no longer has go last, by id.
  const ratings = [...document.factorRatings].sort((a, b) => {
    const ia = frameworkOrder.get(a.factorItemId) ?? Number.MAX_SAFE_INTEGER
    const ib = frameworkOrder.get(b.factorItemId) ?? Number.MAX_SAFE_INTEGER
    return ia - ib || a.factorItemId.localeCompare(b.factorItemId)
  })
  const factorRatings = ratings.map((rating, index) => ({
    factorItemId: rating.factorItemId,
    domainId: domainOf.get(rating.factorItemId) ?? null,
    rating: rating.rating,
    rationale: anonymise(rating.rationale, at('factorRatings', index, 'rationale', `/factorRatings/${index}/rationale`)),
  }))

  const findings = document.findings.map((finding, index) => {
    const domains = unique(finding.factorItemIds.map(id => domainOf.get(id)).filter((d): d is string => d !== undefined))
    domains.sort((a, b) => (domainOrder.get(a) ?? 0) - (domainOrder.get(b) ?? 0))
    return {
      text: anonymise(finding.body.text, at('findings', index, 'text', `/findings/${index}/text`)),
      values: finding.valueTags.map((tag, tagIndex) => ({
        value: tag.value,
        rationale: anonymise(tag.rationale, at('findings', index, 'valueRationale', `/findings/${index}/values/${tagIndex}/rationale`, tag.value)),
      })),
      factorItemIds: [...finding.factorItemIds],
      factorDomainIds: domains,
      status: finding.status,
    }
  })

  const recommendations = document.recommendations.map((recommendation, index) => ({
    text: anonymise(recommendation.text, at('recommendations', index, 'text', `/recommendations/${index}/text`)),
    strength: recommendation.strength,
    status: recommendation.status,
    measure:
      recommendation.measure === undefined
        ? null
        : anonymise(recommendation.measure, at('recommendations', index, 'measure', `/recommendations/${index}/measure`)),
    dueDate: recommendation.dueDate ?? null,
    findingIndexes: unique(recommendation.findingIds.map(id => findingIndex.get(id)).filter((i): i is number => i !== undefined)).sort((a, b) => a - b),
  }))

  // Grouped under the finding that quotes them; a quote whose finding was removed stays
  // (the author consented to it) but points at no finding.
  const excerpts = input.excerpts
    .map((excerpt, order) => ({ excerpt, order, findingIndex: findingIndex.get(excerpt.findingId) ?? null }))
    .sort((a, b) => (a.findingIndex ?? Number.MAX_SAFE_INTEGER) - (b.findingIndex ?? Number.MAX_SAFE_INTEGER) || a.order - b.order)
  const accountExcerpts = excerpts.map(({ excerpt, findingIndex: linked }, index) => ({
    pseudonym: excerpt.pseudonym,
    excerpt: anonymise(excerpt.excerpt, at('accountExcerpts', index, 'excerpt', `/accountExcerpts/${index}/excerpt`)),
    findingIndex: linked,
  }))

  // Signs of Safety maps (ADR 0040): every text through the same anonymiser, the date as a
  // day from the incident, linked events as timeline indexes (the timeline is exported in
  // the document's order, so the index of an event is its position there).
  const timelineIndex = new Map(document.events.map((event, index) => [event.id, index]))
  const safetyMaps = document.safetyMaps.map((map, index) => {
    const texts = Object.fromEntries(
      safetyMapTextFields.map(field => [field, anonymise(map[field], at('safetyMaps', index, field, `/safetyMaps/${index}/${field}`))]),
    ) as Record<SafetyMapTextField, string>
    return {
      day: dayOffset(map.date, review.incidentDate),
      title: map.title === undefined || map.title.trim() === '' ? null : anonymise(map.title, at('safetyMaps', index, 'title', `/safetyMaps/${index}/title`)),
      ...texts,
      scaling: {
        worker: map.scaling.worker ?? null,
        supervisor: map.scaling.supervisor ?? null,
        family: map.scaling.family ?? null,
        partner: map.scaling.partner ?? null,
      },
      timelineIndexes: unique(map.eventIds.map(id => timelineIndex.get(id)).filter((i): i is number => i !== undefined)).sort((a, b) => a - b),
    }
  })

  // The contributors' words go through the same anonymiser as every narrative.
  const unmetNeedIndex = new Map(document.unmetNeeds.map((need, index) => [need.id, index]))
  const indexesOf = (ids: readonly string[], index: Map<string, number>) =>
    unique(ids.map(id => index.get(id)).filter((i): i is number => i !== undefined)).sort((a, b) => a - b)
  const familyVoice = (input.familyVoice ?? []).map((voice, index) => {
    const field = (name: 'needed' | 'helped' | 'notHelped' | 'shouldChange') =>
      anonymise(voice[name], at('familyVoice', index, name, `/familyVoice/${index}/${name}`))
    return {
      contributor: voice.contributor,
      consentScope: voice.consentScope,
      needed: field('needed'),
      helped: field('helped'),
      notHelped: field('notHelped'),
      shouldChange: field('shouldChange'),
      unmetNeedIndexes: indexesOf(voice.unmetNeedIds, unmetNeedIndex),
      findingIndexes: indexesOf(voice.findingIds, findingIndex),
    }
  })

  const candidate = {
    format: SHARED_REVIEW_FORMAT,
    sharedId: review.sharedId,
    jurisdiction: review.jurisdiction,
    review: {
      incidentYear: Number(review.incidentDate.slice(0, 4)),
      incidentType: review.incidentType,
      childAgeBand: childAgeBand(document, review.incidentDate),
      phase: review.phase,
    },
    factorFramework: { id: framework.id, version: framework.version },
    timeline,
    unmetNeeds,
    factorRatings,
    findings,
    recommendations,
    accountExcerpts,
    // Only when there are maps: a review without them exports byte for byte as before, so
    // its approvals and signatures stay valid (ADR 0040).
    ...(safetyMaps.length > 0 ? { safetyMaps } : {}),
    // Left out when empty, so a review without family voice exports exactly as before.
    ...(familyVoice.length > 0 ? { familyVoice } : {}),
  }
  // The contract is checked on the way out, so no renderer ever sees a review that a
  // receiving jurisdiction would refuse.
  const parsed = sharedReviewSchema.safeParse(candidate)
  if (!parsed.success) throw new SharedReviewBuildError(parsed.error.issues.map(issue => `/${issue.path.join('/')}: ${issue.message}`))
  return { sharedReview: parsed.data, residuals: [...residuals.values()], previews }
}
