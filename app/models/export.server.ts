// De-identified exports of a review (docs/domain.md, "De-identification rules"). The review
// document is read through the gateway (the live room when the collaboration server runs),
// built into a SharedReview by the pure domain, and rendered from that only. Nothing leaves
// before approval, nothing leaves while residual candidates are unresolved (unless the caller
// explicitly accepts them), the shared data file honours the jurisdiction's opt-out, and every
// export is recorded: who, when, what, which format.
import {
  buildSharedReview,
  exportFramework,
  renderCsvFiles,
  renderDocx,
  renderHtmlReport,
  renderJson,
  staffRegistry,
  withFamilyVoiceFor,
  type ExportFormat,
  type FactorNames,
  type ResidualSummary,
  type SharedReview,
  type SharedReviewBuild,
} from '~/domain/export'
import type { FactorFramework } from '~/domain/factors'
import { phaseAllows } from '~/domain/permissions'
import { sha256Hex, sharedIdFor } from '~/utils/digest.server'
import { zipFiles } from '~/utils/zip.server'
import { applyCommand, readReviewDoc, ReviewCommandError, type ReviewDocument } from '~/domain/review-doc'
import { z } from 'zod'
import { type IdentifierKind, type IncidentType, type PlaceKind } from '~/domain/vocabulary'
import { reportLabels } from '~/locales/report-labels'
import { prisma } from '~/utils/db.server'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'
import { jurisdictionSettings } from './jurisdiction.server'
import { factorFrameworkVersion } from './settings-version.server'
import { approvalState, type ApprovalStep } from './export-approval.server'
import { consentedExcerpts } from './quote-consent.server'
import { exportableFamilyVoice } from './family-voice.server'
import { signingKeyOf, signSharedReview } from './signing.server'
import { reviewDocName } from './review-doc.server'
import { audit, type AuditAction, reviewAuditScope } from './audit.server'
import { reviewPhaseOf } from './rows.server'
import { columns } from './decode.server'

export type ExportLocale = 'en' | 'fr'

export type ExportReviewRow = {
  id: string
  jurisdictionId: string
  phase: string
  incidentDate: Date
  incidentType: string
}

/** Whether findings may leave the review now: can()'s phase rule for exporting (ADR 0033). */
export function exportOpenIn(phase: string): boolean {
  return phaseAllows('export:review', reviewPhaseOf(phase))
}

export type PreparedExport = {
  review: ExportReviewRow
  jurisdictionCode: string
  excludeFromSharing: boolean
  framework: FactorFramework
  document: ReviewDocument
  build: SharedReviewBuild
  /** Residual candidates nobody has resolved yet (aliases and safe words are applied already). */
  unresolved: ResidualSummary[]
  /** Staff and members who are not in the document's registry, as the anonymiser knows them. */
  staff: Array<{ id: string; name: string; pseudonym: string }>
  /** Everyone who decided a residual candidate of this review (they cannot approve the preview). */
  resolvedBy: string[]
}

const asPhase = reviewPhaseOf

// An incident type this version does not know is reported under "other" rather than refused.
const incidentTypeSchema = columns.incidentType.catch('other')
const asIncidentType = (type: string): IncidentType => incidentTypeSchema.parse(type)

const reviewSelect = { id: true, jurisdictionId: true, phase: true, incidentDate: true, incidentType: true } as const

/** Callers that hold the review row pass it; the others pass its id. */
async function reviewRow(review: ExportReviewRow | string): Promise<ExportReviewRow> {
  return typeof review === 'string' ? prisma.review.findUniqueOrThrow({ where: { id: review }, select: reviewSelect }) : review
}

async function readDocument(reviewId: string): Promise<ReviewDocument> {
  // Through the gateway, so an edit made a moment ago in the live room is included.
  return reviewDocGateway().change(reviewDocName(reviewId), doc => readReviewDoc(doc).doc)
}

