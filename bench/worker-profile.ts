// `npx tsx bench/worker-profile.ts` (not in CI): where the app's ingest worker (the SharedWorker holding
// the MQTT connection) spends its JavaScript time while the app shows everything at a given rate. The V8
// sampling profiler runs in the worker itself (DevTools protocol attached to its target), mapped through
// the build's source maps to `src/` or `node_modules/<package>`.
//
//   npx tsx bench/worker-profile.ts [--rate=5000] [--dist=dist]

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import CDP from 'chrome-remote-interface';
import { startMosquitto } from '../tools/mosquitto';
import { launchChromium } from './chrome';
import { type CpuProfile, selfTimeByFile, sourceMapResolver, topSelfTime } from './profile';
import { connectPublisher, makeCorpus, publishAtRate } from './publisher';
import { serveStatic } from './server';

const ROOT = path.resolve(import.meta.dirname, '..');
const rateArg = process.argv.find((a) => a.startsWith('--rate='));
const rate = rateArg ? Number(rateArg.slice('--rate='.length)) : 5000;
const distArg = process.argv.find((a) => a.startsWith('--dist='));
const dist = distArg ? path.resolve(distArg.slice('--dist='.length)) : path.join(ROOT, 'dist');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const line = (ms: number, share: number, label: string) =>
  `${ms.toFixed(0).padStart(6)} ms ${(share * 100).toFixed(1).padStart(5)} %  ${label}\n`;

async function main(): Promise<void> {
  if (!existsSync(path.join(dist, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  const broker = await startMosquitto({ maxQueuedMessages: 1_000_000 });
  const server = await serveStatic(dist, {});
  const browser = await launchChromium();
  const publisher = await connectPublisher(broker.tcpUrl);
  try {
    const q = new URLSearchParams({ broker: broker.wsUrl, sub: 'bench/#' });
    await browser.send('Page.navigate', { url: `${server.origin}/?${q}` });
    for (let i = 0; ; i++) {
      if (i > 300) throw new Error('the app did not subscribe within 30 s');
      const subscribed = await browser
        .evaluate<number>('window.__firehoseStats?.subscribed ?? 0')
        .catch(() => 0);
      if (subscribed >= 1) break;
      await sleep(100);
    }
    const targets = await CDP.List({ host: '127.0.0.1', port: browser.port });
    const target = targets.find((t) => t.type === 'shared_worker' || t.type === 'worker');
    if (!target) throw new Error(`no worker among the targets: ${targets.map((t) => t.type).join(', ')}`);
    const worker = await CDP({ host: '127.0.0.1', port: browser.port, target: target.id });
    try {
      await worker.send('Profiler.enable');
      await worker.send('Profiler.setSamplingInterval', { interval: 200 });
      const publishing = publishAtRate(publisher, makeCorpus(), rate, 6000);
      await sleep(1000);
      await worker.send('Profiler.start');
      await sleep(4000);
      const { profile } = (await worker.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      await publishing;
      const resolve = sourceMapResolver(server.origin, dist);
      const { busyMs, totalMs, top } = await topSelfTime(profile, resolve, 20);
      process.stdout.write(
        `The ingest worker at ${rate.toLocaleString('en-US')} msgs/s: busy ${Math.round(busyMs)} of ${Math.round(totalMs)} ms (profiler on)\n\n`,
      );
      for (const f of top) process.stdout.write(line(f.selfMs, f.share, f.label));
      process.stdout.write('\n');
      for (const f of (await selfTimeByFile(profile, resolve)).slice(0, 10))
        process.stdout.write(line(f.selfMs, f.share, f.file));
    } finally {
      await worker.close();
    }
  } finally {
    await browser.close();
    await publisher.endAsync();
    await server.close();
    await broker.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
