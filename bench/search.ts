// The search and transfer scenario of `npm run bench` (also alone: `npx tsx bench/search.ts [--dist=dist]
// [--count=100000] [--bytes=600]`): a buffer of 100,000 gerrit-like messages of ~600 bytes is loaded by
// Import (timed), written by Export (timed), then re-filtered with a whole-payload word and with a JSON field
// predicate (each timed from Enter to the final count), and keys are typed into `Filter messages` while a
// pass runs (their input delay, from the key event to its handler, and to the next frame).
//
// No broker: the messages come from a file, as a user's would. Progress to stderr, Markdown to stdout.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, launchChromium } from './chrome';
import { makeCorpus } from './publisher';
import { serveStatic } from './server';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const INPUT_DELAY_TARGET_MS = 100;
const KEYS_WHILE_FILTERING = 'nova review';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const log = (msg: string) => process.stderr.write(`[bench:search] ${msg}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(1));

export interface SearchBenchOptions {
  dist: string;
  count: number;
  bytes: number;
}

/** The word searched for: in every sixth payload, after its first 200 characters (past any preview). */
const WORD = 'needle-reviewer@example.org';
const PREDICATE = 'payload.change.project=openstack/nova';

/** NDJSON in the app's own export format: `count` lines cycling over a seeded corpus. */
function makeNdjson(count: number, bytes: number): { text: string; withWord: number; nova: number } {
  const corpus = makeCorpus(1024, 42, bytes);
  const lines: string[] = [];
  const t0 = Date.parse('2026-01-01T00:00:00.000Z');
  let withWord = 0;
  let nova = 0;
  for (let i = 0; i < count; i++) {
    const m = corpus.messages[i % corpus.messages.length] as { topic: string; payload: Buffer };
    let payload = m.payload.toString('utf8');
    if (i % 6 === 0) {
      // Into the padded comment, which sits after the first 200 characters of the JSON.
      payload = payload.replace('"comment":"', `"comment":"${WORD} `);
      withWord++;
    }
    if (payload.includes('"project":"openstack/nova"')) nova++;
    lines.push(
      `{"time":"${new Date(t0 + i).toISOString()}","topic":${JSON.stringify(m.topic)},"qos":0,"retain":false,"payload":${JSON.stringify(payload)},"encoding":"utf8"}`,
    );
  }
  return { text: `${lines.join('\n')}\n`, withWord, nova };
}

/** In the page: key timing (capture phase, before the app's handlers) and a hook on the export download. */
const PROBE = `(() => {
  if (window.__benchSearch) return;
  const s = { keys: [], exportedAt: null, exportBytes: null };
  document.addEventListener('keydown', (e) => {
    const handled = performance.now();
    const rec = { key: e.key, delay: handled - e.timeStamp, frame: null };
    s.keys.push(rec);
    requestAnimationFrame(() => { rec.frame = performance.now() - e.timeStamp; });
  }, true);
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download && this.download.endsWith('.ndjson')) s.exportedAt = performance.now();
    return click.call(this);
  };
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (blob) {
    if (blob && typeof blob.size === 'number') s.exportBytes = blob.size;
    return createObjectURL.call(URL, blob);
  };
  window.__benchSearch = s;
})();`;

