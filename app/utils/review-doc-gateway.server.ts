import * as Y from 'yjs'
import { migrateReviewDoc } from '~/domain/review-doc'
import { collabStore, loadStoredDoc } from '~/models/collab-store.server'
import { prisma } from './db.server'
import { singleton } from './singleton.server'

export { loadStoredDoc }

/**
 * How app code changes or reads a review's shared document on the server. The live
 * implementation (registered by server/collab-host.ts) goes through the collaboration room, so
 * connected editors see the change at once; app code never imports the server.
 */
export interface ReviewDocGateway {
  /** Runs `change` on the document in one transaction; what it returns is passed through. */
  change<T>(docName: string, change: (doc: Y.Doc) => T): Promise<T>
  /** Runs `view` on the document as it is now; writes nothing (works while saving is down). */
  read<T>(docName: string, view: (doc: Y.Doc) => T): Promise<T>
}

const registry = singleton('review-doc-gateway', () => ({ current: null as ReviewDocGateway | null }))

export function registerReviewDocGateway(gateway: ReviewDocGateway | null) {
  registry.current = gateway
}

export function reviewDocGateway(): ReviewDocGateway {
  return registry.current ?? storedDocGateway
}

/** As the collaboration server does when it loads a room: commands only see the current version. */
function migrated(docName: string, doc: Y.Doc) {
  if (docName.startsWith('review:')) migrateReviewDoc(doc)
}

/**
 * Without a collaboration server in the process (CLI, tests) the stored document is changed
 * directly: read and appended in one transaction through the collaboration store, so two
 * changes at once never work from the same stale copy.
 */
const storedDocGateway: ReviewDocGateway = {
  async change(docName, change) {
    return prisma.$transaction(
      async tx => {
        const doc = await loadStoredDoc(docName, tx)
        try {
          const before = Y.encodeStateVector(doc)
          migrated(docName, doc)
          const result = change(doc)
          const update = Y.encodeStateAsUpdate(doc, before)
          // Two bytes is Yjs's empty update: nothing changed, nothing to store.
          if (update.byteLength > 2) await collabStore.append(tx, docName, update)
          return result
        } finally {
          doc.destroy()
        }
        // A large import into a long document takes a while; the write lock is held only from the append on.
      },
      { timeout: 30_000 },
    )
  },
  async read(docName, view) {
    const doc = await loadStoredDoc(docName)
    try {
      migrated(docName, doc)
      return view(doc)
    } finally {
      doc.destroy()
    }
  },
}
