// Other jurisdictions' de-identified reviews, imported by an admin for the network trends.
// A whole upload is checked before anything is written: one bad file, and nothing changes.
import type { ZodIssue } from 'zod'
import { sharedReviewSchema, type SharedReview } from '~/domain/export/schema'
import { jsonPointer } from '~/domain/standards/json-problems'
import { prisma } from '~/utils/db.server'
import { trustedKeyMap, verifySharedReview } from './signing.server'
import { audit } from './audit.server'

export type ImportFile = { name: string; text: string }

/** A translatable message (key under `trends.import.problem.`) or, failing that, plain text. */
export type ImportMessage = { key: string; params?: Record<string, string | number> } | { text: string }
export type ImportProblem = { file: string; where: string; message: ImportMessage }

export type ImportOutcome =
  { ok: true; created: number; replaced: number; sources: { source: string; count: number }[] } | { ok: false; problems: ImportProblem[] }

/** Schema problems in words the interface can translate; anything unusual keeps zod's text. */
function describeIssue(issue: ZodIssue): ImportMessage {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? { key: 'required' } : { key: 'invalidType', params: { expected: issue.expected, received: issue.received } }
    case 'invalid_literal':
      return { key: 'invalidLiteral', params: { expected: String(issue.expected) } }
    case 'invalid_enum_value':
      return { key: 'invalidEnum', params: { options: issue.options.join(', ') } }
    case 'unrecognized_keys':
      return { key: 'unrecognizedKeys', params: { keys: issue.keys.join(', ') } }
    case 'too_big':
      return { key: issue.type === 'array' ? 'tooManyItems' : issue.type === 'string' ? 'tooLong' : 'tooBig', params: { maximum: String(issue.maximum) } }
    case 'too_small':
      return { key: issue.type === 'array' ? 'tooFewItems' : issue.type === 'string' ? 'tooShort' : 'tooSmall', params: { minimum: String(issue.minimum) } }
    case 'invalid_string':
      return { key: 'invalidFormat' }
    case 'invalid_union':
      return { key: 'invalidValue' }
    default:
      return { text: issue.message }
  }
}

/**
 * Codes of the jurisdictions on this system that keep their reviews out of shared data sets.
 * A jurisdiction owns its data: reviews it shared before opting out stop counting at once,
 * even in data sets imported by others before it changed its mind.
 */
export async function withdrawnJurisdictionCodes(): Promise<Set<string>> {
  const rows = await prisma.jurisdiction.findMany({ where: { excludeFromSharing: true }, select: { code: true } })
  return new Set(rows.map(r => r.code))
}

type Candidate = { file: string; where: string; review: SharedReview }

/** Parses and validates every file; a file may hold one shared review or an array of them. */
export function checkSharedReviewFiles(files: readonly ImportFile[], importerCode: string): { candidates: Candidate[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = []
  const candidates: Candidate[] = []
  for (const file of files) {
    let json: unknown
    try {
      json = JSON.parse(file.text)
    } catch (error) {
      problems.push({ file: file.name, where: '', message: { key: 'notJson', params: { detail: (error as Error).message } } })
      continue
    }
    const items = Array.isArray(json) ? json.map((value, index) => ({ value, prefix: [index] })) : [{ value: json, prefix: [] as number[] }]
    if (items.length === 0) problems.push({ file: file.name, where: '', message: { key: 'empty' } })
    for (const { value, prefix } of items) {
      const parsed = sharedReviewSchema.safeParse(value)
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push({ file: file.name, where: jsonPointer([...prefix, ...issue.path]), message: describeIssue(issue) })
        continue
      }
      const where = jsonPointer(prefix)
      // Our own reviews are already counted from the projection; importing an export of
      // them would count every one twice.
      if (parsed.data.jurisdiction === importerCode) {
        problems.push({ file: file.name, where: `${where}/jurisdiction`, message: { key: 'ownJurisdiction', params: { code: importerCode } } })
        continue
      }
      const twin = candidates.find(c => c.review.sharedId === parsed.data.sharedId)
      if (twin) {
        problems.push({ file: file.name, where: `${where}/sharedId`, message: { key: 'duplicateInUpload', params: { other: twin.file } } })
        continue
      }
      candidates.push({ file: file.name, where, review: parsed.data })
    }
  }
  return { candidates, problems }
}

/**
 * Imports shared reviews for `importer`: all or nothing. Re-importing a review (same
 * sharedId) replaces it, so a corrected export supersedes the old one.
 */
