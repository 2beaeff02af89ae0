// `npm start` = Vite dev server + an embedded demo broker and firehose, so the app has something to show
// with zero setup. Dev server only: `vite build` ships static files that read a deployer-edited
// `config.json`, and `vite preview` serves that build as it is.
//
// Environment:
//   FIREHOSE_DEMO=0           no demo broker; without FIREHOSE_BROKER, /config.json is a 404 (app opens empty)
//   FIREHOSE_DEMO_PORT=9001   demo broker port (default 18830, or any free port if that one is taken)
//   FIREHOSE_BROKER=ws://...  serve this broker in /config.json instead of starting the demo
//   FIREHOSE_SUBS=a/#,b/+     subscriptions for FIREHOSE_BROKER (default '#')
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin, ViteDevServer } from 'vite';
import { aedesPublish, type DemoBroker, startDemoBroker } from './broker.ts';
import { startDemoPublisher } from './publisher.ts';

export interface FirehoseConfigJson {
  broker: string;
  subscriptions: { filter: string; qos: 0 | 1 | 2 }[];
  autoConnect: boolean;
  mqttVersion: 'auto' | '5' | '3.1.1';
}

interface RunningDemo {
  broker: DemoBroker;
  port: number;
  stop(): Promise<void>;
}

// Vite creates the NEW server (running configureServer) before closing the old one on a restart (e.g. after
// editing vite.config.ts, which also re-imports this module). Keeping the demo on globalThis lets the new
// server reuse it instead of racing the old one for a fixed FIREHOSE_DEMO_PORT.
const GLOBAL_KEY = Symbol.for('firehose-viewer.demo');
type DemoGlobal = { [GLOBAL_KEY]?: Promise<RunningDemo> | undefined };
const demoGlobal = globalThis as DemoGlobal;

/** Default demo broker port; any free port when it is taken. */
const DEFAULT_DEMO_PORT = 18830;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`FIREHOSE_DEMO_PORT must be an integer 0-65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

function parseSubscriptions(raw: string | undefined): FirehoseConfigJson['subscriptions'] {
  const filters = (raw ?? '#')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  return (filters.length > 0 ? filters : ['#']).map((filter) => ({ filter, qos: 0 }));
}

async function startDemo(port: number): Promise<RunningDemo> {
  const broker = await startDemoBroker({ port });
  const publisher = startDemoPublisher(aedesPublish(broker.aedes));
  let stopping: Promise<void> | undefined;
  return {
    broker,
    port,
    stop: () => {
      stopping ??= (async () => {
        publisher.stop();
        await broker.close();
      })();
      return stopping;
    },
  };
}

/** Returns the running demo, starting it unless one on a compatible port is already up. */
async function acquireDemo(port: number): Promise<RunningDemo> {
  const existing = demoGlobal[GLOBAL_KEY];
  if (existing) {
    const demo = await existing.catch(() => undefined);
    if (demo && (port === 0 || demo.broker.port === port)) return demo;
    await demo?.stop();
  }
  const started = startDemo(port);
  demoGlobal[GLOBAL_KEY] = started;
  started.catch(() => {
    if (demoGlobal[GLOBAL_KEY] === started) demoGlobal[GLOBAL_KEY] = undefined;
  });
  return started;
}

async function releaseDemo(): Promise<void> {
  const existing = demoGlobal[GLOBAL_KEY];
  demoGlobal[GLOBAL_KEY] = undefined;
  const demo = await existing?.catch(() => undefined);
  await demo?.stop();
}

// Vite ends the process itself on SIGTERM (after closing the server, which runs our closeServer hook), but
// not on Ctrl-C or a closed terminal: close the demo so browser tabs see a clean WebSocket close, then
// re-raise so the process still dies of the signal. A hung close must not keep the process alive.
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGHUP'];
const SIGNAL_CLOSE_BUDGET_MS = 1_000;
function onSignal(signal: NodeJS.Signals): void {
  for (const s of SIGNALS) process.off(s, onSignal);
  const budget = new Promise<void>((resolve) => setTimeout(resolve, SIGNAL_CLOSE_BUDGET_MS).unref());
  void Promise.race([releaseDemo(), budget]).finally(() => {
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}
function installSignalHandlers(): void {
  for (const s of SIGNALS) {
    process.off(s, onSignal);
    process.once(s, onSignal);
  }
}

function configMiddleware(server: ViteDevServer, getConfig: () => FirehoseConfigJson | undefined) {
  const configPath = `${server.config.base.replace(/\/?$/, '/')}config.json`;
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== configPath || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    const config = getConfig();
    res.setHeader('cache-control', 'no-store');
    if (!config) {
      // An explicit 404, so a stray public/config.json cannot reconnect a deliberately empty app.
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('No config: FIREHOSE_DEMO=0 and FIREHOSE_BROKER is not set\n');
      return;
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(config));
  };
}

export function firehoseDemo(): Plugin {
  return {
    name: 'firehose-demo',
    apply: 'serve',
    async configureServer(server) {
      // Vitest builds a Vite server from this config too; unit tests must not get a broker.
      if (process.env.VITEST) return;
      const logger = server.config.logger;
      const external = process.env.FIREHOSE_BROKER?.trim();
      let config: FirehoseConfigJson | undefined;

      if (external) {
        config = {
          broker: external,
          subscriptions: parseSubscriptions(process.env.FIREHOSE_SUBS),
          autoConnect: true,
          mqttVersion: 'auto',
        };
        logger.info(`Firehose broker: ${external} (from FIREHOSE_BROKER, demo off)`);
      } else if (process.env.FIREHOSE_DEMO === '0') {
        logger.info('Firehose demo off (FIREHOSE_DEMO=0): /config.json is 404');
      } else {
        // A stable default port keeps links (the app writes the broker into the URL) working across
        // restarts of `npm start`; if it is taken (a second dev server), any free port will do.
        const requested = process.env.FIREHOSE_DEMO_PORT;
        const demo = requested
          ? await acquireDemo(parsePort(requested))
          : await acquireDemo(DEFAULT_DEMO_PORT).catch(() => acquireDemo(0));
        installSignalHandlers();
        config = {
          broker: demo.broker.url,
          subscriptions: [{ filter: '#', qos: 0 }],
          autoConnect: true,
          mqttVersion: 'auto',
        };
        logger.info(`Firehose demo broker: ${demo.broker.url} (demo stream on)`);
      }

      server.middlewares.use(configMiddleware(server, () => config));
    },
    async closeServer({ reason }) {
      // On 'restart' the replacement server has already acquired the same demo (see GLOBAL_KEY).
      if (reason === 'close') await releaseDemo();
    },
  };
}
