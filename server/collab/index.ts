/**
 * The collaboration server (ADR 5). Wiring in the host:
 *
 *   const persistence = createSqlitePersistence({ filename: process.env.DATABASE_URL!, logger })
 *   const collab = createCollabServer({ authenticator, persistence, logger, docNamePattern, onDocChanged })
 *   httpServer.on('upgrade', (req, socket, head) => {
 *     if (req.url?.startsWith(COLLAB_PATH_PREFIX)) void collab.handleUpgrade(req, socket, head)
 *   })
 *   onAccessChange((e) => collab.closeConnections((c) => c.userId === e.userId, e.type))
 *   // /healthz: 503 while !collab.stats().saving (persistence unhealthy, writers refused)
 *   // on exit: await collab.shutdown(); await persistence.close()
 */
export { CollabNotSavingError, createCollabServer, type CollabServer, type CollabServerOptions } from './server'
export { createSqlitePersistence, sqliteFilename, type SqlitePersistence, type SqlitePersistenceOptions } from './sqlite-persistence'
export { createPostgresPersistence, type PostgresPersistenceOptions } from './postgres-persistence'
export { hasAllowedOrigin } from './origin'
export { CloseCode, defaultLimits, defaultTimings, type CollabLimits, type CollabTimings } from './limits'
export { COLLAB_PATH_PREFIX, docNameFromUrl } from './protocol'
export { REMOTE_ORIGIN, SERVER_ORIGIN, type DocChangedHook, type DocLoadedHook } from './room'
export type {
  CollabAccess,
  CollabAuthenticator,
  CollabConnectionInfo,
  CollabFanout,
  FanoutLink,
  FanoutRoom,
  CollabLogger,
  CollabPersistence,
  CollabPersistenceHealth,
  CollabRefusal,
  CollabStats,
} from './types'
