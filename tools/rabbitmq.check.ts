// Self-check for tools/rabbitmq.ts against the real Debian RabbitMQ 3.10 (Web MQTT plugin):
// `npx tsx tools/rabbitmq.check.ts`. Proves and prints what the app relies on when it watches a RabbitMQ
// event bus (Pulp's `pulp.server.*` AMQP events) over MQTT-over-WebSocket.
import assert from 'node:assert/strict';
import amqp from 'amqplib';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { type RabbitBroker, startRabbitMQ } from './rabbitmq';
import { withTimeout } from './withTimeout.ts';

const TIMEOUT_MS = 5_000;
const KEYS = ['sync.start', 'sync.finish', 'publish.start', 'publish.finish'].map(
  (k) => `pulp.server.repo.${k}`,
);

/** An MQTT 3.1.1 WebSocket subscriber that records every message's topic and payload. */
async function subscriber(url: string, filter: string) {
  const client: MqttClient = await withTimeout(
    `connect ${url}`,
    mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 4_000 }),
    TIMEOUT_MS,
  );
  const got: { topic: string; payload: string }[] = [];
  const waiters: (() => void)[] = [];
  client.on('message', (topic, payload) => {
    got.push({ topic, payload: payload.toString('utf8') });
    for (const w of waiters.splice(0)) w();
  });
  const granted = await client.subscribeAsync(filter, { qos: 0 });
  assert.equal(granted[0]?.qos, 0, `subscribe ${filter}: ${JSON.stringify(granted)}`);
  /** Resolves once `n` messages arrived. */
  const until = (n: number) =>
    withTimeout(
      `${n} messages on ${filter} (got ${got.length})`,
      new Promise<void>((resolve) => {
        const check = () => (got.length >= n ? resolve() : waiters.push(check));
        check();
      }),
      TIMEOUT_MS,
    );
  return { client, got, until };
}

/** MQTT 5 CONNECT: 10 0f | 00 04 "MQTT" | level 5 | clean start | keepalive 60 | no properties | id "c5". */
const MQTT5_CONNECT = Buffer.from('100f00044d5154540502003c0000026335', 'hex');

async function main(): Promise<void> {
  const t0 = Date.now();
  const broker: RabbitBroker = await startRabbitMQ();
  console.log(`broker up in ${Date.now() - t0} ms: amqp=${broker.amqpUrl} ws=${broker.wsUrl}`);
  const conn = await amqp.connect(broker.amqpUrl);
  const channel = await conn.createConfirmChannel();
  const publish = async (key: string, body: string) => {
    channel.publish('amq.topic', key, Buffer.from(body));
    await channel.waitForConfirms();
  };
  try {
    // (a) + (b): AMQP routing keys become MQTT topics with dots turned into slashes.
    const finishes = await subscriber(broker.wsUrl, 'pulp/server/repo/+/finish');
    const all = await subscriber(broker.wsUrl, 'pulp/#');
    for (const key of KEYS) await publish(key, JSON.stringify({ key }));
    await finishes.until(2);
    await all.until(4);
    const expectTopics = (keys: string[]) =>
      keys.map((k) => ({ topic: k.replaceAll('.', '/'), payload: JSON.stringify({ key: k }) }));
    assert.deepEqual(finishes.got, expectTopics(KEYS.filter((k) => k.endsWith('finish'))));
    console.log(
      `ok   AMQP amq.topic -> WS 'pulp/server/repo/+/finish' got ${JSON.stringify(finishes.got.map((m) => m.topic))}`,
    );
    assert.deepEqual(all.got, expectTopics(KEYS));
    console.log(`ok   AMQP amq.topic -> WS 'pulp/#' got ${JSON.stringify(all.got.map((m) => m.topic))}`);

    // (d) Only '.' becomes '/': routing keys 'a/b.c' and 'a.b.c' both show as topic 'a/b/c', but a
    // subscription to 'a/b/c' (binding key 'a.b.c') matches only the second.
    const hash = await subscriber(broker.wsUrl, '#');
    const exact = await subscriber(broker.wsUrl, 'a/b/c');
    await publish('a/b.c', 'slash');
    await publish('a.b.c', 'dots');
    await hash.until(2);
    await exact.until(1);
    assert.deepEqual(hash.got, [
      { topic: 'a/b/c', payload: 'slash' },
      { topic: 'a/b/c', payload: 'dots' },
    ]);
    assert.deepEqual(exact.got, [{ topic: 'a/b/c', payload: 'dots' }]);
    console.log(
      `ok   keys 'a/b.c', 'a.b.c' -> '#' got ${JSON.stringify(hash.got)}; 'a/b/c' got ${JSON.stringify(exact.got)}`,
    );
    for (const s of [finishes, all, hash, exact]) await s.client.endAsync();

    // (c) MQTT 5 gets no CONNACK: 3.10's frame parser crashes on the CONNECT's properties and the
    // connection is dropped. First as mqtt.js reports it...
    const events: string[] = [];
    await withTimeout(
      'mqtt.js MQTT 5 connect outcome',
      new Promise<void>((resolve) => {
        const c = mqtt.connect(broker.wsUrl, {
          protocolVersion: 5,
          reconnectPeriod: 0,
          connectTimeout: 4_000,
        });
        c.on('connect', (p) => events.push(`connect ${JSON.stringify(p)}`));
        c.on('error', (e) => events.push(`error ${e.message}`));
        c.on('close', () => {
          events.push('close');
          c.end(true);
          resolve();
        });
      }),
      TIMEOUT_MS,
    );
    assert.ok(!events.some((e) => e.startsWith('connect')), `MQTT 5 was accepted: ${events}`);
    console.log(`ok   mqtt.js protocolVersion 5: events ${JSON.stringify(events)} (no CONNACK)`);

    // ...then on the wire, with the WebSocket close code a browser would see.
    const raw = await withTimeout(
      'raw MQTT 5 CONNECT outcome',
      new Promise<{ bytes: number; code: number; reason: string }>((resolve, reject) => {
        const ws = new WebSocket(broker.wsUrl, 'mqtt');
        let bytes = 0;
        ws.on('open', () => ws.send(MQTT5_CONNECT));
        ws.on('message', (data: Buffer) => {
          bytes += data.length;
        });
        ws.on('error', reject);
        ws.on('close', (code, reason) => resolve({ bytes, code, reason: reason.toString('utf8') }));
      }),
      TIMEOUT_MS,
    );
    assert.equal(raw.bytes, 0, 'the broker answered an MQTT 5 CONNECT');
    console.log(
      `ok   raw MQTT 5 CONNECT over WS: 0 bytes back, close code ${raw.code} reason ${JSON.stringify(raw.reason)}`,
    );
  } catch (err) {
    console.error(`--- rabbitmq log tail ---\n${broker.logs().slice(-4_000)}`);
    throw err;
  } finally {
    await conn.close().catch(() => {});
    await broker.stop();
  }
  console.log(`rabbitmq check passed in ${Date.now() - t0} ms`);
}

await main();