/**
 * Loads everything an export needs and builds the de-identified review. `locale` is the
 * language of the labels the anonymiser writes into text ("Day -42" / "Jour -42") and how it
 * reads ambiguous numeric dates; the page uses the reader's interface language, so the
 * preview and the download they lead to always agree.
 */
export async function prepareExport(reviewOrId: ExportReviewRow | string, options: { locale?: ExportLocale } = {}): Promise<PreparedExport> {
  const review = await reviewRow(reviewOrId)
  const locale = options.locale ?? 'en'
  const [jurisdiction, settings, document, excerpts, decisions, users, accounts, framework, familyVoice] = await Promise.all([
    prisma.jurisdiction.findUniqueOrThrow({ where: { id: review.jurisdictionId }, select: { code: true } }),
    jurisdictionSettings(review.jurisdictionId),
    readDocument(review.id),
    consentedExcerpts(review.id),
    prisma.residualDecision.findMany({
      where: { reviewId: review.id },
      select: { candidateId: true, text: true, decision: true, personRef: true, decidedById: true },
    }),
    // Every user of the jurisdiction, deactivated ones too: a name does not stop identifying
    // someone when their account closes. Members are users of the review's jurisdiction.
    prisma.user.findMany({ where: { jurisdictionId: review.jurisdictionId }, select: { id: true, name: true, email: true } }),
    prisma.staffAccount.findMany({ where: { reviewId: review.id }, select: { id: true, authorId: true, pseudonym: true } }),
    // The framework version the review uses, not necessarily the newest (ADR 0036).
    prisma.review
      .findUniqueOrThrow({ where: { id: review.id }, select: { frameworkVersion: true } })
      .then(r => factorFrameworkVersion(review.jurisdictionId, r.frameworkVersion)),
    // Read at each export, so a withdrawal or a narrower consent shows in the next one.
    exportableFamilyVoice(review.id),
  ])
  const accountOf = new Map(accounts.map(a => [a.authorId, a.pseudonym]))
  const staffAliases = new Map<string, string[]>()
  for (const d of decisions) {
    if (d.decision !== 'person' || !d.personRef?.startsWith('user:')) continue
    const userId = d.personRef.slice('user:'.length)
    staffAliases.set(userId, [...(staffAliases.get(userId) ?? []), d.text])
  }
  const staff = staffRegistry(
    document.people,
    users.map(u => ({ id: u.id, name: u.name, email: u.email, accountPseudonym: accountOf.get(u.id) ?? null, aliases: staffAliases.get(u.id) ?? [] })),
    locale,
  )
  const authorOf = new Map(accounts.map(a => [a.id, a.authorId]))
  const safe = decisions.filter(d => d.decision === 'safe')
  const build = buildSharedReview({
    document,
    review: {
      sharedId: sharedIdFor(jurisdiction.code, review.id),
      jurisdiction: jurisdiction.code,
      incidentDate: review.incidentDate.toISOString().slice(0, 10),
      incidentType: asIncidentType(review.incidentType),
      phase: asPhase(review.phase),
    },
    framework: exportFramework(framework),
    // One person, one pseudonym: a quote carries its author's, as the timeline does.
    excerpts: excerpts.map(x => {
      const author = authorOf.get(x.accountId)
      return { pseudonym: (author && staff.pseudonymOf.get(author)) || x.pseudonym, findingId: x.findingId, excerpt: x.excerpt }
    }),
    familyVoice,
    resolutions: { safeWords: safe.map(d => d.text) },
    locale,
    registeredPeople: [...staff.people, ...staff.staff],
  })
  // Safe words settle every spelling that folds the same; the ids settle anything else the
  // anonymiser would still list under a decided id.
  const decided = new Set(safe.map(d => d.candidateId))
  return {
    review,
    jurisdictionCode: jurisdiction.code,
    excludeFromSharing: settings.excludeFromSharing,
    framework,
    document,
    build,
    unresolved: build.residuals.filter(r => !decided.has(r.id)),
    staff: staff.staff.map(p => ({ id: p.id, name: p.name, pseudonym: p.pseudonym })),
    resolvedBy: [...new Set(decisions.map(d => d.decidedById))],
  }
}

