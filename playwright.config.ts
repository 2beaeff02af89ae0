import { defineConfig, devices } from '@playwright/test';
import { DEMO_PORT, DEMO_URL, PREVIEW_PORT, PREVIEW_URL } from './e2e/fixtures/servers';

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  // Each worker runs its own Mosquitto, Chromium and share of the specs. Two workers on the 2-core
  // target keep a full run near a minute; the flood and 2 MB specs make the most of one core each,
  // and their assertions are on counts, not on timing, so they stay deterministic under that load.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  forbidOnly: CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: PREVIEW_URL,
    trace: 'retain-on-failure',
    browserName: 'chromium',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's Chromium; never a downloaded browser.
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // The built app, as deployed: static files, no demo broker. `npm test` builds first.
      // E2E_DIST serves another build folder (several runs side by side, each on its own ports).
      command: `npx vite preview --port ${PREVIEW_PORT} --strictPort${process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : ''}`,
      url: PREVIEW_URL,
      reuseExistingServer: !CI,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // `npm start`'s dev server with the embedded aedes broker and demo publisher: only the demo spec
      // uses it. FIREHOSE_BROKER is blanked so a developer's own setting cannot turn the demo off.
      command: `npx vite --port ${DEMO_PORT} --strictPort`,
      url: DEMO_URL,
      env: { FIREHOSE_DEMO: '1', FIREHOSE_BROKER: '' },
      reuseExistingServer: !CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
