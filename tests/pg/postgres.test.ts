// What only PostgreSQL has to prove (ADR 0041, 0042): the app really runs on it, the generated
// schema and its migrations match the model, the audit chain holds with concurrent writers and
// refuses edits, collaboration updates are group-committed and survive, and the CLI's
// backup/restore/verify go through PostgreSQL's own tools.
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { writeAuditRow, writeAuditRowsAtOnce } from '../support/audit-rows'
import { verifyAuditChainPostgres } from '~/utils/audit-chain-postgres.server'
import { prisma } from '~/utils/db.server'
import { createPostgresPersistence } from '../../server/collab'
import { checkPostgresSchema } from '../../scripts/pg-schema'
import { makeJurisdiction } from '../support/fixtures'
import { tsxProcess } from '../support/cli'
import { compactWhileTheOtherNodeIsAhead, racedText, RACED_TEXTS } from '../support/compaction-race'

const run = promisify(execFile)
const root = path.resolve(__dirname, '../..')
const url = process.env.DATABASE_URL!
const adminUrl = process.env.SCIR_TEST_PG_ADMIN_URL!
const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = [], target = url): Promise<T[]> {
  const client = new pg.Client({ connectionString: target })
  await client.connect()
  try {
    return (await client.query<T>(text, params)).rows
  } finally {
    await client.end()
  }
}

async function newDatabase(): Promise<string> {
  const name = `scratch_${Math.random().toString(36).slice(2)}`
  await sql(`CREATE DATABASE "${name}"`, [], adminUrl)
  cleanups.push(() => sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, [], adminUrl))
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  return u.toString()
}

function cli(args: string[], env: Record<string, string>) {
  return run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )
}

test('the app runs on PostgreSQL, not on a SQLite file', async () => {
  expect(url).toMatch(/^postgresql:\/\//)
  const [row] = await prisma.$queryRawUnsafe<{ version: string }[]>('SELECT version() AS version')
  expect(row!.version).toMatch(/^PostgreSQL 1[5-9]/)
})

test('prisma/postgres is what scripts/pg-schema.ts generates, and its migrations reproduce it', { timeout: 60_000 }, async () => {
  expect(await checkPostgresSchema(adminUrl)).toEqual([])
  // The migrations were replayed in a shadow database of their own, never in the one named.
  const [tables] = await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = 'public'`, [], adminUrl)
  expect(Number(tables!.n)).toBe(0)
  const shadows = await sql(`SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`, [], adminUrl)
  expect(shadows).toEqual([])
})

describe('audit chain on PostgreSQL', () => {
  test('rows written at once by the app and another process form one unbroken chain per jurisdiction', { timeout: 60_000 }, async () => {
    const a = await makeJurisdiction()
    const b = await makeJurisdiction()
    const other = tsxProcess('tests/support/audit-writer.ts', [a.id, b.id, '30'], { ...process.env })
    await writeAuditRowsAtOnce(
      40,
      i => (i % 2 === 0 ? a.id : b.id),
      i => ({ i, text: 'quote " backslash \\ newline \n tab \t é' }),
    )
    await other
    const report = await verifyAuditChainPostgres(url)
    expect(report.firstBroken).toBeNull()
    const rows = await sql<{ seq: number; prevHash: string | null; hash: string }>(
      `SELECT "seq", "prevHash", "hash" FROM "AuditEvent" WHERE "jurisdictionId" = $1 ORDER BY "seq"`,
      [a.id],
    )
    expect(rows.length).toBe(35)
    expect(rows[0]!.prevHash).toBeNull()
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash)
    const seqs = (await sql<{ seq: number }>(`SELECT "seq" FROM "AuditEvent" ORDER BY "seq"`)).map(r => r.seq)
    expect(seqs).toEqual(seqs.map((_, i) => i + 1))
  })

  test('an audit row cannot be changed or deleted; forced past the guard, verify names it', async () => {
    const j = await makeJurisdiction()
    for (let i = 0; i < 4; i++) await writeAuditRow({ jurisdictionId: j.id, action: 'test.tamper', detail: { i } })
    const [target] = await sql<{ id: string }>(`SELECT "id" FROM "AuditEvent" WHERE "jurisdictionId" = $1 ORDER BY "seq" LIMIT 1 OFFSET 2`, [j.id])
    await expect(sql(`UPDATE "AuditEvent" SET "detail" = '{"i":99}' WHERE "id" = $1`, [target!.id])).rejects.toThrow(/append-only/)
    await expect(sql(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [target!.id])).rejects.toThrow(/append-only/)
    expect((await verifyAuditChainPostgres(url)).firstBroken).toBeNull()
    // On a copy, so the other tests keep an intact chain (a template database must have no
    // other connections: the app's pool lets go of its own first).
    const copy = await newDatabase()
    const copyName = new URL(copy).pathname.slice(1)
    await prisma.$disconnect()
    await sql(`DROP DATABASE "${copyName}"`, [], adminUrl)
    await sql(`CREATE DATABASE "${copyName}" TEMPLATE "${new URL(url).pathname.slice(1)}"`, [], adminUrl)
    await sql(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update"`, [], copy)
    await sql(`UPDATE "AuditEvent" SET "detail" = '{"i":99}' WHERE "id" = $1`, [target!.id], copy)
    expect((await verifyAuditChainPostgres(copy)).firstBroken).toMatchObject({ id: target!.id, problem: 'hash-mismatch' })
  })
})

