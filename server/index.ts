// The one process: validates configuration, migrates and seeds the database, then serves the
// Remix app and the collaboration socket on one port.
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { EnvError, getEnv } from '~/utils/env.server'
import { createHttpServer } from './app'
import { checkDatabaseReachable, DatabaseUnreachableError } from './database-check'
import { startCluster, type Cluster } from './cluster'
import { attachCollaboration } from './collab-host'
import { seedDemo } from './demo-seed'
import { createLogger } from './logger'
import { createMetrics } from './metrics'
import { applyMigrations, MigrationHistoryError } from './migrate'
import { RedisUnavailable } from './redis'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

async function main() {
  let env
  try {
    env = getEnv()
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  try {
    await checkDatabaseReachable(env.DATABASE_URL)
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const logger = createLogger(env.LOG_LEVEL)

  // Before anything else: a node that cannot reach the Redis its siblings share must not serve.
  let cluster: Cluster | null = null
  if (env.REDIS_URL) {
    try {
      cluster = await startCluster({ url: env.REDIS_URL, logger })
    } catch (error) {
      if (error instanceof RedisUnavailable) {
        console.error(error.message)
        process.exit(1)
      }
      throw error
    }
    logger.info({ node: cluster.nodeId }, 'sharing collaboration, access events and sign-in limits through redis')
  }

  const migrated = await applyMigrations({ databaseUrl: env.DATABASE_URL }).catch((error: unknown) => {
    if (!(error instanceof MigrationHistoryError)) throw error
    console.error(error.message)
    process.exit(1)
  })
  if (migrated.applied.length) logger.info({ applied: migrated.applied }, 'database migrated')

  const { prisma } = await import('~/utils/db.server')
  const seeded = await seedDemo(prisma, { enabled: env.SEED_DEMO === 'true', incidentDate: env.DEMO_INCIDENT_DATE })
  if (seeded.created) {
    console.log('\nA synthetic demo was created (fictional data only). Demo sign-ins:')
    for (const login of seeded.logins) console.log(`  ${login.email.padEnd(34)} ${login.password}   ${login.description}`)
    console.log('')
  }

  const buildPath = path.join(root, 'build', 'index.js')
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild
  let collaboration: ReturnType<typeof attachCollaboration> | null = null
  const metrics = createMetrics({ collabStats: () => collaboration!.collab.stats() })
  const http = createHttpServer({
    env,
    logger,
    prisma,
    build,
    publicDir: path.join(root, 'public'),
    metrics,
    readiness: cluster ? { redis: cluster.check } : {},
    collabHealth: () => collaboration?.health() ?? { ok: true },
  })
  collaboration = attachCollaboration({ env, logger, prisma, onUpgrade: http.onUpgrade, metrics, fanout: cluster?.fanout })

  await new Promise<void>(resolve => http.server.listen(env.PORT, env.HOST, resolve))
  const address = http.server.address()
  const port = typeof address === 'object' && address ? address.port : env.PORT
  logger.info({ port, host: env.HOST }, 'listening')
  console.log(`SCIR Workspace is serving http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}`)

  let stopping = false
  async function shutdown(signal: string) {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    http.server.close()
    // Sockets first, so every last edit is flushed before the database closes.
    await collaboration?.shutdown()
    await cluster?.close()
    http.server.closeAllConnections()
    await prisma.$disconnect()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
