// Several nodes append to and compact one document's log (ADR 0043): a compaction by a node
// whose copy lacks another node's latest update (still on its way through Redis) must not
// delete that update from the database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import * as Y from 'yjs'
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

test('a compaction merges what is stored only once something another process wrote is there, and from then on', async () => {
  const docName = 'review:own-and-foreign'
  const outcomes: boolean[] = []
  const persistence = createSqlitePersistence({ filename: file, logger: silent, sharedWriters: true, onCompacted: (_doc, { merged }) => outcomes.push(merged) })
  opened.push(persistence)
  const text = (stored: Uint8Array | null) => {
    const doc = new Y.Doc()
    if (stored) Y.applyUpdate(doc, stored)
    return doc.getText('t').toString()
  }

  // A room: loads, appends its own edits, compacts. Nothing else is stored: no merge.
  expect(await persistence.load(docName)).toBeNull()
  const room = new Y.Doc()
  room.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'loaded') persistence.append(docName, update)
  })
  room.getText('t').insert(0, 'room one.')
  await persistence.compact(docName, Y.encodeStateAsUpdate(room))
  room.getText('t').insert(room.getText('t').length, ' room two.')
  await persistence.compact(docName, Y.encodeStateAsUpdate(room))
  expect(outcomes).toEqual([false, false])

  // Another process (the CLI's gateway, another node) appends what the room never sees.
  const other = open(true)
  const copy = new Y.Doc()
  Y.applyUpdate(copy, (await other.load(docName)) ?? new Uint8Array())
  const before = Y.encodeStateVector(copy)
  copy.getText('t').insert(0, 'other. ')
  other.append(docName, Y.encodeStateAsUpdate(copy, before))
  await other.flush()

  room.getText('t').insert(room.getText('t').length, ' room three.')
  await persistence.compact(docName, Y.encodeStateAsUpdate(room))
  // The room still lacks it, so its next compaction merges again rather than drop it.
  room.getText('t').insert(room.getText('t').length, ' room four.')
  await persistence.compact(docName, Y.encodeStateAsUpdate(room))
  expect(outcomes).toEqual([false, false, true, true])
  const stored = text(await open(false).load(docName))
  for (const words of ['other.', 'room one.', 'room two.', 'room three.', 'room four.']) expect(stored).toContain(words)
})

test('a snapshot another process rewrote is merged too, though no row of its own is left', async () => {
  const docName = 'review:foreign-snapshot'
  const outcomes: boolean[] = []
  const persistence = createSqlitePersistence({ filename: file, logger: silent, sharedWriters: true, onCompacted: (_doc, { merged }) => outcomes.push(merged) })
  opened.push(persistence)
  expect(await persistence.load(docName)).toBeNull()
  const room = new Y.Doc()
  room.on('update', (update: Uint8Array) => persistence.append(docName, update))
  room.getText('t').insert(0, 'room.')
  await persistence.compact(docName, Y.encodeStateAsUpdate(room))

  // Another node appends and folds its own copy: only the snapshot changed.
  const other = open(true)
  const copy = new Y.Doc()
  Y.applyUpdate(copy, (await other.load(docName)) ?? new Uint8Array())
  copy.on('update', (update: Uint8Array) => other.append(docName, update))
  copy.getText('t').insert(0, 'folded elsewhere. ')
  await other.compact(docName, Y.encodeStateAsUpdate(copy))

  room.getText('t').insert(room.getText('t').length, ' again.')
  await persistence.compact(docName, Y.encodeStateAsUpdate(room))
  expect(outcomes).toEqual([false, true])
  const doc = new Y.Doc()
  Y.applyUpdate(doc, (await open(false).load(docName)) ?? new Uint8Array())
  for (const words of ['folded elsewhere.', 'room.', ' again.']) expect(doc.getText('t').toString()).toContain(words)
})
