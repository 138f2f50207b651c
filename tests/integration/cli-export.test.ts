// npm run cli -- export <review-id> --format json|csv|docx|html --out <path> [--accept-residuals]
import fs from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { beforeAll, describe, expect, test } from 'vitest'
import { sharedReviewSchema } from '~/domain/export'
import { prisma } from '~/utils/db.server'
import { runCli } from '../../server/cli'
import { calderCommands, CALDER_INCIDENT } from '../fixtures/export/calder'
import { csvRecords } from '../fixtures/export/csv-parse'
import { approveForExport, exportJurisdiction, exportReviewWith, exportUser, markedSafe } from '../fixtures/export/db'
import { compileSharedReviewJsonSchema } from '../fixtures/export/json-schema'
import { cliIO, tempFolder } from '../support/cli'

const io = cliIO

const tmp = tempFolder('scir-cli-export-')
let reviewId: string
let jurisdictionId: string

beforeAll(async () => {
  const jurisdiction = await exportJurisdiction()
  jurisdictionId = jurisdiction.id
  reviewId = (await exportReviewWith({ jurisdictionId, commands: calderCommands, incidentDate: CALDER_INCIDENT })).id
  // Approved as it stands (candidates included): the gate below is about resolving them.
  await approveForExport(reviewId, (await exportUser(jurisdictionId)).id, (await exportUser(jurisdictionId)).id)
})

