/**
 * The PostgreSQL schema and its migrations, derived from prisma/schema.prisma (ADR 0041).
 *
 *   tsx scripts/pg-schema.ts generate [--name <name>]   rewrite prisma/postgres/schema.prisma and, if the
 *                                                       model changed, add a PostgreSQL migration for it
 *   tsx scripts/pg-schema.ts check                      exit 1 if either is out of date (no change made)
 *
 * prisma/schema.prisma (SQLite) stays the one model everybody edits. After changing it (or merging
 * a branch that did): `npm run db:new -- <name>` for SQLite, then `npm run db:pg:generate -- --name <name>`.
 * Both steps need no running service: the PostgreSQL diff runs against a throwaway server started
 * here (scripts/pg-temp.ts), or against PG_ADMIN_URL when set (a server where we may create databases).
 */
import { spawnSync } from 'node:child_process'
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { checkMigrationsMatchSchema, createMigration, POSTGRES_MIGRATIONS_DIR, POSTGRES_SCHEMA } from '../server/migrate'
import { startTempPostgres } from './pg-temp'

const SOURCE = 'prisma/schema.prisma'
const HEADER = `// GENERATED from prisma/schema.prisma by scripts/pg-schema.ts (npm run db:pg:generate).
// Do not edit: change prisma/schema.prisma and regenerate.
`

class SchemaError extends Error {}

/** The PostgreSQL twin of the SQLite schema: same models, another provider and client output. */
export function renderPostgresSchema(sqliteSchema: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/
  if (!provider.test(sqliteSchema)) throw new SchemaError(`${SOURCE}: no datasource db with provider "sqlite"`)
  const output = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/app\/generated\/prisma"/
  if (!output.test(sqliteSchema)) throw new SchemaError(`${SOURCE}: generator client output is not "../app/generated/prisma"`)
  // Native types would need a translation per provider; the model keeps to portable types.
  const native = /@db\.\w+/.exec(sqliteSchema)
  if (native) throw new SchemaError(`${SOURCE} uses ${native[0]}; keep to types both providers share (ADR 0041)`)
  return (
    HEADER +
    sqliteSchema
      .replace(provider, '$1"postgresql"')
      // prisma/postgres/ is one level deeper; a separate client, since a generated client is bound to its provider.
      .replace(output, '$1"../../app/generated/prisma-pg"')
  )
}

async function expectedSchema(): Promise<string> {
  return renderPostgresSchema(await readFile(SOURCE, 'utf8'))
}

async function withPostgres<T>(task: (url: (database: string) => string) => Promise<T>): Promise<T> {
  const admin = process.env.PG_ADMIN_URL
  if (admin) {
    return task(database => {
      const u = new URL(admin)
      u.pathname = `/${database}`
      return u.toString()
    })
  }
  const server = await startTempPostgres()
  try {
    return await task(server.url)
  } finally {
    server.stop()
  }
}

async function generate(name: string): Promise<number> {
  const schema = await expectedSchema()
  await mkdir(path.dirname(POSTGRES_SCHEMA), { recursive: true })
  const previous = await readFile(POSTGRES_SCHEMA, 'utf8').catch(() => null)
  if (previous !== schema) {
    await writeFile(POSTGRES_SCHEMA, schema)
    console.log(`Wrote ${POSTGRES_SCHEMA}`)
    // The app's PostgreSQL client (app/generated/prisma-pg) follows the schema at once.
    const generated = spawnSync(process.execPath, [path.resolve('node_modules/prisma/build/index.js'), 'generate', '--schema', POSTGRES_SCHEMA], {
      stdio: 'inherit',
    })
    if (generated.status !== 0) throw new Error('prisma generate failed for the PostgreSQL client')
  }
  return withPostgres(async url => {
    const { default: pg } = await import('pg')
    const database = `scir_generate_${process.pid}`
    const admin = new pg.Client({ connectionString: url('postgres') })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${database}"`)
    try {
      const result = await createMigration({ databaseUrl: url(database), name, schemaPath: POSTGRES_SCHEMA, migrationsDir: POSTGRES_MIGRATIONS_DIR })
      if (!result.created) {
        console.log('The PostgreSQL migrations already match the model: no migration created.')
        return 0
      }
      console.log(`Created ${POSTGRES_MIGRATIONS_DIR}/${result.created}/migration.sql`)
      if (result.warnings.length) console.warn(`It may lose data; review it:\n${result.warnings.map(w => `  - ${w}`).join('\n')}`)
      return 0
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await admin.end()
    }
  })
}

/** Both halves of the drift check; `postgresUrl` is a server the migrations can be replayed on. */
export async function checkPostgresSchema(postgresUrl?: string): Promise<string[]> {
  const problems: string[] = []
  const committed = await readFile(POSTGRES_SCHEMA, 'utf8').catch(() => null)
  if (committed !== (await expectedSchema())) problems.push(`${POSTGRES_SCHEMA} is not what ${SOURCE} generates`)
  const diff = (url: string) => checkMigrationsMatchSchema({ postgresUrl: url, schemaPath: POSTGRES_SCHEMA, migrationsDir: POSTGRES_MIGRATIONS_DIR })
  const { matches, driftSql } = postgresUrl ? await diff(postgresUrl) : await withPostgres(url => diff(url('postgres')))
  if (!matches) problems.push(`${POSTGRES_MIGRATIONS_DIR} does not reproduce the model; missing SQL:\n${driftSql}`)
  return problems
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' } } })
  const [command] = positionals
  if (command === 'generate') {
    const name = values.name ?? 'schema'
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new SchemaError(`--name must match [A-Za-z0-9_-]+, got "${name}"`)
    return generate(name)
  }
  if (command === 'check') {
    const problems = await checkPostgresSchema()
    if (problems.length === 0) {
      console.log('The PostgreSQL schema and migrations match prisma/schema.prisma.')
      return 0
    }
    console.error(`${problems.join('\n')}\nRun: npm run db:pg:generate -- --name <name>`)
    return 1
  }
  throw new SchemaError('usage: tsx scripts/pg-schema.ts generate [--name <name>] | check')
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    (error: unknown) => {
      console.error(`pg-schema: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(error instanceof SchemaError ? 2 : 1)
    },
  )
}