describe('collaboration persistence on PostgreSQL', () => {
  const logger = { info() {}, warn() {}, error() {} }

  function textOf(update: Uint8Array | null): string {
    const doc = new Y.Doc()
    if (update) Y.applyUpdate(doc, update)
    return doc.getText('body').toString()
  }

  test('appends are group-committed within 50 ms, survive a new pool, and fold into a snapshot', async () => {
    const commits: { lagMs: number; updates: number }[] = []
    const persistence = createPostgresPersistence({ connectionString: url, logger, onCommit: (lagMs, updates) => commits.push({ lagMs, updates }) })
    const doc = new Y.Doc()
    const docName = `review:pg-${Math.random().toString(36).slice(2)}`
    doc.on('update', (update: Uint8Array) => persistence.append(docName, update))
    for (const word of ['one ', 'two ', 'three ']) doc.getText('body').insert(doc.getText('body').length, word)
    // Not flushed: the rows must be there on their own within 50 ms.
    await new Promise(resolve => setTimeout(resolve, 50))
    const rows = await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE "docName" = $1`, [docName])
    expect(Number(rows[0]!.n)).toBe(3)
    expect(commits).toHaveLength(1)
    expect(commits[0]!.updates).toBe(3)
    await persistence.close()

    const reopened = createPostgresPersistence({ connectionString: url, logger })
    try {
      const loaded = await reopened.load(docName)
      expect(textOf(loaded)).toBe('one two three ')
      await reopened.compact(docName, loaded!)
      const after = await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE "docName" = $1`, [docName])
      expect(Number(after[0]!.n)).toBe(0)
      reopened.append(
        docName,
        (() => {
          const more = new Y.Doc()
          Y.applyUpdate(more, loaded!)
          let update!: Uint8Array
          more.on('update', (u: Uint8Array) => (update = u))
          more.getText('body').insert(more.getText('body').length, 'four')
          return update
        })(),
      )
      await reopened.flush()
      expect(textOf(await reopened.load(docName))).toBe('one two three four')
      expect(await reopened.load('review:never-written')).toBeNull()
    } finally {
      await reopened.close()
    }
  })
})

test("several nodes on PostgreSQL: one node's compaction keeps the updates another appended that its copy lacks (ADR 0043)", async () => {
  const logger = { info() {}, warn() {}, error() {} }
  const nodeA = createPostgresPersistence({ connectionString: url, logger, sharedWriters: true })
  const nodeB = createPostgresPersistence({ connectionString: url, logger, sharedWriters: true })
  const reader = createPostgresPersistence({ connectionString: url, logger })
  try {
    const docName = `review:pg-shared-${Math.random().toString(36).slice(2)}`
    await compactWhileTheOtherNodeIsAhead(nodeA, nodeB, docName)
    for (const words of RACED_TEXTS) expect(racedText(await reader.load(docName))).toContain(words)
  } finally {
    await Promise.all([nodeA.close(), nodeB.close(), reader.close()])
  }
})

