// The benchmark's load: gerrit-like JSON events of ~500 bytes over 200 topics, published from Node over TCP
// at QoS 0 at a fixed rate. Payloads are generated once (a seeded PRNG, so every run sends the same bytes) and
// cycled, so publishing costs mqtt.js's packet encoding and nothing else.
import mqtt, { type MqttClient } from 'mqtt';
import { mulberry32 } from '../tools/prng.ts';

/** A ring of pre-encoded messages to cycle through. */
export interface Corpus {
  topics: string[];
  messages: Array<{ topic: string; payload: Buffer }>;
  meanBytes: number;
}

const NAMESPACES = ['openstack', 'zuul', 'opendev', 'starlingx', 'airship'];
const REPOS = [
  'nova',
  'neutron',
  'cinder',
  'keystone',
  'glance',
  'swift',
  'horizon',
  'heat',
  'ironic',
  'manila',
];
const EVENTS = ['comment-added', 'patchset-created', 'change-merged', 'ref-updated'];
const PEOPLE = [
  ['Sylvain Bauza', 'sbauza@redhat.com', 'sbauza'],
  ['Dan Smith', 'dms@danplanet.com', 'danms'],
  ['Clark Boylan', 'cboylan@sapwetik.org', 'clarkb'],
  ['Jeremy Stanley', 'fungi@yuggoth.org', 'fungi'],
  ['James E. Blair', 'jim@acmegating.com', 'corvus'],
  ['Zuul', 'zuul@review.opendev.org', 'zuul'],
] as const;
const SUBJECTS = [
  'Fix race in live migration rollback',
  'Add support for vTPM in libvirt driver',
  'Use oslo.utils to parse IPv6 addresses',
  'Handle missing port binding on OVN agent restart',
  'Log the request id when the scheduler gives up',
  'Bump hacking to 6.1.0',
];
const WORDS = 'build succeeded gate check recheck patch looks good to me nit typo please rebase'.split(' ');

/** 50 projects × 4 events = 200 topics `bench/gerrit/<namespace>/<repo>/<event>`; ~500-byte JSON bodies. */
export function makeCorpus(size = 1024, seed = 42, targetBytes = 500): Corpus {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const topics: string[] = [];
  for (const ns of NAMESPACES) {
    for (const repo of REPOS) for (const ev of EVENTS) topics.push(`bench/gerrit/${ns}/${repo}/${ev}`);
  }
  const messages: Corpus['messages'] = [];
  let total = 0;
  for (let i = 0; i < size; i++) {
    const topic = topics[i % topics.length] as string;
    const [, , ns, repo, type] = topic.split('/');
    const person = pick(PEOPLE);
    const who = { name: person[0], email: person[1], username: person[2] };
    const number = 900000 + Math.floor(rnd() * 99999);
    const ps = 1 + Math.floor(rnd() * 9);
    const body: Record<string, unknown> = {
      type,
      change: {
        project: `${ns}/${repo}`,
        branch: 'master',
        number,
        subject: pick(SUBJECTS),
        url: `https://review.opendev.org/c/${ns}/${repo}/+/${number}`,
      },
      patchSet: { number: ps, revision: hex(40), ref: `refs/changes/${number % 100}/${number}/${ps}` },
      author: who,
      approvals: [{ type: 'Code-Review', value: String(pick([-1, 0, 1, 2])) }],
      comment: '',
      eventCreatedOn: 1_760_000_000 + i,
    };
    // Pad the comment so sizes spread over targetBytes ± 10 %.
    const want = Math.round(targetBytes * (0.9 + rnd() * 0.2));
    let comment = '';
    while (Buffer.byteLength(JSON.stringify({ ...body, comment })) < want) comment += `${pick(WORDS)} `;
    body.comment = comment.trimEnd();
    const payload = Buffer.from(JSON.stringify(body));
    total += payload.length;
    messages.push({ topic, payload });
  }
  return { topics, messages, meanBytes: total / size };
}

/**
 * The corpus's messages spread round-robin over `n` streams, `bench/w<i>/…` (one per widget); with `n` = 1
 * every topic starts `bench/w0/`.
 */
export function spread(base: Corpus, n: number): Corpus {
  const messages = base.messages.map((m, i) => ({ topic: `bench/w${i % n}/${m.topic}`, payload: m.payload }));
  return { topics: [...new Set(messages.map((m) => m.topic))], messages, meanBytes: base.meanBytes };
}

/**
 * The tree scenario's load: `ns × repos × leaves` distinct topics `bench/t<ns>/repo<r>/<n>` (20 × 50 × 20 =
 * 20,000 by default: a hierarchy four levels deep under `bench`), each paired with one of `base`'s payloads.
 * The topics are in a seeded shuffled order, so every pass of the cycle (one message per topic) reaches all
 * branches from the start, as a real firehose would, rather than filling the tree one branch at a time.
 */
