import path from 'node:path'
import { defineConfig } from 'vitest/config'

// The integration suite's core once more against PostgreSQL (ADR 0041): the routes x roles
// matrices, sessions, staff accounts (with their live sockets) and exports, plus the
// PostgreSQL-only tests in tests/pg. Each test file gets its own database.
export default defineConfig({
  resolve: { alias: { '~': path.resolve(__dirname, 'app') } },
  test: {
    globals: true,
    include: [
      'tests/integration/permission-matrix.test.ts',
      'tests/integration/export-approval-matrix.test.ts',
      'tests/integration/sessions.test.ts',
      'tests/integration/accounts-*.test.ts',
      'tests/integration/export-*.test.ts',
      'tests/integration/socket-access-ends.test.ts',
      'tests/pg/**/*.test.ts',
    ],
    environment: 'node',
    setupFiles: ['tests/setup/pg.setup.ts'],
    globalSetup: ['tests/setup/pg-global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
