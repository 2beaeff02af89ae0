// Starts and stops a REAL Mosquitto (Debian's 2.0.11) for e2e tests and the benchmark: 127.0.0.1 only,
// free ports, a fresh temp dir per broker. The in-process aedes demo broker is for `npm start`; behaviour is
// proved against this one.
import { type ChildProcess, spawn } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const MOSQUITTO_BIN = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';
// Debian ships the dynamic-security plugin in the mosquitto package itself.
export const DYNSEC_PLUGIN =
  process.env.MOSQUITTO_DYNSEC_PLUGIN ?? '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so';

/** Credentials accepted on the authenticated WebSocket listener (`auth: true`). */
export const AUTH_USER = 'firehose';
export const AUTH_PASSWORD = 's3cret';

// A broker that does not answer within 10 s is broken, not slow; failing here keeps a test from
// hanging until the runner's global timeout with no hint of why.
const READY_DEADLINE_MS = 10_000;
const STOP_GRACE_MS = 3_000;
// 64 kB of log tail is enough to show the last few hundred connect/subscribe lines in a failure report
// without letting a benchmark run (thousands of log lines a second) grow the test process.
const LOG_CAP_CHARS = 64 * 1024;

export interface MosquittoPorts {
  tcp: number;
  ws: number;
  authWs?: number;
}

export interface MosquittoOptions {
  /** Per-client queue bound for QoS>0 messages while a client is slow/offline. Default 1000. */
  maxQueuedMessages?: number;
  /** Add a third WebSocket listener that requires `firehose`/`s3cret` and enforces an ACL. */
  auth?: boolean;
  /** Reuse these ports, e.g. to simulate a broker restart after `stop()`. Default: fresh free ports. */
  ports?: MosquittoPorts;
}

export interface MosquittoBroker {
  tcpPort: number;
  wsPort: number;
  wsUrl: string;
  authWsPort?: number;
  authWsUrl?: string;
  tcpUrl: string;
  /** The ports in use, to pass back as `ports` when restarting on the same ports. */
  ports: MosquittoPorts;
  stop(): Promise<void>;
  logs(): string;
}

/** Asks the kernel for a free loopback port by binding port 0 and closing again. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      if (addr === null || typeof addr === 'string') {
        server.close();
        reject(new Error('freePort: server.address() returned no port'));
        return;
      }
      const { port } = addr;
      server.close(() => resolve(port));
    });
  });
}

/** Allocates `n` distinct free ports (kept distinct even if the kernel hands one out twice). */
export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** Whether something accepts TCP connections on 127.0.0.1:port (within 500 ms). */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Builds mosquitto.conf. Facts about Debian's Mosquitto 2.0.11 that shape it:
 * - a `websockets` listener binds every interface (`*` or 0.0.0.0, checked with `ss -ltn`) unless it has
 *   BOTH the address after the port and `socket_domain ipv4`; `bind_interface lo` alone, or the address
 *   alone, still binds everything. We set all three (address, `bind_interface lo`, `socket_domain ipv4`),
 *   which binds 127.0.0.1 only;
 * - a config with only WebSocket listeners does not start, so one TCP listener stays (Node publishers use it);
 * - a `#` only starts a comment at the beginning of a line, so no inline comments.
 */
export function mosquittoConfig(args: {
  ports: MosquittoPorts;
  maxQueuedMessages: number;
  dynsecConfigFile?: string;
}): string {
  const { ports } = args;
  const lines = [
    'user root',
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'log_timestamp true',
    'connection_messages true',
    'per_listener_settings true',
    `max_queued_messages ${args.maxQueuedMessages}`,
    // $SYS every second (default ~10 s), so the benchmark can attribute broker drops to a step.
    'sys_interval 1',
    '',
    `listener ${ports.tcp} 127.0.0.1`,
    'protocol mqtt',
    'allow_anonymous true',
    '',
    `listener ${ports.ws} 127.0.0.1`,
    'protocol websockets',
    'bind_interface lo',
    'socket_domain ipv4',
    'allow_anonymous true',
  ];
  if (ports.authWs !== undefined && args.dynsecConfigFile !== undefined) {
    lines.push(
      '',
      `listener ${ports.authWs} 127.0.0.1`,
      'protocol websockets',
      'bind_interface lo',
      'socket_domain ipv4',
      'allow_anonymous false',
      `plugin ${DYNSEC_PLUGIN}`,
      `plugin_opt_config_file ${args.dynsecConfigFile}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Mosquitto dynamic-security password entry: base64(PBKDF2-SHA512(password, salt, 101 rounds, 64 bytes)). */
function dynsecPassword(password: string): { password: string; salt: string; iterations: number } {
  const salt = randomBytes(12);
  const iterations = 101;
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return { password: hash.toString('base64'), salt: salt.toString('base64'), iterations };
}

/**
 * The dynamic-security config for the authenticated listener. It grants what an `acl_file` with
 * `user firehose` / `topic read secure/#` / `topic readwrite test/#` would, but unlike the acl_file it also
 * REFUSES other subscriptions: Mosquitto 2.0.11's acl_file never denies a SUBSCRIBE (it only filters
 * delivery), so `forbidden/#` would be granted with QoS 0 and then stay silent, which is useless for testing
 * how the app shows a refused subscription.
 */
export function dynsecConfig(): string {
  const allow = (acltype: string, topic: string) => ({ acltype, topic, allow: true });
  return JSON.stringify(
    {
      clients: [
        {
          username: AUTH_USER,
          textName: 'Firehose test user',
          ...dynsecPassword(AUTH_PASSWORD),
          roles: [{ rolename: 'firehose' }],
        },
      ],
      roles: [
        {
          rolename: 'firehose',
          acls: [
            allow('subscribePattern', 'secure/#'),
            allow('publishClientReceive', 'secure/#'),
            allow('subscribePattern', 'test/#'),
            allow('publishClientReceive', 'test/#'),
            allow('publishClientSend', 'test/#'),
          ],
        },
      ],
      defaultACLAccess: {
        publishClientSend: false,
        publishClientReceive: false,
        subscribe: false,
        unsubscribe: true,
      },
    },
    null,
    2,
  );
}

function isAddrInUse(text: string): boolean {
  return /address already in use/i.test(text);
}

class BrokerStartError extends Error {
  constructor(
    message: string,
    readonly addrInUse: boolean,
  ) {
    super(message);
    this.name = 'BrokerStartError';
  }
}

// A test runner that crashes or calls process.exit() never awaits stop(); without this, orphaned brokers
// would keep their ports and temp dirs until the machine reboots. 'exit' handlers must be synchronous,
// so this only SIGKILLs; the temp dirs of such brokers stay behind (they are a few hundred bytes each).
const liveBrokers = new Set<ChildProcess>();
let exitHookInstalled = false;
function ensureExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of liveBrokers) child.kill('SIGKILL');
  });
}