export function makeTreeCorpus(base: Corpus, shape: readonly [number, number, number], seed = 7): Corpus {
  const [nsCount, repoCount, leafCount] = shape;
  const topics: string[] = [];
  for (let a = 0; a < nsCount; a++) {
    for (let b = 0; b < repoCount; b++)
      for (let c = 0; c < leafCount; c++) topics.push(`bench/t${a}/repo${b}/${c}`);
  }
  const rnd = mulberry32(seed);
  for (let i = topics.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [topics[i], topics[j]] = [topics[j] as string, topics[i] as string];
  }
  let total = 0;
  const messages = topics.map((topic, i) => {
    const payload = (base.messages[i % base.messages.length] as Corpus['messages'][number]).payload;
    total += payload.length;
    return { topic, payload };
  });
  return { topics, messages, meanBytes: total / messages.length };
}

export async function connectPublisher(tcpUrl: string): Promise<MqttClient> {
  // queueQoSZero off: if the socket drops mid-step, messages are lost (and show as a shortfall) rather than
  // piling up in the publisher's memory.
  return mqtt.connectAsync(tcpUrl, {
    reconnectPeriod: 0,
    queueQoSZero: false,
    clientId: `bench-pub-${process.pid}`,
  });
}

export interface PublishResult {
  target: number;
  /** Messages handed to the socket. */
  sent: number;
  /** From the first publish to the moment the last one was written to the socket. */
  elapsedMs: number;
  achievedPerSecond: number;
  /** performance.now() when the last message was written. */
  endedAt: number;
}

const TICK_MS = 5;
/** At most this much backlog is caught up in one tick, so a stalled publisher shows as a shortfall. */
const MAX_CATCH_UP_MS = 50;

/**
 * Publishes at `rate` msgs/s for `durationMs`, in batches every ~5 ms sized from the wall clock (so timer
 * jitter does not change the rate). Time-boxed: it stops at `durationMs` whether or not it kept pace, and
 * the achieved rate is reported, never assumed.
 */
export async function publishAtRate(
  client: MqttClient,
  corpus: Corpus,
  rate: number,
  durationMs: number,
  cursor = { i: 0 },
  /** Stops publishing early (the result counts what was sent until then). */
  signal?: AbortSignal,
): Promise<PublishResult> {
  const total = Math.round((rate * durationMs) / 1000);
  const maxBatch = Math.max(1, Math.ceil((rate * MAX_CATCH_UP_MS) / 1000));
  const { messages } = corpus;
  const start = performance.now();
  let sent = 0;
  let owed = 0; // messages skipped because we fell behind by more than MAX_CATCH_UP_MS
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, Math.floor((rate * Math.min(elapsed, durationMs)) / 1000)) - owed;
      let n = due - sent;
      if (n > maxBatch) {
        owed += n - maxBatch;
        n = maxBatch;
      }
      for (let k = 0; k < n; k++) {
        const m = messages[cursor.i++ % messages.length] as Corpus['messages'][number];
        client.publish(m.topic, m.payload, { qos: 0 });
      }
      sent += Math.max(0, n);
      if (elapsed >= durationMs || sent + owed >= total || signal?.aborted) resolve();
      else setTimeout(tick, TICK_MS);
    };
    tick();
  });
  // mqtt.js writes each QoS 0 packet to the socket synchronously; "sent" means handed to the kernel, so
  // wait until the socket's own buffer has drained before stopping the clock.
  const endedAt = await drained(client, 5_000);
  const elapsedMs = Math.max(1, endedAt - start);
  return { target: rate, sent, elapsedMs, achievedPerSecond: (sent / elapsedMs) * 1000, endedAt };
}

/** Resolves with performance.now() once the client's socket has no pending writes (or after timeoutMs). */
function drained(client: MqttClient, timeoutMs: number): Promise<number> {
  const stream = client.stream as unknown as {
    writableLength?: number;
    once(e: 'drain', f: () => void): void;
  };
  return new Promise((resolve) => {
    if (!stream || (stream.writableLength ?? 0) === 0) {
      resolve(performance.now());
      return;
    }
    const timer = setTimeout(() => resolve(performance.now()), timeoutMs);
    stream.once('drain', () => {
      clearTimeout(timer);
      resolve(performance.now());
    });
  });
}

/** A gentle background stream (e.g. 10 msg/s) until stopped. */
export function trickle(client: MqttClient, corpus: Corpus, perSecond: number): () => void {
  let i = 0;
  const timer = setInterval(
    () => {
      const m = corpus.messages[i++ % corpus.messages.length] as Corpus['messages'][number];
      client.publish(m.topic, m.payload, { qos: 0 });
    },
    Math.round(1000 / perSecond),
  );
  return () => clearInterval(timer);
}
