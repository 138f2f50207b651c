// Adds a synthetic review with many events (default 2,000) for performance checks:
//   npm run seed:large [-- --events 2000 --jurisdiction NW-DEMO]
import { parseArgs } from 'node:util'
import { applyMigrations } from '../server/migrate'
import { createLargeReview } from '../server/large-review'

async function main() {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '2000' }, jurisdiction: { type: 'string', default: 'NW-DEMO' } } })
  const events = Number(values.events)
  if (!Number.isInteger(events) || events < 1 || events > 20000) throw new Error('--events must be a whole number from 1 to 20000')
  const { getEnv } = await import('~/utils/env.server')
  await applyMigrations({ databaseUrl: getEnv().DATABASE_URL })
  const { prisma } = await import('~/utils/db.server')
  const id = await createLargeReview(prisma, { events, jurisdictionCode: values.jurisdiction! })
  console.log(id)
  await prisma.$disconnect()
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
