// Several nodes append to and compact one document's log (ADR 0043): a compaction by a node
// whose copy lacks another node's latest update (still on its way through Redis) must not
// delete that update from the database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import * as Y from 'yjs'
import { createSqlitePersistence, type CollabPersistence } from '../../../server/collab'

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

function textOf(update: Uint8Array | null): string {
  const doc = new Y.Doc()
  if (update) Y.applyUpdate(doc, update)
  return doc.getText('t').toString()
}

test("a node's compaction keeps the updates another node appended that its copy lacks", async () => {
  const nodeA = open(true)
  const nodeB = open(true)
  const docA = new Y.Doc()
  const docB = new Y.Doc()
  docA.on('update', (u: Uint8Array) => nodeA.append('review:shared', u))
  docB.on('update', (u: Uint8Array) => nodeB.append('review:shared', u))

  docA.getText('t').insert(0, 'from A. ')
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA), 'remote')
  await nodeA.flush()
  // B accepts an edit and commits it; A has not received it yet when it compacts.
  docB.getText('t').insert(0, 'from B. ')
  await nodeB.flush()
  docA.getText('t').insert(docA.getText('t').length, 'A again.')
  await nodeA.compact('review:shared', Y.encodeStateAsUpdate(docA))
  // And B compacts with its own (A-again-less) copy afterwards.
  await nodeB.compact('review:shared', Y.encodeStateAsUpdate(docB))

  const stored = textOf(await open(false).load('review:shared'))
  expect(stored).toContain('from A.')
  expect(stored).toContain('from B.')
  expect(stored).toContain('A again.')
})
