/**
 * Database migrations without the native Prisma schema engine (see server/migrate.ts).
 *
 *   tsx scripts/db.ts deploy               apply pending migrations (creates the file, WAL on)
 *   tsx scripts/db.ts dev --name <name>    new migration from schema.prisma, applied to the dev DB
 *   tsx scripts/db.ts status               exit 1 unless the database is up to date
 *   tsx scripts/db.ts check                exit 1 unless the migrations reproduce schema.prisma
 *   tsx scripts/db.ts reset --force        delete the SQLite file and apply all migrations
 *
 * DATABASE_URL defaults to file:./data/scir.db (relative to the current directory); a
 * postgresql:// URL uses prisma/postgres/migrations instead (ADR 0041; new PostgreSQL
 * migrations come from `npm run db:pg:generate`, not from `dev`).
 */
import { parseArgs } from 'node:util'
import {
  applyMigrations,
  checkMigrationsMatchSchema,
  createMigration,
  DEFAULT_DATABASE_URL,
  describeDatabase,
  isPostgresUrl,
  migrationStatus,
  resetDatabase,
} from '../server/migrate'

const USAGE = 'usage: tsx scripts/db.ts deploy | dev --name <name> | status | check | reset --force'

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const [command, ...extra] = positionals
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`)
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL
  const where = () => describeDatabase(databaseUrl)

  switch (command) {
    case 'deploy': {
      const { applied, carriedOver } = await applyMigrations({ databaseUrl })
      if (carriedOver)
        console.log(`Recorded the ${carriedOver.replaced.length} migrations ${carriedOver.baseline} replaced as that baseline (no table changed).`)
      console.log(applied.length ? `Applied to ${where()}:\n${list(applied)}` : `${where()} is up to date.`)
      return 0
    }
    case 'dev': {
      if (!values.name) throw new UsageError('dev needs --name <name>')
      if (isPostgresUrl(databaseUrl)) {
        throw new UsageError(
          'PostgreSQL migrations are generated from prisma/schema.prisma: run "npm run db:pg:generate -- --name <name>" (no DATABASE_URL needed)',
        )
      }
      const result = await createMigration({ databaseUrl, name: values.name })
      if (result.applied.length) console.log(`Applied to ${where()}:\n${list(result.applied)}`)
      if (!result.created) {
        console.log('No schema changes: no migration created.')
        return 0
      }
      console.log(`Created prisma/migrations/${result.created}/migration.sql`)
      if (result.warnings.length) {
        console.warn(`Not applied, it may lose data:\n${list(result.warnings)}\nReview it, then run "deploy".`)
      }
      return 0
    }
    case 'status': {
      const s = await migrationStatus({ databaseUrl })
      if (!s.databaseExists) console.log(`${where()} does not exist yet.`)
      if (s.pending.length) console.log(`Not yet applied:\n${list(s.pending)}`)
      if (s.notInFolder.length) console.log(`Applied but missing from prisma/migrations:\n${list(s.notInFolder)}`)
      if (s.failed.length) console.log(`Failed:\n${list(s.failed)}`)
      if (s.edited.length) console.log(`Edited after being applied:\n${list(s.edited)}`)
      if (s.baseline.action === 'rewrite') {
        console.log('Those are the migrations the baseline replaced (ADR 0051): "deploy" records them as the baseline, changing no table.')
      }
      if (s.baseline.action === 'refuse') console.log(s.baseline.message)
      if (s.upToDate) console.log(`${where()} is up to date.`)
      return s.upToDate ? 0 : 1
    }
    case 'check': {
      const { matches, driftSql } = await checkMigrationsMatchSchema()
      if (matches) {
        console.log('The migrations reproduce prisma/schema.prisma.')
        return 0
      }
      console.error(`prisma/schema.prisma has changes no migration contains; run "dev --name <name>". Missing SQL:\n${driftSql}`)
      return 1
    }
    case 'reset': {
      if (!values.force) throw new UsageError(`reset deletes ${where()}: pass --force`)
      const { applied } = await resetDatabase({ databaseUrl, force: true })
      console.log(`Recreated ${where()} with:\n${list(applied)}`)
      return 0
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'missing command')
  }
}

function list(items: string[]): string {
  return items.map(item => `  - ${item}`).join('\n')
}

// Exit explicitly: the WebAssembly engine may leave timers behind (server/migrate.ts clears
// the ones it knows of), and a CLI should not wait on them.
main(process.argv.slice(2)).then(
  code => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    console.error(`db: ${error instanceof Error ? error.message : String(error)}`)
    if (usage) console.error(USAGE)
    process.exit(usage ? 2 : 1)
  },
)
