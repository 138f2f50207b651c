// Issue 12 / ADR 0032: the collaboration tables have two doors and no others. The live core
// writes them through its persistence (server/collab/sqlite-persistence.ts, or
// postgres-persistence.ts on PostgreSQL); everything else
// through the app's collaboration store (app/models/collab-store.server.ts). Their DDL is the
// migrations' alone.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'

const root = path.resolve(__dirname, '../..')
const SCANNED = ['app', 'server', 'scripts', 'bench', 'tests/fixtures', 'tests/support', 'tests/e2e', 'prisma']
const SKIPPED = new Set(['app/generated', 'prisma/migrations', 'prisma/postgres/migrations', 'node_modules'])
const OWNERS = new Set(['app/models/collab-store.server.ts', 'server/collab/sqlite-persistence.ts', 'server/collab/postgres-persistence.ts'])

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  const full = path.join(root, dir)
  if (!fs.existsSync(full)) return out
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name)
    if (SKIPPED.has(rel)) continue
    if (entry.isDirectory()) out.push(...sourceFiles(rel))
    else if (/\.(ts|tsx|mjs|js|cjs|sql)$/.test(entry.name)) out.push(rel)
  }
  return out
}

const files = SCANNED.flatMap(sourceFiles)

/** Prisma delegates of the two tables, and SQL that writes them or declares them. */
const WRITERS = [
  /\.collab(Update|Snapshot)\s*\./,
  /\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+["'`]?Collab(Update|Snapshot)\b/i,
  /\bCREATE\s+(TABLE|INDEX)\b[^;]*\bCollab(Update|Snapshot)\b/i,
]

test('only the persistence implementations and the store touch the collaboration tables', () => {
  expect(files.length).toBeGreaterThan(50)
  const offenders = files.filter(file => !OWNERS.has(file) && WRITERS.some(pattern => pattern.test(fs.readFileSync(path.join(root, file), 'utf8'))))
  expect(offenders).toEqual([])
})

test('the tables are created by the migrations only', () => {
  for (const owner of OWNERS) expect(fs.readFileSync(path.join(root, owner), 'utf8')).not.toMatch(/CREATE\s+TABLE/i)
})
