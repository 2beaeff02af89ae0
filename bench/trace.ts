// `npx tsx bench/trace.ts` (not in CI): where a page's threads spend their CPU under load, from a
// Chromium trace. Each trace event's thread time (`tdur`, not wall time: on two shared cores a task's
// wall time is stretched by everything else) is summed by event name for the renderer main thread and the
// worker threads, with counts of frames, layouts and timer tasks, and the long tasks' CPU.
//
//   npx tsx bench/trace.ts widgets [--widgets=10] [--streams=1]   ten widgets on one stream, 1,000 msgs/s each
//   npx tsx bench/trace.ts app [--rate=5000]                      the full app subscribed to everything
//
// `--dist=<folder>` traces another build (an experiment); `--save=<file>` keeps the trace (open it in
// Chrome DevTools → Performance). Builds dist/ when missing. Publishes for 6 s and traces 3 s of it (after 1.5 s), so figures are per 3 s.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startMosquitto } from '../tools/mosquitto';
import { CHROMIUM_BIN } from './chrome';
import { connectPublisher, makeCorpus, publishAtRate, spread } from './publisher';
import { serveStatic } from './server';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const ROOT = path.resolve(import.meta.dirname, '..');
const mode = process.argv[2] === 'app' ? 'app' : 'widgets';
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const widgets = mode === 'app' ? 1 : arg('widgets', 10);
const streams = mode === 'app' ? 1 : arg('streams', 1);
const rate = mode === 'app' ? arg('rate', 5000) : 1000 * streams;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const ms = (us: number) => (us / 1000).toFixed(0).padStart(6);

async function main(): Promise<void> {
  const distArg = process.argv.find((a) => a.startsWith('--dist='));
  const dist = distArg ? path.resolve(distArg.slice('--dist='.length)) : path.join(ROOT, 'dist');
  if (!existsSync(path.join(dist, 'embed.html'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  const broker = await startMosquitto({ maxQueuedMessages: 1_000_000 });
  const pages = await mkdtemp(path.join(os.tmpdir(), 'firehose-trace-'));
  const frames = Array.from({ length: widgets }, (_, i) => {
    const q = new URLSearchParams({
      broker: broker.wsUrl,
      sub: `bench/w${i % streams}/#`,
      embed: '1',
      rows: '5',
    });
    return `<iframe title="w${i}" src="/embed.html?${q.toString().replace(/&/g, '&amp;')}" width="600" height="220"></iframe>`;
  });
  const host = path.join(pages, 'host.html');
  await writeFile(host, `<!doctype html><title>Status</title>${frames.join('\n')}`);
  const server = await serveStatic(dist, { '/host.html': host });
  const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: ['--disable-gpu'] });
  const publisher = await connectPublisher(broker.tcpUrl);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    if (mode === 'app') {
      const q = new URLSearchParams({ broker: broker.wsUrl, sub: 'bench/#' });
      await page.goto(`${server.origin}/?${q}`);
      await page
        .getByText(/Connected/)
        .first()
        .waitFor();
    } else {
      await page.goto(`${server.origin}/host.html`);
      for (const frame of await page.locator('iframe').all()) {
        await frame.contentFrame().getByRole('status').filter({ hasText: /live/ }).waitFor();
      }
    }
    const corpus = spread(makeCorpus(), streams);
    const publishing = publishAtRate(publisher, corpus, rate, 6000);
    await sleep(1500);
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    await sleep(3000);
    const raw = (await browser.stopTracing()).toString();
    const save = process.argv.find((a) => a.startsWith('--save='));
    if (save) await writeFile(save.slice('--save='.length), raw);
    const events = (JSON.parse(raw) as { traceEvents: TraceEvent[] }).traceEvents;
    await publishing;
    report(events);
  } finally {
    await browser.close();
    await publisher.endAsync();
    await server.close();
    await broker.stop();
  }
}

function report(events: TraceEvent[]): void {
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const threadOf = (e: TraceEvent) => threads.get(`${e.pid}:${e.tid}`) ?? '';
  process.stdout.write(
    `${mode === 'app' ? `The app at ${rate.toLocaleString('en-US')} msgs/s` : `${widgets} widgets on ${streams} stream(s) at 1,000 msgs/s each`}: thread CPU over 3 s of trace, ms\n`,
  );
  for (const name of ['CrRendererMain', 'SharedWorker thread', 'DedicatedWorker thread']) {
    const mine = events.filter((e) => e.ph === 'X' && e.tdur && threadOf(e) === name);
    if (mine.length === 0) continue;
    const byName = new Map<string, { us: number; n: number }>();
    for (const e of mine) {
      const t = byName.get(e.name) ?? { us: 0, n: 0 };
      t.us += e.tdur ?? 0;
      t.n++;
      byName.set(e.name, t);
    }
    process.stdout.write(`\n== ${name}\n`);
    for (const [event, t] of [...byName].sort((a, b) => b[1].us - a[1].us).slice(0, 14))
      process.stdout.write(`${ms(t.us)} ms  ${String(t.n).padStart(5)} x  ${event}\n`);
    const long = mine.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000);
    if (long.length > 0)
      process.stdout.write(
        `long tasks (> 50 ms wall): ${long.length}, wall ${ms(long.reduce((s, e) => s + (e.dur ?? 0), 0)).trim()} ms, CPU ${ms(long.reduce((s, e) => s + (e.tdur ?? 0), 0)).trim()} ms\n`,
      );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
