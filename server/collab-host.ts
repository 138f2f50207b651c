import type { PrismaClient } from '~/utils/db.server'
import type { Env } from '~/utils/env.server'
import type { UpgradeHandler } from './app'
import type { Logger } from './logger'

// Placeholder until the collaboration core lands.
export function attachCollaboration(_options: { env: Env; logger: Logger; prisma: PrismaClient; onUpgrade: (h: UpgradeHandler) => void }) {
  return { shutdown: async () => {} }
}