async function waitFor<T>(
  browser: Browser,
  what: string,
  expr: string,
  ok: (v: T) => boolean,
  timeoutMs: number,
  everyMs = 10,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let v = await browser.evaluate<T>(expr);
  while (!ok(v)) {
    if (performance.now() > deadline)
      throw new Error(`bench:search: timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
    await sleep(everyMs);
    v = await browser.evaluate<T>(expr);
  }
  return v;
}

async function key(browser: Browser, k: string): Promise<void> {
  const named: Record<string, { code: string; vk: number; text?: string }> = {
    Enter: { code: 'Enter', vk: 13, text: '\r' },
  };
  const n = named[k];
  const text = n ? n.text : k;
  const code = n ? n.code : k === ' ' ? 'Space' : `Key${k.toUpperCase()}`;
  const vk = n ? n.vk : k === ' ' ? 32 : k.toUpperCase().charCodeAt(0);
  await browser.send('Input.dispatchKeyEvent', {
    type: 'keyDown',
    key: k,
    code,
    windowsVirtualKeyCode: vk,
    ...(text ? { text, unmodifiedText: text } : {}),
  });
  await browser.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k, code, windowsVirtualKeyCode: vk });
}

async function focusAndClear(browser: Browser, selector: string): Promise<void> {
  await browser.evaluate(
    `(() => { const el = document.querySelector(${JSON.stringify(selector)}); el.focus(); el.select(); })()`,
  );
  await browser.send('Input.dispatchKeyEvent', {
    type: 'keyDown',
    key: 'Delete',
    code: 'Delete',
    windowsVirtualKeyCode: 46,
  });
  await browser.send('Input.dispatchKeyEvent', {
    type: 'keyUp',
    key: 'Delete',
    code: 'Delete',
    windowsVirtualKeyCode: 46,
  });
}

const SEARCH = 'window.__firehoseStats.search';
type Search = { matching: number; total: number; scanned: number; pending: boolean } | null;

/** Applies `query` with Enter and times the pass to its final count. */
async function refilter(
  browser: Browser,
  query: string,
): Promise<{ ms: number; matching: number; total: number }> {
  await focusAndClear(browser, '#log-filter');
  await waitFor<Search>(browser, 'the filter to clear', SEARCH, (s) => s === null || !s.pending, 30_000);
  await browser.send('Input.insertText', { text: query });
  const t0 = performance.now();
  await key(browser, 'Enter');
  const done = await waitFor<Search>(
    browser,
    `the pass for ${query}`,
    SEARCH,
    (s) => s !== null && !s.pending && s.scanned >= s.total,
    120_000,
    5,
  );
  return { ms: performance.now() - t0, matching: done?.matching ?? 0, total: done?.total ?? 0 };
}

export async function runSearchBench(opts: SearchBenchOptions): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'firehose-bench-search-'));
  const file = path.join(dir, 'messages.ndjson');
  const data = makeNdjson(opts.count, opts.bytes);
  await writeFile(file, data.text);
  log(`${fmt(opts.count)} messages, ${(data.text.length / 1024 / 1024).toFixed(1)} MB of NDJSON`);
  const server = await serveStatic(opts.dist, { '/__bench/messages.ndjson': file });
  const browser = await launchChromium();
  const out: string[] = [];
  try {
    await browser.send('Page.enable');
    await browser.send('Page.addScriptToEvaluateOnNewDocument', { source: PROBE });
    await browser.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    await browser.send('Page.navigate', { url: `${server.origin}/` });
    await waitFor<boolean>(
      browser,
      'the app',
      `!!document.querySelector('#buffer-size') && !!window.__firehoseStats`,
      (v) => v,
      20_000,
    );

    // A buffer that holds them all.
    await focusAndClear(browser, '#buffer-size');
    await browser.send('Input.insertText', { text: String(opts.count) });
    await key(browser, 'Enter');
    await sleep(200);

    // Import: from handing the file to the picker's input to every message buffered.
    log('import…');
    const t0 = performance.now();
    await browser.evaluate(
      `(async () => {
      const r = await fetch('/__bench/messages.ndjson');
      const file = new File([await r.blob()], 'messages.ndjson', { type: 'application/x-ndjson' });
      window.__benchFile = file;
    })()`,
      60_000,
    );
    const fetched = performance.now();
    await browser.evaluate(`(() => {
      const input = document.querySelector('input[type="file"]');
      const dt = new DataTransfer();
      dt.items.add(window.__benchFile);
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
    await waitFor<number>(
      browser,
      'the import',
      'window.__firehoseStats.buffered',
      (n) => n >= opts.count,
      180_000,
      20,
    );
    await waitFor<boolean>(
      browser,
      'the import to finish',
      `!document.querySelector('progress[aria-label="Import progress"]')`,
      (v) => v,
      30_000,
    );
    const importMs = performance.now() - fetched;
    log(`  ${ms(importMs)} ms (fetch ${ms(fetched - t0)} ms not counted)`);

    // Export all: from choosing the menu item to the file handed to the browser's download.
    log('export…');
    await browser.evaluate(
      `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Export').click()`,
    );
    await waitFor<boolean>(
      browser,
      'the Export menu',
      `!!document.querySelector('[role="menu"][aria-label="Export"]')`,
      (v) => v,
      5_000,
    );
    const e0 = await browser.evaluate<number>(`(() => {
      const item = [...document.querySelectorAll('[role="menuitem"]')].find((b) => b.textContent.startsWith('Export all'));
      const t = performance.now();
      item.click();
      return t;
    })()`);
    const exported = await waitFor<{ at: number | null; bytes: number | null }>(
      browser,
      'the export download',
      '({ at: window.__benchSearch.exportedAt, bytes: window.__benchSearch.exportBytes })',
      (v) => v.at !== null,
      180_000,
      20,
    );
    const exportMs = (exported.at ?? 0) - e0;
    log(`  ${ms(exportMs)} ms, ${fmt(exported.bytes ?? 0)} bytes`);
    await waitFor<boolean>(
      browser,
      'the export to finish',
      `!document.querySelector('progress[aria-label="Export progress"]')`,
      (v) => v,
      30_000,
    );

    // Re-filter passes, nothing typed meanwhile (3 runs each, median).
    const passes: Array<{
      query: string;
      runs: number[];
      matching: number;
      total: number;
      expected: number;
    }> = [];
    for (const [query, expected] of [
      [WORD, data.withWord],
      [PREDICATE, data.nova],
    ] as const) {
      const runs: number[] = [];
      let last = { ms: 0, matching: 0, total: 0 };
      for (let i = 0; i < 3; i++) {
        last = await refilter(browser, query);
        runs.push(last.ms);
        log(`  re-filter ${query}: ${ms(last.ms)} ms, ${fmt(last.matching)} of ${fmt(last.total)}`);
      }
      passes.push({ query, runs, matching: last.matching, total: last.total, expected });
    }

    // Typing while a pass runs: apply the JSON predicate (the slower pass), then type keys 60 ms apart.
    log('typing while a pass runs…');
    await focusAndClear(browser, '#log-filter');
    await waitFor<Search>(browser, 'the filter to clear', SEARCH, (s) => s === null || !s.pending, 30_000);
    await browser.send('Input.insertText', { text: PREDICATE });
    await browser.evaluate('window.__benchSearch.keys.length = 0');
    await key(browser, 'Enter');
    let typedWhilePending = 0;
    for (const ch of ` ${KEYS_WHILE_FILTERING}`) {
      const s = await browser.evaluate<Search>(SEARCH);
      if (s?.pending) typedWhilePending++;
      await key(browser, ch);
      await sleep(60);
    }
    await waitFor<Search>(browser, 'the last pass', SEARCH, (s) => s !== null && !s.pending, 120_000);
    await sleep(100);
    const keys = await browser.evaluate<Array<{ key: string; delay: number; frame: number | null }>>(
      'window.__benchSearch.keys.slice()',
    );
    const typed = keys.slice(1); // the first is the Enter that started the pass
    const delays = typed.map((k) => k.delay).sort((a, b) => a - b);
    const frames = typed
      .map((k) => k.frame)
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    const maxDelay = delays.at(-1) ?? null;
    const p = (xs: number[], q: number) =>
      xs.length ? (xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] as number) : null;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

    out.push(`## Search and transfer (${fmt(opts.count)} buffered messages)`);
    out.push('');
    out.push(
      `${fmt(opts.count)} gerrit-like JSON messages of ~${opts.bytes} B (${(data.text.length / 1024 / 1024).toFixed(1)} MB of NDJSON), loaded by Import into a buffer of ${fmt(opts.count)}. No broker.`,
    );
    out.push('');
    out.push('| measure | measured | target |');
    out.push('| :--- | :--- | :--- |');
    out.push(
      `| Import ${fmt(opts.count)} messages (file handed to the input → all buffered, progress gone) | ${fmt(importMs)} ms | — |`,
    );
    out.push(
      `| Export all (menu item → file handed to the download; ${fmt(exported.bytes ?? 0)} B) | ${fmt(exportMs)} ms | — |`,
    );
    for (const r of passes) {
      out.push(
        `| re-filter \`${r.query}\` (Enter → final count), median of ${r.runs.length} | ${fmt(median(r.runs))} ms (${r.runs.map(fmt).join(', ')}); ${fmt(r.matching)} of ${fmt(r.total)} match${r.matching === r.expected ? '' : ` ⚠ expected ${fmt(r.expected)}`} | — |`,
      );
    }
    out.push(
      `| input delay of ${typed.length} keys typed into \`Filter messages\` during a pass (${typedWhilePending} while it was still running), key event → handler, median / p95 / max | ${ms(p(delays, 0.5))} / ${ms(p(delays, 0.95))} / ${ms(maxDelay)} ms | ≤ ${INPUT_DELAY_TARGET_MS}: ${maxDelay !== null && maxDelay <= INPUT_DELAY_TARGET_MS ? 'met' : '**not met**'} |`,
    );
    out.push(
      `| same keys, key event → next frame, median / p95 / max | ${ms(p(frames, 0.5))} / ${ms(p(frames, 0.95))} / ${ms(frames.at(-1))} ms | — |`,
    );
    out.push('');
    return out;
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const o: SearchBenchOptions = { dist: path.join(ROOT, 'dist'), count: 100_000, bytes: 600 };
  for (const arg of process.argv.slice(2)) {
    const [k, v] = arg.split('=', 2) as [string, string | undefined];
    if (k === '--dist' && v) o.dist = path.resolve(v);
    else if (k === '--count' && v) o.count = Number(v);
    else if (k === '--bytes' && v) o.bytes = Number(v);
    else throw new Error(`unknown argument: ${arg}`);
  }
  runSearchBench(o).then(
    (lines) => {
      process.stdout.write(`${lines.join('\n')}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
