// Self-check for tools/mosquitto.ts against the real Debian Mosquitto 2.0.11: `npx tsx tools/mosquitto.check.ts`.
// Not a Vitest test on purpose (it spawns a broker; e2e covers the integration). It prints what mqtt.js
// reports for each refusal, because the app's error messages are written against exactly these values.
import assert from 'node:assert/strict';
import net from 'node:net';
import os from 'node:os';
import type { IClientOptions, ISubscriptionGrant, MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import { AUTH_PASSWORD, AUTH_USER, type MosquittoBroker, startMosquitto } from './mosquitto';
import { withTimeout } from './withTimeout.ts';

type Version = 4 | 5;

const TIMEOUT_MS = 5_000;

/** Connects once (no reconnect); resolves with the client or rejects with the error mqtt.js emitted. */
function connect(url: string, opts: IClientOptions): Promise<MqttClient> {
  return withTimeout(
    `connect ${url}`,
    new Promise<MqttClient>((resolve, reject) => {
      const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 4_000, ...opts });
      client.once('connect', () => resolve(client));
      client.once('error', (err) => {
        client.end(true);
        reject(err);
      });
    }),
    TIMEOUT_MS,
  );
}

interface SubResult {
  err: Error | null;
  granted: ISubscriptionGrant[];
  /** Reason codes straight from the SUBACK. On refusal mqtt.js 5.16 leaves `granted[].qos` at the requested
   * QoS and puts no `code` on the error, so the refused code is only here (or on `err.packet.granted`). */
  reasonCodes: number[];
}

function subscribe(client: MqttClient, filter: string): Promise<SubResult> {
  return withTimeout(
    `subscribe ${filter}`,
    new Promise<SubResult>((resolve) => {
      client.subscribe(filter, { qos: 0 }, (err, granted, packet) => {
        resolve({ err: err ?? null, granted: granted ?? [], reasonCodes: packet?.granted.map(Number) ?? [] });
      });
    }),
    TIMEOUT_MS,
  );
}

function nextMessage(client: MqttClient, topic: string): Promise<string> {
  return withTimeout(
    `message on ${topic}`,
    new Promise<string>((resolve) => {
      const onMessage = (t: string, payload: Buffer) => {
        if (t !== topic) return;
        client.off('message', onMessage);
        resolve(payload.toString('utf8'));
      };
      client.on('message', onMessage);
    }),
    TIMEOUT_MS,
  );
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return `${err.constructor.name} message=${JSON.stringify(err.message)} code=${String(code)}`;
  }
  return String(err);
}

async function roundTrip(
  broker: MosquittoBroker,
  url: string,
  version: Version,
  creds: IClientOptions,
): Promise<void> {
  const topic = `test/check/v${version}/${url.split(':').at(-1)}`;
  const sub = await connect(url, { protocolVersion: version, ...creds });
  const pub = await connect(broker.tcpUrl, { protocolVersion: 4 });
  try {
    const { err } = await subscribe(sub, topic);
    assert.equal(err, null, `subscribe ${topic} failed: ${describeError(err)}`);
    const received = nextMessage(sub, topic);
    await pub.publishAsync(topic, `hello v${version}`);
    assert.equal(await received, `hello v${version}`);
    console.log(`ok   ${url} MQTT ${version === 5 ? '5' : '3.1.1'}: TCP publish -> WS receive`);
  } finally {
    await sub.endAsync();
    await pub.endAsync();
  }
}

/** The WS listeners must refuse connections on any non-loopback address of this host. */
async function assertLoopbackOnly(port: number): Promise<void> {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal);
  if (!external) {
    console.log('skip loopback-only check: host has no non-loopback IPv4 address');
    return;
  }
  const reachable = await new Promise<boolean>((resolve) => {
    const s = net.connect({ host: external.address, port });
    s.setTimeout(1_000, () => {
      s.destroy();
      resolve(false);
    });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
  assert.equal(reachable, false, `port ${port} is reachable on ${external.address}`);
  console.log(`ok   port ${port} refuses connections on ${external.address} (127.0.0.1 only)`);
}

async function main(): Promise<void> {
  let broker = await startMosquitto({ auth: true });
  const authUrl = broker.authWsUrl;
  assert.ok(authUrl, 'auth listener missing');
  const good = { username: AUTH_USER, password: AUTH_PASSWORD };
  try {
    console.log(`broker tcp=${broker.tcpUrl} ws=${broker.wsUrl} authWs=${authUrl}`);
    await assertLoopbackOnly(broker.wsPort);
    if (broker.authWsPort !== undefined) await assertLoopbackOnly(broker.authWsPort);

    for (const version of [5, 4] as const) {
      const name = version === 5 ? 'MQTT 5' : 'MQTT 3.1.1';
      await roundTrip(broker, broker.wsUrl, version, {});
      await roundTrip(broker, authUrl, version, good);

      for (const [label, creds] of [
        ['bad password', { username: AUTH_USER, password: 'wrong' }],
        ['anonymous', {}],
      ] as const) {
        const refused = await connect(authUrl, { protocolVersion: version, ...creds }).then(
          async (c) => {
            await c.endAsync();
            return null;
          },
          (e: unknown) => e,
        );
        assert.ok(refused instanceof Error, `${name} ${label}: connection was accepted`);
        const code = (refused as Error & { code?: number }).code;
        // MQTT 5: 0x86 Bad User Name or Password / 0x87 Not authorized; MQTT 3.1.1: 4 or 5.
        const expected = version === 5 ? [134, 135] : [4, 5];
        assert.ok(
          code !== undefined && expected.includes(code),
          `${name} ${label}: ${describeError(refused)}`,
        );
        console.log(`ok   ${name} ${label} refused: ${describeError(refused)}`);
      }

      const client = await connect(authUrl, { protocolVersion: version, ...good });
      try {
        for (const filter of ['secure/#', 'test/#']) {
          const r = await subscribe(client, filter);
          assert.equal(r.err, null, `${name} subscribe ${filter}: ${describeError(r.err)}`);
          console.log(`ok   ${name} subscribe ${filter} granted ${JSON.stringify(r.granted)}`);
        }
        for (const filter of ['forbidden/#', '#']) {
          const r = await subscribe(client, filter);
          assert.ok(r.err, `${name} subscribe ${filter} was granted: ${JSON.stringify(r.granted)}`);
          const rc = r.reasonCodes[0];
          // MQTT 5: 0x87 Not authorized; MQTT 3.1.1 has only 0x80 Failure.
          assert.equal(rc, version === 5 ? 0x87 : 0x80, `${name} ${filter}: SUBACK ${r.reasonCodes}`);
          console.log(
            `ok   ${name} subscribe ${filter} refused: SUBACK 0x${rc.toString(16)} (${rc}); ` +
              `mqtt.js ${describeError(r.err)}; granted[] passed to the callback ${JSON.stringify(r.granted)}`,
          );
        }
        assert.ok(client.connected, `${name}: a refused subscription must not drop the connection`);
      } finally {
        await client.endAsync();
      }
    }

    // A broker restart on the SAME ports, as an e2e test does to exercise reconnect.
    const ports = broker.ports;
    await broker.stop();
    broker = await startMosquitto({ auth: true, ports });
    assert.deepEqual(broker.ports, ports);
    await roundTrip(broker, broker.wsUrl, 5, {});
    console.log(`ok   restarted on the same ports ${JSON.stringify(ports)}`);
  } catch (err) {
    console.error(`--- mosquitto log tail ---\n${broker.logs().slice(-4_000)}`);
    throw err;
  } finally {
    await broker.stop();
  }
  console.log('mosquitto check passed');
}

await main();
