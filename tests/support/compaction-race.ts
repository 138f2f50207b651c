// ADR 0043, the same race on every store: two nodes append to one document's log, and a node
// compacts with a copy that lacks the other's latest update (still on its way through Redis).
import * as Y from 'yjs'
import type { CollabPersistence } from '../../server/collab'

/** The texts whichever store holds them must keep, after the race below. */
export const RACED_TEXTS = ['from A.', 'from B.', 'A again.']

/**
 * Node A compacts after node B committed an edit A has not received; then B compacts with its
 * own copy, which lacks A's last edit.
 */
export async function compactWhileTheOtherNodeIsAhead(nodeA: CollabPersistence, nodeB: CollabPersistence, docName: string): Promise<void> {
  const docA = new Y.Doc()
  const docB = new Y.Doc()
  docA.on('update', (u: Uint8Array) => nodeA.append(docName, u))
  docB.on('update', (u: Uint8Array) => nodeB.append(docName, u))
  docA.getText('t').insert(0, 'from A. ')
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA), 'remote')
  await nodeA.flush()
  docB.getText('t').insert(0, 'from B. ')
  await nodeB.flush()
  docA.getText('t').insert(docA.getText('t').length, 'A again.')
  await nodeA.compact(docName, Y.encodeStateAsUpdate(docA))
  await nodeB.compact(docName, Y.encodeStateAsUpdate(docB))
}

/** The text of what a store loaded for the document. */
export function racedText(stored: Uint8Array | null): string {
  const doc = new Y.Doc()
  if (stored) Y.applyUpdate(doc, stored)
  return doc.getText('t').toString()
}
