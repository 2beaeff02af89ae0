// The embedded demo broker for `npm start`: aedes (MQTT 3.1.1 only) over WebSocket on 127.0.0.1.
// It is a convenience for trying the app, not a test fixture; behaviour is proved against Mosquitto
// (tools/mosquitto.ts). Because aedes answers an MQTT 5 CONNECT with CONNACK return code 1
// ("unacceptable protocol version"), it also demonstrates the app's automatic 5 -> 3.1.1 fallback.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';

export interface DemoBroker {
  url: string;
  port: number;
  aedes: Aedes;
  close(): Promise<void>;
}

export type DemoPayload = string | Uint8Array;
export type DemoPublish = (
  topic: string,
  payload: DemoPayload,
  opts: { retain?: boolean; qos?: 0 | 1 },
) => void;

export async function startDemoBroker(opts: { port?: number; host?: string } = {}): Promise<DemoBroker> {
  const host = opts.host ?? '127.0.0.1';
  const aedes = await Aedes.createBroker();

  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('MQTT over WebSocket only\n');
  });
  const wss = new WebSocketServer({
    server: http,
    // mqtt.js offers `mqtt` (3.1.1 and 5) or `mqttv3.1` (3.1); browsers reject the handshake unless the
    // server echoes one of the offered subprotocols.
    handleProtocols: (protocols) => {
      for (const p of ['mqtt', 'mqttv3.1']) if (protocols.has(p)) return p;
      return false;
    },
  });
  wss.on('connection', (ws, req) => {
    const stream = createWebSocketStream(ws);
    // A browser tab closing mid-frame surfaces as a stream error; aedes already drops the client, and an
    // unhandled 'error' here would crash the dev server.
    stream.on('error', () => stream.destroy());
    aedes.handle(stream, req);
  });

  // ws re-emits the HTTP server's errors (EADDRINUSE at listen) on itself; the promise below reports
  // them, so this listener only keeps them from crashing the process as unhandled 'error' events.
  wss.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      aedes.close();
      reject(err);
    };
    http.once('error', onError);
    http.listen(opts.port ?? 0, host, () => {
      http.off('error', onError);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    })();
    return closing;
  };

  return { url: `ws://${host}:${port}`, port, aedes, close };
}

/** Publishes in-process through aedes, as if a client had sent the PUBLISH. */
export function aedesPublish(aedes: Aedes): DemoPublish {
  return (topic, payload, opts) => {
    if (aedes.closed) return;
    aedes.publish(
      {
        cmd: 'publish',
        topic,
        payload: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload),
        qos: opts.qos ?? 0,
        retain: opts.retain ?? false,
        dup: false,
      },
      () => {},
    );
  };
}