describe('export from the command line', () => {
  test('refuses while residual candidates are unresolved, listing them, and writes nothing', async () => {
    const t = io()
    const out = path.join(tmp, 'refused.json')
    expect(await runCli(['export', reviewId, '--format', 'json', '--out', out], t.io, prisma)).toBe(1)
    const message = t.err()
    expect(message).toContain('3 residual candidate(s) are unresolved (nothing was exported)')
    expect(message).toContain('--accept-residuals')
    expect(message).toMatch(/- "Tessie" \(capitalised word\) in timeline event 2 text, finding 1 text/)
    expect(message).toContain('"Brightwater"')
    expect(message).toContain('"Kayleigh"')
    expect(fs.existsSync(out)).toBe(false)
    expect(await prisma.exportRecord.count({ where: { reviewId } })).toBe(0)
  })

  test('--accept-residuals lists them and exports the shared JSON, recorded as the operator’s', async () => {
    const t = io()
    // Issue 17: the CLI creates no folder it was not asked for, so the folder exists first.
    fs.mkdirSync(path.join(tmp, 'nested'))
    const out = path.join(tmp, 'nested', 'shared.json')
    expect(await runCli(['export', reviewId, '--format', 'json', '--out', out, '--accept-residuals'], t.io, prisma)).toBe(0)
    expect(t.err()).toContain('warning: exporting with 3 unresolved residual candidate(s) left as written')
    expect(t.err()).toContain('"Tessie"')
    expect(t.out()).toContain(`wrote ${out}`)
    const json: unknown = JSON.parse(fs.readFileSync(out, 'utf8'))
    expect(compileSharedReviewJsonSchema()(json)).toBe(true)
    expect(sharedReviewSchema.safeParse(json).success).toBe(true)
    expect(JSON.stringify(json)).not.toMatch(/Tessa|Calder|Priya|Raman|Larch|CFS-2024-10377|867-555-0143/)
    const record = await prisma.exportRecord.findFirstOrThrow({ where: { reviewId, format: 'json' } })
    expect(record).toMatchObject({ actorId: null, acceptedResiduals: 3, jurisdictionId })
    expect(JSON.parse(record.detail)).toMatchObject({ via: 'cli', operator: 'operator-ann' })
    expect(t.out()).toContain(`export recorded (${record.id})`)
  })

  test('csv writes one file per entity into a directory, findings.csv one row per finding', async () => {
    const t = io()
    const dir = path.join(tmp, 'csv')
    expect(await runCli(['export', reviewId, '--format', 'csv', '--out', dir, '--accept-residuals'], t.io, prisma)).toBe(0)
    expect(fs.readdirSync(dir).sort()).toEqual([
      'account-excerpts.csv',
      'factor-ratings.csv',
      'findings.csv',
      'recommendations.csv',
      'review.csv',
      'safety-maps.csv',
      'timeline.csv',
      'unmet-needs.csv',
    ])
    const findings = csvRecords(fs.readFileSync(path.join(dir, 'findings.csv'), 'utf8'))
    expect(findings.map(f => f.finding_number)).toEqual(['1', '2'])
    expect(csvRecords(fs.readFileSync(path.join(dir, 'timeline.csv'), 'utf8'))).toHaveLength(3)
    expect(csvRecords(fs.readFileSync(path.join(dir, 'recommendations.csv'), 'utf8'))).toHaveLength(2)
    expect(t.out()).toContain('wrote 8 CSV files')
    const record = await prisma.exportRecord.findFirstOrThrow({ where: { reviewId, format: 'csv' } })
    const detail = JSON.parse(record.detail) as { files: { name: string; bytes: number; sha256: string }[] }
    expect(detail.files.map(f => f.name).sort()).toEqual(fs.readdirSync(dir).sort())
    for (const f of detail.files) expect(f.bytes).toBe(fs.statSync(path.join(dir, f.name)).size)
  })

  test('docx and html reports, once everything is resolved, need no --accept-residuals', async () => {
    const lead = await exportUser(jurisdictionId)
    await markedSafe(reviewId, lead.id, ['Tessie', 'Brightwater', 'Kayleigh'])
    const docx = path.join(tmp, 'report.docx')
    const t = io()
    expect(await runCli(['export', reviewId, '--format', 'docx', '--out', docx], t.io, prisma)).toBe(0)
    expect(t.err()).toBe('')
    const zip = await JSZip.loadAsync(fs.readFileSync(docx))
    expect(await zip.file('word/document.xml')!.async('string')).toContain('De-identified review report')
    const html = path.join(tmp, 'report.html')
    expect(await runCli(['export', reviewId, '--format', 'html', '--out', html, '--locale', 'fr'], io().io, prisma)).toBe(0)
    expect(fs.readFileSync(html, 'utf8')).toContain('<html lang="fr">')
    const records = await prisma.exportRecord.findMany({ where: { reviewId, format: { in: ['docx', 'html'] } } })
    expect(records.map(r => r.acceptedResiduals)).toEqual([0, 0])
  })

  test('honours the jurisdiction’s opt-out for the shared JSON format only', async () => {
    const excluded = await exportJurisdiction()
    await prisma.jurisdiction.update({ where: { id: excluded.id }, data: { excludeFromSharing: true } })
    const review = await exportReviewWith({ jurisdictionId: excluded.id, commands: calderCommands, incidentDate: CALDER_INCIDENT })
    await approveForExport(review.id, (await exportUser(excluded.id)).id, (await exportUser(excluded.id)).id)
    const t = io()
    const out = path.join(tmp, 'excluded.json')
    expect(await runCli(['export', review.id, '--format', 'json', '--out', out, '--accept-residuals'], t.io, prisma)).toBe(1)
    expect(t.err()).toContain('keeps its reviews out of every shared data set')
    expect(fs.existsSync(out)).toBe(false)
    expect(await runCli(['export', review.id, '--format', 'docx', '--out', path.join(tmp, 'excluded.docx'), '--accept-residuals'], io().io, prisma)).toBe(0)
    expect((await prisma.exportRecord.findMany({ where: { reviewId: review.id } })).map(r => r.format)).toEqual(['docx'])
  })

  test('refuses without both approvals, naming what is missing, and writes nothing', async () => {
    const review = await exportReviewWith({ jurisdictionId, commands: calderCommands, incidentDate: CALDER_INCIDENT })
    const out = path.join(tmp, 'unapproved.docx')
    const t = io()
    expect(await runCli(['export', review.id, '--format', 'docx', '--out', out, '--accept-residuals'], t.io, prisma)).toBe(1)
    expect(t.err()).toContain('is not approved for export (nothing was exported)')
    expect(t.err()).toContain('the QI lead’s approval of the findings and a second person’s approval of the de-identified text are missing')
    expect(t.err()).toContain('--override-approval')
    expect(fs.existsSync(out)).toBe(false)
    // The findings alone are not enough.
    const lead = await exportUser(jurisdictionId)
    const { prepareExport } = await import('~/models/export.server')
    const { approveStep } = await import('~/models/export-approval.server')
    expect(await approveStep(review, 'findings', await prepareExport(review), lead.id)).toEqual({ ok: true })
    const again = io()
    expect(await runCli(['export', review.id, '--format', 'docx', '--out', out, '--accept-residuals'], again.io, prisma)).toBe(1)
    expect(again.err()).toContain('a second person’s approval of the de-identified text is missing')
    expect(await prisma.exportRecord.count({ where: { reviewId: review.id } })).toBe(0)
  })

  test('--override-approval exports anyway, with its reason audited and named in the export’s record', async () => {
    const review = await exportReviewWith({ jurisdictionId, commands: calderCommands, incidentDate: CALDER_INCIDENT })
    const out = path.join(tmp, 'override.json')
    const blank = io()
    expect(await runCli(['export', review.id, '--format', 'json', '--out', out, '--accept-residuals', '--override-approval', '  '], blank.io, prisma)).toBe(1)
    expect(blank.err()).toContain('--override-approval needs a reason')
    const t = io()
    const reason = 'Board asked for the draft, minute 2026-12-03'
    expect(await runCli(['export', review.id, '--format', 'json', '--out', out, '--accept-residuals', '--override-approval', reason], t.io, prisma)).toBe(0)
    expect(t.err()).toContain(`--override-approval "${reason}"`)
    const record = await prisma.exportRecord.findFirstOrThrow({ where: { reviewId: review.id } })
    expect(JSON.parse(record.detail)).toMatchObject({ approvalOverride: { reason, operator: 'operator-ann', missing: ['findings', 'deidentified'] } })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { reviewId: review.id, action: 'export.approval-overridden' } })
    expect(JSON.parse(audit.detail)).toMatchObject({ exportRecordId: record.id, via: 'cli', reason, operator: 'operator-ann' })
    // The shared file is signed all the same.
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ signature: { algorithm: 'Ed25519' } })
  })

  test('refuses before approval', async () => {
    const review = await exportReviewWith({ jurisdictionId, commands: calderCommands, incidentDate: CALDER_INCIDENT, phase: 'analysis' })
    const t = io()
    expect(await runCli(['export', review.id, '--format', 'docx', '--out', path.join(tmp, 'early.docx'), '--accept-residuals'], t.io, prisma)).toBe(1)
    expect(t.err()).toContain('is in the analysis phase; exports open once its findings reach approval')
  })

  test('refuses bad input with a clear message', async () => {
    const cases: [string[], RegExp, number][] = [
      [['export'], /give the review to export/, 1],
      [['export', reviewId, '--out', 'x.json'], /--format must be one of json, csv, docx, html/, 1],
      [['export', reviewId, '--format', 'pdf', '--out', 'x'], /--format must be one of/, 1],
      [['export', reviewId, '--format', 'json'], /--out <path> is required/, 1],
      [['export', 'no-such-review', '--format', 'json', '--out', path.join(tmp, 'x.json')], /no review with id no-such-review/, 1],
      [['export', reviewId, '--format', 'json', '--out', tmp], /is a directory/, 1],
      [['export', reviewId, '--format', 'csv', '--out', path.join(tmp, 'report.docx')], /is a file/, 1],
      [['export', reviewId, '--format', 'json', '--out', 'x', '--locale', 'de'], /--locale must be en or fr/, 1],
      [['export', reviewId, '--format', 'json', '--out', 'x', '--bogus'], /Unknown option/, 2],
    ]
    for (const [argv, message, code] of cases) {
      const t = io()
      expect(await runCli(argv, t.io, prisma), argv.join(' ')).toBe(code)
      expect(t.err()).toMatch(message)
    }
  })
})
