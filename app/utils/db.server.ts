import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '~/generated/prisma/client'
import { getEnv } from './env.server'
import { singleton } from './singleton.server'

export type { PrismaClient }

export function createPrismaClient(databaseUrl: string) {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) })
}

export const prisma = singleton('prisma', () => createPrismaClient(getEnv().DATABASE_URL))
