// `npx tsx bench/widgets.ts` (not in CI): a status page with ten widgets against the same page with one
// widget at 1,000 msgs/s. Ten widgets watching one stream (ten views of the same firehose: the page's
// whole load is 1,000 msgs/s), and ten widgets each on a stream of its own (10,000 msgs/s reach the page),
// with the shared connection (default) and with `share=0` (a connection per widget). Prints the browser's CPU (all its processes, from /proc, in % of
// one core) and the client connections the broker counts ($SYS/broker/clients/connected).
//
//   npx tsx bench/widgets.ts [--duration=10] [--rate=1000] [--widgets=10] [--profile] [--dist=dist]
//                            [--only=one,same-stream,own-streams,own-streams-share0] [--repeat=1]
//
// `--repeat=N` runs the rows N times, interleaved (one pass of every row, then the next), and adds the
// median CPU of each row and its ratio to one widget's: a single pass moves by ±8 points of a core.
//
// `--profile` also prints where the shared rows' page's renderer main thread spends its time (V8 profile,
// mapped to sources); the profiler's own cost makes that row not comparable with the others.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { startMosquitto } from '../tools/mosquitto';
import { type CpuSample, cpuShare, formatCpu, launchChromium, sampleCpu } from './chrome';
import { type CpuProfile, selfTimeByFile, sourceMapResolver, topSelfTime } from './profile';
import { connectPublisher, makeCorpus, publishAtRate, spread } from './publisher';
import { serveStatic } from './server';