// ---------------------------------------------------------------- resolving residual candidates

/**
 * What a residual candidate turns out to be: a person (an alias of someone in the registry,
 * "doc:<id>", or of a staff member, "user:<id>"), a place (with the label that replaces it), an
 * identifier (with its kind), or safe to leave as written.
 */
export type ResidualAction =
  | { kind: 'safe' }
  | { kind: 'person'; personRef: string }
  | { kind: 'place'; label: string; placeKind: PlaceKind }
  | { kind: 'identifier'; identifierKind: IdentifierKind }

export type ResolveDone = 'markedSafe' | 'aliasAdded' | 'placeAdded' | 'identifierAdded' | 'unmarked'
export type ResolveOutcome = { ok: true; done: ResolveDone } | { ok: false; message: string; params?: Record<string, string> }

const MAX_ALIASES = 20

const auditActionOf = {
  safe: 'export.residual-marked-safe',
  person: 'export.residual-added-as-alias',
  place: 'export.residual-added-as-place',
  identifier: 'export.residual-added-as-identifier',
} as const satisfies Record<ResidualAction['kind'], AuditAction>

/**
 * Settles a residual candidate for every occurrence. The candidate is looked up again on the
 * server: only a word the anonymiser really lists can be decided, and its text comes from the
 * review, never from the request. Every decision is kept (ResidualDecision), so the approval
 * of the de-identified text knows who resolved candidates.
 */
export async function resolveResidual(
  reviewOrId: ExportReviewRow | string,
  candidateId: string,
  action: ResidualAction,
  actorId: string,
  options: { locale?: ExportLocale } = {},
): Promise<ResolveOutcome> {
  const review = await reviewRow(reviewOrId)
  const prepared = await prepareExport(review, options)
  const candidate = prepared.unresolved.find(r => r.id === candidateId)
  if (!candidate) return { ok: false, message: 'export.errors.noSuchCandidate' }
  const same = (a: string) => a.toLowerCase() === candidate.text.toLowerCase()

  let outcome: ResolveOutcome
  if (action.kind === 'safe') outcome = { ok: true, done: 'markedSafe' }
  else if (action.kind === 'person' && action.personRef.startsWith('user:')) {
    // A staff member is not in the document: the alias lives in the decision row itself.
    const known = prepared.staff.some(p => p.id === action.personRef)
    outcome = known ? { ok: true, done: 'aliasAdded' } : { ok: false, message: 'export.errors.noSuchPerson' }
  } else {
    outcome = await reviewDocGateway().change(reviewDocName(review.id), (doc): ResolveOutcome => {
      const current = readReviewDoc(doc).doc
      try {
        if (action.kind === 'identifier') {
          if (!current.identifiers.some(i => same(i.value)))
            applyCommand(doc, { type: 'addIdentifier', value: candidate.text, kind: action.identifierKind }, { origin: 'export' })
          return { ok: true, done: 'identifierAdded' }
        }
        if (action.kind === 'place') {
          if (!current.places.some(p => same(p.name)))
            applyCommand(doc, { type: 'addPlace', name: candidate.text, kind: action.placeKind, label: action.label }, { origin: 'export' })
          return { ok: true, done: 'placeAdded' }
        }
        const id = action.personRef.startsWith('doc:') ? action.personRef.slice('doc:'.length) : action.personRef
        const person = current.people.find(p => p.id === id)
        if (!person) return { ok: false, message: 'export.errors.noSuchPerson' }
        if (person.aliases.some(same)) return { ok: true, done: 'aliasAdded' }
        if (person.aliases.length >= MAX_ALIASES) return { ok: false, message: 'export.errors.aliasesFull' }
        applyCommand(doc, { type: 'updatePerson', id: person.id, patch: { aliases: [...person.aliases, candidate.text] } }, { origin: 'export' })
        return { ok: true, done: 'aliasAdded' }
      } catch (error) {
        if (error instanceof ReviewCommandError) {
          return { ok: false, message: 'export.errors.registry', params: { problem: error.problems.map(p => p.message).join('; ') } }
        }
        throw error
      }
    })
  }
  if (!outcome.ok) return outcome
  const fields = {
    text: candidate.text,
    decision: action.kind,
    personRef: action.kind === 'person' ? action.personRef : null,
    label: action.kind === 'place' ? action.label : null,
    kind: action.kind === 'identifier' ? action.identifierKind : action.kind === 'place' ? action.placeKind : null,
    decidedById: actorId,
  }
  await prisma.$transaction([
    prisma.residualDecision.upsert({
      where: { reviewId_candidateId: { reviewId: review.id, candidateId } },
      create: { reviewId: review.id, candidateId, ...fields },
      update: { ...fields, decidedAt: new Date() },
    }),
    // The audit trail names the candidate by id only: its text may be someone's name.
    audit(prisma, {
      ...reviewAuditScope(review, actorId),
      action: auditActionOf[action.kind],
      detail: {
        candidateId,
        ...(action.kind === 'person' ? { personRef: action.personRef } : {}),
        ...(action.kind === 'identifier' ? { identifierKind: action.identifierKind } : {}),
        ...(action.kind === 'place' ? { placeKind: action.placeKind } : {}),
      },
    }),
  ])
  return outcome
}

