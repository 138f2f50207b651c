export { createCollabServer, type CollabServer, type CollabServerOptions } from './server'
export { createSqlitePersistence, sqliteFilename, type SqlitePersistenceOptions } from './sqlite-persistence'
export { hasAllowedOrigin } from './origin'
export { CloseCode, defaultLimits, defaultTimings, type CollabLimits, type CollabTimings } from './limits'
export { COLLAB_PATH_PREFIX, DOC_NAME_PATTERN, docNameFromUrl } from './protocol'
export { SERVER_ORIGIN, type DocChangedHook } from './room'
export type {
  CollabAccess,
  CollabAuthenticator,
  CollabConnectionInfo,
  CollabLogger,
  CollabPersistence,
  CollabRefusal,
  CollabStats,
} from './types'
