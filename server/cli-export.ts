import type { PrismaClient } from '~/utils/db.server'
import { CliError, type CliIO } from './cli'

export async function exportCommand(_prisma: PrismaClient, _args: string[], _io: CliIO): Promise<void> {
  throw new CliError('export is not available yet: the anonymised export formats are still being built')
}
