// Several nodes append to and compact one document's log (ADR 0043): a compaction by a node
// whose copy lacks another node's latest update (still on its way through Redis) must not
// delete that update from the database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { createSqlitePersistence, type CollabPersistence } from '../../../server/collab'
import { compactWhileTheOtherNodeIsAhead, racedText, RACED_TEXTS } from '../../support/compaction-race'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scir-shared-persistence-'))
const file = path.join(dir, 'shared.db')
// The migrated template (tests/setup/global-setup.ts): the tables are the migrations' own.
fs.copyFileSync(process.env.SCIR_TEST_TEMPLATE_DB!, file)
const silent = { info() {}, warn() {}, error() {} }
const opened: CollabPersistence[] = []
afterAll(async () => {
  await Promise.all(opened.map(p => p.close()))
  fs.rmSync(dir, { recursive: true, force: true })
})

function open(sharedWriters: boolean) {
  const persistence = createSqlitePersistence({ filename: file, logger: silent, sharedWriters })
  opened.push(persistence)
  return persistence
}

test("a node's compaction keeps the updates another node appended that its copy lacks", async () => {
  await compactWhileTheOtherNodeIsAhead(open(true), open(true), 'review:shared')
  const stored = racedText(await open(false).load('review:shared'))
  for (const words of RACED_TEXTS) expect(stored).toContain(words)
})
