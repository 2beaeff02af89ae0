// Starts and stops a REAL RabbitMQ (Debian's 3.10) with the Web MQTT plugin for e2e tests: 127.0.0.1 only,
// free ports, a fresh temp dir per broker, and its own epmd, so stop() ends exactly what start started.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { canConnect, freePorts } from './mosquitto';

/** The real start script; /usr/sbin/rabbitmq-server switches to the rabbitmq user and logs to /var/log. */
export const RABBITMQ_SERVER_BIN = process.env.RABBITMQ_SERVER_BIN ?? '/usr/lib/rabbitmq/bin/rabbitmq-server';
const RABBITMQCTL_BIN = path.join(path.dirname(RABBITMQ_SERVER_BIN), 'rabbitmqctl');
const EPMD_BIN = process.env.EPMD_BIN ?? 'epmd';

// Boot takes 7–20 s on two cores; 60 s means broken, not slow.
const READY_DEADLINE_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const LOG_CAP_CHARS = 64 * 1024;

export interface RabbitBroker {
  amqpUrl: string;
  amqpPort: number;
  wsPort: number;
  /** `ws://127.0.0.1:<wsPort>/ws`: the Web MQTT endpoint (MQTT 3.1.1 only; 3.10 has no MQTT 5). */
  wsUrl: string;
  stop(): Promise<void>;
  logs(): string;
}

interface Ports {
  amqp: number;
  ws: number;
  dist: number;
  ctlDist: number;
  epmd: number;
}

/**
 * rabbitmq.conf. Only the AMQP listener and the Web MQTT listener are opened, both on 127.0.0.1; the plain
 * MQTT listener (default 1883) is switched off, and no management plugin is enabled, so no fixed port is taken.
 */
export function rabbitConfig(ports: Pick<Ports, 'amqp' | 'ws'>): string {
  return `${[
    `listeners.tcp.default = 127.0.0.1:${ports.amqp}`,
    'listeners.ssl = none',
    'mqtt.listeners.tcp = none',
    'mqtt.listeners.ssl = none',
    'web_mqtt.tcp.ip = 127.0.0.1',
    `web_mqtt.tcp.port = ${ports.ws}`,
    'loopback_users = none',
    'log.file = false',
    'log.console = true',
    'log.console.level = info',
    'log.console.use_colors = off',
  ].join('\n')}\n`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface ProcStat {
  pid: number;
  state: string;
  ppid: number;
}

/** /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may hold spaces and ')', so split after the last ')'. */
function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state, ppid: Number(ppid) };
  } catch {
    return undefined; // exited while we looked
  }
}

/** Every process except zombies (which only wait for init to reap them). Linux only, like this whole file. */
function liveProcesses(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => procStat(Number(name)))
    .filter((p): p is ProcStat => p !== undefined && p.state !== 'Z');
}

/**
 * Live descendants of `root`. Not a process group: erl_child_setup calls setsid(), so the node's port
 * programs (inet_gethost, the disk monitor's sh) are in a session of their own.
 */
function descendants(root: number): number[] {
  const procs = liveProcesses();
  const found: number[] = [];
  for (let i = -1; i < found.length; i++) {
    const parent = i < 0 ? root : found[i];
    for (const p of procs) if (p.ppid === parent) found.push(p.pid);
  }
  return found;
}

const isLive = (pid: number) => {
  const p = procStat(pid);
  return p !== undefined && p.state !== 'Z';
};

/** Signals a pid; a process that is already gone is fine. */
function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

// A runner that crashes or calls process.exit() never awaits stop(): kill what is left on exit ('exit'
// handlers must be synchronous, which /proc reads are). Ctrl-C needs nothing: the broker and epmd share the
// terminal's process group, and rabbitmq-server's SIGINT trap shuts the node down.
const liveRoots = new Set<number>();
let exitHookInstalled = false;
function track(pid: number): void {
  liveRoots.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const root of liveRoots) for (const p of [root, ...descendants(root)]) signal(p, 'SIGKILL');
  });
}

/**
 * Spawns `cmd` with its output going to `onOutput`. `stop` sends SIGTERM to it (rabbitmq-server's trap turns
 * that into a clean node shutdown, ~1 s), waits until it and every descendant it had are gone, and SIGKILLs
 * whatever is left after STOP_GRACE_MS.
 */
function spawnTracked(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onOutput: (chunk: Buffer) => void,
) {
  const child: ChildProcess = spawn(cmd, args, { env, cwd: env.HOME, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const pid = child.pid;
  if (pid !== undefined) track(pid);
  let exitDescription: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, sig) => {
      exitDescription = sig ? `signal ${sig}` : `code ${code}`;
      resolve();
    });
    child.once('error', (err) => {
      exitDescription = `spawn error: ${err.message}`;
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (pid === undefined) return;
    const family = [pid, ...descendants(pid)];
    signal(pid, 'SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (family.some(isLive) && Date.now() < deadline) await sleep(50);
    for (const p of family.filter(isLive)) signal(p, 'SIGKILL');
    await exited;
    for (let i = 0; i < 20 && family.some(isLive); i++) await sleep(50);
    liveRoots.delete(pid);
  };
  return { exited: () => exitDescription, stop };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { env, cwd: env.HOME, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        if (err)
          reject(new Error(`${path.basename(cmd)} ${args.join(' ')}: ${err.message}\n${stdout}${stderr}`));
        else resolve(`${stdout}${stderr}`);
      },
    );
  });
}

