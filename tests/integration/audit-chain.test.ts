// ADR 0027: every audit row is chained to the previous one of its jurisdiction, by a trigger in
// the inserting statement; verify recomputes the chain and names the first broken row.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { writeAuditRow, writeAuditRowsAtOnce } from '../support/audit-rows'
import { verifyAuditChain } from '~/utils/audit-chain.server'
import { tsxProcess } from '../support/cli'
import { makeJurisdiction } from '../support/fixtures'

const file = process.env.DATABASE_URL!.slice('file:'.length)
const tmpDirs: string[] = []
afterAll(async () => {
  for (const dir of tmpDirs) await rm(dir, { recursive: true, force: true })
})

function openRaw(target = file) {
  return new Database(target, { timeout: 5000 })
}

/** A private copy to tamper with, so other tests keep an intact chain. */
async function onTamperableCopy(use: (db: Database.Database) => void): Promise<void> {
  const db = await tamperableCopy()
  try {
    use(db)
  } finally {
    db.close()
  }
}

async function tamperableCopy() {
  const copy = path.join(await mkdtemp(path.join(os.tmpdir(), 'scir-audit-')), 'copy.db')
  tmpDirs.push(path.dirname(copy))
  const source = openRaw()
  await source.backup(copy)
  source.close()
  return openRaw(copy)
}

test('rows written at once by two processes form one unbroken chain per jurisdiction', { timeout: 60_000 }, async () => {
  const a = await makeJurisdiction()
  const b = await makeJurisdiction()
  // Another process (the CLI, say) writes while this one (the server) does.
  const other = tsxProcess('tests/support/audit-writer.ts', [a.id, b.id, '40'], { ...process.env })
  await writeAuditRowsAtOnce(60, i => (i % 3 === 0 ? a.id : b.id))
  await other
  const db = openRaw()
  try {
    const report = verifyAuditChain(db)
    expect(report.firstBroken).toBeNull()
    const rows = db.prepare(`SELECT "seq", "prevHash", "hash" FROM "AuditEvent" WHERE "jurisdictionId" = ? ORDER BY "seq"`).all(a.id) as {
      seq: number
      prevHash: string | null
      hash: string
    }[]
    expect(rows.length).toBe(40)
    expect(rows[0]!.prevHash).toBeNull()
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash)
  } finally {
    db.close()
  }
})

test('an audit row changed with raw SQL is refused, and when forced, verify names it', async () => {
  const j = await makeJurisdiction()
  for (let i = 0; i < 5; i++) await writeAuditRow({ jurisdictionId: j.id, action: 'test.tamper', detail: { i } })
  await onTamperableCopy(db => {
    const target = db.prepare(`SELECT "id", "seq" FROM "AuditEvent" WHERE "jurisdictionId" = ? ORDER BY "seq" LIMIT 1 OFFSET 2`).get(j.id) as {
      id: string
      seq: number
    }
    expect(() => db.prepare(`UPDATE "AuditEvent" SET "detail" = '{"i":99}' WHERE "id" = ?`).run(target.id)).toThrow(/append-only/)
    expect(() => db.prepare(`DELETE FROM "AuditEvent" WHERE "id" = ?`).run(target.id)).toThrow(/append-only/)
    expect(verifyAuditChain(db).firstBroken).toBeNull()
    // Someone with the file drops the guard and edits the row: the chain gives it away.
    db.exec(`DROP TRIGGER "AuditEvent_no_update"`)
    db.prepare(`UPDATE "AuditEvent" SET "detail" = '{"i":99}' WHERE "id" = ?`).run(target.id)
    expect(verifyAuditChain(db).firstBroken).toMatchObject({ id: target.id, problem: 'hash-mismatch' })
  })
})

test('a deleted row shows as a break at the next row', async () => {
  const j = await makeJurisdiction()
  for (let i = 0; i < 4; i++) await writeAuditRow({ jurisdictionId: j.id, action: 'test.delete', detail: { i } })
  await onTamperableCopy(db => {
    const rows = db.prepare(`SELECT "id", "seq" FROM "AuditEvent" WHERE "jurisdictionId" = ? ORDER BY "seq"`).all(j.id) as { id: string; seq: number }[]
    db.exec(`DROP TRIGGER "AuditEvent_no_delete"`)
    db.prepare(`DELETE FROM "AuditEvent" WHERE "id" = ?`).run(rows[1]!.id)
    expect(verifyAuditChain(db).firstBroken).toMatchObject({ id: rows[2]!.id, problem: 'sequence-gap' })
  })
})
