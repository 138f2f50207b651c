// The PostgreSQL schema is derived from prisma/schema.prisma (ADR 0041); this half of the drift
// check needs no database (the migrations half runs in npm run test:pg, tests/pg).
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { renderPostgresSchema } from '../../scripts/pg-schema'

const sqlite = readFileSync('prisma/schema.prisma', 'utf8')

test('prisma/postgres/schema.prisma is exactly what prisma/schema.prisma generates (else: npm run db:pg:generate)', () => {
  expect(readFileSync('prisma/postgres/schema.prisma', 'utf8')).toBe(renderPostgresSchema(sqlite))
})

test('the generated schema differs only in provider, client output and its header', () => {
  const rendered = renderPostgresSchema(sqlite)
  expect(rendered).toMatch(/provider = "postgresql"/)
  expect(rendered).toMatch(/output\s+= "\.\.\/\.\.\/app\/generated\/prisma-pg"/)
  expect(rendered).not.toMatch(/"sqlite"/)
  const models = (text: string) => text.slice(text.search(/^model /m))
  expect(models(rendered)).toBe(models(sqlite))
})

test('a native type that only one provider has is refused, not silently copied', () => {
  const withNative = sqlite.replace(/(model Jurisdiction \{\n\s+id\s+String)/, '$1 @db.Text')
  expect(withNative).not.toBe(sqlite)
  expect(() => renderPostgresSchema(withNative)).toThrow(/@db\.Text/)
})