const ROOT = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const durationS = arg('duration', 10);
const rate = arg('rate', 1000);
const many = arg('widgets', 10);
const repeat = Math.max(1, Math.floor(arg('repeat', 1)));
const profiling = process.argv.includes('--profile');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
const log = (msg: string) => process.stderr.write(`[widgets] ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const distArg = process.argv.find((a) => a.startsWith('--dist='));
  const dist = distArg ? path.resolve(distArg.slice('--dist='.length)) : path.join(ROOT, 'dist');
  if (!existsSync(path.join(dist, 'embed.html'))) {
    log('building dist/');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  const broker = await startMosquitto({ maxQueuedMessages: 1_000_000 });
  const pages = await mkdtemp(path.join(os.tmpdir(), 'firehose-widgets-'));
  const extra: Record<string, string> = {};
  const scenarios = [
    { n: 1, share: true, streams: 1, name: 'one' },
    { n: many, share: true, streams: 1, name: 'same-stream' },
    { n: many, share: true, streams: many, name: 'own-streams' },
    { n: many, share: false, streams: many, name: 'own-streams-share0' },
  ].filter((s) => only === null || only.includes(s.name));
  for (const { n, share, streams, name } of scenarios) {
    const frames = Array.from({ length: n }, (_, i) => {
      const q = new URLSearchParams({
        broker: broker.wsUrl,
        sub: `bench/w${i % streams}/#`,
        embed: '1',
        rows: '5',
      });
      if (!share) q.set('share', '0');
      return `<iframe title="w${i}" src="/embed.html?${q.toString().replace(/&/g, '&amp;')}" width="600" height="220"></iframe>`;
    });
    const file = path.join(pages, `host-${name}.html`);
    await writeFile(file, `<!doctype html><title>Status</title>${frames.join('\n')}`);
    extra[`/${path.basename(file)}`] = file;
  }
  const server = await serveStatic(dist, extra);
  const monitor = await mqtt.connectAsync(broker.tcpUrl, { reconnectPeriod: 0, clientId: 'bench-sys' });
  let clients = 0;
  monitor.on('message', (_t, p) => {
    clients = Number(p.toString());
  });
  await monitor.subscribeAsync('$SYS/broker/clients/connected');
  const publisher = await connectPublisher(broker.tcpUrl);
  const rows: string[] = [];
  const cpuOf = new Map<string, number[]>();
  try {
    for (let pass = 0; pass < repeat; pass++)
      for (const { n, share, streams, name } of scenarios) {
        const browser = await launchChromium();
        try {
          await browser.send('Page.navigate', { url: `${server.origin}/host-${name}.html` });
          // Connected once the broker counts the browser's connections (the monitor and publisher are 2).
          const want = 2 + (share ? 1 : n);
          for (let i = 0; clients < want; i++) {
            if (i > 300) throw new Error(`only ${clients - 2} browser connections after 30 s`);
            await sleep(100);
          }
          await sleep(2000); // let the widgets settle after connecting
          const corpus = spread(makeCorpus(), streams);
          const profile = profiling && share;
          if (profile) {
            await browser.send('Profiler.enable');
            await browser.send('Profiler.setSamplingInterval', { interval: 500 });
            await browser.send('Profiler.start');
          }
          const before: CpuSample | null = await sampleCpu(browser.pid);
          const publishing = publishAtRate(publisher, corpus, rate * streams, durationS * 1000);
          // Halfway: what the widgets themselves show as msg/s (same origin as the host page, so readable).
          await sleep((durationS * 1000) / 2);
          const shown = await browser.evaluate<number>(
            `[...document.querySelectorAll('iframe')].reduce((sum, f) => sum + Number((f.contentDocument?.querySelector('.widget-rate')?.textContent ?? '0').replace(/[^0-9.]/g, '')), 0)`,
          );
          const result = await publishing;
          const after = await sampleCpu(browser.pid);
          const cpu = cpuShare(before, after);
          log(`CPU renderer/browser other/broker/bench/other load: ${formatCpu(cpu)}`);
          if (profile) {
            const prof = (await browser.send<{ profile: CpuProfile }>('Profiler.stop', {}, 60_000)).profile;
            const resolve = sourceMapResolver(server.origin, dist);
            const { busyMs, totalMs, top } = await topSelfTime(prof, resolve, 30);
            log(
              `${n} widget(s), main thread busy ${Math.round(busyMs)} of ${Math.round(totalMs)} ms (profiler on)`,
            );
            for (const f of top)
              log(
                `  ${f.selfMs.toFixed(0).padStart(6)} ms ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.label}`,
              );
            for (const f of (await selfTimeByFile(prof, resolve)).slice(0, 12))
              log(
                `  ${f.selfMs.toFixed(0).padStart(6)} ms ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.file}`,
              );
          }
          const browserCpu = cpu ? cpu.renderer + cpu.chromiumOther : Number.NaN;
          if (Number.isFinite(browserCpu)) cpuOf.set(name, [...(cpuOf.get(name) ?? []), browserCpu]);
          rows.push(
            `| ${n} | ${streams === 1 ? 'one' : 'one each'} | ${share ? 'shared' : 'share=0'} | ${Math.round(result.achievedPerSecond).toLocaleString('en-US')} | ${Math.round(shown).toLocaleString('en-US')} | ${clients - 2} | ${Math.round(browserCpu)} % | ${cpu ? Math.round(cpu.other) : 'n/a'} % |`,
          );
          log(rows.at(-1) ?? '');
        } finally {
          await browser.close();
        }
        for (let i = 0; clients > 2 && i < 100; i++) await sleep(100);
      }
  } finally {
    await publisher.endAsync();
    await monitor.endAsync();
    await server.close();
    await broker.stop();
  }
  process.stdout.write(
    [
      `Widgets at ${rate.toLocaleString('en-US')} msgs/s each, ${durationS} s per row; CPU in % of one core.`,
      '',
      '| widgets | stream | connection | msgs/s published | msgs/s the widgets show (sum) | broker connections | browser CPU | other load on the machine |',
      '| ---: | :--- | :--- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      ...(repeat > 1 ? medians(cpuOf) : []),
    ].join('\n'),
  );
}

/** Median CPU of each row over the passes, and its ratio to one widget's (issue 10: ten ≤ 1.5× one). */
function medians(cpuOf: Map<string, number[]>): string[] {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  };
  const one = cpuOf.has('one') ? median(cpuOf.get('one') as number[]) : null;
  const out = [
    `Over ${repeat} interleaved passes:`,
    '',
    '| row | browser CPU, each pass | median | × one widget |',
    '| :--- | :--- | ---: | ---: |',
  ];
  for (const [name, xs] of cpuOf) {
    const m = median(xs);
    out.push(
      `| ${name} | ${xs.map((x) => `${Math.round(x)} %`).join(', ')} | ${Math.round(m)} % | ${one ? `${(m / one).toFixed(2)}×` : 'n/a'} |`,
    );
  }
  const same = cpuOf.get('same-stream');
  if (one && same) {
    const ratio = median(same) / one;
    out.push(
      '',
      `Target (issue 10: ten widgets at 1,000 msgs/s cost at most 1.5× the CPU of one): ${ratio.toFixed(2)}× with ten widgets on one stream: **${ratio <= 1.5 ? 'MET' : 'NOT MET'}**.`,
    );
  }
  out.push('');
  return out;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
