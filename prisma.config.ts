import path from 'node:path'
import { defineConfig } from 'prisma/config'

// `prisma generate` never runs the native schema engine, but the CLI insists it exists.
// Migrations go through scripts/db.ts (Prisma's WebAssembly schema engine) instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('scripts/no-schema-engine.sh')

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/scir.db' },
})
