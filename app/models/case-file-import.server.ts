import {
  caseFileDateFlags,
  caseFileFromCsv,
  describeProblem,
  explainProblem,
  importCaseFile,
  validateCaseFileJson,
  CaseFileImportError,
  type CaseFile,
  type CaseFileMessage,
  type CaseFileProblem,
} from '~/domain/case-file'
import { localToday } from '~/domain/date-flags'
import { readReviewDoc, ReviewCommandError } from '~/domain/review-doc'
import { prisma } from '~/utils/db.server'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'
import { reviewDocName } from './review-doc.server'
import { projectReviewDocument } from './review-projection.server'
import { audit } from './audit.server'

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

/**
 * `where`/`message` are the technical location and wording (JSON pointer or CSV cell), kept for
 * logs and API clients; `explained` is the same in words a person reads, to be translated.
 */
export type ImportProblem = { where: string; message: string; explained: { where: CaseFileMessage; what: CaseFileMessage } }

/** Something imported that deserves a second look, or an entry left out as a duplicate. */
export type ImportNotice = { where: CaseFileMessage; what: CaseFileMessage }

export type ImportOutcome =
  | { ok: true; people: number; events: number; duplicates: ImportNotice[]; flags: ImportNotice[]; summaryKept: boolean }
  | { ok: false; problems: ImportProblem[] }

function asOutcome(problems: CaseFileProblem[], input?: unknown): ImportOutcome {
  return {
    ok: false,
    problems: problems.map(p => ({ where: describeProblem(p).split(': ')[0] ?? '', message: p.message, explained: explainProblem(p, input) })),
  }
}

export type ImportSource = { kind: 'json'; text: string } | { kind: 'csv'; peopleCsv: string; timelineCsv: string; placesCsv?: string; identifiersCsv?: string }

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const eventAt = (index: number): CaseFileMessage => ({ key: 'where.event', params: { n: index + 1 } })

/**
 * Validates a case file (JSON, or the same columns as CSV) and adds it to the review's timeline
 * and people registry in one document transaction: every problem is listed and nothing is
 * written unless all of it is valid. A review that already has a chronology (another agency's)
 * keeps it: people already in the registry are reused and events already in the timeline are
 * reported as duplicates, not added twice. A file that brings nothing new is refused.
 */
export async function importIntoReview(
  review: { id: string; jurisdictionId?: string; title: string; incidentType: string; incidentDate: Date; summary: string },
  source: ImportSource,
  actorId?: string,
): Promise<ImportOutcome> {
  const input = source.kind === 'json' ? parsedOrUndefined(source.text) : undefined
  const validation =
    source.kind === 'json'
      ? validateCaseFileJson(source.text)
      : caseFileFromCsv({
          review: {
            title: review.title,
            incidentType: review.incidentType,
            incidentDate: review.incidentDate.toISOString().slice(0, 10),
          },
          ...source,
        })
  if (!validation.ok) return asOutcome(validation.problems, input)
  const caseFile: CaseFile = validation.caseFile
  const today = localToday()
  let result: {
    people: number
    events: number
    duplicates: ImportNotice[]
    flags: ImportNotice[]
    document: ReturnType<typeof readReviewDoc>['doc']
    problems: number
  }
  try {
    result = await reviewDocGateway().change(reviewDocName(review.id), doc => {
      const before = readReviewDoc(doc).doc
      const hadContent = before.people.length + before.events.length + before.places.length + before.identifiers.length > 0
      const flags = caseFileDateFlags(caseFile, { today, existingPeople: before.people })
      const imported = importCaseFile(doc, caseFile, { allowExistingContent: true })
      if (hadContent && imported.eventIds.length === 0 && caseFile.timeline.length > 0) {
        // Nothing new: say so rather than report a successful import of nothing.
        throw new CaseFileImportError([{ path: '/timeline', message: 'every timeline entry of this file is already in the review' }])
      }
      const { doc: document, problems } = readReviewDoc(doc)
      const duplicates = imported.duplicates.map((d): ImportNotice => ({
        where: eventAt(d.index),
        what: d.source ? { key: 'flag.duplicate', params: { date: d.date, source: d.source } } : { key: 'flag.duplicateNoSource', params: { date: d.date } },
      }))
      const skipped = new Set(imported.duplicates.map(d => d.index))
      const dateNotices = flags
        .filter(f => !skipped.has(f.index))
        .map((f): ImportNotice => ({
          where: eventAt(f.index),
          what:
            f.flag.kind === 'future'
              ? { key: 'flag.future', params: { value: f.date } }
              : { key: 'flag.beforeBirth', params: { value: f.date, birthDate: f.flag.birthDate } },
        }))
      return {
        people: imported.personIds.size - imported.reusedPeople.size,
        events: imported.eventIds.length,
        duplicates,
        flags: dateNotices,
        document,
        problems: problems.length,
      }
    })
  } catch (error) {
    if (error instanceof CaseFileImportError) return asOutcome(error.problems, input)
    // e.g. a pseudonym in the file that the review already gives someone else.
    if (error instanceof ReviewCommandError) return asOutcome(error.problems, input)
    throw error
  }
  // The room re-projects after edits anyway; doing it now makes lists right at once.
  await projectReviewDocument(review.id, result.document, result.problems)
  const summaryKept = await keepSummary(review, caseFile, source.kind === 'json', actorId)
  return { ok: true, people: result.people, events: result.events, duplicates: result.duplicates, flags: result.flags, summaryKept }
}

/**
 * The file's own review summary is the agency's account of what happened: it is kept on the
 * review, after whatever summary the review already has (unless it already says the same).
 * A CSV upload has no summary of its own.
 */
async function keepSummary(
  review: { id: string; jurisdictionId?: string; summary: string },
  caseFile: CaseFile,
  fromFile: boolean,
  actorId?: string,
): Promise<boolean> {
  const summary = caseFile.review.summary?.trim()
  if (!fromFile || !summary || review.summary.includes(summary)) return false
  const combined = review.summary.trim() ? `${review.summary.trim()}\n\n${summary}` : summary
  const jurisdictionId = review.jurisdictionId
  await prisma.$transaction(async tx => {
    await tx.review.update({ where: { id: review.id }, data: { summary: combined.slice(0, 20000) } })
    if (jurisdictionId)
      await audit(tx, { jurisdictionId, reviewId: review.id, actorId: actorId ?? null, action: 'review.summary-imported', detail: { length: summary.length } })
  })
  return true
}
