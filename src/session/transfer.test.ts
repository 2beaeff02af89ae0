import { describe, expect, it } from 'vitest';
import { Ingest } from '../ingest/ingest';
import type { IngestSink, LogEntry } from '../ingest/types';
import type { MessageProps, RawMessage } from '../mqtt/types';
import { encodeMessageLine } from '../payload/ndjson';
import { createFirehoseStore } from '../store/store';
import { AMQP_SYNTAX, MQTT_SYNTAX, type TopicSyntax } from '../topics/syntax';
import { LiveLog } from './liveLog';
import { TopicTreeService } from './topicTreeService';
import {
  describeImport,
  exportFileName,
  type ImportReport,
  MAX_REPORTED_ERRORS,
  TransferService,
} from './transfer';

const utf8 = (s: string) => new TextEncoder().encode(s);
const T0 = Date.UTC(2024, 4, 1, 12, 0, 0, 0);

interface Setup {
  store: ReturnType<typeof createFirehoseStore>;
  ingest: Ingest;
  log: LiveLog;
  topics: TopicTreeService;
  transfer: TransferService;
  pauses: () => number;
}

function setup(
  opts: { capacity?: number; syntax?: TopicSyntax; maxLineBytes?: number; onPause?: (s: Setup) => void } = {},
): Setup {
  const store = createFirehoseStore();
  // Frames are never scheduled: tests read the buffer and index directly.
  const ingest = new Ingest(opts.capacity ?? 1000, Number.POSITIVE_INFINITY, () => {});
  const syntax = () => opts.syntax ?? MQTT_SYNTAX;
  const log = new LiveLog(store, ingest, syntax);
  const topics = new TopicTreeService(store, ingest, syntax().separator);
  let pauses = 0;
  const s: Setup = {
    store,
    ingest,
    log,
    topics,
    transfer: new TransferService(store, ingest, log, syntax, {
      pause: async () => {
        pauses++;
        opts.onPause?.(s);
      },
      ...(opts.maxLineBytes ? { maxLineBytes: opts.maxLineBytes } : {}),
    }),
    pauses: () => pauses,
  };
  log.dispose();
  return s;
}

const live = (topic: string, payload: Uint8Array | string, extra: Partial<RawMessage> = {}): RawMessage => ({
  topic,
  payload: typeof payload === 'string' ? utf8(payload) : payload,
  qos: 0,
  retain: false,
  dup: false,
  ...extra,
});

const PROPS: MessageProps = {
  contentType: 'application/json',
  responseTopic: 'rpc/reply',
  correlationData: utf8('req-42'),
  messageExpiryInterval: 600,
  userProperties: [
    ['source', 'zuul'],
    ['trace', 'span-1'],
    ['trace', 'span-2'],
  ],
};

function fill(s: Setup): void {
  s.ingest.push(live('gerrit/nova/change-merged', '{"type":"change-merged"}', { time: T0, qos: 1 }));
  s.ingest.push(live('status/ci', 'green', { time: T0 + 10, retain: true }));
  s.ingest.mark('connection lost 12:00:01 – 12:00:09, 8 s');
  s.ingest.push(
    live('camera/frame', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]), { time: T0 + 20 }),
  );
  s.ingest.push(live('rpc/request', '{"op":"recheck"}', { time: T0 + 30, qos: 2, props: PROPS }));
}

const messages = (s: Setup): LogEntry[] => {
  const out: LogEntry[] = [];
  s.ingest.buffer.forEachSince(0, (e) => {
    if (e.marker === undefined) out.push(e);
  });
  return out;
};

/** What a row is made of, and what export then import must keep. */
const row = (e: LogEntry) => ({
  topic: e.topic,
  time: e.time,
  qos: e.qos,
  retain: e.retain,
  payload: [...e.payload],
  props: e.props,
});

async function exported(s: Setup, scope: 'shown' | 'all' = 'all'): Promise<string> {
  const file = await s.transfer.exportMessages(scope, new Date(T0));
  if (!file) throw new Error('export refused');
  return file.blob.text();
}