/** Takes back a "safe" decision: the word is listed again if it is still in the text. */
export async function undoSafeDecision(review: ExportReviewRow, decisionId: string, actorId: string): Promise<ResolveOutcome> {
  const decision = await prisma.residualDecision.findFirst({
    where: { id: decisionId, reviewId: review.id, decision: 'safe' },
    select: { id: true, candidateId: true },
  })
  if (!decision) return { ok: false, message: 'export.errors.noSuchDecision' }
  await prisma.$transaction([
    prisma.residualDecision.delete({ where: { id: decision.id } }),
    audit(prisma, { ...reviewAuditScope(review, actorId), action: 'export.residual-unmarked', detail: { candidateId: decision.candidateId } }),
  ])
  return { ok: true, done: 'unmarked' }
}

export type SafeDecision = { id: string; text: string; decidedBy: string | null; decidedAt: string }

export async function safeDecisions(reviewId: string): Promise<SafeDecision[]> {
  const rows = await prisma.residualDecision.findMany({ where: { reviewId, decision: 'safe' }, orderBy: { decidedAt: 'desc' } })
  const names = await userNames(rows.map(r => r.decidedById))
  return rows.map(r => ({ id: r.id, text: r.text, decidedBy: names.get(r.decidedById) ?? null, decidedAt: r.decidedAt.toISOString() }))
}

// ---------------------------------------------------------------- exporting

export type ExportVia = 'web' | 'cli'

export type ExportedFile = { name: string; contentType: string; bytes: Uint8Array }

export type ExportResult =
  | {
      ok: true
      /** What to hand over as one download (CSV files are zipped). */
      download: ExportedFile
      /** The files themselves (CSV: one per entity; other formats: the download). */
      files: ExportedFile[]
      sharedReview: SharedReview
      acceptedResiduals: ResidualSummary[]
      recordId: string
      /** Set when --override-approval let this export out without the approvals. */
      approvalOverride: { reason: string; operator: string | null; missing: ApprovalStep[] } | null
    }
  | { ok: false; reason: 'phase'; phase: string }
  | { ok: false; reason: 'excluded' }
  | { ok: false; reason: 'residuals'; residuals: ResidualSummary[] }
  | { ok: false; reason: 'approval'; missing: ApprovalStep[] }

