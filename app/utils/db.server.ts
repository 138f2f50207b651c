import type BetterSqlite3 from 'better-sqlite3'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
import { PrismaClient as PostgresPrismaClient } from '~/generated/prisma-pg/client'
import { registerAuditFunctions } from './audit-chain.server'
import { getEnv, isPostgresUrl } from './env.server'
import { singleton } from './singleton.server'

export type { PrismaClient }

// The audit chain's trigger calls a function every writing connection must provide, so the
// adapter's connection gets it as soon as it is opened (ADR 0027). On PostgreSQL the trigger
// hashes by itself (prisma/postgres/migrations).
class AuditedSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect()
    // The adapter keeps its better-sqlite3 handle in `client` (not in its public types).
    registerAuditFunctions((adapter as unknown as { client: BetterSqlite3.Database }).client)
    return adapter
  }
}

/**
 * SQLite for file: URLs, PostgreSQL for postgresql:// ones (ADR 0041). A generated client is
 * bound to its provider, so PostgreSQL gets the client generated from prisma/postgres/schema.prisma,
 * which has the same models (scripts/pg-schema.ts) and so the same API; the app is typed
 * against the SQLite one.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  if (isPostgresUrl(databaseUrl)) {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) })
    return client as unknown as PrismaClient
  }
  return new PrismaClient({ adapter: new AuditedSqliteAdapter({ url: databaseUrl }) })
}

export const prisma = singleton('prisma', () => createPrismaClient(getEnv().DATABASE_URL))
