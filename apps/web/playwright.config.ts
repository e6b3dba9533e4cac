import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/*
 * Browser journeys in Debian's Chromium against the built app served by the real server
 * (`npm run test:e2e` builds first). The server runs on its own port with a fresh SQLite file
 * and file store in a temporary folder, so a journey never sees another run's data.
 *
 * E2E_BASE_URL=http://localhost:5173 runs the journeys against a server you started yourself.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 3210);
const externalBaseUrl = process.env.E2E_BASE_URL;
const baseURL = externalBaseUrl ?? `http://localhost:${port}`;

// The config is loaded by the runner and again by each worker: create the folder once and hand
// it down through the environment.
process.env.AFFILIA_E2E_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-e2e-'));
const dataDir = process.env.AFFILIA_E2E_DIR;

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/global-teardown.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    headless: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-gpu',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } },
  ],
  webServer: externalBaseUrl
    ? undefined
    : {
        // The compiled server, as in production (built again here: a few hundred milliseconds).
        command: 'npm run build -w @affilia/server && npm run start -w @affilia/server',
        cwd: repoRoot,
        url: `http://localhost:${port}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          PORT: String(port),
          NODE_ENV: 'development',
          DATABASE_URL: path.join(dataDir, 'e2e.db'),
          FILE_STORAGE_DIR: path.join(dataDir, 'files'),
          LOG_LEVEL: 'warn',
          // Every journey's browser signs in from 127.0.0.1: room for all their sign-ins and SMS
          // codes (more than 50 sign-ins in 15 minutes).
          SMS_PER_IP_PER_HOUR: '500',
          SIGN_IN_PER_IP_PER_15_MIN: '1000',
        },
      },
});
