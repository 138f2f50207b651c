// ADR 0036: on upgrade, a jurisdiction's own standards or framework becomes its version 1 and
// its open reviews keep using it; a jurisdiction on the defaults stays on version 0.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { createPrismaClient } from '~/utils/db.server'
import { applyMigrations, sqlitePathFromUrl } from '../../server/migrate'

const MIGRATION = 'settings_versions'
const migrationsDir = path.resolve('prisma/migrations')
let tmp = ''
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

test('existing custom settings become version 1 and existing reviews are pinned to them', async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'scir-settings-migration-'))
  const before = path.join(tmp, 'migrations')
  await cp(migrationsDir, before, { recursive: true })
  const folders = (await readdir(before, { withFileTypes: true }))
    .filter(e => e.isDirectory())
    .map(e => e.name)
    .sort()
  const mine = folders.findIndex(f => f.endsWith(MIGRATION))
  expect(mine).toBeGreaterThan(0)
  for (const later of folders.slice(mine)) await rm(path.join(before, later), { recursive: true })
  const databaseUrl = `file:${path.join(tmp, 'upgrade.db')}`
  await applyMigrations({ databaseUrl, migrationsDir: before })

  const standards = JSON.stringify({
    id: 'old',
    name: 'Loaded before versions',
    approximateToleranceDays: 14,
    visits: { stages: [], textPatterns: [], excludeStages: [] },
    rules: [],
  })
  const db = new Database(sqlitePathFromUrl(databaseUrl))
  const now = new Date().toISOString()
  db.prepare(`INSERT INTO "Jurisdiction" ("id", "code", "name", "createdAt", "practiceStandards") VALUES ('j-custom', 'J-CUSTOM', 'Custom', ?, ?)`).run(
    now,
    standards,
  )
  db.prepare(`INSERT INTO "Jurisdiction" ("id", "code", "name", "createdAt") VALUES ('j-default', 'J-DEFAULT', 'Default', ?)`).run(now)
  for (const [id, jurisdictionId] of [
    ['r-custom', 'j-custom'],
    ['r-default', 'j-default'],
  ]) {
    db.prepare(
      `INSERT INTO "Review" ("id", "title", "incidentType", "incidentDate", "createdAt", "updatedAt", "jurisdictionId") VALUES (?, 'Old review', 'fatality', ?, ?, ?, ?)`,
    ).run(id, now, now, now, jurisdictionId)
  }
  db.close()

  await applyMigrations({ databaseUrl })
  const prisma = createPrismaClient(databaseUrl)
  try {
    const versions = await prisma.settingsVersion.findMany()
    expect(versions).toHaveLength(1)
    expect(versions[0]).toMatchObject({ jurisdictionId: 'j-custom', kind: 'practiceStandards', number: 1, content: standards })
    expect(versions[0]!.createdAt).toBeInstanceOf(Date)
    expect(Number.isNaN(versions[0]!.createdAt.getTime())).toBe(false)
    const reviews = await prisma.review.findMany({ orderBy: { id: 'asc' }, select: { id: true, standardsVersion: true, frameworkVersion: true } })
    expect(reviews).toEqual([
      { id: 'r-custom', standardsVersion: 1, frameworkVersion: 0 },
      { id: 'r-default', standardsVersion: 0, frameworkVersion: 0 },
    ])
  } finally {
    await prisma.$disconnect()
  }
})
