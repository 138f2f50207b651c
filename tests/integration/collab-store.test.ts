// Issue 12 / ADR 0032: without a live server, the review document is read and changed through
// the collaboration store; a change reads and appends in one transaction.
import * as Y from 'yjs'
import { expect, test } from 'vitest'
import { collabStore, loadStoredDoc } from '~/models/collab-store.server'
import { prisma } from '~/utils/db.server'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'

const addOnce = (doc: Y.Doc) => {
  const tags = doc.getArray<string>('tags')
  if (tags.toArray().includes('once')) return false
  tags.push(['once'])
  return true
}

test('two changes at once never work from the same stale copy', async () => {
  const docName = 'account:concurrent-changes'
  const results = await Promise.all([reviewDocGateway().change(docName, addOnce), reviewDocGateway().change(docName, addOnce)])
  expect(results.sort()).toEqual([false, true])
  const doc = new Y.Doc()
  Y.applyUpdate(doc, (await collabStore.read(docName))!)
  expect(doc.getArray('tags').toArray()).toEqual(['once'])
})

test('a change that throws stores nothing; a read writes nothing', async () => {
  const docName = 'account:read-only-look'
  await reviewDocGateway().change(docName, doc => doc.getText('body').insert(0, 'kept'))
  const rows = () => collabStore.count(prisma, [docName])
  const before = await rows()
  await expect(
    reviewDocGateway().change(docName, doc => {
      doc.getText('body').insert(0, 'lost ')
      throw new Error('refused')
    }),
  ).rejects.toThrow('refused')
  expect(await reviewDocGateway().read(docName, doc => doc.getText('body').toString())).toBe('kept')
  expect(await rows()).toEqual(before)
})

test('read() folds the snapshot and the updates after it into one document', async () => {
  const docName = 'account:snapshot-and-tail'
  const doc = new Y.Doc()
  doc.getText('body').insert(0, 'snapshot')
  await collabStore.create(prisma, docName, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(doc)
  doc.getText('body').insert(8, ' + tail')
  await collabStore.append(prisma, docName, Y.encodeStateAsUpdate(doc, before))
  const stored = new Y.Doc()
  Y.applyUpdate(stored, (await collabStore.read(docName))!)
  expect(stored.getText('body').toString()).toBe('snapshot + tail')
  expect(await collabStore.read('account:never-written')).toBeNull()
  expect(await collabStore.remove(prisma, [docName])).toEqual({ documentUpdates: 1, documentSnapshots: 1 })
  expect(await collabStore.read(docName)).toBeNull()
})

test('loadStoredDoc applies the snapshot and each later update: the same document as the merged read', async () => {
  const docName = 'account:snapshot-and-many-updates'
  const doc = new Y.Doc()
  const items = doc.getMap<unknown>('items')
  items.set('first', 'snapshot')
  await collabStore.create(prisma, docName, Y.encodeStateAsUpdate(doc))
  for (let i = 0; i < 5; i++) {
    const before = Y.encodeStateVector(doc)
    items.set(`item-${i}`, i)
    if (i === 2) items.delete('first')
    await collabStore.append(prisma, docName, Y.encodeStateAsUpdate(doc, before))
  }
  const loaded = await loadStoredDoc(docName)
  const merged = new Y.Doc()
  Y.applyUpdate(merged, (await collabStore.read(docName))!)
  expect(loaded.getMap('items').toJSON()).toEqual({ 'item-0': 0, 'item-1': 1, 'item-2': 2, 'item-3': 3, 'item-4': 4 })
  expect(Y.encodeStateAsUpdate(loaded)).toEqual(Y.encodeStateAsUpdate(merged))
  expect(Y.encodeStateAsUpdate(loaded)).toEqual(Y.encodeStateAsUpdate(doc))
  loaded.destroy()
  expect((await loadStoredDoc('account:never-written')).store.clients.size).toBe(0)
})
