// Standalone demo broker + firehose, for the benchmark and manual tests: `npx tsx tools/demo/run.ts`.
// Options (env): FIREHOSE_DEMO_PORT (default 0 = ephemeral), FIREHOSE_DEMO_RATE (messages/s, default 4),
// FIREHOSE_DEMO_SEED (default 1). Prints the broker URL as the first stdout line, then per-second counts
// on stderr when FIREHOSE_DEMO_VERBOSE=1.
import { aedesPublish, startDemoBroker } from './broker';
import { startDemoPublisher } from './publisher';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return n;
}

const broker = await startDemoBroker({ port: envNumber('FIREHOSE_DEMO_PORT', 0) });
const publish = aedesPublish(broker.aedes);
let count = 0;
const publisher = startDemoPublisher(
  (topic, payload, opts) => {
    count++;
    publish(topic, payload, opts);
  },
  { rate: envNumber('FIREHOSE_DEMO_RATE', 4), seed: envNumber('FIREHOSE_DEMO_SEED', 1) },
);

if (process.env.FIREHOSE_DEMO_VERBOSE === '1') {
  setInterval(() => {
    console.error(`published ${count} msg in the last second`);
    count = 0;
  }, 1000).unref();
}

let stopping = false;
// A graceful stop exits 0, so a benchmark that kills the demo on purpose does not see a failure. If the
// close hangs (a client that never finishes its close handshake), exit anyway after 2 s.
const stop = async () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    console.error('demo broker did not close within 2 s; exiting');
    process.exit(1);
  }, 2_000).unref();
  publisher.stop();
  await broker.close();
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

// Print the URL last: a caller that reads it and at once sends SIGTERM must find the handlers installed.
console.log(broker.url);
