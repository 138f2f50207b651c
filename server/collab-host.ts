// Plugs the app into the collaboration core: who may connect (session + permissions), where
// updates are kept (the app's SQLite file), what happens after edits (the projection), and
// which sockets close when access ends.
import type * as Y from 'yjs'
import { migrateReviewDoc, readReviewDoc } from '~/domain/review-doc'
import { accountDocName, accountIdOfDoc, readAccountDoc } from '~/domain/staff-account'
import { reviewDocName } from '~/models/review-doc.server'
import { accountIdsOf, markDrafting } from '~/models/staff-account.server'
import { projectReviewDocument } from '~/models/review-projection.server'
import { onAccessChange } from '~/utils/access-events.server'
import { registerReviewDocGateway } from '~/utils/review-doc-gateway.server'
import type { PrismaClient } from '~/utils/db.server'
import type { Env } from '~/utils/env.server'
import type { UpgradeHandler } from './app'
import { createCollabAuthenticator } from './collab-auth'
import { isPostgresUrl } from '~/utils/env.server'
import { DOC_NAME_PATTERN } from './collab-doc-names'
import {
  CloseCode,
  COLLAB_PATH_PREFIX,
  createCollabServer,
  createPostgresPersistence,
  createSqlitePersistence,
  type CollabFanout,
  type CollabTimings,
} from './collab'
import type { Logger } from './logger'
import type { Metrics } from './metrics'

export function attachCollaboration(options: {
  env: Env
  logger: Logger
  prisma: PrismaClient
  onUpgrade: (h: UpgradeHandler) => void
  /** Tests shorten the revalidation interval. */
  timings?: Partial<CollabTimings>
  metrics?: Metrics
  /** Other nodes serving the same reviews (REDIS_URL, ADR 0043). */
  fanout?: CollabFanout
}) {
  const { env, logger, prisma, metrics } = options
  const collabLogger = logger.child({ component: 'collab' })
  const onCommit = metrics ? (lagMs: number) => metrics.observeCommit(lagMs) : undefined
  // Never the only writer, even on one node: the CLI changes stored documents through the
  // stored-document gateway in its own process while a room here may hold them, so a compaction
  // merges what is stored rather than overwrite it with the room's copy.
  const sharedWriters = true
  const persistence = isPostgresUrl(env.DATABASE_URL)
    ? createPostgresPersistence({ connectionString: env.DATABASE_URL, logger: collabLogger, onCommit, sharedWriters })
    : createSqlitePersistence({ filename: env.DATABASE_URL, logger: collabLogger, onCommit, sharedWriters })

  // Projection lag: from the first change a projection has not yet seen to its projection.
  const watched = new WeakSet<Y.Doc>()
  const pendingSince = new WeakMap<Y.Doc, number>()
  function watch(doc: Y.Doc) {
    if (!metrics || watched.has(doc)) return
    watched.add(doc)
    doc.on('update', () => {
      if (!pendingSince.has(doc)) pendingSince.set(doc, Date.now())
    })
  }

  async function project(docName: string, doc: Y.Doc) {
    watch(doc)
    const since = pendingSince.get(doc)
    pendingSince.delete(doc)
    const accountId = accountIdOfDoc(docName)
    if (accountId) {
      // Only whether the author has started: the draft's text never leaves its document.
      await markDrafting(accountId, readAccountDoc(doc)).catch(error => collabLogger.error({ err: error, docName }, 'account state update failed'))
      return
    }
    if (!docName.startsWith('review:')) return
    const reviewId = docName.slice('review:'.length)
    try {
      const { doc: reviewDoc, problems } = readReviewDoc(doc)
      if (problems.length) collabLogger.warn({ docName, problems: problems.length }, 'review document has invalid entries; skipped in projection')
      await projectReviewDocument(reviewId, reviewDoc, problems.length)
      if (since !== undefined) metrics?.observeProjection(Date.now() - since)
    } catch (error) {
      collabLogger.error({ err: error, docName }, 'projection failed')
    }
  }

  const collab = createCollabServer({
    authenticator: createCollabAuthenticator(env, prisma),
    persistence,
    logger: collabLogger,
    docNamePattern: DOC_NAME_PATTERN,
    onDocChanged: project,
    fanout: options.fanout,
    // Reviews written by an older version are brought up to date on this, the one authority,
    // before any client syncs (migrating on clients would duplicate the moved text).
    onDocLoaded(docName, doc, origin) {
      if (!docName.startsWith('review:')) return
      const result = migrateReviewDoc(doc, { origin })
      if (result.migrated) collabLogger.info({ docName, from: result.from, to: result.to }, 'review document migrated')
    },
    timings: {
      // Someone whose network went away stops showing as present within a few seconds: a
      // dead socket misses a ping at most two ticks later and is closed, removing its presence.
      heartbeatMs: 2_000,
      ...options.timings,
    },
  })

  registerReviewDocGateway({
    async change(docName, change) {
      let result!: ReturnType<typeof change>
      await collab.updateDoc(docName, doc => {
        result = change(doc)
      })
      return result
    },
    read(docName, view) {
      return collab.readDoc(docName, view)
    },
  })

  options.onUpgrade((req, socket, head) => {
    if (!req.url?.startsWith(COLLAB_PATH_PREFIX)) return false
    void collab.handleUpgrade(req, socket, head)
    return true
  })

  const stopListening = onAccessChange(event => {
    if (event.type === 'user-deactivated') {
      collab.closeConnections(c => c.userId === event.userId, 'account deactivated', CloseCode.forbidden)
    } else if (event.type === 'membership-changed') {
      const docName = reviewDocName(event.reviewId)
      collab.closeConnections(c => c.userId === event.userId && c.docName === docName, 'membership changed', CloseCode.forbidden)
      // Their own staff account on that review closes too: an author who left cannot edit it.
      void accountIdsOf(event.reviewId, event.userId)
        .then(ids => {
          const accountDocs = new Set(ids.map(accountDocName))
          collab.closeConnections(c => c.userId === event.userId && accountDocs.has(c.docName), 'membership changed', CloseCode.forbidden)
        })
        .catch(error => collabLogger.error({ err: error }, 'closing account sockets failed'))
    } else if (event.type === 'account-closed') {
      const docName = accountDocName(event.accountId)
      collab.closeConnections(c => c.docName === docName, 'account withdrawn', CloseCode.forbidden)
    } else {
      // One browser signed out: only that session's sockets close; the user's other browsers
      // keep working on their own, still valid, sessions.
      collab.closeConnections(c => c.sessionId === event.sessionId, 'signed out', CloseCode.unauthorized)
    }
  })

  return {
    collab,
    /** For /healthz: fails while edits cannot be saved (ADR 0032). */
    health: () => persistence.health(),
    async shutdown() {
      stopListening()
      registerReviewDocGateway(null)
      await collab.shutdown()
      await persistence.close()
    },
  }
}