/** A file whose stream delivers `chunkSize`-byte chunks, to put line and character boundaries anywhere. */
function chunked(bytes: Uint8Array, chunkSize: number, name = 'capture.ndjson'): File {
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(bytes.slice(i, i + chunkSize));
        controller.close();
      },
    });
  return Object.assign(new File([bytes as BlobPart], name), { stream });
}

const file = (text: string, name = 'capture.ndjson') => new File([text], name);

describe('TransferService export', () => {
  it("writes one JSON object per message per line, no header, skipping the app's own marker rows", async () => {
    const s = setup();
    fill(s);
    const text = await exported(s);
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual([
      {
        time: '2024-05-01T12:00:00.000Z',
        topic: 'gerrit/nova/change-merged',
        qos: 1,
        retain: false,
        payload: '{"type":"change-merged"}',
        encoding: 'utf8',
      },
      {
        time: '2024-05-01T12:00:00.010Z',
        topic: 'status/ci',
        qos: 0,
        retain: true,
        payload: 'green',
        encoding: 'utf8',
      },
      {
        time: '2024-05-01T12:00:00.020Z',
        topic: 'camera/frame',
        qos: 0,
        retain: false,
        payload: 'iVBOR/8A',
        encoding: 'base64',
      },
      {
        time: '2024-05-01T12:00:00.030Z',
        topic: 'rpc/request',
        qos: 2,
        retain: false,
        payload: '{"op":"recheck"}',
        encoding: 'utf8',
        properties: {
          contentType: 'application/json',
          responseTopic: 'rpc/reply',
          correlationData: 'cmVxLTQy',
          messageExpiryInterval: 600,
          userProperties: [
            ['source', 'zuul'],
            ['trace', 'span-1'],
            ['trace', 'span-2'],
          ],
        },
      },
    ]);
  });

  it('writes only the filtered view for "shown", and counts both without markers', async () => {
    const s = setup();
    fill(s);
    s.log.setFilter('topic:status/#');
    expect(s.transfer.counts()).toEqual({ shown: 1, all: 4, filtering: false });
    const lines = (await exported(s, 'shown')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).topic)).toEqual(['status/ci']);
  });

  it('finishes a filter pass still running before writing "shown", so the file has every match', async () => {
    const s = setup({ capacity: 200_000 });
    for (let i = 0; i < 200_000; i++)
      s.ingest.push(live(i % 10 === 0 ? 'hit/x' : 'miss/x', `${i}`, { time: T0 + i }));
    s.log.setFilter('topic:hit/#');
    // The pass tests the buffer a slice per frame; 200,000 messages take far more than one slice.
    expect(s.log.index.pending).toBe(true);
    expect(s.transfer.counts()).toMatchObject({ filtering: true, all: 200_000 });
    const lines = (await exported(s, 'shown')).trim().split('\n');
    expect(lines).toHaveLength(20_000);
    expect(s.log.index.pending).toBe(false);
    expect(s.transfer.counts()).toEqual({ shown: 20_000, all: 200_000, filtering: false });
  }, 60_000);

  it('names the file after the time of the export', async () => {
    expect(exportFileName(new Date(T0 + 123))).toBe('firehose-2024-05-01T12-00-00Z.ndjson');
    const s = setup();
    fill(s);
    const f = await s.transfer.exportMessages('all', new Date(T0));
    expect(f).toMatchObject({ name: 'firehose-2024-05-01T12-00-00Z.ndjson', count: 4 });
    expect(f?.blob.type).toBe('application/x-ndjson');
  });

  it('exports 100,000 messages of ~600 bytes in slices, yielding between them', async () => {
    const s = setup({ capacity: 100_000 });
    const payload = utf8(
      JSON.stringify({ type: 'change-merged', project: 'openstack/nova', pad: 'x'.repeat(540) }),
    );
    for (let i = 0; i < 100_000; i++)
      s.ingest.push(live(`gerrit/p${i % 50}/change-merged`, payload, { time: T0 + i }));
    let longest = 0;
    let last = performance.now();
    const states: string[] = [];
    s.transfer.subscribe(() => {
      const st = s.transfer.getState();
      states.push(st.kind);
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    });
    const f = await s.transfer.exportMessages('all');
    expect(f?.count).toBe(100_000);
    expect(f?.blob.size).toBeGreaterThan(60_000_000);
    expect(s.pauses()).toBeGreaterThan(5);
    // Slices are ~12 ms; the whole export takes 0.5–5 s depending on the machine's load. The bound
    // leaves room for a loaded CI machine and a garbage collection, and still fails a one-piece export.
    expect(longest).toBeLessThan(1000);
    expect(states.at(-1)).toBe('idle');
  }, 60_000);

  it('writes MQTT topics when the viewer shows AMQP routing keys, and imports them back as keys', async () => {
    const a = setup({ syntax: AMQP_SYNTAX });
    a.ingest.push(live('pulp.server.repo.sync.finish', 'done', { time: T0 }));
    const text = await exported(a);
    expect(JSON.parse(text).topic).toBe('pulp/server/repo/sync/finish');
    const b = setup({ syntax: AMQP_SYNTAX });
    await b.transfer.importFile(file(text));
    expect(messages(b).map((e) => e.topic)).toEqual(['pulp.server.repo.sync.finish']);
  });
});