export async function startMosquitto(opts: MosquittoOptions = {}): Promise<MosquittoBroker> {
  // Free ports are only reserved until we close the probe socket; another process can take one before
  // Mosquitto binds it. Retry with new ports in that case, but never when the caller fixed the ports.
  const attempts = opts.ports ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      lastError = err;
      if (!(err instanceof BrokerStartError && err.addrInUse)) throw err;
    }
  }
  throw lastError;
}

async function startOnce(opts: MosquittoOptions): Promise<MosquittoBroker> {
  const auth = opts.auth ?? false;
  let ports: MosquittoPorts;
  if (opts.ports) {
    if (auth && opts.ports.authWs === undefined) {
      throw new Error('startMosquitto: auth is on but ports.authWs is missing');
    }
    ports = { tcp: opts.ports.tcp, ws: opts.ports.ws, ...(auth ? { authWs: opts.ports.authWs } : {}) };
  } else {
    const [tcp, ws, authWs] = await freePorts(auth ? 3 : 2);
    if (tcp === undefined || ws === undefined) throw new Error('startMosquitto: could not allocate ports');
    ports = { tcp, ws, ...(auth ? { authWs } : {}) };
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'firehose-mosquitto-'));
  const confFile = path.join(dir, 'mosquitto.conf');
  const dynsecConfigFile = auth ? path.join(dir, 'dynamic-security.json') : undefined;
  const confText = mosquittoConfig({
    ports,
    maxQueuedMessages: opts.maxQueuedMessages ?? 1000,
    ...(dynsecConfigFile ? { dynsecConfigFile } : {}),
  });
  try {
    if (dynsecConfigFile) await writeFile(dynsecConfigFile, dynsecConfig());
    await writeFile(confFile, confText);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    // Trim in steps of 16 kB rather than on every chunk, so a chatty broker does not re-slice each line.
    if (log.length > LOG_CAP_CHARS + 16 * 1024) log = log.slice(-LOG_CAP_CHARS);
  };
  const logs = () => (log.length > LOG_CAP_CHARS ? log.slice(-LOG_CAP_CHARS) : log);

  const child: ChildProcess = spawn(MOSQUITTO_BIN, ['-c', confFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  liveBrokers.add(child);
  ensureExitHook();

  let exited = false;
  let exitDescription = '';
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      liveBrokers.delete(child);
      exitDescription = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    });
    child.once('error', (err) => {
      exited = true;
      liveBrokers.delete(child);
      exitDescription = `spawn error: ${err.message}`;
      resolve();
    });
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, STOP_GRACE_MS);
        await exitPromise;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const wanted = [ports.tcp, ports.ws, ...(ports.authWs !== undefined ? [ports.authWs] : [])];
  const deadline = Date.now() + READY_DEADLINE_MS;
  const pending = new Set(wanted);
  while (pending.size > 0) {
    if (exited) {
      // Give the pipes a moment to deliver the last stderr lines (the reason it exited).
      await sleep(50);
      const text = logs();
      await stop();
      throw new BrokerStartError(
        `mosquitto exited during startup (${exitDescription}):\n${text}\n--- mosquitto.conf ---\n${confText}`,
        isAddrInUse(text),
      );
    }
    if (Date.now() > deadline) {
      const text = logs();
      await stop();
      throw new BrokerStartError(
        `mosquitto did not accept connections on ${[...pending].join(', ')} within ${READY_DEADLINE_MS} ms:\n${text}`,
        isAddrInUse(text),
      );
    }
    for (const port of [...pending]) {
      if (await canConnect(port)) pending.delete(port);
    }
    if (pending.size > 0) await sleep(50);
  }

  return {
    tcpPort: ports.tcp,
    wsPort: ports.ws,
    wsUrl: `ws://127.0.0.1:${ports.ws}`,
    ...(ports.authWs !== undefined
      ? { authWsPort: ports.authWs, authWsUrl: `ws://127.0.0.1:${ports.authWs}` }
      : {}),
    tcpUrl: `mqtt://127.0.0.1:${ports.tcp}`,
    ports,
    stop,
    logs,
  };
}