export type ExportOptions = {
  acceptResiduals?: boolean
  actorId: string | null
  via: ExportVia
  /** Language of the report's labels (HTML, DOCX) and of the anonymiser (see prepareExport). */
  locale?: ExportLocale
  /** Who ran the command line, when there is no signed-in user. */
  operator?: string | null
  /**
   * The command line's --override-approval: exports without the two approvals, for a reason
   * that is audited and named in the export's record. Never offered on the page.
   */
  overrideApproval?: { reason: string } | null
}

export { reportLabels }

export function factorNames(framework: FactorFramework, locale: ExportLocale): FactorNames {
  const items = new Map<string, string>()
  const domains = new Map<string, string>()
  for (const domain of framework.domains) {
    domains.set(domain.id, domain.label[locale])
    for (const item of domain.items) items.set(item.id, item.label[locale])
  }
  return { item: id => items.get(id), domain: id => domains.get(id) }
}

const encoder = new TextEncoder()

async function render(
  format: ExportFormat,
  shared: SharedReview,
  prepared: PreparedExport,
  locale: ExportLocale,
): Promise<{ download: ExportedFile; files: ExportedFile[] }> {
  const base = `scir-${shared.jurisdiction.toLowerCase()}-${shared.sharedId.slice(0, 12)}`
  const options = { labels: reportLabels(locale), factorNames: factorNames(prepared.framework, locale) }
  switch (format) {
    case 'json': {
      const file = { name: `${base}.json`, contentType: 'application/json; charset=utf-8', bytes: encoder.encode(renderJson(shared)) }
      return { download: file, files: [file] }
    }
    case 'html': {
      const file = { name: `${base}.html`, contentType: 'text/html; charset=utf-8', bytes: encoder.encode(renderHtmlReport(shared, options)) }
      return { download: file, files: [file] }
    }
    case 'docx': {
      const file = {
        name: `${base}.docx`,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: await renderDocx(shared, options),
      }
      return { download: file, files: [file] }
    }
    case 'csv': {
      const files = renderCsvFiles(shared, options).map(f => ({ name: f.name, contentType: f.contentType, bytes: encoder.encode(f.content) }))
      return {
        download: { name: `${base}-csv.zip`, contentType: 'application/zip', bytes: zipFiles(files.map(f => ({ name: f.name, content: f.bytes }))) },
        files,
      }
    }
  }
}

export async function exportReview(reviewOrId: ExportReviewRow | string, format: ExportFormat, options: ExportOptions): Promise<ExportResult> {
  const review = await reviewRow(reviewOrId)
  if (!exportOpenIn(review.phase)) return { ok: false, reason: 'phase', phase: review.phase }
  const locale = options.locale ?? 'en'
  const prepared = await prepareExport(review, { locale })
  // The submitting jurisdiction owns its data: its opt-out covers the shared data file, not
  // reports for its own leadership.
  if (format === 'json' && prepared.excludeFromSharing) return { ok: false, reason: 'excluded' }
  if (prepared.unresolved.length > 0 && !options.acceptResiduals) return { ok: false, reason: 'residuals', residuals: prepared.unresolved }

  // The approvals hash the English build (see approvalState), whatever language is downloaded.
  const approvals = await approvalState(review, locale === 'en' ? prepared : await prepareExport(review, { locale: 'en' }))
  const override =
    approvals.missing.length > 0 && options.overrideApproval
      ? { reason: options.overrideApproval.reason, operator: options.operator ?? null, missing: approvals.missing }
      : null
  if (approvals.missing.length > 0 && !override) return { ok: false, reason: 'approval', missing: approvals.missing }

  // Consent decides what each format carries (ADR 0038): the shared JSON file only what may
  // cross jurisdictions, the reports whatever may be quoted.
  const built = withFamilyVoiceFor(prepared.build.sharedReview, format)
  // The shared data file carries its jurisdiction's signature; reports stay as they were.
  const shared = format === 'json' ? signSharedReview(built, await signingKeyOf(review.jurisdictionId)) : built
  const { download, files } = await render(format, shared, prepared, locale)
  const accepted = prepared.unresolved
  const record = await recordExport({
    review,
    actorId: options.actorId,
    format,
    acceptedResiduals: accepted.length,
    detail: {
      via: options.via,
      operator: options.operator ?? null,
      locale,
      sharedFormat: shared.format,
      sharedId: shared.sharedId,
      ...(shared.signature ? { signatureKeyId: shared.signature.keyId } : {}),
      approvals: {
        findings: approvals.findings.valid ? { by: approvals.findings.approvedById, at: approvals.findings.approvedAt } : null,
        deidentified: approvals.deidentified.valid ? { by: approvals.deidentified.approvedById, at: approvals.deidentified.approvedAt } : null,
      },
      approvalOverride: override,
      // Ids only: a residual's text may be a name.
      acceptedResidualIds: accepted.map(r => r.id),
      counts: {
        timeline: shared.timeline.length,
        unmetNeeds: shared.unmetNeeds.length,
        factorRatings: shared.factorRatings.length,
        findings: shared.findings.length,
        recommendations: shared.recommendations.length,
        accountExcerpts: shared.accountExcerpts.length,
        safetyMaps: shared.safetyMaps?.length ?? 0,
        familyVoice: shared.familyVoice?.length ?? 0,
      },
      // What was handed over: the download on the page; the files themselves on the command line.
      files: (options.via === 'cli' ? files : [download]).map(f => ({ name: f.name, bytes: f.bytes.length, sha256: sha256Hex(f.bytes) })),
    },
    approvalOverride: override ? { via: options.via, ...override } : null,
  })
  return { ok: true, download, files, sharedReview: shared, acceptedResiduals: accepted, recordId: record.id, approvalOverride: override }
}

