// The app's side of collaboration storage (ADR 0032): the only app code that touches the
// CollabUpdate and CollabSnapshot tables. The live collaboration server writes them through its
// own persistence (server/collab/sqlite-persistence.ts, on its writer thread); everything else
// that runs without a room (the stored-document gateway, review creation, retention, seeds)
// reads and writes them here, inside the caller's transaction, in the same layout: a snapshot
// folded up to `lastUpdateId` plus the updates after it.
import * as Y from 'yjs'
import { prisma } from '~/utils/db.server'

type Db = Pick<typeof prisma, 'collabUpdate' | 'collabSnapshot'>

export type StoredDocumentCounts = { documentUpdates: number; documentSnapshots: number }

export const collabStore = {
  /** The stored document as one Yjs update (snapshot plus later updates); null if never written. */
  async read(docName: string, db: Db = prisma): Promise<Uint8Array | null> {
    const parts = await collabStore.parts(docName, db)
    if (parts.length === 0) return null
    return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts)
  },

  /** The stored snapshot (if any) then the updates after it, in order; empty if never written. */
  async parts(docName: string, db: Db = prisma): Promise<Uint8Array[]> {
    const snapshot = await db.collabSnapshot.findUnique({ where: { docName }, select: { state: true, lastUpdateId: true } })
    const tail = await db.collabUpdate.findMany({
      where: { docName, id: { gt: snapshot?.lastUpdateId ?? 0 } },
      orderBy: { id: 'asc' },
      select: { update: true },
    })
    return [...(snapshot ? [snapshot.state] : []), ...tail.map(row => row.update)]
  },

  /** Appends one update to a document's log, as a room would. */
  async append(db: Db, docName: string, update: Uint8Array): Promise<void> {
    await db.collabUpdate.create({ data: { docName, update: Buffer.from(update) } })
  },

  /** A brand-new document's first state (its room has never existed). */
  async create(db: Db, docName: string, state: Uint8Array): Promise<void> {
    await db.collabSnapshot.create({ data: { docName, state: Buffer.from(state), lastUpdateId: 0 } })
  },

  async count(db: Db, docNames: string[]): Promise<StoredDocumentCounts> {
    const where = { docName: { in: docNames } }
    const [documentUpdates, documentSnapshots] = await Promise.all([db.collabUpdate.count({ where }), db.collabSnapshot.count({ where })])
    return { documentUpdates, documentSnapshots }
  },

  /** Deletes every stored trace of the documents (retention); returns what it deleted. */
  async remove(db: Db, docNames: string[]): Promise<StoredDocumentCounts> {
    const where = { docName: { in: docNames } }
    const documentUpdates = (await db.collabUpdate.deleteMany({ where })).count
    const documentSnapshots = (await db.collabSnapshot.deleteMany({ where })).count
    return { documentUpdates, documentSnapshots }
  },
}

/** A Y.Doc holding the stored document (empty if never written); the caller destroys it. */
export async function loadStoredDoc(docName: string, db: Db = prisma): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const parts = await collabStore.parts(docName, db)
  // Applied one after the other in one transaction rather than merged first: merging decodes
  // and re-encodes the whole snapshot only for applyUpdate to decode it again (40 small
  // updates after a 2,000-event snapshot: 94-150 ms merged, 57-77 ms applied in turn; ADR 0057).
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part)
  })
  return doc
}
