import { defineConfig } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3210)
export const baseURL = `http://localhost:${PORT}`

// Debian's Chromium, never a downloaded browser (see README: testing).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // A fresh database each run: the server migrates and seeds it as on a new machine.
    command: `node tests/e2e/serve.mjs`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    // The whole suite signs in from 127.0.0.1 far more often than one person would.
    env: { PORT: String(PORT), NODE_ENV: 'production', LOG_LEVEL: 'warn', LOGIN_ATTEMPTS_PER_ADDRESS: '1000' },
  },
})
