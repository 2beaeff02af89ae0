// Launches Debian's headless Chromium and drives it over the DevTools protocol with chrome-remote-interface.
// Deliberately NOT enabled: Network (it copies every WebSocket frame to the driver, which at 10,000 msgs/s
// distorts page latency by orders of magnitude), and Runtime/Page/Log events (not needed: Runtime.evaluate,
// Page.navigate and Page.addScriptToEvaluateOnNewDocument work without enabling their domains).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import CDP from 'chrome-remote-interface';
import { freePort } from '../tools/mosquitto';
import { withTimeout } from '../tools/withTimeout.ts';

export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const READY_DEADLINE_MS = 20_000;
const EVAL_TIMEOUT_MS = 10_000;

export interface Browser {
  pid: number;
  port: number;
  send<T = unknown>(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Runtime.evaluate by value in the page; throws on a page exception or after timeoutMs. */
  evaluate<T>(expression: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
  /** Synchronous last-resort kill for process 'exit'. */
  killNow(): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const port = await freePort();
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'firehose-bench-chromium-'));
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--remote-debugging-port=${port}`,
    `--user-data-dir=${userDataDir}`,
    // A desktop-sized viewport, so the log renders a realistic number of rows.
    '--window-size=1280,900',
    ...extraArgs,
    'about:blank',
  ];
  // Own process group, so the whole browser (zygote, renderers, GPU/utility processes) can be killed by id.
  const child: ChildProcess = spawn(CHROMIUM_BIN, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    if (stderr.length < 16_384) stderr += c.toString('utf8');
  });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${CHROMIUM_BIN}`);

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      await client?.close().catch(() => undefined);
      if (!exited) {
        killGroup('SIGTERM');
        await Promise.race([exitPromise, sleep(3_000)]);
      }
      // Renderers and helpers may outlive the browser process for a moment.
      killGroup('SIGKILL');
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    })();
    return closed;
  };

  let client: CDP.Client | undefined;
  try {
    const deadline = Date.now() + READY_DEADLINE_MS;
    for (;;) {
      if (exited) throw new Error(`chromium exited during startup:\n${stderr}`);
      if (Date.now() > deadline)
        throw new Error(`chromium DevTools not ready within ${READY_DEADLINE_MS} ms:\n${stderr}`);
      try {
        const targets = await CDP.List({ host: '127.0.0.1', port });
        const page = targets.find((t) => t.type === 'page');
        if (page) {
          client = await CDP({ host: '127.0.0.1', port, target: page.id });
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
  } catch (err) {
    await close();
    throw err;
  }
  const c = client;

  const send = <T>(method: string, params: Record<string, unknown> = {}, timeoutMs = EVAL_TIMEOUT_MS) =>
    withTimeout(method, c.send(method, params) as Promise<T>, timeoutMs);

  const evaluate = async <T>(expression: string, timeoutMs = EVAL_TIMEOUT_MS): Promise<T> => {
    const r = await send<{
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, timeoutMs);
    if (r.exceptionDetails) {
      throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    }
    return r.result.value as T;
  };

  return { pid, port, send, evaluate, close, killNow: () => killGroup('SIGKILL') };
}

// ---- CPU accounting from /proc (Linux): who used the two cores during a step ----

export interface CpuSample {
  at: number;
  /** CPU seconds by bucket. */
  renderer: number;
  chromiumOther: number;
  broker: number;
  bench: number;
  /** Whole machine, all processes (from /proc/stat), so that load from anything else shows. */
  machine: number;
}

let clkTck = 100;
try {
  // sysconf(_SC_CLK_TCK): 100 on every mainstream Linux, read once for correctness.
  clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep 100
}

async function readProcStat(
  pid: string,
): Promise<{ ppid: number; pgrp: number; cpu: number; comm: string } | null> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const f = text.slice(close + 2).split(' ');
    // fields after comm: state(0) ppid(1) pgrp(2) ... utime(11) stime(12)
    return { comm, ppid: Number(f[1]), pgrp: Number(f[2]), cpu: (Number(f[11]) + Number(f[12])) / clkTck };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by the browser's renderers, the rest of the browser, Mosquitto, and this process. */
export async function sampleCpu(chromiumPid: number): Promise<CpuSample | null> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const sample: CpuSample = {
    at: performance.now(),
    renderer: 0,
    chromiumOther: 0,
    broker: 0,
    bench: 0,
    machine: await machineBusy(),
  };
  const self = process.cpuUsage();
  sample.bench = (self.user + self.system) / 1e6;
  for (const pid of pids) {
    const st = await readProcStat(pid);
    if (!st) continue;
    if (st.pgrp === chromiumPid) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes('--type=renderer')) sample.renderer += st.cpu;
      else sample.chromiumOther += st.cpu;
    } else if (st.ppid === process.pid && st.comm === 'mosquitto') {
      sample.broker += st.cpu;
    }
  }
  return sample;
}

/** Busy CPU seconds of the whole machine since boot (all cores; idle and iowait excluded). */
async function machineBusy(): Promise<number> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0); // user..steal; guest is already in user
    return (total - (f[3] ?? 0) - (f[4] ?? 0)) / clkTck;
  } catch {
    return Number.NaN;
  }
}

export interface CpuShare {
  renderer: number;
  chromiumOther: number;
  broker: number;
  bench: number;
  /** Everything else on the machine: other users' builds and tests distort the benchmark. */
  other: number;
}

/** Percent of ONE core per bucket between two samples (a 2-core machine has 200 %). */
export function cpuShare(a: CpuSample | null, b: CpuSample | null): CpuShare | null {
  if (!a || !b) return null;
  const s = (b.at - a.at) / 1000;
  const pct = (x: number) => (x / s) * 100;
  const renderer = pct(b.renderer - a.renderer);
  const chromiumOther = pct(b.chromiumOther - a.chromiumOther);
  const broker = pct(b.broker - a.broker);
  const bench = pct(b.bench - a.bench);
  const other = Math.max(0, pct(b.machine - a.machine) - renderer - chromiumOther - broker - bench);
  return { renderer, chromiumOther, broker, bench, other };
}

export function formatCpu(c: CpuShare | null): string {
  if (!c) return 'n/a';
  const r = Math.round;
  return `${r(c.renderer)}/${r(c.chromiumOther)}/${r(c.broker)}/${r(c.bench)}/${r(c.other)}`;
}
