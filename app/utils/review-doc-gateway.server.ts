import * as Y from 'yjs'
import { migrateReviewDoc } from '~/domain/review-doc'
import { prisma } from './db.server'
import { singleton } from './singleton.server'

/**
 * How app code changes or reads a review's shared document on the server. The live
 * implementation (registered by server/collab-host.ts) goes through the collaboration room, so
 * connected editors see the change at once; app code never imports the server.
 */
export interface ReviewDocGateway {
  /** Runs `change` on the document in one transaction; what it returns is passed through. */
  change<T>(docName: string, change: (doc: Y.Doc) => T): Promise<T>
}

const registry = singleton('review-doc-gateway', () => ({ current: null as ReviewDocGateway | null }))

export function registerReviewDocGateway(gateway: ReviewDocGateway | null) {
  registry.current = gateway
}

export function reviewDocGateway(): ReviewDocGateway {
  return registry.current ?? storedDocGateway
}

/**
 * Without a collaboration server in the process (CLI, tests) the stored document is changed
 * directly: the change is appended like any client update.
 */
const storedDocGateway: ReviewDocGateway = {
  async change(docName, change) {
    const doc = await loadStoredDoc(docName)
    const before = Y.encodeStateVector(doc)
    // As the collaboration server does when it loads a room: commands only write the current version.
    if (docName.startsWith('review:')) migrateReviewDoc(doc)
    const result = change(doc)
    const update = Y.encodeStateAsUpdate(doc, before)
    if (update.byteLength > 2) await prisma.collabUpdate.create({ data: { docName, update: Buffer.from(update) } })
    doc.destroy()
    return result
  },
}

export async function loadStoredDoc(docName: string) {
  const snapshot = await prisma.collabSnapshot.findUnique({ where: { docName } })
  const tail = await prisma.collabUpdate.findMany({
    where: { docName, id: { gt: snapshot?.lastUpdateId ?? 0 } },
    orderBy: { id: 'asc' },
  })
  const doc = new Y.Doc()
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    for (const row of tail) Y.applyUpdate(doc, row.update)
  })
  return doc
}