class RabbitStartError extends Error {
  constructor(
    message: string,
    readonly addrInUse: boolean,
  ) {
    super(message);
    this.name = 'RabbitStartError';
  }
}

export async function startRabbitMQ(): Promise<RabbitBroker> {
  // A free port is only free until someone else binds it; retry once with new ports if that happened.
  let lastError: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await startOnce();
    } catch (err) {
      lastError = err;
      if (!(err instanceof RabbitStartError && err.addrInUse)) throw err;
    }
  }
  throw lastError;
}

async function startOnce(): Promise<RabbitBroker> {
  const started = Date.now();
  const [amqp, ws, dist, ctlDist, epmd] = await freePorts(5);
  if (
    amqp === undefined ||
    ws === undefined ||
    dist === undefined ||
    ctlDist === undefined ||
    epmd === undefined
  ) {
    throw new Error('startRabbitMQ: could not allocate ports');
  }
  const ports: Ports = { amqp, ws, dist, ctlDist, epmd };
  const nodeName = `fh-${process.pid}-${randomBytes(4).toString('hex')}@localhost`;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'firehose-rabbitmq-'));
  const confText = rabbitConfig(ports);
  try {
    await writeFile(path.join(dir, 'rabbitmq.conf'), confText);
    await writeFile(path.join(dir, 'enabled_plugins'), '[rabbitmq_web_mqtt].\n');
    // Sourced by the start scripts instead of /etc/rabbitmq/rabbitmq-env.conf.
    await writeFile(path.join(dir, 'rabbitmq-env.conf'), '');
    // Erlang refuses a cookie file that others can read.
    await writeFile(path.join(dir, '.erlang.cookie'), randomBytes(16).toString('hex'), { mode: 0o400 });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  // Nothing from the caller's RABBITMQ_*/ERL_* environment leaks in; HOME holds the cookie for server and CLI.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(RABBITMQ_|ERL_)/.test(k)),
  );
  const loopbackDist = '-kernel inet_dist_use_interface {127,0,0,1}';
  Object.assign(env, {
    HOME: dir,
    // erl writes erl_crash.dump into its working directory by default, i.e. the repository.
    ERL_CRASH_DUMP: path.join(dir, 'erl_crash.dump'),
    ERL_EPMD_PORT: String(ports.epmd),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_CONF_ENV_FILE: path.join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
    RABBITMQ_ADVANCED_CONFIG_FILE: path.join(dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_DIST_PORT: String(ports.dist),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: loopbackDist,
    RABBITMQ_CTL_DIST_PORT_MIN: String(ports.ctlDist),
    RABBITMQ_CTL_DIST_PORT_MAX: String(ports.ctlDist),
    RABBITMQ_CTL_ERL_ARGS: loopbackDist,
  });

  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (log.length > LOG_CAP_CHARS + 16 * 1024) log = log.slice(-LOG_CAP_CHARS);
  };
  const logs = () => (log.length > LOG_CAP_CHARS ? log.slice(-LOG_CAP_CHARS) : log);

  // Our own epmd, started first: otherwise the node starts a daemonised one that outlives it.
  const epmdProc = spawnTracked(EPMD_BIN, ['-port', String(ports.epmd), '-address', '127.0.0.1'], env, (c) =>
    append(Buffer.concat([Buffer.from('[epmd] '), c])),
  );
  let server: ReturnType<typeof spawnTracked> | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await server?.stop();
      await epmdProc.stop();
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const deadline = started + READY_DEADLINE_MS;
  const fail = async (what: string): Promise<never> => {
    await sleep(100); // let the pipes deliver the last lines
    const text = logs();
    await stop();
    throw new RabbitStartError(
      `${what}\n--- log tail ---\n${text.slice(-8_000)}\n--- rabbitmq.conf ---\n${confText}`,
      /eaddrinuse/i.test(text),
    );
  };

  // Each probe makes epmd log "got partial packet only": harmless, it is this connect-and-close.
  while (!(await canConnect(ports.epmd))) {
    const exit = epmdProc.exited();
    if (exit !== undefined) return fail(`epmd exited during startup (${exit})`);
    if (Date.now() > deadline) return fail(`epmd did not listen on ${ports.epmd}`);
    await sleep(20);
  }

  server = spawnTracked(RABBITMQ_SERVER_BIN, [], env, append);
  const pending = new Set([ports.amqp, ports.ws]);
  while (pending.size > 0) {
    const exit = server.exited();
    if (exit !== undefined) return fail(`rabbitmq-server exited during startup (${exit})`);
    if (Date.now() > deadline) {
      return fail(
        `rabbitmq-server did not accept connections on ${[...pending].join(', ')} within ${READY_DEADLINE_MS} ms`,
      );
    }
    for (const port of [...pending]) if (await canConnect(port)) pending.delete(port);
    if (pending.size > 0) await sleep(200);
  }
  try {
    const remaining = Math.max(1_000, deadline - Date.now());
    await run(
      RABBITMQCTL_BIN,
      ['await_startup', '--timeout', String(Math.ceil(remaining / 1000))],
      env,
      remaining,
    );
  } catch (err) {
    return fail(`rabbitmqctl await_startup failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  append(Buffer.from(`[rabbitmq.ts] ready after ${Date.now() - started} ms\n`));

  return {
    amqpUrl: `amqp://guest:guest@127.0.0.1:${ports.amqp}`,
    amqpPort: ports.amqp,
    wsPort: ports.ws,
    wsUrl: `ws://127.0.0.1:${ports.ws}/ws`,
    stop,
    logs,
  };
}
