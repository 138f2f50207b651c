// audit verify | audit export: the audit as a court would want it (ADR 0027).
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { ChainReport } from '~/utils/audit-chain.server'
import type { PrismaClient } from '~/utils/db.server'
import { CliError, type CliIO } from './cli-io'
import { openDatabaseFile, outputPath } from './cli-files'

const day = /^\d{4}-\d{2}-\d{2}$/

function parseDay(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined
  const date = new Date(`${value}T00:00:00.000Z`)
  if (!day.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw new CliError(`${flag} must be a day written YYYY-MM-DD (got ${value})`)
  return date
}

/** The verdict of `audit verify`, whichever database it read: the exit code, 1 when broken. */
export function printAuditChainReport(report: ChainReport, io: CliIO): number {
  for (const j of report.jurisdictions) io.out(`jurisdiction ${j.jurisdictionId}: ${j.rows} rows, head ${j.head ?? '-'}`)
  if (report.firstBroken) {
    const b = report.firstBroken
    io.err(`audit chain broken at row ${b.id} (seq ${b.seq ?? '-'}, jurisdiction ${b.jurisdictionId}): ${b.problem.replace(/-/g, ' ')}`)
    return 1
  }
  io.out(`audit chain intact: ${report.rows} rows verified`)
  return 0
}

export async function auditVerifyCommand(args: string[], io: CliIO, databaseFile: string): Promise<number> {
  parseArgs({ args, allowPositionals: false, options: {} })
  const { verifyAuditChain } = await import('~/utils/audit-chain.server')
  const db = openDatabaseFile(databaseFile, { readonly: true })
  try {
    return printAuditChainReport(verifyAuditChain(db), io)
  } finally {
    db.close()
  }
}

export async function auditExportCommand(prisma: PrismaClient, args: string[], io: CliIO): Promise<void> {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, jurisdiction: { type: 'string' } },
  })
  if (values.format !== 'csv' && values.format !== 'jsonl') throw new CliError('--format must be csv or jsonl')
  const from = parseDay(values.from, '--from')
  const to = parseDay(values.to, '--to')
  if (from && to && to < from) throw new CliError('--to is before --from')
  const until = to ? new Date(to.getTime() + 24 * 3600 * 1000) : undefined
  let jurisdictionId: string | undefined
  if (values.jurisdiction) {
    const j = await prisma.jurisdiction.findUnique({ where: { code: values.jurisdiction.trim() } })
    if (!j) throw new CliError(`no jurisdiction with code ${values.jurisdiction}`)
    jurisdictionId = j.id
  }
  const out = values.out ? outputPath(values.out) : null

  const { auditRows, auditExportColumns, auditRowCells, auditEvent } = await import('~/models/audit.server')
  const { toCsv } = await import('~/domain/export/csv')
  const chunks: string[] = []
  if (values.format === 'csv') chunks.push(toCsv(auditExportColumns, []))
  const perJurisdiction = new Map<string, number>()
  for await (const row of auditRows({ jurisdictionId, from, until })) {
    perJurisdiction.set(row.jurisdictionId, (perJurisdiction.get(row.jurisdictionId) ?? 0) + 1)
    if (values.format === 'jsonl') chunks.push(JSON.stringify(row) + '\n')
    else chunks.push(toCsv([], [auditRowCells(row)]).replace(/^\r\n/, ''))
  }
  const text = chunks.join('')
  if (out) {
    try {
      fs.writeFileSync(out, text)
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
  } else {
    process.stdout.write(text)
  }
  const total = [...perJurisdiction.values()].reduce((a, b) => a + b, 0)
  // The export of the audit is itself audited, once per jurisdiction it contained.
  for (const [id, rows] of perJurisdiction) {
    await auditEvent({
      jurisdictionId: id,
      action: 'audit.exported',
      detail: { via: 'cli', operator: io.env.USER ?? io.env.LOGNAME ?? null, rows, format: values.format, from: values.from ?? null, to: values.to ?? null },
    })
  }
  ;(out ? io.out : io.err)(`exported ${total} audit rows${out ? ` to ${path.relative(process.cwd(), out) || out}` : ''}`)
}
