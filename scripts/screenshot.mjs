// README screenshots, taken with Debian's Chromium from the built app against the demo firehose.
//
//   npm run screenshot            builds, then writes docs/screenshot-{light,dark}-{desktop,phone}.png
//   SKIP_BUILD=1 npm run screenshot   uses the dist/ already there
//   node scripts/screenshot.mjs URL OUT.png [waitSelector] [width] [height]   one shot of a running viewer
//
// The demo broker and publisher (tools/demo/run.ts) and `vite preview` run on free loopback ports and
// are stopped afterwards. The demo is seeded, so the shots differ only in times and counts.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const launch = () =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

async function single([url, out, wait = '[role="log"] [data-seq]', width = '1440', height = '860']) {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
    page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
    await page.goto(url);
    await page.locator(wait).first().waitFor({ timeout: 20_000 });
    if (process.env.CLICK) await page.locator(process.env.CLICK).first().click();
    if (process.env.SETTLE_MS) await page.waitForTimeout(Number(process.env.SETTLE_MS));
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child in its own process group, so stopping it stops what it spawned too. */
function start(command, args, env = {}) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  return child;
}

function stop(child) {
  if (child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

async function waitForHttp(url, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${ms} ms`);
}

const SHOTS = [
  { name: 'desktop', viewport: { width: 1440, height: 860 }, inspect: true },
  { name: 'phone', viewport: { width: 390, height: 844 }, inspect: false },
];

async function readme() {
  if (!process.env.SKIP_BUILD) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const demo = start('npx', ['tsx', 'tools/demo/run.ts'], {
    FIREHOSE_DEMO_PORT: '0',
    FIREHOSE_DEMO_RATE: '6',
  });
  const children = [demo];
  try {
    const brokerUrl = await new Promise((resolve, reject) => {
      const lines = createInterface({ input: demo.stdout });
      lines.once('line', (line) => resolve(line.trim()));
      demo.once('exit', (code) => reject(new Error(`demo exited with ${code}`)));
    });
    const port = await freePort();
    const preview = start('npx', ['vite', 'preview', '--port', String(port), '--strictPort']);
    children.push(preview);
    const base = `http://127.0.0.1:${port}/`;
    await waitForHttp(base);

    const browser = await launch();
    try {
      for (const theme of ['light', 'dark']) {
        for (const shot of SHOTS) {
          const page = await browser.newPage({ viewport: shot.viewport, colorScheme: theme });
          page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
          const query = new URLSearchParams({ broker: brokerUrl, sub: '#', theme });
          await page.goto(`${base}?${query}`);
          // Enough of the demo stream for a full screen of rows, sparklines with some history.
          const rows = page.locator('[role="log"] [data-seq]');
          await rows.nth(20).waitFor({ timeout: 40_000 });
          if (shot.inspect) {
            await page
              .locator('[role="log"] [role="row"][data-seq]', { hasText: 'commented on' })
              .last()
              .click();
          } else {
            // A phone stacks the panels: show the log part, where the messages are.
            await page.locator('.filter-bar').evaluate((el) => el.scrollIntoView({ block: 'start' }));
          }
          // Let the messages/s sparklines fill a little and the view settle.
          await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 10_000));
          const out = `docs/screenshot-${theme}-${shot.name}.png`;
          await page.screenshot({ path: out });
          console.log(`wrote ${out}`);
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    for (const child of children) stop(child);
  }
}

const args = process.argv.slice(2);
if (args.length > 0) await single(args);
else await readme();