describe('collaboration persistence on PostgreSQL when the database refuses writes', () => {
  test('a failed group commit keeps its updates in order and retries until they are stored', async () => {
    const errors: string[] = []
    const persistence = createPostgresPersistence({
      connectionString: url,
      logger: { info() {}, warn() {}, error: (_o: object, msg: string) => void errors.push(msg) },
    })
    const docName = `review:pg-retry-${Math.random().toString(36).slice(2)}`
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => persistence.append(docName, update))
    await sql(`ALTER TABLE "CollabUpdate" RENAME TO "CollabUpdateAway"`)
    try {
      doc.getText('body').insert(0, 'first ')
      await new Promise(resolve => setTimeout(resolve, 150))
      doc.getText('body').insert(6, 'second')
      await new Promise(resolve => setTimeout(resolve, 150))
      expect(errors.some(e => /commit failed; retrying/.test(e))).toBe(true)
    } finally {
      await sql(`ALTER TABLE "CollabUpdateAway" RENAME TO "CollabUpdate"`)
    }
    await new Promise(resolve => setTimeout(resolve, 250))
    const rows = await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE "docName" = $1`, [docName])
    expect(Number(rows[0]!.n)).toBe(2)
    const reopened = createPostgresPersistence({ connectionString: url, logger: { info() {}, warn() {}, error() {} } })
    try {
      const loaded = new Y.Doc()
      Y.applyUpdate(loaded, (await reopened.load(docName))!)
      expect(loaded.getText('body').toString()).toBe('first second')
    } finally {
      await persistence.close()
      await reopened.close()
    }
  })
})

describe('CLI on PostgreSQL', () => {
  const tmp: string[] = []
  afterAll(async () => {
    for (const dir of tmp) await rm(dir, { recursive: true, force: true })
  })

  test('backup (pg_dump), backup verify, restore into an empty database only, audit verify', { timeout: 120_000 }, async () => {
    const j = await makeJurisdiction()
    await writeAuditRow({ jurisdictionId: j.id, action: 'test.backup', detail: {} })
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scir-pg-backup-'))
    tmp.push(dir)
    const out = path.join(dir, 'scir.dump')
    const env = { DATABASE_URL: url, DATA_DIR: dir }
    const backup = await cli(['backup', '--out', out], env)
    expect(backup.stderr).toBe('')
    expect(backup.stdout).toMatch(/backed up PostgreSQL .* with pg_dump/)
    const verify = await cli(['backup', 'verify', out], env)
    expect(verify.code).toBe(0)
    expect(verify.stdout).toMatch(/archive readable/)
    // Audited as on SQLite: one row per jurisdiction, the file's name and counts, never content.
    const actions = async (target: string) =>
      (
        await sql<{ action: string; detail: string }>(
          `SELECT "action", "detail" FROM "AuditEvent" WHERE "jurisdictionId" = $1 AND "action" LIKE 'backup.%' ORDER BY "seq"`,
          [j.id],
          target,
        )
      ).map(row => [row.action, JSON.parse(row.detail) as Record<string, unknown>] as const)
    const recorded = await actions(url)
    expect(recorded.map(([action]) => action)).toEqual(['backup.taken', 'backup.verified'])
    expect(recorded[0]![1]).toMatchObject({ via: 'cli', file: 'scir.dump', bytes: expect.any(Number) })
    expect(recorded[1]![1]).toMatchObject({ via: 'cli', file: 'scir.dump', ok: true })

    const target = await newDatabase()
    const restored = await cli(['restore', out], { DATABASE_URL: target, DATA_DIR: dir })
    expect(restored.stderr).toBe('')
    expect(restored.code).toBe(0)
    const [row] = await sql<{ code: string }>(`SELECT "code" FROM "Jurisdiction" WHERE "id" = $1`, [j.id], target)
    expect(row!.code).toBe(j.code)
    // The dump was taken before its own audit row: the restored chain holds the restore, not the backup.
    expect((await actions(target)).map(([action]) => action)).toEqual(['backup.restored'])
    expect(restored.stdout).toMatch(/the restore is recorded in the audit/)
    const again = await cli(['restore', out], { DATABASE_URL: target, DATA_DIR: dir })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/is not empty .*nothing was changed/)

    const audit = await cli(['audit', 'verify'], { DATABASE_URL: target, DATA_DIR: dir })
    expect(audit.stderr).toBe('')
    expect(audit.stdout).toMatch(/audit chain intact: \d+ rows verified/)
  })

  test('an unreachable database stops the CLI with its host and the error, no stack trace', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scir-pg-unreachable-'))
    tmp.push(dir)
    const result = await cli(['audit', 'export', '--format', 'csv'], { DATABASE_URL: 'postgresql://scir:secret@127.0.0.1:1/scir', DATA_DIR: dir })
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toMatch(/^Cannot use the PostgreSQL database at 127\.0\.0\.1:1\/scir \(DATABASE_URL\): .*ECONNREFUSED/)
    expect(result.stderr).not.toMatch(/secret|\n\s+at /)
  })
})

test('an unreachable database stops the server start with its host and the error, no stack trace', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scir-pg-server-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  const result = await run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/index.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: 'postgresql://scir:secret@127.0.0.1:1/scir', DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' },
    timeout: 45_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  )
  expect(result.code).toBe(1)
  expect(result.stderr.trim()).toMatch(/^Cannot use the PostgreSQL database at 127\.0\.0\.1:1\/scir \(DATABASE_URL\): .*ECONNREFUSED[^\n]*$/)
})