describe('TransferService import', () => {
  it('gives identical rows after export then import, counted as imported, not received', async () => {
    const a = setup();
    fill(a);
    const text = await exported(a);
    const b = setup();
    const report = await b.transfer.importFile(file(text));
    expect(report).toMatchObject({ outcome: 'done', imported: 4, kept: 4, badLines: 0, errors: [] });
    expect(messages(b).map(row)).toEqual(messages(a).map(row));
    expect(b.ingest.receivedTotal).toBe(0);
    expect(b.ingest.importedTotal).toBe(4);
    expect(b.ingest.frame()).toMatchObject({ received: 0, buffered: 5, perSecond: 0 });
    expect(b.store.getState().notices.at(-1)).toMatchObject({
      level: 'info',
      text: 'Imported 4 messages from capture.ndjson.',
    });
  });

  it('marks where the imported messages start in the log', async () => {
    const s = setup();
    await s.transfer.importFile(file(encodeMessageLine({ ...live('a/b', 'x'), time: T0 })));
    expect(s.ingest.buffer.at(0)?.marker).toBe(
      'imported from capture.ndjson, with the times recorded in the file',
    );
    expect(s.ingest.buffer.at(1)?.topic).toBe('a/b');
  });

  it("feeds the topic tree and Latest values with the file's times, not as a burst happening now", async () => {
    const a = setup();
    fill(a);
    a.ingest.push(live('status/ci', 'red', { time: T0 + 5000 }));
    const b = setup();
    await b.transfer.importFile(file(await exported(a)));
    const tree = b.topics.tree;
    expect(tree.topicCount).toBe(4);
    const ci = tree.find('status/ci');
    expect(ci?.count).toBe(2);
    expect(ci?.latest && new TextDecoder().decode(ci.latest.payload)).toBe('red');
    expect(ci?.lastTime).toBe(T0 + 5000);
    // Rates are over the last seconds of wall time: messages from the file are not in them.
    expect(tree.rate(tree.root, Date.now())).toBe(0);
  });

  it('hands the sinks runs of one file second each, seen at the end of that second', async () => {
    const s = setup();
    const calls: Array<[number, number]> = [];
    const sink: IngestSink = { ingest: (entries, now) => calls.push([entries.length, now]) };
    s.ingest.addSink(sink);
    const lines = [0, 10, 999, 1000, 5500].map((dt) =>
      encodeMessageLine({ ...live('a', 'x'), time: T0 + dt }),
    );
    await s.transfer.importFile(file(lines.join('\n')));
    // A slice may end between two lines of one second (slices are timed): sum the calls per `now`.
    const perSecond = new Map<number, number>();
    for (const [n, now] of calls) perSecond.set(now, (perSecond.get(now) ?? 0) + n);
    expect([...perSecond]).toEqual([
      [T0 + 999, 3],
      [T0 + 1999, 1],
      [T0 + 5999, 1],
    ]);
  });

  it('imports the good lines of a malformed file and reports the bad ones by number', async () => {
    const s = setup();
    const good = (topic: string) => encodeMessageLine({ ...live(topic, 'ok'), time: T0 });
    const text = [
      good('one'),
      '{"time": "2024-05-01T12:00:00.000Z", "topic": ',
      good('three'),
      JSON.stringify({
        time: '2024-05-01T12:00:00.000Z',
        topic: 'four',
        qos: 0,
        retain: false,
        payload: '*!',
        encoding: 'base64',
      }),
      good('five'),
    ].join('\n');
    const report = await s.transfer.importFile(file(text, 'bad.ndjson'));
    expect(report).toMatchObject({ outcome: 'done', imported: 3, badLines: 2 });
    expect(report?.errors).toEqual([
      expect.stringMatching(/^line 2: not valid JSON/),
      'line 4: "payload" is not valid base64',
    ]);
    expect(messages(s).map((e) => e.topic)).toEqual(['one', 'three', 'five']);
    const notice = s.store.getState().notices.at(-1);
    expect(notice?.level).toBe('warning');
    expect(notice?.text).toMatch(
      /^Imported 3 messages from bad\.ndjson\. Skipped 2 malformed lines: line 2: not valid JSON .*; line 4: "payload" is not valid base64\.$/,
    );
  });

  it('lists the first ten bad lines and counts the rest', async () => {
    const s = setup();
    const text = Array.from({ length: 25 }, (_, i) =>
      i % 2 === 0 ? 'nope' : encodeMessageLine({ ...live('t', `${i}`), time: T0 }),
    ).join('\n');
    const report = await s.transfer.importFile(file(text));
    expect(report?.badLines).toBe(13);
    expect(report?.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(report?.errors[9]).toMatch(/^line 19: /);
    expect(s.store.getState().notices.at(-1)?.text).toMatch(/; and 3 more lines\.$/);
  });

  it('stays within the buffer caps and says how many the buffer kept', async () => {
    const s = setup({ capacity: 100 });
    const text = Array.from({ length: 300 }, (_, i) =>
      encodeMessageLine({ ...live(`t/${i}`, 'x'), time: T0 + i }),
    ).join('\n');
    const report = await s.transfer.importFile(file(text));
    expect(report).toMatchObject({ imported: 300, kept: 100 });
    expect(s.ingest.buffer.size).toBe(100);
    expect(messages(s)[0]?.topic).toBe('t/200');
    expect(s.store.getState().notices.at(-1)?.text).toBe(
      'Imported 300 messages from capture.ndjson. The buffer kept the last 100 (Buffer size 100; a larger one keeps more).',
    );
  });

  it('reads CRLF line ends, blank lines, a byte order mark and a last line without a line break', async () => {
    const s = setup();
    const l = (t: string) => encodeMessageLine({ ...live(t, 'x'), time: T0 });
    const report = await s.transfer.importFile(file(`\uFEFF${l('a')}\r\n\r\n   \r\n${l('b')}\r\n${l('c')}`));
    expect(report).toMatchObject({ imported: 3, badLines: 0 });
    expect(messages(s).map((e) => e.topic)).toEqual(['a', 'b', 'c']);
  });

  it('reassembles lines and characters split across chunks of any size', async () => {
    const a = setup();
    a.ingest.push(live('ünïcødé/😀', 'payload with 😀 and ü', { time: T0 }));
    a.ingest.push(live('bin', new Uint8Array([0xff, 0xfe, 0x00]), { time: T0 + 1 }));
    a.ingest.push(live('props', '{}', { time: T0 + 2, props: PROPS }));
    const bytes = utf8(await exported(a));
    for (const size of [1, 2, 3, 7, 64, bytes.length]) {
      const b = setup();
      const report = await b.transfer.importFile(chunked(bytes, size));
      expect(report, `chunks of ${size}`).toMatchObject({ imported: 3, badLines: 0 });
      expect(messages(b).map(row)).toEqual(messages(a).map(row));
    }
  });

  it('reports a line that is not UTF-8 instead of importing a changed payload', async () => {
    const s = setup();
    const good = utf8(`${encodeMessageLine({ ...live('a', 'x'), time: T0 })}\n`);
    const bad = utf8(`${encodeMessageLine({ ...live('b', 'XX'), time: T0 })}\n`);
    const at = bad.indexOf(0x58); // the first X of the payload
    bad[at] = 0xc3; // a lead byte without its continuation
    const report = await s.transfer.importFile(new File([good, bad, good] as BlobPart[], 'x.ndjson'));
    expect(report).toMatchObject({ imported: 2, badLines: 1, errors: ['line 2: not UTF-8 text'] });
  });

  it('skips a line longer than the cap without reading it into memory', async () => {
    const s = setup({ maxLineBytes: 200 });
    const l = (t: string) => encodeMessageLine({ ...live(t, 'x'), time: T0 });
    const long = encodeMessageLine({ ...live('long', 'y'.repeat(1000)), time: T0 });
    for (const size of [16, 100_000]) {
      const report = await s.transfer.importFile(chunked(utf8([l('a'), long, l('c')].join('\n')), size));
      expect(report, `chunks of ${size}`).toMatchObject({
        imported: 2,
        badLines: 1,
        errors: ['line 2: longer than 200 bytes, skipped'],
      });
    }
    expect(messages(s).map((e) => e.topic)).toEqual(['a', 'c', 'a', 'c']);
  });

  it('refuses while a connection is open, saying why, and imports nothing', async () => {
    for (const phase of ['connected', 'connecting', 'reconnecting'] as const) {
      const s = setup();
      s.store.getState().setConnection({ phase });
      const report = await s.transfer.importFile(file(encodeMessageLine({ ...live('a', 'x'), time: T0 })));
      expect(report).toBeNull();
      expect(s.ingest.buffer.size).toBe(0);
      expect(s.store.getState().notices.at(-1)).toMatchObject({
        level: 'warning',
        text: expect.stringMatching(/^Disconnect before importing/),
      });
    }
  });

  it('imports after a connection failed or was closed', async () => {
    for (const phase of ['offline', 'error'] as const) {
      const s = setup();
      s.store.getState().setConnection({ phase });
      expect(
        await s.transfer.importFile(file(encodeMessageLine({ ...live('a', 'x'), time: T0 }))),
      ).toMatchObject({ imported: 1 });
    }
  });

  const big = () =>
    file(
      Array.from({ length: 20_000 }, (_, i) =>
        encodeMessageLine({ ...live(`t/${i % 10}`, 'x'.repeat(300)), time: T0 + i }),
      ).join('\n'),
    );

  it('stops when the user cancels, keeping what was imported, and says so', async () => {
    const s = setup({ capacity: 50_000, onPause: (x) => x.transfer.cancel() });
    const report = await s.transfer.importFile(big());
    expect(report?.outcome).toBe('cancelled');
    expect(report?.imported).toBeGreaterThan(0);
    expect(report?.imported).toBeLessThan(20_000);
    expect(messages(s)).toHaveLength(report?.imported ?? -1);
    expect(s.store.getState().notices.at(-1)).toMatchObject({
      level: 'info',
      text: expect.stringMatching(/^Import of capture\.ndjson cancelled after [\d,]+ messages?\.$/),
    });
    expect(s.transfer.getState()).toEqual({ kind: 'idle' });
  });

  it('stops when a connection opens mid-import', async () => {
    const s = setup({
      capacity: 50_000,
      onPause: (x) => x.store.getState().setConnection({ phase: 'connecting' }),
    });
    const report = await s.transfer.importFile(big());
    expect(report?.outcome).toBe('stopped');
    expect(s.store.getState().notices.at(-1)?.level).toBe('warning');
  });

  it('shows progress as it goes and refuses a second import meanwhile', async () => {
    const fractions: number[] = [];
    let second: Promise<unknown> | null = null;
    const s = setup({
      capacity: 50_000,
      onPause: (x) => {
        const st = x.transfer.getState();
        if (st.kind === 'importing') fractions.push(st.fraction);
        second ??= x.transfer.importFile(file('{}'));
      },
    });
    await s.transfer.importFile(big());
    expect(await second).toBeNull();
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.every((f) => f > 0 && f <= 1)).toBe(true);
    expect(s.store.getState().notices.map((n) => n.text)).toContain(
      'Wait for the current import or export to finish.',
    );
  });

  it('reports a file that cannot be read, keeping what came before the error', async () => {
    const s = setup();
    const first = utf8(`${encodeMessageLine({ ...live('a', 'x'), time: T0 })}\n`);
    const broken = Object.assign(new File([], 'gone.ndjson'), {
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (first.length > 0 && !controller.desiredSize) return;
            controller.enqueue(first);
            controller.error(new Error('The file was moved'));
          },
        }),
    });
    const report = await s.transfer.importFile(broken);
    expect(report?.outcome).toBe('failed');
    expect(s.store.getState().notices.at(-1)).toMatchObject({
      level: 'error',
      text: expect.stringMatching(/^Could not read gone\.ndjson: The file was moved\./),
    });
  });

  it('says a file without messages holds none', async () => {
    const s = setup();
    await s.transfer.importFile(file('\n\n'));
    expect(s.store.getState().notices.at(-1)).toMatchObject({
      level: 'warning',
      text: 'capture.ndjson holds no messages.',
    });
    expect(s.ingest.buffer.size).toBe(0);
  });
});