export async function importSharedReviews(
  importer: { jurisdictionId: string; code: string; userId: string },
  files: readonly ImportFile[],
): Promise<ImportOutcome> {
  if (files.length === 0) return { ok: false, problems: [{ file: '', where: '', message: { key: 'noFiles' } }] }
  const { candidates, problems } = checkSharedReviewFiles(files, importer.code)
  const existing = await prisma.sharedReview.findMany({
    where: { jurisdictionId: importer.jurisdictionId, sharedId: { in: candidates.map(c => c.review.sharedId) } },
    select: { sharedId: true, sourceJurisdiction: true },
  })
  const sourceOf = new Map(existing.map(e => [e.sharedId, e.sourceJurisdiction]))
  const withdrawn = await withdrawnJurisdictionCodes()
  const trusted = await trustedKeyMap(importer.jurisdictionId)
  for (const c of candidates) {
    // Only what the jurisdiction it names signed, with the key our admin registered for it.
    const verified = verifySharedReview(c.review, trusted)
    if (!verified.ok) {
      problems.push({
        file: c.file,
        where: `${c.where}/${verified.problem === 'unknownJurisdiction' ? 'jurisdiction' : 'signature'}`,
        message: { key: `signature.${verified.problem}`, params: { code: c.review.jurisdiction } },
      })
      continue
    }
    if (withdrawn.has(c.review.jurisdiction)) {
      problems.push({ file: c.file, where: `${c.where}/jurisdiction`, message: { key: 'sourceWithdrawn', params: { code: c.review.jurisdiction } } })
    }
    const before = sourceOf.get(c.review.sharedId)
    // The id is the exporter's hash; the same id from another jurisdiction is a mistake or a
    // forgery, never a correction.
    if (before !== undefined && before !== c.review.jurisdiction) {
      problems.push({ file: c.file, where: `${c.where}/sharedId`, message: { key: 'sharedIdTaken', params: { code: before } } })
    }
  }
  if (problems.length) return { ok: false, problems }

  const now = new Date()
  const bySource = new Map<string, number>()
  for (const c of candidates) bySource.set(c.review.jurisdiction, (bySource.get(c.review.jurisdiction) ?? 0) + 1)
  const sources = [...bySource].map(([source, count]) => ({ source, count })).sort((a, b) => a.source.localeCompare(b.source))
  const replaced = candidates.filter(c => sourceOf.has(c.review.sharedId)).length
  await prisma.$transaction([
    ...candidates.map(({ review }) => {
      const data = { sourceJurisdiction: review.jurisdiction, content: JSON.stringify(review), importedAt: now, importedById: importer.userId }
      return prisma.sharedReview.upsert({
        where: { jurisdictionId_sharedId: { jurisdictionId: importer.jurisdictionId, sharedId: review.sharedId } },
        create: { jurisdictionId: importer.jurisdictionId, sharedId: review.sharedId, ...data },
        update: data,
      })
    }),
    audit(prisma, {
      jurisdictionId: importer.jurisdictionId,
      actorId: importer.userId,
      action: 'trends.shared-imported',
      detail: { sources, created: candidates.length - replaced, replaced },
    }),
  ])
  return { ok: true, created: candidates.length - replaced, replaced, sources }
}

/**
 * Removes every review imported from one source: a jurisdiction owns its data and may
 * withdraw it from the shared set.
 */
export async function removeSharedReviewsFrom(importer: { jurisdictionId: string; userId: string }, source: string) {
  const [removed] = await prisma.$transaction([
    prisma.sharedReview.deleteMany({ where: { jurisdictionId: importer.jurisdictionId, sourceJurisdiction: source } }),
    audit(prisma, { jurisdictionId: importer.jurisdictionId, actorId: importer.userId, action: 'trends.shared-removed', detail: { source } }),
  ])
  return removed.count
}

export type ImportedSource = { source: string; reviews: number; lastImportedAt: string }

/** What has been imported, exactly, for the admins who manage it. */
export async function importedSources(jurisdictionId: string): Promise<ImportedSource[]> {
  const groups = await prisma.sharedReview.groupBy({
    by: ['sourceJurisdiction'],
    where: { jurisdictionId },
    _count: { _all: true },
    _max: { importedAt: true },
    orderBy: { sourceJurisdiction: 'asc' },
  })
  return groups.map(g => ({ source: g.sourceJurisdiction, reviews: g._count._all, lastImportedAt: (g._max.importedAt ?? new Date(0)).toISOString() }))
}

/**
 * The imported reviews of one jurisdiction. A stored review that no longer reads under the
 * current schema is left out and counted, so the page can say so instead of failing.
 */
export async function loadSharedReviews(jurisdictionId: string): Promise<{ reviews: SharedReview[]; unreadable: number }> {
  const rows = await prisma.sharedReview.findMany({ where: { jurisdictionId }, select: { content: true }, orderBy: { sharedId: 'asc' } })
  const reviews: SharedReview[] = []
  let unreadable = 0
  for (const row of rows) {
    let json: unknown
    try {
      json = JSON.parse(row.content)
    } catch {
      unreadable++
      continue
    }
    const parsed = sharedReviewSchema.safeParse(json)
    if (parsed.success) reviews.push(parsed.data)
    else unreadable++
  }
  return { reviews, unreadable }
}
