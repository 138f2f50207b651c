import type BetterSqlite3 from 'better-sqlite3'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '~/generated/prisma/client'
import { registerAuditFunctions } from './audit-chain.server'
import { getEnv } from './env.server'
import { singleton } from './singleton.server'

export type { PrismaClient }

// The audit chain's trigger calls a function every writing connection must provide, so the
// adapter's connection gets it as soon as it is opened (ADR 0027).
class AuditedSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect()
    // The adapter keeps its better-sqlite3 handle in `client` (not in its public types).
    registerAuditFunctions((adapter as unknown as { client: BetterSqlite3.Database }).client)
    return adapter
  }
}

export function createPrismaClient(databaseUrl: string) {
  return new PrismaClient({ adapter: new AuditedSqliteAdapter({ url: databaseUrl }) })
}

export const prisma = singleton('prisma', () => createPrismaClient(getEnv().DATABASE_URL))