export type ExportRecordInput = {
  review: { id: string; jurisdictionId: string }
  actorId: string | null
  format: ExportFormat
  acceptedResiduals: number
  detail: Record<string, unknown>
  /** Set when the command line let the export out without its approvals. */
  approvalOverride?: { via: string; reason: string; operator: string | null; missing: string[] } | null
}

/** The export log (ExportRecord) and the review's audit trail, written together. */
export async function recordExport(input: ExportRecordInput) {
  return prisma.$transaction(async tx => {
    const record = await tx.exportRecord.create({
      data: {
        ...reviewAuditScope(input.review, input.actorId),
        format: input.format,
        acceptedResiduals: input.acceptedResiduals,
        detail: JSON.stringify(input.detail),
      },
    })
    await audit(tx, {
      ...reviewAuditScope(input.review, input.actorId),
      action: 'review.exported',
      detail: { exportRecordId: record.id, format: input.format, acceptedResiduals: input.acceptedResiduals },
    })
    if (input.approvalOverride) {
      const { via, ...override } = input.approvalOverride
      await audit(tx, {
        ...reviewAuditScope(input.review, input.actorId),
        action: 'export.approval-overridden',
        detail: { exportRecordId: record.id, via, ...override },
      })
    }
    return record
  })
}

export type ExportHistoryEntry = { id: string; at: string; actorName: string | null; format: string; acceptedResiduals: number; via: ExportVia }

export async function exportHistory(reviewId: string): Promise<ExportHistoryEntry[]> {
  const rows = await prisma.exportRecord.findMany({ where: { reviewId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 200 })
  const names = await userNames(rows.map(r => r.actorId))
  return rows.map(r => {
    const detail = parseDetail(r.detail)
    return {
      id: r.id,
      at: r.createdAt.toISOString(),
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      format: r.format,
      acceptedResiduals: r.acceptedResiduals,
      via: detail.via === 'cli' ? 'cli' : 'web',
    }
  })
}

const viaDetail = z.object({ via: z.unknown() }).catch({})

function parseDetail(text: string): { via?: unknown } {
  try {
    return viaDetail.parse(JSON.parse(text))
  } catch {
    return {}
  }
}

async function userNames(ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))]
  if (wanted.length === 0) return new Map()
  const users = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
  return new Map(users.map(u => [u.id, u.name]))
}
