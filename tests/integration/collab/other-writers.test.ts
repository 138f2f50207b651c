// The collaboration server is not the only writer of a stored document: the CLI (export,
// import) changes it through the stored-document gateway in its own process, even while a room
// holds the document here. A compaction must keep such an update, though the room never saw it.
import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { collabStore, loadStoredDoc } from '~/models/collab-store.server'
import { reviewDocName } from '~/models/review-doc.server'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'
import { prisma } from '~/utils/db.server'
import { startCollabHost, type LiveCollabHost } from '../../support/collab-host'
import { makeJurisdiction, makeReview } from '../../support/fixtures'

let live: LiveCollabHost | null = null
afterEach(async () => {
  await live?.stop()
  live = null
})

const storedText = async (docName: string) => {
  const doc = await loadStoredDoc(docName)
  const text = doc.getText('other-writers').toString()
  doc.destroy()
  return text
}

test('an update another process appends while the room is loaded survives the room’s compaction', async () => {
  const review = await makeReview((await makeJurisdiction()).id, [])
  const docName = reviewDocName(review.id)
  live = await startCollabHost({ timings: { roomIdleMs: 60_000 } })

  // The room loads and stays loaded (idle for less than roomIdleMs).
  await reviewDocGateway().change(docName, doc => doc.getText('other-writers').insert(0, 'room.'))
  await expect.poll(() => storedText(docName)).toBe('room.')

  // What the CLI's stored-document gateway does in its own process: read what is stored, change
  // it, append the difference.
  const copy = await loadStoredDoc(docName)
  const before = Y.encodeStateVector(copy)
  copy.getText('other-writers').insert(0, 'cli.')
  await collabStore.append(prisma, docName, Y.encodeStateAsUpdate(copy, before))
  copy.destroy()

  // The room goes on, then folds its log into a snapshot as it closes.
  await reviewDocGateway().change(docName, doc => doc.getText('other-writers').insert(doc.getText('other-writers').length, ' again.'))
  await live.stop()
  live = null

  const text = await storedText(docName)
  expect(text).toContain('cli.')
  expect(text).toContain('room.')
  expect(text).toContain(' again.')
  expect(await prisma.collabSnapshot.count({ where: { docName } })).toBe(1)
})
