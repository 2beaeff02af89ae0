// `npm run soak` (not in CI): the built app left running on a steady firehose with a broker restart in
// the middle, as a wall screen lives. Prints heap at the start, middle and end, messages published and
// received, and the gaps the log shows.
//
//   npm run soak                         # 10 minutes at 2,000 msgs/s, restart at the half
//   npx tsx bench/soak.ts --minutes=2 --rate=1000
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startMosquitto } from '../tools/mosquitto';
import { launchChromium } from './chrome';
import { READ_APP_RECEIVED } from './inpage';
import { connectPublisher, makeCorpus, publishAtRate } from './publisher';
import { serveStatic } from './server';

const ROOT = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const minutes = arg('minutes', 10);
const rate = arg('rate', 2000);
const OUTAGE_MS = 3_000;
const log = (msg: string) => process.stderr.write(`[soak] ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dist = path.join(ROOT, 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    log('building dist/');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  let broker = await startMosquitto({ maxQueuedMessages: 1_000_000 });
  const server = await serveStatic(dist, {});
  const browser = await launchChromium();
  const cleanups = [() => browser.close(), () => server.close(), () => broker.stop()];
  try {
    const link = `${server.origin}/?broker=${encodeURIComponent(broker.wsUrl)}&sub=${encodeURIComponent('bench/#')}`;
    await browser.send('Page.navigate', { url: link });
    for (let i = 0; ; i++) {
      const n = await browser.evaluate<number>('window.__firehoseStats?.subscribed ?? 0').catch(() => 0);
      if (n >= 1) break;
      if (i > 200) throw new Error('the app never subscribed');
      await sleep(100);
    }
    const heap = async () => {
      await browser.send('HeapProfiler.collectGarbage');
      const h = await browser.send<{ usedSize: number }>('Runtime.getHeapUsage');
      return h.usedSize / 1e6;
    };
    const corpus = makeCorpus();
    const half = (minutes * 60_000) / 2;
    const heaps: Array<[string, number]> = [['start', await heap()]];
    log(`${minutes} min at ${rate.toLocaleString('en-US')} msgs/s, broker restart at ${minutes / 2} min`);

    let publisher = await connectPublisher(broker.tcpUrl);
    const cursor = { i: 0 };
    let published = (await publishAtRate(publisher, corpus, rate, half, cursor)).sent;
    await publisher.endAsync();
    heaps.push(['middle, before the restart', await heap()]);

    const ports = broker.ports;
    await broker.stop();
    await sleep(OUTAGE_MS);
    broker = await startMosquitto({ maxQueuedMessages: 1_000_000, ports });
    cleanups[2] = () => broker.stop();
    // The app reconnects on its own (backoff 1 s doubling, jittered); publish once it is subscribed again.
    for (let i = 0; ; i++) {
      const up = await browser.evaluate<boolean>(
        `document.querySelector('[role=status]')?.textContent.startsWith('Connected') && window.__firehoseStats.subscribed >= 1`,
      );
      if (up) break;
      if (i > 600) throw new Error('the app did not reconnect within 60 s');
      await sleep(100);
    }
    publisher = await connectPublisher(broker.tcpUrl);
    published += (await publishAtRate(publisher, corpus, rate, half, cursor)).sent;
    await publisher.endAsync();
    await sleep(2_000);
    heaps.push(['end', await heap()]);

    const received = await browser.evaluate<number | null>(READ_APP_RECEIVED);
    const gaps = await browser.evaluate<number>('window.__firehoseStats.gaps');
    const buffered = await browser.evaluate<number>('window.__firehoseStats.buffered');
    console.log(
      `| soak | ${minutes} min at ${rate.toLocaleString('en-US')} msgs/s, broker restart in the middle |`,
    );
    console.log('| --- | --- |');
    for (const [when, mb] of heaps) console.log(`| heap after GC, ${when} | ${mb.toFixed(1)} MB |`);
    console.log(`| published | ${published.toLocaleString('en-US')} |`);
    console.log(`| received (screen) | ${received?.toLocaleString('en-US') ?? 'n/a'} |`);
    console.log(`| buffered | ${buffered.toLocaleString('en-US')} |`);
    console.log(`| gaps shown in the log | ${gaps} |`);
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
