// A TCP proxy on 127.0.0.1 for fault tests: the viewer connects through it to a real broker, and the
// test cuts, refuses or freezes the link, as a flaky network, a stuck load balancer or a broker busy
// restarting would. Bytes pass through untouched (WebSocket or plain MQTT alike).
import net from 'node:net';

export type ProxyMode = 'forward' | 'refuse' | 'blackhole';

export interface TcpProxy {
  port: number;
  /** What new connections get: forwarded, closed at once, or accepted and never answered. */
  setMode(mode: ProxyMode): void;
  /** Destroys every open connection (both sides), as a network drop does. */
  cutAll(): void;
  /** Stops forwarding on open connections without closing them: a frozen broker or link. */
  freezeAll(): void;
  /** Connections accepted so far. */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  let accepted = 0;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket | null; frozen: boolean }>();
  const server = net.createServer((client) => {
    accepted++;
    client.on('error', () => {});
    if (mode === 'refuse') {
      client.destroy();
      return;
    }
    const pair = { client, upstream: null as net.Socket | null, frozen: false };
    pairs.add(pair);
    client.on('close', () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (mode === 'blackhole') {
      client.on('data', () => {}); // read and drop: the peer sees an open socket that never answers
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    pair.upstream = upstream;
    // A frozen link carries nothing, not even the broker's own hang-up: Mosquitto closes its side once
    // our pings stop (1.5 × keepalive), and that close must not reach the viewer either.
    upstream.on('error', () => {
      if (!pair.frozen) client.destroy();
    });
    upstream.on('close', () => {
      if (!pair.frozen) client.destroy();
    });
    client.on('data', (chunk) => {
      if (!pair.frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!pair.frozen) client.write(chunk);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('tcpProxy: no port');
  return {
    port: address.port,
    setMode(next) {
      mode = next;
    },
    cutAll() {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream?.destroy();
      }
      pairs.clear();
    },
    freezeAll() {
      for (const p of pairs) p.frozen = true;
    },
    get accepted() {
      return accepted;
    },
    close() {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream?.destroy();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
