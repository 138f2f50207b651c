import path from 'node:path'
import { defineConfig } from 'vitest/config'

// The integration suite once more against PostgreSQL (ADR 0041): every file that talks to the
// database only through the app (routes x roles matrices, sessions, staff accounts with their
// live sockets, exports, phases, retention, SSO, CLI...), plus the PostgreSQL-only tests in
// tests/pg. The files left out open SQLite files or the SQLite persistence themselves. Each
// test file gets its own database.
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
      'tests/integration/{audit-page,case-file-import,cli-export,cli,follow-up,http-hostile,phases,retention}.test.ts',
      'tests/integration/{review-doc-projection,seed,set-password,sso,staff-pseudonyms,tracker,validation,workflow-projection}.test.ts',
      'tests/integration/cluster/cluster.test.ts',
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
