// export <review-id> --format json|csv|docx|html --out <path> [--accept-residuals] [--locale en|fr]
//        [--override-approval "<reason>"]
//
// The operator's way to take a de-identified review out, under the same rules as the export
// page: only in the approval phase and once the findings and the de-identified text are
// approved (ADR 0018), never while residual candidates are unresolved unless the operator
// accepts them explicitly (they are listed either way), the shared data file honours the
// jurisdiction's opt-out and is signed, and the export is recorded (by the operator, from the
// command line). --override-approval exports without the approvals: the reason is required,
// audited, and named in the export's record.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { exportFormats, type ExportFormat, type ResidualSummary } from '~/domain/export'
import { exportReview, type ExportLocale } from '~/models/export.server'
import type { PrismaClient } from '~/utils/db.server'
import { CliError, type CliIO } from './cli-io'

const SECTION_NAMES: Record<string, string> = {
  timeline: 'timeline event',
  unmetNeeds: 'unmet need',
  factorRatings: 'factor rating',
  findings: 'finding',
  recommendations: 'recommendation',
  accountExcerpts: 'quoted excerpt',
}

/** "  - "Tessie" (capitalised word) in finding 1 text, timeline event 3 text" */
export function describeResiduals(residuals: readonly ResidualSummary[]): string {
  return residuals
    .map(r => {
      const where = [...new Set(r.occurrences.map(o => `${SECTION_NAMES[o.where.section] ?? o.where.section} ${o.where.index + 1} ${o.where.field}`))]
      const shown = where.slice(0, 5).join(', ') + (where.length > 5 ? `, and ${where.length - 5} more` : '')
      return `  - "${r.text}" (${r.reason.replace('_', ' ')}) in ${shown}`
    })
    .join('\n')
}

const APPROVAL_NAMES = { findings: 'the QI lead’s approval of the findings', deidentified: 'a second person’s approval of the de-identified text' } as const

function writeFile(file: string, bytes: Uint8Array) {
  try {
    fs.writeFileSync(file, bytes)
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

export async function exportCommand(prisma: PrismaClient, args: string[], io: CliIO): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      'accept-residuals': { type: 'boolean', default: false },
      locale: { type: 'string', default: 'en' },
      'override-approval': { type: 'string' },
    },
  })
  const reviewId = positionals[0]
  if (!reviewId) throw new CliError('give the review to export: export <review-id> --format json|csv|docx|html --out <path>')
  const format = exportFormats.find(f => f === values.format) as ExportFormat | undefined
  if (!format) throw new CliError(`--format must be one of ${exportFormats.join(', ')}`)
  if (!values.out) throw new CliError('--out <path> is required (a directory for csv, a file otherwise)')
  if (values.locale !== 'en' && values.locale !== 'fr') throw new CliError('--locale must be en or fr')
  const locale: ExportLocale = values.locale
  const overrideReason = values['override-approval']?.trim()
  if (values['override-approval'] !== undefined && !overrideReason)
    throw new CliError('--override-approval needs a reason, e.g. --override-approval "board asked for the draft on 3 Dec"')
  const out = path.resolve(values.out)

  const review = await prisma.review.findUnique({ where: { id: reviewId } })
  if (!review) throw new CliError(`no review with id ${reviewId}`)
  if (format !== 'csv' && fs.existsSync(out) && fs.statSync(out).isDirectory())
    throw new CliError(`${values.out} is a directory; give a file name for --format ${format}`)
  if (format === 'csv' && fs.existsSync(out) && !fs.statSync(out).isDirectory())
    throw new CliError(`${values.out} is a file; --format csv writes one file per entity into a directory`)

  // Only the folder --out names may be created (csv), never the folders above it.
  const parent = path.dirname(out)
  if (!fs.existsSync(parent) || !fs.statSync(parent).isDirectory())
    throw new CliError(`the folder ${parent} does not exist; create it first or choose another --out (nothing was exported)`)

  const acceptResiduals = values['accept-residuals'] ?? false
  const result = await exportReview(review, format, {
    acceptResiduals,
    actorId: null,
    via: 'cli',
    locale,
    operator: io.env.USER ?? io.env.LOGNAME ?? null,
    overrideApproval: overrideReason ? { reason: overrideReason } : null,
  })
  if (!result.ok) {
    if (result.reason === 'phase')
      throw new CliError(`review ${reviewId} is in the ${result.phase} phase; exports open once its findings reach approval (nothing was exported)`)
    if (result.reason === 'excluded') {
      throw new CliError(
        `the jurisdiction keeps its reviews out of every shared data set, so the shared JSON format cannot be exported (nothing was exported); the docx, html and csv reports can`,
      )
    }
    if (result.reason === 'approval') {
      throw new CliError(
        `review ${reviewId} is not approved for export (nothing was exported): ${result.missing.map(step => APPROVAL_NAMES[step]).join(' and ')} ${result.missing.length > 1 ? 'are' : 'is'} missing or no longer match what the review holds. Approve on the export page, or run again with --override-approval "<reason>" (audited and named in the export record)`,
      )
    }
    throw new CliError(
      `${result.residuals.length} residual candidate(s) are unresolved (nothing was exported). Resolve them on the export page (as a person, a place, an identifier, or safe), or run again with --accept-residuals to export with them left as written:\n${describeResiduals(result.residuals)}`,
    )
  }

  if (result.approvalOverride) {
    io.err(
      `warning: exporting without ${result.approvalOverride.missing.map(step => APPROVAL_NAMES[step]).join(' and ')} (--override-approval "${result.approvalOverride.reason}"); this is audited`,
    )
  }
  if (result.acceptedResiduals.length > 0) {
    io.err(
      `warning: exporting with ${result.acceptedResiduals.length} unresolved residual candidate(s) left as written (--accept-residuals):\n${describeResiduals(result.acceptedResiduals)}`,
    )
  }
  if (format === 'csv') {
    try {
      fs.mkdirSync(out)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new CliError(`cannot create ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
    for (const file of result.files) writeFile(path.join(out, file.name), file.bytes)
    io.out(`wrote ${result.files.length} CSV files to ${out}: ${result.files.map(f => f.name).join(', ')}`)
  } else {
    writeFile(out, result.files[0]!.bytes)
    io.out(`wrote ${out} (${result.files[0]!.bytes.length} bytes)`)
  }
  io.out(`export recorded (${result.recordId})`)
}