describe('describeImport', () => {
  const LIMITS = { capacity: 50_000, maxBytes: 256 * 1024 * 1024, byBytes: false };
  const report = (patch: Partial<ImportReport>): ImportReport => ({
    name: 'f.ndjson',
    outcome: 'done',
    imported: 1,
    kept: 1,
    badLines: 0,
    errors: [],
    ...patch,
  });

  it('is one sentence for a clean import', () => {
    expect(describeImport(report({ imported: 1234, kept: 1234 }), LIMITS)).toEqual({
      level: 'info',
      text: 'Imported 1,234 messages from f.ndjson.',
    });
  });

  it('uses the singular for one message and one bad line', () => {
    expect(describeImport(report({ badLines: 1, errors: ['line 2: x'] }), LIMITS).text).toBe(
      'Imported 1 message from f.ndjson. Skipped 1 malformed line: line 2: x.',
    );
  });

  it('names the byte cap when that is what evicted', () => {
    expect(describeImport(report({ imported: 10, kept: 4 }), { ...LIMITS, byBytes: true }).text).toBe(
      'Imported 10 messages from f.ndjson. The buffer kept the last 4 (it holds at most 268.4 MB).',
    );
  });

  it('says so when a connection stopped the import, and when the file could not be read', () => {
    expect(describeImport(report({ outcome: 'stopped', imported: 2, kept: 2 }), LIMITS)).toMatchObject({
      level: 'warning',
      text: 'Import of f.ndjson stopped after 2 messages: a connection was opened (imported messages are for browsing offline).',
    });
    expect(
      describeImport(report({ outcome: 'failed', detail: 'gone', imported: 0, kept: 0 }), LIMITS),
    ).toEqual({
      level: 'error',
      text: 'Could not read f.ndjson: gone.',
    });
  });
});
